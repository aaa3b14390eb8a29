import { BulkJob, type BulkJobFailure, BulkJobKind } from '../../entities/bulk-job.entity';
import { type Conversation } from '../../entities/conversation.entity';
import { Macro } from '../../entities/macro.entity';
import { fromGlobalId } from '../../entities/global-id';
import { actorOf, isAdmin } from '../../auth/viewer';
import { currentViewerOf } from '../../auth/principal-viewer';
import { EventType } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import { JobName } from '../../runtime/job-queue';
import { type Caller } from '../caller';
import { AccessError, BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { isRowId } from '../owned-row';
import { inTransaction } from '../unit-of-work';
import {
  applyBulkUpdate,
  BULK_MAX,
  bulkUpdateConversations,
  type BulkItemError,
  type BulkUpdateInput,
  checkBulkChanges,
  checkBulkCount,
} from './conversation-bulk.service';
import { applyMacro } from '../macro/macro.service';

/** The most conversations one bulk job takes. */
export const BULK_JOB_MAX = 10_000;

/** The changes of an UPDATE job as stored: database ids, the snooze as an ISO instant. */
interface StoredUpdate {
  assignAgentId: string | null;
  labelId: string | null;
  priority: BulkUpdateInput['priority'];
  snoozeUntil: string | null;
  close: BulkUpdateInput['close'];
}

/**
 * Starts a bulk job over more conversations than one transaction takes: the row and one
 * BULK_CHUNK job per 100 conversations are written together, so the job exists exactly when its
 * chunks do. The changes were checked by the caller; each chunk checks them again when it runs.
 */
export async function startBulkJob(
  caller: Caller,
  kind: BulkJobKind,
  params: Record<string, unknown>,
  conversationIds: string[],
): Promise<BulkJob> {
  const ids = [...new Set(conversationIds)];
  checkBulkCount(ids, BULK_JOB_MAX);
  const { actorType, actorId } = actorOf(caller.viewer);
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const job = await uow.manager.getRepository(BulkJob).save(
      uow.manager.getRepository(BulkJob).create({
        workspaceId: uow.workspaceId,
        kind,
        requestedByType: actorType,
        requestedById: actorId,
        params,
        // An id that is no row id is reported by its chunk as not found, like any other.
        conversationIds: ids.filter(isRowId),
        chunkSize: BULK_MAX,
        chunksDone: [],
        failures: ids
          .filter((id) => !isRowId(id))
          .map((id) => ({
            conversationId: id,
            code: UserErrorCode.CONVERSATION_NOT_FOUND,
            message: 'No such conversation (or you may not see it).',
          })),
        failedCount: ids.filter((id) => !isRowId(id)).length,
      }),
    );
    const chunks = Math.ceil(job.conversationIds.length / job.chunkSize);
    await uow.deps.jobs.sendMany(
      JobName.BULK_CHUNK,
      Array.from({ length: chunks }, (_, chunk) => ({
        workspaceId: uow.workspaceId,
        bulkJobId: job.id,
        chunk,
      })),
      {
        manager: uow.manager,
        singletonKeys: Array.from({ length: chunks }, (_, chunk) => `bulk-chunk:${job.id}:${chunk}`),
      },
    );
    if (chunks === 0) {
      job.finishedAt = caller.deps.clock.now();
      await uow.manager.update(BulkJob, { id: job.id }, { finishedAt: job.finishedAt });
    }
    return job;
  });
}

/**
 * conversationsBulkUpdate: up to 100 conversations in one transaction (`conversations`), more as a
 * bulk job (`job`).
 */
export async function updateConversationsInBulk(
  caller: Caller,
  input: BulkUpdateInput,
): Promise<{ conversations?: Conversation[]; job?: BulkJob }> {
  const ids = [...new Set(input.conversationIds)];
  if (ids.length <= BULK_MAX) return { conversations: await bulkUpdateConversations(caller, input) };
  return { job: await startBulkUpdateJob(caller, { ...input, conversationIds: ids }) };
}

/** Starts an UPDATE job (conversationsBulkUpdate above 100 conversations). */
export function startBulkUpdateJob(caller: Caller, input: BulkUpdateInput): Promise<BulkJob> {
  checkBulkChanges(caller, input);
  const params: StoredUpdate = {
    assignAgentId: input.assignAgentId ?? null,
    labelId: input.labelId ?? null,
    priority: input.priority ?? null,
    snoozeUntil: input.snoozeUntil ? input.snoozeUntil.toISOString() : null,
    close: input.close ?? null,
  };
  return startBulkJob(caller, BulkJobKind.UPDATE, { ...params }, input.conversationIds);
}

/** Starts a MACRO job (macroRun above 100 conversations). */
export function startMacroJob(caller: Caller, macro: Macro, conversationIds: string[]): Promise<BulkJob> {
  return startBulkJob(caller, BulkJobKind.MACRO, { macroId: macro.id }, conversationIds);
}

