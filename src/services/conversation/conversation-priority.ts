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
    assertOpen(conversation);
    if (conversation.handler === Handler.AGENT) assertMayAct(caller.viewer, conversation);
    const from = conversation.priority;
    if (from === input.priority) return null;
    conversation.priority = input.priority;
    return [{ type: ConversationEventType.PRIORITY_CHANGED, data: { from, to: input.priority } }];
  });
}
