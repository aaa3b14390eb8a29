import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgentStatus, TrayKind, TrayView } from '../../entities/enums';
import {
  type QueueStatsDeltaValues,
  type QueueStatsValues,
} from '../../services/supervisor/queue-stats.service';

@ObjectType({ description: 'A tray and how many conversations it holds.' })
export class TrayCount {
  @Field(() => TrayKind, { description: 'Which tray (of the view asked for).' })
  kind: TrayKind;

  @Field(() => Int, { description: 'Conversations in it now.' })
  count: number;
}

@ObjectType({ description: 'How many active agents have a status.' })
export class AgentStatusCount {
  @Field(() => AgentStatus, { description: 'ONLINE, BUSY or OFFLINE.' })
  status: AgentStatus;

  @Field(() => Int, { description: 'Active agents with it now.' })
  count: number;
}

@ObjectType({ description: "An agent's load: their open conversations." })
export class AgentLoad {
  /** Resolved by `agent`. */
  agentId: string;

  @Field({
    description: 'The agent’s name as the figures were read (the wallboard shows it without another query).',
  })
  name: string;

  @Field(() => AgentStatus, { description: 'Their status as the figures were read.' })
  status: AgentStatus;

  @Field(() => Int, {
    description:
      'Open, agent-handled conversations assigned to them (all of them, in any team): `Agent.openConversationCount`.',
  })
  count: number;
}

@ObjectType({
  description:
    'The live figures of a queue — the workspace’s or one team’s — under the read rule of trays: an agent counts what they may read and sees only their own load.',
})
export class QueueStats {
  @Field(() => TrayView, { description: 'The layout `byTray` counts.' })
  view: TrayView;

  @Field(() => Int, {
    description:
      'Conversations waiting for an agent: open, agent-handled, unassigned, not snoozed nor closing (the queue the CLASSIC NEW tray shows).',
  })
  waiting: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'Since when the longest-waiting of them waits (`Conversation.waitingSince`); null when nobody waits.',
  })
  longestWaitingSince: Date | null;

  @Field(() => [TrayCount], { description: 'Every tray of the view with its count, as `trays` counts them.' })
  byTray: TrayCount[];

  @Field(() => [AgentStatusCount], {
    description: 'Active agents (of the team, when asked for one) by status; every status is listed.',
  })
  agentsByStatus: AgentStatusCount[];

  @Field(() => [AgentLoad], {
    description:
      'Active agents (of the team, when asked for one) with their load, by name; an agent sees only their own.',
  })
  openByAgent: AgentLoad[];
}

@ObjectType({
  description:
    'A push of `queueStatsChanged`: the first is the whole figures (`snapshot: true`), then only what changed since the previous push.',
})
export class QueueStatsChange {
  @Field({
    description:
      'The log position the figures account for; pass it as `after` when subscribing again (a new snapshot follows).',
  })
  cursor: string;

  @Field({ description: 'True on the first push: every field holds the whole figures; false: only changes.' })
  snapshot: boolean;

  @Field(() => TrayView, { description: 'The layout `byTray` counts.' })
  view: TrayView;

  @Field(() => Int, { nullable: true, description: 'The queue size when it changed; null when unchanged.' })
  waiting: number | null;

  @Field({
    description: 'Whether `longestWaitingSince` changed (its new value may be null: nobody waits now).',
  })
  longestWaitingChanged: boolean;

  @Field(() => Date, { nullable: true, description: 'The longest wait now, when `longestWaitingChanged`.' })
  longestWaitingSince: Date | null;

  @Field(() => [TrayCount], { description: 'Trays whose count changed, with the new count.' })
  byTray: TrayCount[];

  @Field(() => [AgentStatusCount], { description: 'Statuses whose count changed, with the new count.' })
  agentsByStatus: AgentStatusCount[];

  @Field(() => [AgentLoad], { description: 'Agents new in scope, or whose status or load changed.' })
  openByAgent: AgentLoad[];

  @Field(() => [ID], { description: 'Agents no longer in scope (they left the team or were deactivated).' })
  removedAgentIds: string[];
}

function loads(values: QueueStatsValues['openByAgent']): AgentLoad[] {
  return values.map((entry) => Object.assign(new AgentLoad(), entry));
}

export function toQueueStats(view: TrayView, values: QueueStatsValues): QueueStats {
  return Object.assign(new QueueStats(), {
    view,
    waiting: values.waiting,
    longestWaitingSince: values.longestWaitingSince,
    byTray: values.byTray,
    agentsByStatus: values.agentsByStatus,
    openByAgent: loads(values.openByAgent),
  });
}

export function toQueueStatsChange(
  view: TrayView,
  cursor: string,
  snapshot: boolean,
  delta: QueueStatsDeltaValues,
  toGlobalAgentId: (id: string) => string,
): QueueStatsChange {
  return Object.assign(new QueueStatsChange(), {
    cursor,
    snapshot,
    view,
    waiting: delta.waiting,
    longestWaitingChanged: delta.longestWaitingChanged,
    longestWaitingSince: delta.longestWaitingSince,
    byTray: delta.byTray,
    agentsByStatus: delta.agentsByStatus,
    openByAgent: loads(delta.openByAgent),
    removedAgentIds: delta.removedAgentIds.map(toGlobalAgentId),
  });
}
