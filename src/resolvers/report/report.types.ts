import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Attachment } from '../../entities/attachment.entity';
import { ReportKind } from '../../services/report/report-export.service';
import { MutationPayload } from '../mutation-payload';

registerEnumType(ReportKind, {
  name: 'ReportKind',
  description: 'What a report export lists.',
  valuesConfig: {
    CONVERSATIONS: {
      description: 'One row per conversation created or closed in the period, with its timings.',
    },
    AGENTS: { description: 'One row per agent, the figures of `agentStats`.' },
  },
});

@ObjectType({
  description:
    "How long a conversation took, in business seconds: only time the business calendar of the conversation's team (its own hours, else the workspace's `businessHours`) is open counts — nights, closed days and holidays do not, and a day the clocks change has its real length. Without business hours every second counts. Whole seconds; null while the moment has not come (or cannot: a conversation only the bot held).",
})
export class ConversationTimings {
  @Field(() => Date, {
    nullable: true,
    description:
      'When it reached agents: its first handoff (or assignment) from the bot, or its creation when it began with agents.',
  })
  reachedAgentsAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Its first assignment to an agent.' })
  assignedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "The first agent message after the customer began waiting on agents (the later of reaching agents and the customer's first message).",
  })
  firstResponseAt: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Business seconds from reaching agents to the first assignment: how long it waited in the queue.',
  })
  waitSeconds: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Business seconds from the customer waiting on agents to the first agent message: how long the customer waited for an answer.',
  })
  firstResponseSeconds: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Business seconds from the first assignment to the close (closed conversations): how long agents held it.',
  })
  handleSeconds: number | null;
}

@ObjectType({
  description:
    "One agent's figures over a report's period. First responses count for the agent who wrote them; closes, outcomes and handle times for the agent holding the conversation when it closed. Seconds are business seconds, as in `ConversationTimings` (time outside the business hours and on holidays does not count); medians and p90 interpolate between the two nearest values (as PostgreSQL's percentile_cont).",
})
export class AgentStats {
  agentId: string;

  @Field(() => Agent, { description: 'The agent.' })
  agent: Agent;

  @Field(() => Int, { description: 'First responses the agent wrote in the period.' })
  firstResponseCount: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median business seconds to those first responses (`firstResponseSeconds`).',
  })
  firstResponseMedian: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '90th percentile of business seconds to those first responses.',
  })
  firstResponseP90: number | null;

  @Field(() => Int, { description: 'Conversations closed in the period while the agent held them.' })
  closedCount: number;

  @Field(() => Int, { description: 'Of those, closed with the POSITIVE outcome.' })
  closedPositive: number;

  @Field(() => Int, { description: 'Of those, closed with the NEGATIVE outcome.' })
  closedNegative: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median business seconds from first assignment to close (`handleSeconds`).',
  })
  handleTimeMedian: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '90th percentile of business seconds from first assignment to close.',
  })
  handleTimeP90: number | null;

  @Field(() => Int, {
    description:
      'SLA targets that passed their due time in the period while the agent held the conversation.',
  })
  slaBreaches: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean satisfaction score (1–5) of the answered surveys of those closes; null when none was answered.',
  })
  csatAverage: number | null;

  @Field(() => Int, { description: 'Answered satisfaction surveys of those closes.' })
  csatCount: number;
}

@ObjectType({ description: 'Result of reportExport.' })
export class ReportExportPayload extends MutationPayload {
  @Field(() => Attachment, {
    nullable: true,
    description:
      'The CSV, PENDING until the export job has written it, then READY with its download `url` (or FAILED). Readable by whoever asked for it and by admins.',
  })
  attachment?: Attachment | null;
}
