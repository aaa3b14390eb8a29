import { type AppDeps } from '../runtime/app-deps';
import { drainQueue, workspacesToDrain } from '../services/assignment/queue-drain.service';
import { scheduleQueueDrain } from '../services/assignment/queue-drain-request';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * Gives the workspace's queue out to available agents with room. Re-reads everything under the
 * workspace's drain lock, so runs in several workers at once, late or repeated, assign each
 * conversation once and nobody above capacity.
 */
export function queueDrainHandler(deps: AppDeps) {
  return async (job: JobData<JobName.QUEUE_DRAIN>): Promise<void> => {
    await drainQueue(deps, job.workspaceId);
  };
}

/** Queues left waiting while agents have room (a drain lost with a process, a window that opened): drained again. */
export const waitingQueuesSweep: MaintenanceSweep = {
  name: 'waiting-queues',
  run: async (deps: AppDeps) => {
    const workspaces = await workspacesToDrain(deps);
    for (const workspaceId of workspaces) await scheduleQueueDrain(deps, workspaceId);
    return workspaces.length;
  },
};

export function registerQueueDrainJob(deps: AppDeps): void {
  // Polled every second: a conversation reaches an agent within a second or so of its arrival.
  deps.jobs.register(JobName.QUEUE_DRAIN, queueDrainHandler(deps), { pollSeconds: 1, batchSize: 5 });
}
