import { Field, ID, InputType } from 'type-graphql';
import { TemplateButtonParameterInput, TemplateHeaderMediaInput } from '../template/template-send.input';
import { CampaignComponent } from '../../entities/campaign.entity';

@InputType({
  description: 'Who receives the campaign: customers with any of the tags, the listed customers, or both.',
})
export class CampaignAudienceInput {
  @Field(() => [ID], { nullable: true, description: 'Customers having any of these tags.' })
  tagIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'These customers (at most 10,000).' })
  customerIds?: string[] | null;
}

@InputType({ description: 'How one template placeholder is filled: a fixed value or a customer field.' })
export class CampaignVariableInput {
  @Field(() => CampaignComponent, {
    nullable: true,
    description: 'BODY (default) or HEADER.',
  })
  component?: CampaignComponent | null;

  @Field({ description: 'The placeholder: `1`, `2`… for positional templates, the name for named ones.' })
  placeholder: string;

  @Field(() => String, {
    nullable: true,
    description: 'The same value for every recipient (at most 1024 characters).',
  })
  value?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Read from each customer: `name`, `phone` or a custom field key. A recipient without a value is FAILED, not sent.',
  })
  field?: string | null;
}

@InputType({ description: 'Customers who opted out are skipped and counted as SKIPPED.' })
export class CampaignOptOutInput {
  @Field(() => ID, { nullable: true, description: 'Customers with this tag are skipped.' })
  tagId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Key of a BOOLEAN custom field; customers with the value true are skipped.',
  })
  fieldKey?: string | null;
}

@InputType({ description: 'A campaign: an APPROVED template sent to an audience at the channel pace.' })
export class CampaignCreateInput {
  @Field({ description: 'Name for the team (1 to 100 characters).' })
  name: string;

  @Field(() => ID, { description: 'The channel account it is sent from.' })
  channelAccountId: string;

  @Field(() => ID, { description: 'An APPROVED template of that channel account.' })
  templateId: string;

  @Field(() => CampaignAudienceInput, { description: 'Who receives it.' })
  audience: CampaignAudienceInput;

  @Field(() => [CampaignVariableInput], {
    nullable: true,
    description: 'A value for every placeholder of the template.',
  })
  variables?: CampaignVariableInput[] | null;

  @Field(() => Date, { nullable: true, description: 'When sending starts; omitted or past: at once.' })
  startAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The agent who receives the replies; omitted: they wait in the queue.',
  })
  assigneeId?: string | null;

  @Field(() => CampaignOptOutInput, { nullable: true, description: 'Who is skipped as opted out.' })
  optOut?: CampaignOptOutInput | null;

  @Field(() => TemplateHeaderMediaInput, {
    nullable: true,
    description:
      'The file of an image, video or document header, the same for every recipient: an upload (POST /media, READY), sent to WhatsApp once for the whole campaign, or an https link WhatsApp fetches.',
  })
  headerMedia?: TemplateHeaderMediaInput | null;

  @Field(() => [TemplateButtonParameterInput], {
    nullable: true,
    description: 'Fixed URL button suffixes and quick-reply payloads, the same for every recipient.',
  })
  buttons?: TemplateButtonParameterInput[] | null;
}

@InputType({ description: 'Stops a campaign.' })
export class CampaignCancelInput {
  @Field(() => ID, { description: 'The campaign.' })
  campaignId: string;
}
