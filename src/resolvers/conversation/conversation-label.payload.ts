import { Field, ObjectType } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';
import { Tag } from '../../entities/tag.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of conversationLabel and conversationUnlabel.' })
export class ConversationLabelPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The conversation, with its labels.' })
  conversation: Conversation | null = null;

  @Field(() => Tag, { nullable: true, description: 'The label put on or taken off.' })
  label: Tag | null = null;
}
