import { type Conversation } from '../../entities/conversation.entity';
import { type Message } from '../../entities/message.entity';
import {
  type Actor,
  type ChangeEnv,
  type ConversationSnapshot,
  type HistoryEntry,
  recordConversationChange,
} from '../conversation/conversation-changes';
import { type UnitOfWork } from '../unit-of-work';

/**
 * An outbound message (agent reply, template, campaign send) joins its conversation: what the
 * customer wrote before counts as read, the message is the newest activity, and the change is
 * saved and recorded with its history and events. Callers decide the reply-specific facts
 * (first agent reply, OUTGOING) before, and queue the send after.
 */
export async function attachOutboundMessage(
  uow: UnitOfWork,
  env: ChangeEnv,
  change: {
    conversation: Conversation;
    before: ConversationSnapshot | null;
    actor: Actor;
    entries: HistoryEntry[];
    message: Message;
  },
): Promise<Conversation> {
  const { conversation, message } = change;
  const now = env.clock.now();
  conversation.unreadCount = 0;
  conversation.waitingSince = null;
  if (conversation.lastActivityAt < now) conversation.lastActivityAt = now;
  conversation.lastMessageId = message.id;
  const saved = await uow.manager.save(conversation);
  await recordConversationChange(uow, env, {
    before: change.before,
    after: saved,
    actor: change.actor,
    entries: change.entries,
    messages: [message],
  });
  return saved;
}
