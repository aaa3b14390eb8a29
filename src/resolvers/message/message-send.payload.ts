import { Field, ObjectType } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of messageSend.' })
export class MessageSendPayload extends MutationPayload {
  @Field(() => Message, {
    nullable: true,
    description: 'The outbound message, QUEUED: its status follows the delivery.',
  })
  message: Message | null = null;

  @Field(() => Conversation, { nullable: true, description: 'The conversation after the answer.' })
  conversation: Conversation | null = null;
}
