import { adapterFor } from '../channels/channel-registry';
import { type InboundEvent } from '../channels/channel-adapter';
import { InvalidWebhookBodyError } from '../channels/webhook-body';
import { ChannelAccount } from '../entities/channel-account.entity';
import { InboundWebhook } from '../entities/inbound-webhook.entity';
import { Message } from '../entities/message.entity';
import { InboundFailureCode } from '../entities/enums';
import { receiveInboundMessage } from '../services/message/inbound-message.service';
import { receiveReaction } from '../services/message/message-reaction.service';
import { applyStatus } from '../services/message/message-status.service';
import { applyTemplateStatus } from '../services/template/template.service';
import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';

async function processEvent(deps: AppDeps, account: ChannelAccount, event: InboundEvent): Promise<void> {
  switch (event.kind) {
    case 'message':
      if (event.deleted) {
        await deps.dataSource
          .getRepository(Message)
          .createQueryBuilder()
          .update()
          .set({ payload: () => `coalesce(payload, '{}'::jsonb) || '{"deleted": true}'::jsonb` })
          .where('channel_account_id = :account AND external_id = :externalId', {
            account: account.id,
            externalId: event.externalId,
          })
          .execute();
        return;
      }
      await receiveInboundMessage(deps, account, event);
      return;
    case 'reaction':
      await receiveReaction(deps, account, event);
      return;
    case 'status':
      await applyStatus(deps, account, event);
      return;
    case 'template_status':
      await applyTemplateStatus(deps, account, event);
      return;
    case 'account_error':
      deps.logger.warn('channel reported an account error', {
        channelAccountId: account.id,
        error: event.error,
      });
      return;
  }
}

/**
 * Processes one stored webhook body. Every step is idempotent (provider ids are unique, statuses
 * only move forward), so a retry after a partial failure re-applies safely. A body that can never
 * be processed keeps its error on the stored row, where `inboundFailures` shows it.
 */
export async function runWebhookProcess(deps: AppDeps, job: JobData<JobName.WEBHOOK_PROCESS>): Promise<void> {
  const repository = deps.dataSource.getRepository(InboundWebhook);
  const stored = await repository.findOne({
    where: { id: job.inboundWebhookId, workspaceId: job.workspaceId },
  });
  if (!stored || stored.processedAt) return;
  const account = await deps.dataSource
    .getRepository(ChannelAccount)
    .findOne({ where: { id: stored.channelAccountId } });
  if (!account) return;
  await repository.increment({ id: stored.id }, 'attempts', 1);

  let events: InboundEvent[];
  try {
    events = adapterFor(account.kind).parse(stored.body);
  } catch (error) {
    // Our own message about the body (which agents see anyway), never an internal error's text.
    const reason = error instanceof InvalidWebhookBodyError ? error.message : 'The body could not be read.';
    await repository.update(
      { id: stored.id },
      { errorCode: InboundFailureCode.INVALID_BODY, error: reason, processedAt: deps.clock.now() },
    );
    return;
  }

  const failures: { kind: InboundEvent['kind']; error: string }[] = [];
  for (const event of events) {
    try {
      await processEvent(deps, account, event);
    } catch (error) {
      failures.push({ kind: event.kind, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (failures.length === 0) {
    await repository.update(
      { id: stored.id },
      { processedAt: deps.clock.now(), errorCode: null, error: null },
    );
    return;
  }
  // What went wrong inside (database errors among them) goes to the log, not to agents.
  deps.logger.warn('webhook events failed', {
    inboundWebhookId: stored.id,
    workspaceId: stored.workspaceId,
    failures,
  });
  const kinds = [...new Set(failures.map((failure) => failure.kind))].join(', ');
  await repository.update(
    { id: stored.id },
    {
      errorCode: InboundFailureCode.EVENT_FAILED,
      error: `${failures.length} of ${events.length} events (${kinds}) could not be applied; retried automatically.`,
    },
  );
  // Thrown so the queue retries with backoff (a status may arrive before its send stored the
  // provider id); the row keeps the error for agents meanwhile.
  throw new Error(`webhook ${stored.id}: ${failures.length} event(s) failed`);
}

export function registerWebhookProcessJob(deps: AppDeps): void {
  deps.jobs.register(JobName.WEBHOOK_PROCESS, (job) => runWebhookProcess(deps, job), {
    batchSize: 20,
    pollSeconds: 0.5,
  });
}
