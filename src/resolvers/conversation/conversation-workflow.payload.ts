import { Field, ObjectType } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';
import { MutationPayload } from '../mutation-payload';
import { UserWarning } from '../../schema/errors';

/** The conversation after a workflow change, or why not. */
@ObjectType()
abstract class ConversationChangePayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The conversation after the change.' })
  conversation: Conversation | null = null;
}

@ObjectType({ description: 'Result of conversationHandoff.' })
export class ConversationHandoffPayload extends ConversationChangePayload {}

@ObjectType({ description: 'Result of conversationAssign.' })
export class ConversationAssignPayload extends ConversationChangePayload {}

@ObjectType({ description: 'Result of conversationTake.' })
export class ConversationTakePayload extends ConversationChangePayload {}

@ObjectType({ description: 'Result of conversationTransfer.' })
export class ConversationTransferPayload extends ConversationChangePayload {}

@ObjectType({ description: 'Result of conversationClose.' })
export class ConversationClosePayload extends ConversationChangePayload {}

@ObjectType({ description: 'Result of conversationReopen.' })
export class ConversationReopenPayload extends ConversationChangePayload {}

@ObjectType({ description: 'Result of conversationSetTeam.' })
export class ConversationSetTeamPayload extends ConversationChangePayload {}

@ObjectType({ description: 'Result of conversationSetPriority.' })
export class ConversationSetPriorityPayload extends ConversationChangePayload {}

@ObjectType({ description: 'Result of conversationSnooze.' })
export class ConversationSnoozePayload extends ConversationChangePayload {
  @Field(() => [UserWarning], {
    description:
      'What to know about the snooze, e.g. SNOOZE_PAST_WINDOW: a template will be needed to answer.',
  })
  warnings: UserWarning[] = [];
}

@ObjectType({ description: 'Result of conversationUnsnooze.' })
export class ConversationUnsnoozePayload extends ConversationChangePayload {}
