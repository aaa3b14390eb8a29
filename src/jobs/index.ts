import { type AppDeps } from '../server/app-deps';
import { overdueClosingsSweep, registerAutoCloseJob } from './auto-close.job';
import { registerMaintenanceJob } from './maintenance.job';
import { registerMessageSendJob } from './message-send.job';
import { registerWebhookProcessJob } from './webhook-process.job';
import { eventRetentionSweep } from './event-retention.sweep';

/** Registers every job handler with the queue; each handler lives in its own file here. */
export function registerJobs(deps: AppDeps): void {
  registerAutoCloseJob(deps);
  registerMessageSendJob(deps);
  registerWebhookProcessJob(deps);
  // Every periodic clean-up runs from the one MAINTENANCE schedule.
  registerMaintenanceJob(deps, [overdueClosingsSweep, eventRetentionSweep]);
}