function failureOf(error: BulkItemError): BulkJobFailure {
  return {
    conversationId: fromGlobalId(error.conversationId)?.id ?? error.conversationId,
    code: error.code,
    message: error.message,
  };
}

/**
 * Applies chunk `chunk` of a bulk job in one transaction, with the rights its requester has now.
 * The job row is locked first, so the chunks of one job run one after the other, and a chunk
 * already applied (the job ran twice) returns at once having written nothing. A refused
 * conversation is reported in the job and the rest of its chunk still changes; a refusal of the
 * whole chunk (the requester lost the right, the macro was deleted) reports each of its
 * conversations. Progress is announced with BULK_JOB_PROGRESS.
 */
export async function runBulkChunk(
  deps: AppDeps,
  data: { workspaceId: string; bulkJobId: string; chunk: number },
): Promise<void> {
  await inTransaction(deps, data.workspaceId, async (uow) => {
    const job = await uow.manager.findOne(BulkJob, {
      where: { id: data.bulkJobId, workspaceId: data.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!job || job.chunksDone.includes(data.chunk)) return;
    const ids = job.conversationIds.slice(data.chunk * job.chunkSize, (data.chunk + 1) * job.chunkSize);
    const failures: BulkJobFailure[] = [];
    const onItemError = (error: BulkItemError) => failures.push(failureOf(error));
    let changed = 0;
    const viewer = await currentViewerOf(
      deps.dataSource,
      data.workspaceId,
      job.requestedByType,
      job.requestedById,
    );
    try {
      if (!viewer) {
        throw new BusinessRuleError(
          UserErrorCode.AGENT_INACTIVE,
          'Who started the job was deactivated (or their key revoked) before this part ran.',
        );
      }
      const caller: Caller = { deps, viewer };
      if (ids.length > 0 && job.kind === BulkJobKind.UPDATE) {
        const params = job.params as unknown as StoredUpdate;
        const input: BulkUpdateInput = {
          conversationIds: ids,
          assignAgentId: params.assignAgentId,
          labelId: params.labelId,
          priority: params.priority,
          snoozeUntil: params.snoozeUntil ? new Date(params.snoozeUntil) : null,
          close: params.close,
        };
        checkBulkChanges(caller, input);
        changed = (await applyBulkUpdate(caller, uow, input, { onItemError })).length;
      } else if (ids.length > 0) {
        const macro = await uow.manager.findOne(Macro, {
          where: { id: String(job.params.macroId), workspaceId: data.workspaceId },
        });
        if (!macro) throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'The macro was deleted.');
        changed = (await applyMacro(caller, uow, macro, ids, { onItemError })).conversations.length;
      }
    } catch (error) {
      if (!(error instanceof BusinessRuleError) && !(error instanceof AccessError)) throw error;
      // Nothing of this chunk was written (each item's savepoint, or no item at all, ran).
      failures.length = 0;
      changed = 0;
      const code: string = error.code;
      const message = (error as Error).message;
      for (const conversationId of ids) failures.push({ conversationId, code, message });
    }
    const chunksDone = [...job.chunksDone, data.chunk];
    const finished = chunksDone.length >= Math.ceil(job.conversationIds.length / job.chunkSize);
    job.chunksDone = chunksDone;
    job.doneCount += changed;
    job.failedCount += failures.length;
    job.failures = [...job.failures, ...failures];
    job.finishedAt = finished ? deps.clock.now() : null;
    await uow.manager.update(
      BulkJob,
      { id: job.id },
      {
        chunksDone,
        doneCount: job.doneCount,
        failedCount: job.failedCount,
        failures: job.failures,
        finishedAt: job.finishedAt,
      },
    );
    uow.emit({
      type: EventType.BULK_JOB_PROGRESS,
      conversationId: null,
      assigneeId: null,
      payload: { bulkJobId: job.id, done: job.doneCount, failed: job.failedCount, finished },
    });
  });
}

/** A bulk job its requester or an admin may read, by database id; NOT_FOUND otherwise. */
export async function readableBulkJobOrNull(caller: Caller, id: string): Promise<BulkJob | null> {
  if (!isRowId(id)) return null;
  const job = await caller.deps.dataSource
    .getRepository(BulkJob)
    .findOne({ where: { id, workspaceId: caller.viewer.workspaceId } });
  if (!job) return null;
  const { actorType, actorId } = actorOf(caller.viewer);
  if (isAdmin(caller.viewer) || (job.requestedByType === actorType && job.requestedById === actorId))
    return job;
  return null;
}

export async function readableBulkJob(caller: Caller, id: string): Promise<BulkJob> {
  const job = await readableBulkJobOrNull(caller, id);
  if (!job) throw notFound('BulkJob');
  return job;
}
