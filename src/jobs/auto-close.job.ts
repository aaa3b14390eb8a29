import { type AppDeps } from '../runtime/app-deps';
import { finalizeDueClosing, overdueClosings } from '../services/conversation/conversation-workflow.service';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * Finalizes one closing when its time has come. The conversation is re-read under lock, so a job that
 * runs late, early, twice, or after a reopening changes nothing it should not.
 */
export function autoCloseHandler(deps: AppDeps) {
  return async (job: JobData<JobName.AUTO_CLOSE>): Promise<void> => {
    await finalizeDueClosing(deps, job.workspaceId, job.conversationId);
  };
}

/** Catches the closings whose job was lost: every overdue one, a batch per run. */
export const overdueClosingsSweep: MaintenanceSweep = {
  name: 'overdue-closings',
  async run(deps: AppDeps): Promise<number> {
    let finalized = 0;
    for (const { id, workspaceId } of await overdueClosings(deps)) {
      if (await finalizeDueClosing(deps, workspaceId, id)) finalized += 1;
    }
    return finalized;
  },
};

export function registerAutoCloseJob(deps: AppDeps): void {
  deps.jobs.register(JobName.AUTO_CLOSE, autoCloseHandler(deps));
}
