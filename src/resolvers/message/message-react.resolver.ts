import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { reactToMessage } from '../../services/message/message-reaction.service';
import { markConversationRead, showTyping } from '../../services/conversation/read-position';
import {
  ConversationMarkReadInput,
  ConversationReadPayload,
  ConversationTypingInput,
  MessageReactInput,
  MessageReactPayload,
} from './message-react.types';

@Resolver()
export class MessageReactResolver {
  @Mutation(() => MessageReactPayload, {
    description:
      'Reacts to a message with an emoji, or removes our reaction: a WhatsApp reaction, an Instagram react/unreact. Messenger lets a page send no reactions (NOT_SUPPORTED_BY_CHANNEL); like any free-form message it needs the customer window (WINDOW_CLOSED).',
  })
  @Access(Allow.reply)
  messageReact(
    @Arg('input', () => MessageReactInput, { description: 'Message and emoji.' }) input: MessageReactInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<MessageReactPayload> {
    return mutate(MessageReactPayload, async () => ({
      message: await reactToMessage(ctx, {
        messageId: localId(input.messageId, 'Message'),
        emoji: input.remove ? null : (input.emoji ?? null),
      }),
    }));
  }

  @Mutation(() => ConversationReadPayload, {
    description:
      "The viewer has read the conversation: their `unreadCount` of it becomes 0. With `readReceipts: MANUAL` the customer's app is told (WhatsApp `status: read`, Messenger/Instagram `mark_seen`), with a typing indicator when `typing` is set.",
  })
  @Access(Allow.reply)
  conversationMarkRead(
    @Arg('input', () => ConversationMarkReadInput, { description: 'The conversation.' })
    input: ConversationMarkReadInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationReadPayload> {
    return mutate(ConversationReadPayload, async () => ({
      conversation: await markConversationRead(ctx, {
        conversationId: localId(input.conversationId, 'Conversation'),
        typing: input.typing ?? null,
      }),
    }));
  }

  @Mutation(() => ConversationReadPayload, {
    description:
      'Shows the customer that we are typing (Messenger/Instagram `typing_on`; WhatsApp with a read receipt of their latest message, so not while `readReceipts` is OFF).',
  })
  @Access(Allow.reply)
  conversationTyping(
    @Arg('input', () => ConversationTypingInput, { description: 'The conversation.' })
    input: ConversationTypingInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationReadPayload> {
    return mutate(ConversationReadPayload, async () => ({
      conversation: await showTyping(ctx, localId(input.conversationId, 'Conversation')),
    }));
  }
}
