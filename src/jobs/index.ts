import { type AppDeps } from '../runtime/app-deps';
import { registerAiAssistJob, staleSummariesSweep } from './ai-assist.job';
import { registerBulkChunkJob } from './bulk-chunk.job';
import { overdueClosingsSweep, registerAutoCloseJob } from './auto-close.job';
import { registerCampaignTickJob, stalledCampaignsSweep } from './campaign-tick.job';
import { registerMaintenanceJob } from './maintenance.job';
import { mediaRetentionSweep, registerMediaRetentionJob } from './media-retention.job';
import { registerMediaCopyJob } from './media-copy.job';
import { registerMessageSendJob } from './message-send.job';
import { registerWebhookProcessJob } from './webhook-process.job';
import { eventRetentionSweep } from './event-retention.sweep';
import { spentCredentialsSweep } from './credential-retention.sweep';
import {
  overdueWebhookDeliveriesSweep,
  registerPartnerWebhookDeliverJob,
} from './partner-webhook-deliver.job';
import { registerPartnerWebhookDispatchJob, webhookDispatchSweep } from './partner-webhook-dispatch.job';
import { missedTrayTimersSweep, registerTrayTimerJob } from './tray-timer.job';
import { lapsedPresenceSweep, registerPresenceCheckJob } from './presence-check.job';
import { registerReadReceiptJob } from './read-receipt.job';
import { registerReportExportJob } from './report-export.job';
import { registerQueueDrainJob, waitingQueuesSweep } from './queue-drain.job';
import { missedSlaTimersSweep, registerSlaTimerJob } from './sla-timer.job';

/** Registers every job handler with the queue; each handler lives in its own file here. */
export function registerJobs(deps: AppDeps): void {
  registerAiAssistJob(deps);
  registerAutoCloseJob(deps);
  registerCampaignTickJob(deps);
  registerMessageSendJob(deps);
  registerWebhookProcessJob(deps);
  registerTrayTimerJob(deps);
  registerPartnerWebhookDispatchJob(deps);
  registerPartnerWebhookDeliverJob(deps);
  registerMediaRetentionJob(deps);
  registerMediaCopyJob(deps);
  registerPresenceCheckJob(deps);
  registerReadReceiptJob(deps);
  registerReportExportJob(deps);
  registerQueueDrainJob(deps);
  registerSlaTimerJob(deps);
  registerBulkChunkJob(deps);
  // Every periodic clean-up runs from the one MAINTENANCE schedule.
  registerMaintenanceJob(deps, [
    overdueClosingsSweep,
    eventRetentionSweep,
    missedTrayTimersSweep,
    missedSlaTimersSweep,
    stalledCampaignsSweep,
    webhookDispatchSweep,
    overdueWebhookDeliveriesSweep,
    staleSummariesSweep,
    lapsedPresenceSweep,
    spentCredentialsSweep,
    mediaRetentionSweep,
    waitingQueuesSweep,
  ]);
}
