import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { type Message } from '../../entities/message.entity';
import {
  ActorType,
  ConversationEventType,
  MessageDirection,
  MessageSender,
  type TrayKind,
  TrayView,
} from '../../entities/enums';
import { EventType, type NewEvent } from '../../realtime/event-types';
import { type Clock } from '../../runtime/clock';
import { trayOf, type TrayFacts } from './tray-rules';
import { scheduleTrayTimers } from './tray-timers';
import { type UnitOfWork } from '../unit-of-work';
import { drainsQueue } from '../assignment/queue-rules';
import { refreshSla } from '../sla/sla-clock';

/** Who made a change, as the history records it. */
export interface Actor {
  actorType: ActorType;
  /** Agent, API key or customer id by `actorType`; null for the system. */
  actorId: string | null;
}

export const SYSTEM_ACTOR: Actor = { actorType: ActorType.SYSTEM, actorId: null };

/** The facts of a conversation that decide its trays and its audience, copied before a change. */
export type ConversationSnapshot = TrayFacts & Pick<Conversation, 'teamId'>;

export function snapshotOf(conversation: Conversation): ConversationSnapshot {
  return {
    status: conversation.status,
    handler: conversation.handler,
    outcome: conversation.outcome,
    assigneeId: conversation.assigneeId,
    teamId: conversation.teamId,
    windowExpiresAt: conversation.windowExpiresAt,
    outgoingSince: conversation.outgoingSince,
    firstAgentReplyAt: conversation.firstAgentReplyAt,
    lastActivityAt: conversation.lastActivityAt,
    snoozedUntil: conversation.snoozedUntil,
  };
}

/** One line of history the change writes besides the tray moves, which are derived. */
export interface HistoryEntry {
  type: ConversationEventType;
  comment?: string | null;
  fromAgentId?: string | null;
  toAgentId?: string | null;
  data?: Record<string, unknown> | null;
  /** When this line has another actor than the change (a customer reopening, the system closing). */
  actor?: Actor;
}

export interface ConversationChange {
  /** The conversation before the change; null when the change created it. */
  before: ConversationSnapshot | null;
  /** The conversation as saved. */
  after: Conversation;
  actor: Actor;
  entries?: HistoryEntry[];
  /** Messages added by the change, announced as MESSAGE_ADDED. */
  messages?: Message[];
  /** Extra facts for the CONVERSATION_UPDATED payload (e.g. a note id). */
  details?: Record<string, unknown>;
  /**
   * When the trays of `before` are judged (default: now). A change made by a timer judges the
   * state it ends just before the timer's instant (a snooze that is over by then).
   */
  beforeAt?: Date;
}

export interface ChangeEnv {
  clock: Clock;
  visibleDays: number;
}

const VIEWS: TrayView[] = [TrayView.V2, TrayView.CLASSIC];

/**
 * The one place every conversation change is written down: its ConversationEvent rows (with a
 * TRAY_MOVED line whenever a tray changes) and the realtime events, in the caller's transaction.
 * Call it with the conversation row locked, so history lines of concurrent changes cannot interleave.
 */
export async function recordConversationChange(
  uow: UnitOfWork,
  env: ChangeEnv,
  change: ConversationChange,
): Promise<ConversationEvent[]> {
  return (await recordConversationChanges(uow, env, [change]))[0]!;
}

/**
 * `recordConversationChange` for many conversations of one transaction (a bulk change): their
 * history lines are read and written in one statement each, whatever their number.
 */
export async function recordConversationChanges(
  uow: UnitOfWork,
  env: ChangeEnv,
  changes: ConversationChange[],
): Promise<ConversationEvent[][]> {
  const now = env.clock.now();
  const planned = changes.map((change) => planChange(env, now, change));
  const written = await writeHistories(
    uow,
    now,
    planned.map(({ change, entries, trays }) => ({
      conversation: change.after,
      actor: change.actor,
      entries,
      v2: trays[TrayView.V2],
    })),
  );
  for (const [index, { change, trays, pushed }] of planned.entries()) {
    const { before, after } = change;
    const rows = written[index]!;
    const teamChanged = before !== null && before.teamId !== after.teamId;
    const previousAssigneeId =
      before && before.assigneeId !== after.assigneeId ? before.assigneeId : undefined;
    const previousTeamId = before && teamChanged ? before.teamId : undefined;
    const audience = (): Pick<
      NewEvent,
      'conversationId' | 'assigneeId' | 'previousAssigneeId' | 'previousTeamId'
    > => ({
      conversationId: after.id,
      assigneeId: after.assigneeId,
      ...(previousAssigneeId !== undefined ? { previousAssigneeId } : {}),
      ...(previousTeamId !== undefined ? { previousTeamId } : {}),
    });
    for (const message of change.messages ?? []) {
      uow.emit({
        type: EventType.MESSAGE_ADDED,
        ...audience(),
        payload: { messageId: message.id, conversationId: after.id },
      });
    }
    for (const view of pushed) {
      uow.emit({
        type: EventType.TRAY_CHANGED,
        ...audience(),
        payload: {
          conversationId: after.id,
          view,
          from: trays[view].from,
          to: trays[view].to,
          assigneeId: after.assigneeId,
        },
      });
    }
    if (!before || timeFactsChanged(before, after)) await scheduleTrayTimers(uow, after, env.visibleDays);
    if (drainsQueue(before, change.beforeAt ?? now, after, now)) uow.requestQueueDrain();
    // An agent's answer (a reply or a template) meets the response targets; the rest moves their clocks.
    const answered = (change.messages ?? []).some(
      (message) => message.direction === MessageDirection.OUTBOUND && message.sender === MessageSender.AGENT,
    );
    await refreshSla(uow, now, after, { answered });
    uow.emit({
      type: EventType.CONVERSATION_UPDATED,
      ...audience(),
      payload: {
        conversationId: after.id,
        events: rows.map((row) => row.type),
        ...change.details,
      },
    });
  }
  return written;
}

