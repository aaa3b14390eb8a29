import { Field, ID, InputType } from 'type-graphql';
import { Outcome, Priority } from '../../entities/enums';

@InputType({ description: 'The bot hands a conversation to an agent or to the queue.' })
export class ConversationHandoffInput {
  @Field(() => ID, { description: 'The conversation the bot holds.' })
  conversationId: string;

  @Field(() => ID, { nullable: true, description: 'The agent to hand it to; null or absent: the queue.' })
  agentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The team it goes to: its queue, or with `agentId` that member (NOT_TEAM_MEMBER otherwise). Absent: the team it has (the channel account's default team).",
  })
  teamId?: string | null;

  @Field(() => Priority, { nullable: true, description: 'How urgent the bot found it; absent: unchanged.' })
  priority?: Priority | null;

  @Field(() => String, { nullable: true, description: 'Why, for the agent (kept in the history).' })
  comment?: string | null;
}

@InputType({ description: 'An admin assigns, reassigns or unassigns a conversation.' })
export class ConversationAssignInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field(() => ID, { nullable: true, description: 'The agent; null: back to the unassigned queue.' })
  agentId: string | null;
}

@InputType({ description: 'An agent takes a conversation waiting in the queue.' })
export class ConversationTakeInput {
  @Field(() => ID, { description: 'The unassigned conversation.' })
  conversationId: string;
}

@InputType({
  description:
    "The assignee (or an admin) gives a conversation to another agent, a team's queue, or a member of a team.",
})
export class ConversationTransferInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The active agent who receives it; absent with `toTeamId`: the team’s queue.',
  })
  agentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The team it moves to: its queue, or with `agentId` that member (NOT_TEAM_MEMBER otherwise).',
  })
  toTeamId?: string | null;

  @Field(() => String, { nullable: true, description: 'A note for the receiver, kept in the history.' })
  comment?: string | null;
}

@InputType({ description: 'The agent closes a conversation with an outcome.' })
export class ConversationCloseInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field(() => Outcome, { description: 'POSITIVE or NEGATIVE.' })
  outcome: Outcome;

  @Field({ description: 'Why (1 to 500 characters).' })
  reason: string;
}

@InputType({ description: 'Brings a closing or closed conversation back to the agents.' })
export class ConversationReopenInput {
  @Field(() => ID, { description: 'The closing or closed conversation.' })
  conversationId: string;
}

@InputType({ description: 'Puts a conversation in a team, or out of every team.' })
export class ConversationSetTeamInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field(() => ID, { nullable: true, description: 'The team; null: no team (the general queue).' })
  teamId: string | null;
}

@InputType({ description: 'How urgent a conversation is.' })
export class ConversationSetPriorityInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field(() => Priority, { description: 'NONE, LOW, MEDIUM, HIGH or URGENT.' })
  priority: Priority;
}

@InputType({ description: 'Takes a conversation out of the trays until a time or the customer’s reply.' })
export class ConversationSnoozeInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field(() => Date, {
    description: "When it comes back to the trays (at most the workspace's visible days ahead).",
  })
  until: Date;
}

@InputType({ description: 'Brings a snoozed conversation back now.' })
export class ConversationUnsnoozeInput {
  @Field(() => ID, { description: 'The snoozed conversation.' })
  conversationId: string;
}
