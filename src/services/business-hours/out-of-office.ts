import { type Conversation } from '../../entities/conversation.entity';
import { ConversationEventType, ConversationStatus, Handler, MessageType } from '../../entities/enums';
import { Message } from '../../entities/message.entity';
import { type Workspace } from '../../entities/workspace.entity';
import { type HistoryEntry } from '../conversation/conversation-changes';
import { type UnitOfWork } from '../unit-of-work';
import { queueSystemMessage } from '../message/system-message';
import { calendarFor } from './business-hours.service';

/** The closed period of a calendar that never opens again: one reply for good. */
const NEVER = new Date('9999-12-31T00:00:00.000Z');

/**
 * The out-of-office reply for a customer message that arrives while closed: one per conversation
 * per closed period, never while the bot holds it. The period is named by the instant it ends
 * (the next opening), stored on the conversation; the caller holds the conversation's row lock,
 * so concurrent messages see each other's reply, and a replayed delivery never gets here (it is
 * recognised as stored before). The message is queued for the normal outbound dispatch; it is no
 * answer, so the customer still waits (unread, waiting time and SLA clocks are left alone).
 * Returns the message and its history line, or null when none is due.
 */
export async function outOfOfficeReply(
  uow: UnitOfWork,
  workspace: Pick<Workspace, 'id' | 'businessHours' | 'outOfOfficeMessage'>,
  conversation: Conversation,
  now: Date,
): Promise<{ message: Message; entry: HistoryEntry } | null> {
  const text = workspace.outOfOfficeMessage;
  if (!text || conversation.handler !== Handler.AGENT || conversation.status !== ConversationStatus.OPEN) {
    return null;
  }
  const calendar = await calendarFor(uow.manager, workspace, conversation.teamId);
  if (calendar.isOpenAt(now)) return null;
  const period = calendar.nextOpeningAt(now) ?? NEVER;
  if (conversation.outOfOfficeFor?.getTime() === period.getTime()) return null;
  conversation.outOfOfficeFor = period;
  const message = await queueSystemMessage(
    uow,
    conversation,
    { type: MessageType.TEXT, text, payload: null },
    now,
  );
  return {
    message,
    entry: {
      type: ConversationEventType.OUT_OF_OFFICE_SENT,
      data: { messageId: message.id, opensAt: period === NEVER ? null : period.toISOString() },
    },
  };
}
