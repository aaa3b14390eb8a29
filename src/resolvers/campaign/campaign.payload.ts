import { Field, ObjectType } from 'type-graphql';
import { Campaign } from '../../entities/campaign.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of campaignCreate.' })
export class CampaignCreatePayload extends MutationPayload {
  @Field(() => Campaign, { nullable: true, description: 'The campaign, RUNNING or SCHEDULED.' })
  campaign: Campaign | null = null;
}

@ObjectType({ description: 'Result of campaignCancel.' })
export class CampaignCancelPayload extends MutationPayload {
  @Field(() => Campaign, { nullable: true, description: 'The campaign, CANCELLED.' })
  campaign: Campaign | null = null;
}
