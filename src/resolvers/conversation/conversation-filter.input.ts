import { Field, ID, InputType } from 'type-graphql';
import { ChannelKind, ConversationStatus, Handler, Priority, TrayKind, TrayView } from '../../entities/enums';

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

  @Field(() => [ID], {
    nullable: true,
    description: "The customer carries any of these tags (the customer's tags).",
  })
  tagIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'The conversation carries any of these labels (tags put on the conversation itself).',
  })
  labelIds?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The customer: every word in their name, e-mail or channel user id (any order, accents and case aside), or digits of their phone; a text without a word of three characters is a substring of name, phone or channel user id (at most 200 characters).',
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

  @Field(() => String, {
    nullable: true,
    description:
      'Words (at least one of 3 or more letters or digits; up to 8 words, 200 characters) found in a message, a note, or the customer name, e-mail or channel user id, ignoring accents and case: every word must appear in the same text. A phone-like query ("+52 55 12") also matches the digits of the customer phone. Over all time.',
  })
  messageText?: string | null;

  @Field(() => TrayKind, { nullable: true, description: 'In this tray now (of `trayView`).' })
  tray?: TrayKind | null;

  @Field(() => TrayView, { nullable: true, description: 'The view `tray` belongs to; V2 when not given.' })
  trayView?: TrayView | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: customer messages wait since the last reply (`awaitingReplyCount` > 0); false: none.',
  })
  unread?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: the customer window is open now (free text may be sent); false: it is not.',
  })
  windowOpen?: boolean | null;
}