/** The trays a change moves the conversation between, the views to push, and its history lines. */
function planChange(env: ChangeEnv, now: Date, change: ConversationChange) {
  const { before, after } = change;
  const trays = Object.fromEntries(
    VIEWS.map((view) => [
      view,
      {
        from: before ? trayOf(before, view, change.beforeAt ?? now, env.visibleDays) : null,
        to: trayOf(after, view, now, env.visibleDays),
      },
    ]),
  ) as Record<TrayView, { from: TrayKind | null; to: TrayKind | null }>;
  const moved = VIEWS.filter((view) => trays[view].from !== trays[view].to);
  // Agents see their own trays and their queues: a move between assignees or between team queues
  // is a tray change for those on both sides, same kind or not.
  const reassigned = before !== null && before.assigneeId !== after.assigneeId;
  const teamChanged = before !== null && before.teamId !== after.teamId;
  const pushed = VIEWS.filter(
    (view) =>
      moved.includes(view) ||
      ((reassigned || teamChanged) && (trays[view].from !== null || trays[view].to !== null)),
  );
  const entries: HistoryEntry[] = [...(change.entries ?? [])];
  if (moved.length > 0) {
    entries.push({
      type: ConversationEventType.TRAY_MOVED,
      data: { classic: trays[TrayView.CLASSIC] },
    });
  }
  return { change, trays, pushed, entries };
}

/** Whether the instants at which the conversation moves by time alone may have changed. */
function timeFactsChanged(before: ConversationSnapshot, after: Conversation): boolean {
  return (
    before.windowExpiresAt?.getTime() !== after.windowExpiresAt?.getTime() ||
    before.lastActivityAt.getTime() !== after.lastActivityAt.getTime() ||
    before.snoozedUntil?.getTime() !== after.snoozedUntil?.getTime() ||
    before.status !== after.status ||
    before.handler !== after.handler ||
    before.outcome !== after.outcome
  );
}

/**
 * History lines of a change that moves no tray and announces itself with its own event (a label):
 * written like every other line, after the conversation's latest.
 */
export function appendHistory(
  uow: UnitOfWork,
  clock: Clock,
  conversation: Conversation,
  actor: Actor,
  entries: HistoryEntry[],
): Promise<ConversationEvent[]> {
  return writeHistory(uow, clock.now(), conversation, actor, entries, { from: null, to: null });
}

interface HistoryWrite {
  conversation: Conversation;
  actor: Actor;
  entries: HistoryEntry[];
  v2: { from: TrayKind | null; to: TrayKind | null };
}

/**
 * History rows get increasing creation times: never before the conversation's latest line (the
 * test clock may stand still), one millisecond apart, so the history sorts the way it happened.
 */
async function writeHistory(
  uow: UnitOfWork,
  now: Date,
  conversation: Conversation,
  actor: Actor,
  entries: HistoryEntry[],
  v2: { from: TrayKind | null; to: TrayKind | null },
): Promise<ConversationEvent[]> {
  return (await writeHistories(uow, now, [{ conversation, actor, entries, v2 }]))[0]!;
}

/** The history lines of many conversations: one statement reads their latest lines, one writes them all. */
async function writeHistories(
  uow: UnitOfWork,
  now: Date,
  writes: HistoryWrite[],
): Promise<ConversationEvent[][]> {
  const ids = [
    ...new Set(writes.filter((write) => write.entries.length > 0).map((write) => write.conversation.id)),
  ];
  if (ids.length === 0) return writes.map(() => []);
  const latest = (await uow.manager.query(
    `SELECT conversation_id, max(created_at) AS at FROM conversation_event
      WHERE conversation_id = ANY($1::uuid[]) GROUP BY conversation_id`,
    [ids],
  )) as { conversation_id: string; at: Date | null }[];
  const floors = new Map(
    latest.map((row) => [row.conversation_id, row.at ? new Date(row.at).getTime() + 1 : 0]),
  );
  const repository = uow.manager.getRepository(ConversationEvent);
  const byWrite = writes.map(({ conversation, actor, entries, v2 }) => {
    const base = Math.max(now.getTime(), floors.get(conversation.id) ?? 0);
    const rows = entries.map((entry, index) => {
      const lineActor = entry.actor ?? actor;
      const isMove = entry.type === ConversationEventType.TRAY_MOVED;
      return repository.create({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        type: entry.type,
        actorType: lineActor.actorType,
        actorId: lineActor.actorId,
        fromAgentId: entry.fromAgentId ?? null,
        toAgentId: entry.toAgentId ?? null,
        fromTray: isMove ? v2.from : null,
        toTray: isMove ? v2.to : null,
        comment: entry.comment ?? null,
        data: entry.data ?? null,
        createdAt: new Date(base + index),
      });
    });
    floors.set(conversation.id, base + rows.length);
    return rows;
  });
  const all = byWrite.flat();
  // One multi-row INSERT; generated ids are read back into the rows.
  if (all.length > 0) await repository.insert(all as QueryDeepPartialEntity<ConversationEvent>[]);
  return byWrite;
}
