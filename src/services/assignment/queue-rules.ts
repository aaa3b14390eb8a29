import { ConversationStatus, Handler } from '../../entities/enums';
import { isSnoozed, type TrayFacts } from '../conversation/tray-rules';

/**
 * The queue and the load, as automatic assignment counts them. The SQL of `QUEUED_SQL` and
 * `LOAD_SQL` says the same as these functions.
 */
/** The highest capacity an agent or the workspace default may be given. */
export const CAPACITY_MAX = 1000;

type QueueFacts = Pick<TrayFacts, 'status' | 'handler' | 'outcome' | 'assigneeId' | 'snoozedUntil'>;

/** With the agents, open, not closing, not snoozed: the work an agent has in hand (or the queue has). */
function inPlay(conversation: QueueFacts, now: Date): boolean {
  return (
    conversation.status === ConversationStatus.OPEN &&
    conversation.handler === Handler.AGENT &&
    conversation.outcome === null &&
    !isSnoozed(conversation, now)
  );
}

/** Waiting in the queue (the general one or its team's) for automatic assignment. */
export function isQueued(conversation: QueueFacts, now: Date): boolean {
  return inPlay(conversation, now) && conversation.assigneeId === null;
}

/**
 * Counts against its assignee's capacity: assigned, open, with the agents, neither closing (an
 * outcome typed) nor snoozed. A snoozed conversation counts again when it comes back.
 */
export function countsAgainstCapacity(conversation: QueueFacts, now: Date): boolean {
  return inPlay(conversation, now) && conversation.assigneeId !== null;
}

/** SQL over alias `c` (parameter `$now` given as the placeholder): in play, as `inPlay`. */
function inPlaySql(now: string): string {
  return (
    `c.status = 'OPEN' AND c.handler = 'AGENT' AND c.outcome IS NULL` +
    ` AND (c.snoozed_until IS NULL OR c.snoozed_until <= ${now})`
  );
}

/** `isQueued` in SQL over alias `c`, `now` being the placeholder of the instant. */
export function queuedSql(now: string): string {
  return `${inPlaySql(now)} AND c.assignee_id IS NULL`;
}

/** `countsAgainstCapacity` in SQL over alias `c`. */
export function loadSql(now: string): string {
  return `${inPlaySql(now)} AND c.assignee_id IS NOT NULL`;
}

/**
 * Whether a conversation change is a reason to drain the queue: the conversation arrived in a
 * queue (handoff, a new conversation without a bot, a transfer or unassignment to the queue, a
 * reopening or snooze ending without an assignee, a move to another team's queue), or its former
 * assignee has one conversation less in hand (closing, transfer, snooze, reassignment).
 */
export function drainsQueue(
  before: (QueueFacts & { teamId: string | null }) | null,
  beforeAt: Date,
  after: QueueFacts & { teamId: string | null },
  now: Date,
): boolean {
  if (isQueued(after, now)) {
    if (!before || !isQueued(before, beforeAt) || before.teamId !== after.teamId) return true;
  }
  if (before && countsAgainstCapacity(before, beforeAt)) {
    const kept = countsAgainstCapacity(after, now) && after.assigneeId === before.assigneeId;
    if (!kept) return true;
  }
  return false;
}
