import { type AppDeps } from '../runtime/app-deps';
import {
  dispatchWorkspace,
  workspacesBehind,
} from '../services/partner-webhook/partner-webhook-dispatch.service';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * Turns a workspace's new events into deliveries for each of its enabled endpoints, from each
 * endpoint's durable cursor. Queued after commits; running it twice or late creates nothing twice.
 */
export function partnerWebhookDispatchHandler(deps: AppDeps) {
  return async (job: JobData<JobName.PARTNER_WEBHOOK_DISPATCH>): Promise<void> => {
    await dispatchWorkspace(deps, job.workspaceId);
  };
}

/** The safety net under the after-commit hook: any endpoint behind the log gets a dispatch. */
export const webhookDispatchSweep: MaintenanceSweep = {
  name: 'partner-webhook-dispatch',
  async run(deps: AppDeps): Promise<number> {
    const behind = await workspacesBehind(deps);
    for (const workspaceId of behind) {
      await deps.jobs.send(JobName.PARTNER_WEBHOOK_DISPATCH, { workspaceId }, { singletonKey: workspaceId });
    }
    return behind.length;
  },
};

export function registerPartnerWebhookDispatchJob(deps: AppDeps): void {
  deps.jobs.register(JobName.PARTNER_WEBHOOK_DISPATCH, partnerWebhookDispatchHandler(deps), {
    pollSeconds: 0.5,
    batchSize: 10,
    concurrency: 4,
  });
}
