import { InboundWebhook } from '../entities/inbound-webhook.entity';
import { type ChannelKind } from '../entities/enums';
import { JobName } from '../runtime/job-queue';
import { type AppDeps } from '../runtime/app-deps';

interface Pending {
  row: { workspaceId: string; channelAccountId: string; channel: ChannelKind; body: Buffer };
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

/**
 * Stores verified webhook bodies with their processing jobs. Deliveries that arrive while a write
 * is in flight are written together in the next transaction, so at high rates many webhooks share
 * one commit; each caller still answers only after its own row has committed.
 */
export class WebhookIntake {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly deps: AppDeps) {}

  store(row: Pending['row']): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.deps.dataSource.transaction(async (manager) => {
            const inserted = await manager
              .createQueryBuilder()
              .insert()
              .into(InboundWebhook)
              .values(batch.map((pending) => pending.row))
              .returning(['id', 'workspaceId'])
              .execute();
            const ids = inserted.identifiers as { id: string }[];
            await this.deps.jobs.sendMany(
              JobName.WEBHOOK_PROCESS,
              ids.map((identifier, index) => ({
                workspaceId: batch[index]!.row.workspaceId,
                inboundWebhookId: identifier.id,
              })),
              { manager, retryLimit: 8, retryDelaySeconds: 2, retryBackoff: true },
            );
          });
          for (const pending of batch) pending.resolve();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
