import { type AppDeps } from '../runtime/app-deps';
import {
  attemptDelivery,
  overdueDeliveries,
} from '../services/partner-webhook/partner-webhook-delivery.service';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * Posts one delivery attempt when it is due. HTTP failures are not job failures: the attempt is
 * recorded and the next one scheduled by the delivery service, on its own backoff.
 */
export function partnerWebhookDeliverHandler(deps: AppDeps) {
  return async (job: JobData<JobName.PARTNER_WEBHOOK_DELIVER>): Promise<void> => {
    await attemptDelivery(deps, job.workspaceId, job.deliveryId);
  };
}

/** Re-queues deliveries whose attempt is overdue (a lost job, a worker gone mid-attempt). */
export const overdueWebhookDeliveriesSweep: MaintenanceSweep = {
  name: 'overdue-webhook-deliveries',
  async run(deps: AppDeps): Promise<number> {
    const overdue = await overdueDeliveries(deps);
    for (const job of overdue) await deps.jobs.send(JobName.PARTNER_WEBHOOK_DELIVER, { ...job });
    return overdue.length;
  },
};

export function registerPartnerWebhookDeliverJob(deps: AppDeps): void {
  // Attempts are I/O bound (up to 10 s each): many run at once so one slow partner does not hold the rest.
  deps.jobs.register(JobName.PARTNER_WEBHOOK_DELIVER, partnerWebhookDeliverHandler(deps), {
    pollSeconds: 0.5,
    batchSize: 20,
    concurrency: 20,
  });
}
