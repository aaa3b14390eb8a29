import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { fireSlaTimer, missedSlaTimers } from '../services/sla/sla-timers';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * Records an SLA breach at its due time and pushes SLA_BREACHED. Harmless to run twice, late, or
 * after the conversation changed: `fireSlaTimer` re-reads and checks.
 */
export function slaTimerHandler(deps: AppDeps) {
  return async (job: JobData<JobName.SLA_TIMER>): Promise<void> => {
    await fireSlaTimer(deps, job);
  };
}

/** Due times that passed without their breach recorded (a timer lost or failed for good). */
export const missedSlaTimersSweep: MaintenanceSweep = {
  name: 'missed-sla-timers',
  async run(deps: AppDeps): Promise<number> {
    let fired = 0;
    for (const job of await missedSlaTimers(deps)) {
      if (await fireSlaTimer(deps, job)) fired += 1;
    }
    return fired;
  },
};

export function registerSlaTimerJob(deps: AppDeps): void {
  // Polled twice a second, like the tray timers, so a breach is pushed within a second of its due time.
  deps.jobs.register(JobName.SLA_TIMER, slaTimerHandler(deps), { pollSeconds: 0.5, batchSize: 20 });
}
