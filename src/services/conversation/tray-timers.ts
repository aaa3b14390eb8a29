import { Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import {
  ActorType,
  ConversationEventType,
  ConversationStatus,
  Handler,
  TrayKind,
  TrayView,
} from '../../entities/enums';
import { Workspace } from '../../entities/workspace.entity';
import { JobName } from '../../runtime/job-queue';
import { EventType } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import { nextTimeTransitions, trayOf, type TrayFacts } from './tray-rules';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { recordConversationChange, snapshotOf, SYSTEM_ACTOR } from './conversation-changes';

/** Job data of a tray timer: ids and the instant (ISO) at which a time rule changes the tray. */
export interface TrayTimerJob {
  workspaceId: string;
  conversationId: string;
  at: string;
}

type TimerFacts = TrayFacts & Pick<Conversation, 'id'>;

const VIEWS: TrayView[] = [TrayView.V2, TrayView.CLASSIC];

/** Only open, agent-handled conversations sit in trays, so only they move by time. */
function movesByTime(conversation: TimerFacts): boolean {
  return (
    conversation.status === ConversationStatus.OPEN &&
    conversation.handler === Handler.AGENT &&
    conversation.outcome === null
  );
}

export function trayTimerKey(conversationId: string, at: Date): string {
  return `tray-timer:${conversationId}:${at.toISOString()}`;
}

/**
 * Schedules the pushes of a conversation's time-driven tray moves (window expiry, the end of a
 * snooze, leaving the visible days) at their exact instants, in the caller's transaction. Call it after every change
 * that sets `windowExpiresAt` or `lastActivityAt` (or reopens / hands off). Timers of an earlier
 * state need no cancelling: the job checks that its instant is still one of the conversation's.
 */
export async function scheduleTrayTimers(
  uow: UnitOfWork,
  conversation: TimerFacts,
  visibleDays: number,
): Promise<void> {
  if (!movesByTime(conversation)) return;
  for (const at of nextTimeTransitions(conversation, visibleDays)) {
    await uow.enqueue(
      JobName.TRAY_TIMER,
      { conversationId: conversation.id, at: at.toISOString() },
      { startAfter: at, singletonKey: trayTimerKey(conversation.id, at) },
    );
  }
}

export class TrayTimerTooEarlyError extends Error {
  constructor(at: Date, now: Date) {
    super(`tray timer for ${at.toISOString()} ran at ${now.toISOString()}; it will be retried`);
    this.name = 'TrayTimerTooEarlyError';
  }
}

/**
 * Emits the tray moves a time rule makes at `at`, once. The conversation is re-read under lock; the
 * timer applies only if `at` is still one of its time transitions (a later message or assignment
 * moved them) and no move was recorded for it yet (a second run, or the sweep, finds it done).
 * Each view's move is the tray just before `at` against the tray at `at`, so late runs report the
 * move that happened then, not a mix with later ones. Returns the number of TRAY_CHANGED events.
 */
export async function fireTrayTimer(deps: AppDeps, job: TrayTimerJob): Promise<number> {
  const at = new Date(job.at);
  if (Number.isNaN(at.getTime())) return 0;
  const now = deps.clock.now();
  if (now.getTime() < at.getTime()) throw new TrayTimerTooEarlyError(at, now);
  return inTransaction(deps, job.workspaceId, async (uow) => {
    const conversation = await uow.manager.getRepository(Conversation).findOne({
      where: { id: job.conversationId, workspaceId: job.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!conversation || !movesByTime(conversation)) return 0;
    const workspace = await uow.manager.getRepository(Workspace).findOneByOrFail({ id: job.workspaceId });
    const current = nextTimeTransitions(conversation, workspace.visibleDays);
    if (!current.some((instant) => instant.getTime() === at.getTime())) return 0;
    if (conversation.snoozedUntil?.getTime() === at.getTime()) {
      return returnFromSnooze(uow, deps, conversation, workspace.visibleDays, job.at);
    }
    const done = await uow.manager.query(
      `SELECT 1 FROM conversation_event WHERE conversation_id = $1 AND type IN ('TRAY_MOVED', 'UNSNOOZED') AND data->>'timer' = $2 LIMIT 1`,
      [conversation.id, job.at],
    );
    if ((done as unknown[]).length > 0) return 0;

    const before = new Date(at.getTime() - 1);
    const moves = VIEWS.map((view) => ({
      view,
      from: trayOf(conversation, view, before, workspace.visibleDays),
      to: trayOf(conversation, view, at, workspace.visibleDays),
    })).filter((move) => move.from !== move.to);
    if (moves.length === 0) return 0;

    await writeTimerHistory(uow, conversation, job.at, moves, now);
    for (const move of moves) {
      uow.emit({
        type: EventType.TRAY_CHANGED,
        conversationId: conversation.id,
        assigneeId: conversation.assigneeId,
        payload: {
          conversationId: conversation.id,
          view: move.view,
          from: move.from,
          to: move.to,
          assigneeId: conversation.assigneeId,
          at: job.at,
        },
      });
    }
    return moves.length;
  });
}

/**
 * A snooze whose time has come: the conversation is back in its trays, judged against the state
 * just before the instant, and counts as active from then (it gets its visible days afresh). The
 * UNSNOOZED line's `data.timer` marks the instant as done for the sweep.
 */
async function returnFromSnooze(
  uow: UnitOfWork,
  deps: AppDeps,
  conversation: Conversation,
  visibleDays: number,
  timer: string,
): Promise<number> {
  const at = new Date(timer);
  const before = snapshotOf(conversation);
  conversation.snoozedUntil = null;
  if (conversation.lastActivityAt < at) conversation.lastActivityAt = at;
  const saved = await uow.manager.save(conversation);
  await recordConversationChange(
    uow,
    { clock: deps.clock, visibleDays },
    {
      before,
      after: saved,
      actor: SYSTEM_ACTOR,
      entries: [{ type: ConversationEventType.UNSNOOZED, data: { reason: 'TIME', timer } }],
      beforeAt: new Date(at.getTime() - 1),
    },
  );
  return uow.events.filter((event) => event.type === EventType.TRAY_CHANGED).length;
}

/** Snoozes whose time has passed without their timer having run (lost, failed, or late). */
export async function overdueSnoozes(deps: AppDeps, limit = 200): Promise<TrayTimerJob[]> {
  const rows = (await deps.dataSource.query(
    `SELECT workspace_id, id, snoozed_until FROM conversation
      WHERE status = 'OPEN' AND snoozed_until IS NOT NULL AND snoozed_until <= $1
      ORDER BY snoozed_until LIMIT $2`,
    [deps.clock.now(), limit],
  )) as { workspace_id: string; id: string; snoozed_until: Date }[];
  return rows.map((row) => ({
    workspaceId: row.workspace_id,
    conversationId: row.id,
    at: new Date(row.snoozed_until).toISOString(),
  }));
}

/** The history line of the move; its `data.timer` also marks the timer as done. */
async function writeTimerHistory(
  uow: UnitOfWork,
  conversation: Conversation,
  timer: string,
  moves: { view: TrayView; from: TrayKind | null; to: TrayKind | null }[],
  now: Date,
): Promise<void> {
  const [latest] = (await uow.manager.query(
    'SELECT max(created_at) AS at FROM conversation_event WHERE conversation_id = $1',
    [conversation.id],
  )) as { at: Date | null }[];
  const createdAt = new Date(Math.max(now.getTime(), latest?.at ? new Date(latest.at).getTime() + 1 : 0));
  const v2 = moves.find((move) => move.view === TrayView.V2);
  const classic = moves.find((move) => move.view === TrayView.CLASSIC);
  const repository = uow.manager.getRepository(ConversationEvent);
  await repository.save(
    repository.create({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      type: ConversationEventType.TRAY_MOVED,
      actorType: ActorType.SYSTEM,
      actorId: null,
      fromTray: v2?.from ?? null,
      toTray: v2?.to ?? null,
      data: { timer, ...(classic ? { classic: { from: classic.from, to: classic.to } } : {}) },
      createdAt,
    }),
  );
}

/**
 * Window expiries in the last `lookbackMs` whose move was never recorded: a lost or failed timer
 * (e.g. enqueued before this code ran). At most `limit` per run.
 */
export async function missedWindowExpiries(
  deps: AppDeps,
  lookbackMs: number,
  limit = 200,
): Promise<TrayTimerJob[]> {
  const now = deps.clock.now();
  const rows = (await deps.dataSource.query(
    `SELECT c.workspace_id, c.id, c.window_expires_at
       FROM conversation c
      WHERE c.status = 'OPEN' AND c.handler = 'AGENT' AND c.outcome IS NULL AND c.outgoing_since IS NULL
        AND c.window_expires_at > $1 AND c.window_expires_at <= $2
        AND NOT EXISTS (
          SELECT 1 FROM conversation_event e
           WHERE e.conversation_id = c.id AND e.type IN ('TRAY_MOVED', 'UNSNOOZED')
             AND e.data->>'timer' = to_char(c.window_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      LIMIT $3`,
    [new Date(now.getTime() - lookbackMs), now, limit],
  )) as { workspace_id: string; id: string; window_expires_at: Date }[];
  return rows.map((row) => ({
    workspaceId: row.workspace_id,
    conversationId: row.id,
    at: new Date(row.window_expires_at).toISOString(),
  }));
}
