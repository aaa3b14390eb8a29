import { Field, ID, InputType, Int } from 'type-graphql';
import { ChannelKind, TemplateCategory } from '../../entities/enums';

@InputType({
  description: 'Connects a WhatsApp number, Facebook page, Instagram account or partner API channel.',
})
export class ChannelConnectInput {
  @Field(() => ChannelKind, { description: 'WHATSAPP, MESSENGER, INSTAGRAM or API.' })
  kind: ChannelKind;

  @Field({ description: 'Display name, e.g. "WhatsApp Ventas" (1 to 100 characters).' })
  name: string;

  @Field({
    description: 'phone_number_id (WhatsApp), page id (Messenger), IG account id, or your channel id (API).',
  })
  externalId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Graph API access token (required for Meta channels). Never readable back.',
  })
  accessToken?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'App secret: webhook signatures are checked with it. Never readable back.',
  })
  appSecret?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Token Meta echoes in the webhook verification handshake.',
  })
  verifyToken?: string | null;

  @Field(() => String, { nullable: true, description: 'WhatsApp Business Account id, for templates.' })
  wabaId?: string | null;

  @Field(() => String, { nullable: true, description: "Graph API base URL; defaults to Meta's." })
  apiBaseUrl?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Messenger/Instagram: allow HUMAN_AGENT replies up to 7 days.',
  })
  humanAgentTagEnabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Send pace, messages per second (default 80).' })
  messagesPerSecond?: number | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The team its new conversations belong to (they wait in that team's queue); absent: the general queue.",
  })
  defaultTeamId?: string | null;
}

@InputType({ description: 'Pulls the WhatsApp templates of a channel account, every page.' })
export class TemplatesSyncInput {
  @Field(() => ID, { description: 'The WhatsApp channel account.' })
  channelAccountId: string;
}

@InputType({ description: 'A template defined here (partner channels, or one awaiting review on WhatsApp).' })
export class TemplateCreateInput {
  @Field(() => ID, { description: 'The channel account it belongs to.' })
  channelAccountId: string;

  @Field({ description: 'Name: lower-case letters, digits and _ (at most 512).' })
  name: string;

  @Field({ description: 'Language code, e.g. es or en_US.' })
  language: string;

  @Field(() => TemplateCategory, { description: 'MARKETING, UTILITY or AUTHENTICATION.' })
  category: TemplateCategory;

  @Field({ description: 'Body text with {{1}}… or {{name}} placeholders, at most 1024 characters.' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Optional header text, at most 60 characters.' })
  header?: string | null;

  @Field(() => String, { nullable: true, description: 'Optional footer text, at most 60 characters.' })
  footer?: string | null;
}

@InputType({ description: 'Changes to a channel account; absent leaves a property as it is.' })
export class ChannelUpdateInput {
  @Field(() => ID, { description: 'The channel account.' })
  channelAccountId: string;

  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The team its new conversations belong to; null: the general queue.',
  })
  defaultTeamId?: string | null;
}
