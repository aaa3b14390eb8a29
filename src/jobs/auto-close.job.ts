import { type AppDeps } from '../runtime/app-deps';
import { finalizeDueClosing, overdueClosings } from '../services/conversation/conversation-workflow.service';
import { JobName } from '../runtime/job-queue';
import { type MaintenanceSweep } from './maintenance.job';

/** Job data: the conversation whose closing is due, and its workspace. */
export interface AutoCloseJob {
  conversationId: string;
  workspaceId: string;
}

function parseJob(data: Record<string, unknown>): AutoCloseJob | null {
  const { conversationId, workspaceId } = data;
  return typeof conversationId === 'string' && typeof workspaceId === 'string'
    ? { conversationId, workspaceId }
    : null;
}

/**
 * Finalizes one closing when its time has come. The conversation is re-read under lock, so a job that
 * runs late, early, twice, or after a reopening changes nothing it should not.
 */
export function autoCloseHandler(deps: AppDeps) {
  return async (data: Record<string, unknown>): Promise<void> => {
    const job = parseJob(data);
    if (!job) {
      deps.logger.warn('auto-close job without ids', { data });
      return;
    }
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
