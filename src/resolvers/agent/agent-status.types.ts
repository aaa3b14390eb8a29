import { Field, ObjectType } from 'type-graphql';
import { AgentStatus, AgentStatusReason } from '../../entities/enums';
import { type EventRecord } from '../../entities/event-record.entity';
import { notFound } from '../../services/errors';
import { cursorOf } from '../realtime/event-subscription';

@ObjectType({ description: "An agent's status changed." })
export class AgentStatusChange {
  @Field({ description: 'Resume point: pass it as `after` to continue right after this event.' })
  cursor: string;

  @Field(() => Date, { description: 'When the change was committed.' })
  occurredAt: Date;

  /** Resolved by `agent`. */
  agentId: string;

  @Field(() => AgentStatus, { description: 'The status now.' })
  status: AgentStatus;

  @Field(() => AgentStatus, { description: 'The status before.' })
  previousStatus: AgentStatus;

  @Field(() => AgentStatusReason, {
    description: 'SET (agentSetStatus), CONNECTED, DISCONNECTED (after the grace period) or DEACTIVATED.',
  })
  reason: AgentStatusReason;
}

export function toAgentStatusChange(record: EventRecord): AgentStatusChange {
  const agentId = record.payload.agentId;
  if (typeof agentId !== 'string') throw notFound('Agent');
  return Object.assign(new AgentStatusChange(), {
    cursor: cursorOf(record),
    occurredAt: record.createdAt,
    agentId,
    status: record.payload.status as AgentStatus,
    previousStatus: record.payload.previousStatus as AgentStatus,
    reason: record.payload.reason as AgentStatusReason,
  });
}
