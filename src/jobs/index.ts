import { type AppDeps } from '../server/app-deps';
import { overdueClosingsSweep, registerAutoCloseJob } from './auto-close.job';
import { registerMaintenanceJob } from './maintenance.job';

/** Registers every job handler with the queue; each handler lives in its own file here. */
export function registerJobs(deps: AppDeps): void {
  registerAutoCloseJob(deps);
  // Every periodic clean-up runs from the one MAINTENANCE schedule.
  registerMaintenanceJob(deps, [overdueClosingsSweep]);
}
