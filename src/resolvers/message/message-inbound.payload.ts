import { Field, ObjectType } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of messageInbound.' })
export class MessageInboundPayload extends MutationPayload {
  @Field(() => Message, {
    nullable: true,
    description: 'The stored message (the first one for a duplicate).',
  })
  message: Message | null = null;

  @Field(() => Conversation, { nullable: true, description: 'The conversation it belongs to.' })
  conversation: Conversation | null = null;

  @Field({ description: 'True when this externalId was already received: nothing changed.' })
  duplicate: boolean = false;
}
