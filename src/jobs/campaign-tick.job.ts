import { type AppDeps } from '../runtime/app-deps';
import { restartStalledCampaigns, runCampaignTick } from '../services/campaign/campaign-tick.service';
import { JobName } from '../runtime/job-queue';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * One second of a campaign: sends up to the channel account's messages-per-second and schedules
 * the next tick. Running it twice, or a stale copy, sends nothing more (see `runCampaignTick`).
 */
export function registerCampaignTickJob(deps: AppDeps): void {
  deps.jobs.register(
    JobName.CAMPAIGN_TICK,
    async (job) => {
      await runCampaignTick(deps, job);
    },
    // Ticks of different campaigns run side by side; one campaign's ticks never overlap (its lock).
    { batchSize: 5, concurrency: 5 },
  );
}

/** Restarts campaigns whose chain of ticks was lost. */
export const stalledCampaignsSweep: MaintenanceSweep = {
  name: 'stalled-campaigns',
  run: restartStalledCampaigns,
};
