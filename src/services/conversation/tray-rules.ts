import { ConversationStatus, Handler, TrayKind, TrayView } from '../../entities/enums';
import { type Conversation } from '../../entities/conversation.entity';

export const WINDOW_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const TRAYS_OF_VIEW: Record<TrayView, TrayKind[]> = {
  [TrayView.CLASSIC]: [TrayKind.NEW, TrayKind.ACTIVE],
  [TrayView.V2]: [TrayKind.ACTIVE, TrayKind.EXPIRED, TrayKind.OUTGOING],
};

export function visibleSince(now: Date, visibleDays: number): Date {
  return new Date(now.getTime() - visibleDays * DAY_MS);
}

/** The facts of a conversation that decide its trays (and, with the assignee, its audience). */
export type TrayFacts = Pick<
  Conversation,
  | 'status'
  | 'handler'
  | 'outcome'
  | 'assigneeId'
  | 'windowExpiresAt'
  | 'outgoingSince'
  | 'firstAgentReplyAt'
  | 'lastActivityAt'
  | 'snoozedUntil'
>;

/** Snoozed at `now`: out of every tray until its time. */
export function isSnoozed(conversation: Pick<Conversation, 'snoozedUntil'>, now: Date): boolean {
  return conversation.snoozedUntil !== null && conversation.snoozedUntil.getTime() > now.getTime();
}

/**
 * The tray of a conversation in a view, or null when it is in none (bot-held, closed or closing,
 * snoozed, older than `visibleDays`, or waiting in the V2 queue). The SQL of `trayCondition` says
 * the same.
 */
export function trayOf(
  conversation: TrayFacts,
  view: TrayView,
  now: Date,
  visibleDays: number,
): TrayKind | null {
  if (conversation.status !== ConversationStatus.OPEN || conversation.handler !== Handler.AGENT) return null;
  if (conversation.outcome !== null) return null;
  if (isSnoozed(conversation, now)) return null;
  if (conversation.lastActivityAt.getTime() <= visibleSince(now, visibleDays).getTime()) return null;
  if (view === TrayView.CLASSIC)
    return conversation.firstAgentReplyAt === null ? TrayKind.NEW : TrayKind.ACTIVE;
  if (conversation.outgoingSince !== null) return TrayKind.OUTGOING;
  if (conversation.windowExpiresAt === null || conversation.windowExpiresAt.getTime() <= now.getTime()) {
    return TrayKind.EXPIRED;
  }
  return conversation.assigneeId !== null ? TrayKind.ACTIVE : null;
}

/**
 * What every tray's rule starts with, in the words of the partial index that holds those rows
 * (`conversation_agent_tray_idx`: the planner matches the predicate as written).
 */
export const TRAY_BASE = `c.status = 'OPEN' AND c.handler = 'AGENT' AND c.outcome IS NULL AND c.last_activity_at > :visibleSince`;

/** Every tray rule in SQL over alias `c`; parameters `:now` and `:visibleSince`. */
export function trayCondition(kind: TrayKind, view: TrayView): string {
  return `${TRAY_BASE} AND ${trayConditionBeyondBase(kind, view)}`;
}

/**
 * What a tray's rule adds to `TRAY_BASE`: for a statement that already restricts to the base
 * (the tray counts), so that it names only columns the tray index holds — the base's own
 * columns are in the index's predicate, not in its entries, and would send each row to the heap.
 */
export function trayConditionBeyondBase(kind: TrayKind, view: TrayView): string {
  const base = `(c.snoozed_until IS NULL OR c.snoozed_until <= :now)`;
  if (view === TrayView.CLASSIC) {
    switch (kind) {
      case TrayKind.NEW:
        return `${base} AND c.first_agent_reply_at IS NULL`;
      case TrayKind.ACTIVE:
        return `${base} AND c.first_agent_reply_at IS NOT NULL`;
      default:
        return 'FALSE';
    }
  }
  switch (kind) {
    case TrayKind.OUTGOING:
      return `${base} AND c.outgoing_since IS NOT NULL`;
    case TrayKind.EXPIRED:
      return `${base} AND c.outgoing_since IS NULL AND (c.window_expires_at IS NULL OR c.window_expires_at <= :now)`;
    case TrayKind.ACTIVE:
      return `${base} AND c.outgoing_since IS NULL AND c.window_expires_at > :now AND c.assignee_id IS NOT NULL`;
    default:
      return 'FALSE';
  }
}

/** Whether a tray holds only assigned conversations (V2's ACTIVE): a restricted agent reads no one else's. */
export function trayNeedsAssignee(kind: TrayKind, view: TrayView): boolean {
  return view === TrayView.V2 && kind === TrayKind.ACTIVE;
}

/** The instants at which a conversation's tray changes by time alone (for the scheduled pushes). */
export function nextTimeTransitions(conversation: TrayFacts, visibleDays: number): Date[] {
  const times: Date[] = [];
  if (conversation.windowExpiresAt) times.push(conversation.windowExpiresAt);
  if (conversation.snoozedUntil) times.push(conversation.snoozedUntil);
  times.push(new Date(conversation.lastActivityAt.getTime() + visibleDays * DAY_MS));
  return times;
}
