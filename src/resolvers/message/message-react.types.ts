import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import { MutationPayload } from '../mutation-payload';

@InputType({ description: 'Our reaction to a message, or its removal.' })
export class MessageReactInput {
  @Field(() => ID, { description: 'The message to react to (a customer’s or one of ours, already SENT).' })
  messageId: string;

  @Field(() => String, {
    nullable: true,
    description: 'One emoji, e.g. 👍; null or empty removes our reaction.',
  })
  emoji?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true removes our reaction, whatever `emoji` says.' })
  remove?: boolean | null;
}

@ObjectType({ description: 'Result of messageReact.' })
export class MessageReactPayload extends MutationPayload {
  @Field(() => Message, { nullable: true, description: 'The message, with its reactions now.' })
  message: Message | null = null;
}

@InputType({ description: 'The viewer has read a conversation.' })
export class ConversationMarkReadInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Also show the customer that we are typing (WhatsApp: until we answer or 25 s).',
  })
  typing?: boolean | null;
}

@InputType({ description: 'Show the customer that we are typing.' })
export class ConversationTypingInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;
}

@ObjectType({ description: 'Result of conversationMarkRead and conversationTyping.' })
export class ConversationReadPayload extends MutationPayload {
  @Field(() => Conversation, {
    nullable: true,
    description: 'The conversation; its `unreadCount` is now 0 for the viewer after conversationMarkRead.',
  })
  conversation: Conversation | null = null;
}
