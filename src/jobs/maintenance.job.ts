import { type AppDeps } from '../runtime/app-deps';
import { JobName } from '../runtime/job-queue';

/** A periodic clean-up run by the MAINTENANCE schedule (every minute); returns rows it handled. */
export interface MaintenanceSweep {
  name: string;
  run(deps: AppDeps): Promise<number>;
}

/**
 * Runs every sweep in turn; one that fails is logged and does not stop the others. Add a task by
 * passing its sweep to `registerMaintenanceJob`.
 */
export function maintenanceHandler(deps: AppDeps, sweeps: readonly MaintenanceSweep[]) {
  return async (): Promise<void> => {
    for (const sweep of sweeps) {
      try {
        const handled = await sweep.run(deps);
        if (handled > 0) deps.logger.info('maintenance sweep', { sweep: sweep.name, handled });
      } catch (error) {
        deps.logger.error('maintenance sweep failed', {
          sweep: sweep.name,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  };
}

export function registerMaintenanceJob(deps: AppDeps, sweeps: readonly MaintenanceSweep[]): void {
  deps.jobs.register(JobName.MAINTENANCE, maintenanceHandler(deps, sweeps));
}
