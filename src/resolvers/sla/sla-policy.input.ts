import { Field, ID, InputType, Int } from 'type-graphql';
import { Priority } from '../../entities/enums';

@InputType({ description: 'Which conversations a policy applies to; each non-empty list must hold.' })
export class SlaConditionsInput {
  @Field(() => [ID], { nullable: true, description: 'Channel accounts (empty or absent: any).' })
  channelAccountIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Teams (empty or absent: any, also none).' })
  teamIds?: string[] | null;

  @Field(() => [Priority], { nullable: true, description: 'Priorities (empty or absent: any).' })
  priorities?: Priority[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Conversation labels: the conversation carries any of them (empty or absent: any).',
  })
  tagIds?: string[] | null;
}

@InputType({ description: 'A new SLA policy: at least one target.' })
export class SlaPolicyCreateInput {
  @Field({ description: 'Name (1–100 characters).' })
  name: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Where it goes in the evaluation order (1 first); absent: last.',
  })
  position?: number | null;

  @Field(() => SlaConditionsInput, { nullable: true, description: 'Conditions; absent: every conversation.' })
  conditions?: SlaConditionsInput | null;

  @Field(() => Int, { nullable: true, description: 'Seconds (1–7776000) to the first agent answer.' })
  firstResponseSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Seconds (1–7776000) to each later answer.' })
  nextResponseSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Seconds (1–7776000) to the closing.' })
  resolutionSeconds?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Count business hours only (default true); false: around the clock.',
  })
  businessHoursOnly?: boolean | null;
}

@InputType({ description: 'Changes to an SLA policy; absent or null leaves a value as it is.' })
export class SlaPolicyUpdateInput {
  @Field(() => ID, { description: 'The policy.' })
  slaPolicyId: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'New place in the evaluation order (1 first).' })
  position?: number | null;

  @Field(() => SlaConditionsInput, {
    nullable: true,
    description: 'Conditions to replace; a list given replaces that list ([] clears it).',
  })
  conditions?: SlaConditionsInput | null;

  @Field(() => Int, { nullable: true, description: 'Seconds to the first agent answer.' })
  firstResponseSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Seconds to each later answer.' })
  nextResponseSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Seconds to the closing.' })
  resolutionSeconds?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Drop the first-response target.' })
  clearFirstResponse?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Drop the next-response target.' })
  clearNextResponse?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Drop the resolution target.' })
  clearResolution?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Count business hours only, or around the clock.' })
  businessHoursOnly?: boolean | null;
}

@InputType({ description: 'The SLA policy to delete.' })
export class SlaPolicyDeleteInput {
  @Field(() => ID, { description: 'The policy; open conversations it applied to lose their due times.' })
  slaPolicyId: string;
}
