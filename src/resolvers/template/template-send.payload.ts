import { Field, ObjectType } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of templateSend.' })
export class TemplateSendPayload extends MutationPayload {
  @Field(() => Message, { nullable: true, description: 'The template message, QUEUED for delivery.' })
  message: Message | null = null;

  @Field(() => Conversation, { nullable: true, description: 'The conversation, now OUTGOING.' })
  conversation: Conversation | null = null;
}

@ObjectType({ description: 'Result of messageRetry.' })
export class MessageRetryPayload extends MutationPayload {
  @Field(() => Message, { nullable: true, description: 'The message, QUEUED again.' })
  message: Message | null = null;
}
