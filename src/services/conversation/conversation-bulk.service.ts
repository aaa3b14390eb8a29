import { type Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { ConversationLabel } from '../../entities/conversation-label.entity';
import { ConversationEventType, type Outcome, type Priority } from '../../entities/enums';
import { Tag } from '../../entities/tag.entity';
import { toGlobalId } from '../../entities/global-id';
import { actorOf, isAdmin } from '../../auth/viewer';
import { EventType } from '../../realtime/event-types';
import { JobName } from '../../runtime/job-queue';
import { type Caller } from '../caller';
import { BusinessRuleError, forbidden, UserErrorCode } from '../errors';
import { isRowId, ownedRow } from '../owned-row';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import {
  type ConversationChange,
  type HistoryEntry,
  recordConversationChanges,
  snapshotOf,
} from './conversation-changes';
import { applyPriority } from './conversation-priority';
import { applySnooze, checkSnoozeUntil } from './conversation-snooze';
import { conversationReadScope, mayReadConversation } from './conversation-visibility';
import {
  applyClosing,
  assertOpen,
  assertWithAgents,
  autoCloseKey,
  checkCloseReason,
  handTo,
  targetAgent,
} from './conversation-workflow.service';

/** Up to this many conversations change in one transaction, answered at once. */
export const BULK_MAX = 100;

export interface BulkUpdateInput {
  conversationIds: string[];
  /** Assign every conversation to this agent (admins). */
  assignAgentId?: string | null;
  /** Put this label on every conversation. */
  labelId?: string | null;
  priority?: Priority | null;
  snoozeUntil?: Date | null;
  close?: { outcome: Outcome; reason: string } | null;
}

/** A refusal about one conversation of a bulk change: nothing of the call was written. */
export class BulkItemError extends BusinessRuleError {
  constructor(
    readonly conversationId: string,
    index: number,
    cause: BusinessRuleError,
  ) {
    super(cause.code, `Conversation ${conversationId}: ${cause.message}`, [
      'input',
      'conversationIds',
      String(index),
    ]);
  }
}

/** Locks the given conversations of the workspace in one statement, in id order (so concurrent bulk calls cannot deadlock). */
export async function lockConversationRows(
  uow: UnitOfWork,
  ids: readonly string[],
): Promise<Map<string, Conversation>> {
  const rows = await uow.manager
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .where('c.workspace_id = :workspaceId AND c.id = ANY(:ids)', {
      workspaceId: uow.workspaceId,
      ids: ids.filter(isRowId),
    })
    .orderBy('c.id')
    .setLock('pessimistic_write')
    .getMany();
  return new Map(rows.map((row) => [row.id, row]));
}

/** The refusal of a conversation that does not exist or that the caller may not read. */
export function conversationNotFound(): BusinessRuleError {
  return new BusinessRuleError(
    UserErrorCode.CONVERSATION_NOT_FOUND,
    'No such conversation (or you may not see it).',
  );
}

/** Checks the number of conversations of one bulk call. */
export function checkBulkCount(ids: readonly string[], max: number): void {
  if (ids.length === 0 || ids.length > max) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, `Give 1 to ${max} conversations.`, [
      'input',
      'conversationIds',
    ]);
  }
}

export interface BulkOptions {
  /**
   * Given (a bulk job's chunk): a refused conversation is reported here and left out, the others
   * still change. Absent: the first refusal throws and the whole call rolls back.
   */
  onItemError?: (error: BulkItemError) => void;
}

/**
 * Applies the same changes to up to 100 conversations in one transaction, all or nothing: the
 * rows are locked in one statement (in id order, so concurrent bulk calls cannot deadlock), each
 * rule runs on each row as the single mutations run it, and the rows, their history lines, labels,
 * events and closing jobs are written in a bounded number of statements whatever the count. The
 * first refusal names its conversation and rolls everything back; an id the caller may not read is
 * CONVERSATION_NOT_FOUND, like one that does not exist.
 */
export async function bulkUpdateConversations(
  caller: Caller,
  input: BulkUpdateInput,
): Promise<Conversation[]> {
  const ids = [...new Set(input.conversationIds)];
  checkBulkCount(ids, BULK_MAX);
  checkBulkChanges(caller, input);
  return inTransaction(caller.deps, caller.viewer.workspaceId, (uow) =>
    applyBulkUpdate(caller, uow, { ...input, conversationIds: ids }),
  );
}

/** The shape and rights of a bulk change, checked before anything is read. */
export function checkBulkChanges(caller: Caller, input: BulkUpdateInput): void {
  const { assignAgentId, labelId, priority, snoozeUntil, close } = input;
  if (!assignAgentId && !labelId && !priority && !snoozeUntil && !close) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'Name at least one change.', ['input']);
  }
  if (assignAgentId && !isAdmin(caller.viewer)) throw forbidden('Only admins assign conversations.');
  if (snoozeUntil) checkSnoozeUntil(caller, snoozeUntil, ['input', 'snoozeUntil']);
  if (close) checkCloseReason(close.reason, ['input', 'close', 'reason']);
}

/**
 * The bulk change inside `uow` (ids unique, changes checked): the conversations that exist and that
 * the caller may read change; see `BulkOptions` for a refused one. Returns the rows in the order given.
 */
