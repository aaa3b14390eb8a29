import { type Viewer } from '../../auth/viewer';
import { type HistoryEntry } from './conversation-changes';
import { type Conversation } from '../../entities/conversation.entity';
import { ConversationEventType, Handler, type Priority } from '../../entities/enums';
import { type Caller } from '../caller';
import { assertMayAct, assertOpen, changeConversation } from './conversation-workflow.service';

/**
 * Sets how urgent a conversation is: an agent on what they may work on, the bot on what it holds,
 * a partner with a write key. Setting the priority it has changes nothing and records nothing.
 */
export function setConversationPriority(
  caller: Caller,
  input: { conversationId: string; priority: Priority },
): Promise<Conversation> {
  return changeConversation(caller, input.conversationId, (conversation) => {
    const entries = applyPriority(caller.viewer, conversation, input.priority);
    return entries.length === 0 ? null : entries;
  });
}

/** The priority rule on a locked row; no history line when it already has that priority. */
export function applyPriority(
  viewer: Viewer,
  conversation: Conversation,
  priority: Priority,
): HistoryEntry[] {
  assertOpen(conversation);
  if (conversation.handler === Handler.AGENT) assertMayAct(viewer, conversation);
  const from = conversation.priority;
  if (from === priority) return [];
  conversation.priority = priority;
  return [{ type: ConversationEventType.PRIORITY_CHANGED, data: { from, to: priority } }];
}
