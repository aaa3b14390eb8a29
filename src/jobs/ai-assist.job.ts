import { AiTrigger } from '../entities/enums';
import { type AppDeps } from '../runtime/app-deps';
import { type AiAssistJob, failStaleSummaries, runAiAssist } from '../services/ai-assist/ai-assist.service';
import { type MaintenanceSweep } from './maintenance.job';
import { JobName } from '../runtime/job-queue';

const TRIGGERS = new Set<string>(Object.values(AiTrigger));

function parseJob(data: Record<string, unknown>): AiAssistJob | null {
  const { conversationId, workspaceId, aiSummaryId, summary, suggestions, trigger } = data;
  if (typeof conversationId !== 'string' || typeof workspaceId !== 'string') return null;
  if (aiSummaryId !== null && aiSummaryId !== undefined && typeof aiSummaryId !== 'string') return null;
  return {
    conversationId,
    workspaceId,
    aiSummaryId: aiSummaryId ?? null,
    summary: summary === true,
    suggestions: suggestions === true,
    trigger: typeof trigger === 'string' && TRIGGERS.has(trigger) ? (trigger as AiTrigger) : AiTrigger.MANUAL,
  };
}

/**
 * Writes the summary and suggestions a handoff, transfer or manual request asked for. Provider
 * failures are stored on the summary (the job succeeds); only database trouble throws, and the queue's
 * retry is then harmless because the service re-reads what is already done.
 */
export function aiAssistHandler(deps: AppDeps) {
  return async (data: Record<string, unknown>): Promise<void> => {
    const job = parseJob(data);
    if (!job) {
      deps.logger.warn('ai-assist job without ids', { data });
      return;
    }
    await runAiAssist(deps, deps.ai, job);
  };
}

export function registerAiAssistJob(deps: AppDeps): void {
  deps.jobs.register(JobName.AI_ASSIST, aiAssistHandler(deps));
}

/** Summaries whose job will never finish end FAILED instead of PENDING forever. */
export const staleSummariesSweep: MaintenanceSweep = { name: 'stale-ai-summaries', run: failStaleSummaries };