export async function applyBulkUpdate(
  caller: Caller,
  uow: UnitOfWork,
  input: BulkUpdateInput,
  options: BulkOptions = {},
): Promise<Conversation[]> {
  const { deps, viewer } = caller;
  const ids = input.conversationIds;
  const { assignAgentId, labelId, priority, snoozeUntil, close } = input;
  const reason = close ? checkCloseReason(close.reason, ['input', 'close', 'reason']) : null;
  const label = labelId ? await ownedRow(caller, Tag, labelId) : null;
  const scope = conversationReadScope(viewer);
  const actor = actorOf(viewer);
  const { manager } = uow;
  const agent: Agent | null = assignAgentId
    ? await targetAgent(manager, uow.workspaceId, assignAgentId, ['input', 'assignAgentId'])
    : null;
  const byId = await lockConversationRows(uow, ids);
  const rows = [...byId.values()];
  const newLabels =
    label === null
      ? new Set<string>()
      : new Set(
          (
            (await manager.query(
              `SELECT id FROM unnest($1::uuid[]) AS c(id)
                WHERE NOT EXISTS (SELECT 1 FROM conversation_label l WHERE l.conversation_id = c.id AND l.tag_id = $2)`,
              [rows.map((row) => row.id), label.id],
            )) as { id: string }[]
          ).map((row) => row.id),
        );
  const now = deps.clock.now();
  const changes: ConversationChange[] = [];
  const closings: { conversationId: string; at: Date }[] = [];
  const labelled: Conversation[] = [];
  const changed: Conversation[] = [];
  for (const [index, id] of ids.entries()) {
    const conversation = byId.get(id);
    const globalId = toGlobalId('Conversation', id);
    try {
      if (!conversation || !mayReadConversation(scope, conversation)) throw conversationNotFound();
      const before = snapshotOf(conversation);
      const entries: HistoryEntry[] = [];
      if (agent && conversation.assigneeId !== agent.id) {
        assertOpen(conversation);
        assertWithAgents(conversation);
        const previous = conversation.assigneeId;
        handTo(conversation, agent.id, now);
        entries.push({ type: ConversationEventType.ASSIGNED, fromAgentId: previous, toAgentId: agent.id });
      }
      if (priority) entries.push(...applyPriority(viewer, conversation, priority));
      if (snoozeUntil) entries.push(...applySnooze(caller, conversation, snoozeUntil, now));
      const labelledNow = label !== null && newLabels.has(conversation.id);
      if (label && labelledNow) {
        entries.push({
          type: ConversationEventType.LABEL_ADDED,
          data: { tagId: label.globalId, name: label.name },
        });
      }
      let closingAt: Date | null = null;
      if (close && reason) {
        const closing = applyClosing(viewer, conversation, close.outcome, reason, now);
        entries.push(...closing.entries);
        closingAt = closing.autoCloseAt;
      }
      // Past every rule: from here on nothing refuses this conversation.
      if (labelledNow) labelled.push(conversation);
      if (closingAt) closings.push({ conversationId: conversation.id, at: closingAt });
      if (entries.length > 0) changes.push({ before, after: conversation, actor, entries });
      changed.push(conversation);
    } catch (error) {
      if (!(error instanceof BusinessRuleError)) throw error;
      const itemError = new BulkItemError(globalId, index, error);
      if (!options.onItemError) throw itemError;
      // The row was changed in memory only: it is neither saved nor recorded.
      options.onItemError(itemError);
    }
  }
  await saveConversations(
    uow.manager,
    changes.map((change) => change.after),
  );
  if (label && labelled.length > 0) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ConversationLabel)
      .values(
        labelled.map((row) => ({ conversationId: row.id, tagId: label.id, workspaceId: row.workspaceId })),
      )
      .orIgnore()
      .execute();
    for (const row of labelled) {
      uow.emit({
        type: EventType.LABEL_ADDED,
        conversationId: row.id,
        assigneeId: row.assigneeId,
        payload: { conversationId: row.id, labelId: label.id },
      });
    }
  }
  await recordConversationChanges(
    uow,
    { clock: deps.clock, visibleDays: viewer.workspace.visibleDays },
    changes,
  );
  // Every closing of one call falls due at the same instant: one statement enqueues them all.
  if (closings.length > 0) {
    await deps.jobs.sendMany(
      JobName.AUTO_CLOSE,
      closings.map((closing) => ({ workspaceId: uow.workspaceId, conversationId: closing.conversationId })),
      {
        manager,
        startAfter: closings[0]!.at,
        singletonKeys: closings.map((closing) => autoCloseKey(closing.conversationId, closing.at)),
      },
    );
  }
  return changed;
}

/** The workflow columns of many locked rows, written in one statement. */
async function saveConversations(
  manager: import('typeorm').EntityManager,
  conversations: Conversation[],
): Promise<void> {
  if (conversations.length === 0) return;
  const columns = [
    'handler',
    'assignee_id',
    'handed_off_at',
    'first_agent_reply_at',
    'last_activity_at',
    'status',
    'closed_at',
    'outcome',
    'close_reason',
    'auto_close_at',
    'waiting_since',
    'snoozed_until',
    'priority',
  ];
  const values = conversations.map((row) => ({
    id: row.id,
    handler: row.handler,
    assignee_id: row.assigneeId,
    handed_off_at: row.handedOffAt,
    first_agent_reply_at: row.firstAgentReplyAt,
    last_activity_at: row.lastActivityAt,
    status: row.status,
    closed_at: row.closedAt,
    outcome: row.outcome,
    close_reason: row.closeReason,
    auto_close_at: row.autoCloseAt,
    waiting_since: row.waitingSince,
    snoozed_until: row.snoozedUntil,
    priority: row.priority,
  }));
  await manager.query(
    `UPDATE conversation c SET (${columns.join(', ')}, updated_at) = (${columns.map((column) => `v.${column}`).join(', ')}, now())
       FROM jsonb_populate_recordset(NULL::conversation, $1::jsonb) v WHERE c.id = v.id`,
    [JSON.stringify(values)],
  );
}
