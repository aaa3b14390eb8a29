import { Field, ObjectType } from 'type-graphql';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Template } from '../../entities/template.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of channelConnect.' })
export class ChannelConnectPayload extends MutationPayload {
  @Field(() => ChannelAccount, {
    nullable: true,
    description: 'The connected account; point the webhook at its webhookPath.',
  })
  channelAccount: ChannelAccount | null = null;
}

@ObjectType({ description: 'Result of templatesSync.' })
export class TemplatesSyncPayload extends MutationPayload {
  @Field(() => [Template], { description: 'Every template of the account after the sync.' })
  templates: Template[] = [];
}

@ObjectType({ description: 'Result of templateCreate.' })
export class TemplateCreatePayload extends MutationPayload {
  @Field(() => Template, { nullable: true, description: 'The new template.' })
  template: Template | null = null;
}

@ObjectType({ description: 'Result of channelUpdate.' })
export class ChannelUpdatePayload extends MutationPayload {
  @Field(() => ChannelAccount, { nullable: true, description: 'The account as stored.' })
  channelAccount: ChannelAccount | null = null;
}
