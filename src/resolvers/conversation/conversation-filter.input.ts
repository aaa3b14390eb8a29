import { Field, ID, InputType } from 'type-graphql';
import { ChannelKind, ConversationStatus, Handler, Priority } from '../../entities/enums';

@InputType({ description: 'Narrows a list of conversations; every given criterion must hold.' })
export class ConversationFilter {
  @Field(() => ID, { nullable: true, description: 'Conversations of this customer.' })
  customerId?: string | null;

  @Field(() => Handler, { nullable: true, description: 'BOT lists what the bot holds.' })
  handler?: Handler | null;

  @Field(() => ConversationStatus, { nullable: true, description: 'OPEN or CLOSED.' })
  status?: ConversationStatus | null;

  @Field(() => ChannelKind, { nullable: true, description: 'Channel.' })
  channel?: ChannelKind | null;

  @Field(() => ID, { nullable: true, description: 'Channel account.' })
  channelAccountId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Assigned to this agent (admins and API keys).' })
  assigneeId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only the unassigned queue; false: only assigned.',
  })
  unassigned?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: "In this team: its queue and its members' conversations of the team.",
  })
  teamId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only conversations in no team (the general queue and theirs); false: only in a team.',
  })
  withoutTeam?: boolean | null;

  @Field(() => [Priority], { nullable: true, description: 'Any of these priorities.' })
  priority?: Priority[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only snoozed conversations (out of the trays until their time); false: none of them.',
  })
  snoozed?: boolean | null;

  @Field(() => [ID], { nullable: true, description: 'Customer carries any of these tags.' })
  tagIds?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text in the customer name, phone or channel user id.',
  })
  search?: string | null;

  @Field(() => Date, { nullable: true, description: 'Created at or after.' })
  createdAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Created before.' })
  createdBefore?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last activity at or after.' })
  lastActivityAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last activity before.' })
  lastActivityBefore?: Date | null;
}
