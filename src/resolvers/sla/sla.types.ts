import { Field, ID, ObjectType } from 'type-graphql';
import { Priority, SlaTarget, SlaTargetStatus } from '../../entities/enums';
import { SlaPolicy } from '../../entities/sla-policy.entity';
import { ConnectionType } from '../../schema/pagination';

@ObjectType({
  description: 'Which conversations a policy applies to: every non-empty list must hold (empty: any).',
})
export class SlaConditions {
  @Field(() => [ID], { description: 'Channel accounts the conversation may come from.' })
  channelAccountIds: string[];

  @Field(() => [ID], { description: 'Teams whose queue (or members) the conversation may be in.' })
  teamIds: string[];

  @Field(() => [Priority], { description: 'Priorities the conversation may have.' })
  priorities: Priority[];

  @Field(() => [ID], { description: 'Conversation labels, any of which the conversation carries.' })
  tagIds: string[];
}

@ObjectType({ description: 'One SLA target of a conversation.' })
export class SlaTargetState {
  @Field(() => SlaTarget, { description: 'Which clock.' })
  target: SlaTarget;

  @Field(() => Date, { description: 'When it is due (business time added to its start).' })
  dueAt: Date;

  @Field(() => SlaTargetStatus, {
    description: 'PENDING before its due time, MET when done before it, BREACHED from the due time on.',
  })
  status: SlaTargetStatus;
}

@ObjectType({ description: "A conversation's SLA: the policy that applies and its targets' due times." })
export class ConversationSla {
  @Field(() => SlaPolicy, { nullable: true, description: 'The policy that applies now (null once deleted).' })
  policy: SlaPolicy | null;

  @Field(() => Date, { nullable: true, description: 'When the first agent answer is (or was) due.' })
  firstResponseDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the answer the customer waits for now is due.' })
  nextResponseDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the closing is (or was) due.' })
  resolutionDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The first breach of any target, null while none.' })
  breachedAt: Date | null;

  @Field(() => [SlaTargetState], { description: 'Each target with a due time, and where it stands.' })
  targets: SlaTargetState[];
}

@ObjectType({ description: 'A page of SLA policies, in evaluation order.' })
export class SlaPolicyConnection extends ConnectionType(SlaPolicy) {}
