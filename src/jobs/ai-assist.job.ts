import { type AppDeps } from '../runtime/app-deps';
import { failStaleSummaries, runAiAssist } from '../services/ai-assist/ai-assist.service';
import { type JobData } from '../runtime/job-catalog';
import { type MaintenanceSweep } from './maintenance.job';
import { JobName } from '../runtime/job-queue';

/**
 * Writes the summary and suggestions a handoff, transfer or manual request asked for. Provider
 * failures are stored on the summary (the job succeeds); only database trouble throws, and the queue's
 * retry is then harmless because the service re-reads what is already done.
 */
export function aiAssistHandler(deps: AppDeps) {
  return (job: JobData<JobName.AI_ASSIST>): Promise<void> => runAiAssist(deps, deps.ai, job);
}

export function registerAiAssistJob(deps: AppDeps): void {
  deps.jobs.register(JobName.AI_ASSIST, aiAssistHandler(deps));
}

/** Summaries whose job will never finish end FAILED instead of PENDING forever. */
export const staleSummariesSweep: MaintenanceSweep = { name: 'stale-ai-summaries', run: failStaleSummaries };
