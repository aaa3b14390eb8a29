import { type AppDeps } from '../runtime/app-deps';
import { fireTrayTimer, missedWindowExpiries, overdueSnoozes } from '../services/conversation/tray-timers';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * Pushes a time-driven tray move (window expiry, end of a snooze, end of the visible days) at its instant. Harmless
 * to run twice, late, or after the conversation changed: `fireTrayTimer` re-reads and checks.
 */
export function trayTimerHandler(deps: AppDeps) {
  return async (job: JobData<JobName.TRAY_TIMER>): Promise<void> => {
    await fireTrayTimer(deps, job);
  };
}

/** How far back the sweep looks for window expiries whose timer never fired. */
export const MISSED_TIMER_LOOKBACK_MS = 15 * 60 * 1000;

/**
 * Catches window expiries of the last minutes whose move was never pushed (a timer lost, failed
 * for good, or never scheduled), and snoozes whose time has passed. Visibility timers (30 days)
 * rely on their job alone.
 */
export const missedTrayTimersSweep: MaintenanceSweep = {
  name: 'missed-tray-timers',
  async run(deps: AppDeps): Promise<number> {
    let fired = 0;
    const due = [
      ...(await missedWindowExpiries(deps, MISSED_TIMER_LOOKBACK_MS)),
      ...(await overdueSnoozes(deps)),
    ];
    for (const job of due) {
      if ((await fireTrayTimer(deps, job)) > 0) fired += 1;
    }
    return fired;
  },
};

export function registerTrayTimerJob(deps: AppDeps): void {
  // Polled twice a second so a move reaches subscribers well within seconds of its instant.
  deps.jobs.register(JobName.TRAY_TIMER, trayTimerHandler(deps), { pollSeconds: 0.5, batchSize: 20 });
}
