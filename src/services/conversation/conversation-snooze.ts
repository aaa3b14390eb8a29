import { type Conversation } from '../../entities/conversation.entity';
import { ChannelKind, ConversationEventType } from '../../entities/enums';
import { BusinessRuleError, type BusinessWarning, UserErrorCode, UserWarningCode } from '../errors';
import { type Caller } from '../caller';
import { type HistoryEntry } from './conversation-changes';
import {
  assertMayAct,
  assertOpen,
  assertWithAgents,
  changeConversation,
} from './conversation-workflow.service';
import { isSnoozed } from './tray-rules';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SnoozeResult {
  conversation: Conversation;
  warnings: BusinessWarning[];
}

/**
 * Takes the conversation out of the trays until `until` (or the customer's reply); it keeps its
 * assignee and team. Snoozing counts as activity, and the return is at most `visibleDays` away, so
 * the conversation comes back into a tray rather than past its visible days. A return after the
 * customer window closes is allowed, with a warning: answering then needs a template.
 */
export async function snoozeConversation(
  caller: Caller,
  input: { conversationId: string; until: Date },
): Promise<SnoozeResult> {
  const now = caller.deps.clock.now();
  checkSnoozeUntil(caller, input.until, ['input', 'until']);
  const conversation = await changeConversation(caller, input.conversationId, (row, _uow, at) =>
    applySnooze(caller, row, input.until, at),
  );
  return { conversation, warnings: windowWarnings(conversation, input.until, now) };
}

/** A snooze ends in the future, at most the workspace's visible days away. */
export function checkSnoozeUntil(caller: Caller, until: Date, field: string[]): void {
  const now = caller.deps.clock.now();
  const { visibleDays } = caller.viewer.workspace;
  if (Number.isNaN(until.getTime()) || until <= now) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, '`until` must be in the future.', field);
  }
  if (until.getTime() > now.getTime() + visibleDays * DAY_MS) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `A snooze lasts at most ${visibleDays} days (the workspace's visible days).`,
      field,
    );
  }
}

/** The snooze rule on a locked row (`until` already checked); returns its history line. */
export function applySnooze(caller: Caller, row: Conversation, until: Date, at: Date): HistoryEntry[] {
  assertOpen(row);
  assertWithAgents(row);
  assertMayAct(caller.viewer, row);
  row.snoozedUntil = until;
  if (row.lastActivityAt < at) row.lastActivityAt = at;
  return [{ type: ConversationEventType.SNOOZED, data: { until: until.toISOString() } }];
}

/** Meta channels only answer with free text inside the customer window. */
function windowWarnings(conversation: Conversation, until: Date, now: Date): BusinessWarning[] {
  if (conversation.channel === ChannelKind.API) return [];
  const expires = conversation.windowExpiresAt;
  if (expires && expires >= until) return [];
  return [
    {
      code: UserWarningCode.SNOOZE_PAST_WINDOW,
      message:
        expires && expires > now
          ? `The customer window closes at ${expires.toISOString()}, before the snooze ends: answering then needs a template (templateSend), unless the customer writes first.`
          : 'The customer window is closed: when the snooze ends, answering needs a template (templateSend), unless the customer writes first.',
      field: ['input', 'until'],
    },
  ];
}

/** Brings a snoozed conversation back to its trays now. */
export function unsnoozeConversation(
  caller: Caller,
  input: { conversationId: string },
): Promise<Conversation> {
  return changeConversation(caller, input.conversationId, (row, _uow, now) => {
    assertMayAct(caller.viewer, row);
    if (!isSnoozed(row, now)) {
      throw new BusinessRuleError(UserErrorCode.NOT_SNOOZED, 'The conversation is not snoozed.', [
        'input',
        'conversationId',
      ]);
    }
    row.snoozedUntil = null;
    return [{ type: ConversationEventType.UNSNOOZED, data: { reason: 'MANUAL' } }];
  });
}

/**
 * The customer wrote: a snooze ends at once (a snooze whose time already passed is merely cleared
 * ahead of its timer). Returns the history line, or null when there was no snooze.
 */
export function endSnoozeOnReply(conversation: Conversation, now: Date): HistoryEntry | null {
  if (conversation.snoozedUntil === null) return null;
  const early = isSnoozed(conversation, now);
  const until = conversation.snoozedUntil.toISOString();
  conversation.snoozedUntil = null;
  return {
    type: ConversationEventType.UNSNOOZED,
    data: early ? { reason: 'CUSTOMER_REPLY', until } : { reason: 'TIME', timer: until },
  };
}
