import { type BulkJob } from '../../entities/bulk-job.entity';
import { type Caller } from '../caller';
import { BULK_MAX, checkBulkCount } from '../conversation/conversation-bulk.service';
import { BULK_JOB_MAX, startMacroJob } from '../conversation/bulk-job.service';
import { inTransaction } from '../unit-of-work';
import { applyMacro, type MacroRun, readableMacro } from './macro.service';

/**
 * Runs a macro the caller sees: on up to 100 conversations in one transaction, all or nothing
 * (`run`); on more, as a bulk job of one transaction per 100 (`job`).
 */
export async function runMacro(
  caller: Caller,
  input: { macroId: string; conversationIds: string[] },
): Promise<{ run?: MacroRun; job?: BulkJob }> {
  const macro = await readableMacro(caller, input.macroId);
  const ids = [...new Set(input.conversationIds)];
  checkBulkCount(ids, BULK_JOB_MAX);
  if (ids.length > BULK_MAX) return { job: await startMacroJob(caller, macro, ids) };
  const run = await inTransaction(caller.deps, caller.viewer.workspaceId, (uow) =>
    applyMacro(caller, uow, macro, ids),
  );
  return { run };
}
