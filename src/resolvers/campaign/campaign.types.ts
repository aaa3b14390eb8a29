import { Field, Int, ObjectType } from 'type-graphql';
import { Campaign } from '../../entities/campaign.entity';
import { CampaignRecipient } from '../../entities/campaign-recipient.entity';
import { ConnectionType } from '../../schema/pagination';

@ObjectType({
  description: 'Recipients of a campaign by status; each recipient counts once, in its current status.',
})
export class CampaignTotals {
  @Field(() => Int, { description: 'Every recipient.' })
  total: number;

  @Field(() => Int, { description: 'Not sent yet.' })
  queued: number;

  @Field(() => Int, { description: 'Being handed to the provider.' })
  sending: number;

  @Field(() => Int, { description: 'Accepted by the provider, not delivered yet.' })
  sent: number;

  @Field(() => Int, { description: 'Delivered, not read yet.' })
  delivered: number;

  @Field(() => Int, { description: 'Read, not answered.' })
  read: number;

  @Field(() => Int, { description: 'Answered by the customer.' })
  replied: number;

  @Field(() => Int, { description: 'Failed: not sendable, refused by the provider, or not delivered.' })
  failed: number;

  @Field(() => Int, { description: 'Opted out: never sent.' })
  skipped: number;

  @Field(() => Int, { description: 'Not sent because the campaign was cancelled.' })
  cancelled: number;

  @Field(() => Int, { description: 'Accepted by the provider: sent, delivered, read or replied.' })
  accepted: number;
}

@ObjectType({ description: 'A page of campaigns, newest first.' })
export class CampaignConnection extends ConnectionType(Campaign) {}

@ObjectType({ description: 'A page of campaign recipients.' })
export class CampaignRecipientConnection extends ConnectionType(CampaignRecipient) {}
