import { type AppDeps } from '../runtime/app-deps';
import { settleLapsedPresence, settlePresence } from '../services/agent/agent-presence.service';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * Runs when an agent's grace period after their last session is over: OFFLINE unless a session
 * came back. Re-reads everything, so a late, early or repeated run changes nothing it should not.
 */
export function presenceCheckHandler(deps: AppDeps) {
  return async (job: JobData<JobName.PRESENCE_CHECK>): Promise<void> => {
    await settlePresence(deps, job.workspaceId, job.agentId);
  };
}

/** Agents left available by a process that died (no session end, no check): OFFLINE once their leases lapse. */
export const lapsedPresenceSweep: MaintenanceSweep = {
  name: 'lapsed-presence',
  run: (deps: AppDeps) => settleLapsedPresence(deps),
};

export function registerPresenceCheckJob(deps: AppDeps): void {
  // Polled every second: a dashboard sees the agent go OFFLINE within a second or two of the grace's end.
  deps.jobs.register(JobName.PRESENCE_CHECK, presenceCheckHandler(deps), { pollSeconds: 1, batchSize: 20 });
}
