import { AgentStatus, type TrayKind, TrayView } from '../../entities/enums';
import { type Caller } from '../caller';
import { conversationReadScope, readableConversationSql } from '../conversation/conversation-visibility';
import { TRAYS_OF_VIEW, trayCondition, visibleSince } from '../conversation/tray-rules';
import { TrayKind as Kind } from '../../entities/enums';

/** The live figures of a queue: the workspace's (or a team's), as the viewer may read them. */
export interface QueueStatsValues {
  /** Unassigned conversations waiting for an agent: the queue, as the CLASSIC NEW tray shows it. */
  waiting: number;
  /** The oldest `waiting_since` among them; null when nobody waits. */
  longestWaitingSince: Date | null;
  /** Every tray of the view with its count (the counts `trays` gives). */
  byTray: { kind: TrayKind; count: number }[];
  /** Active agents in scope by status, every status listed (0 included). */
  agentsByStatus: { status: AgentStatus; count: number }[];
  /** Active agents in scope (a restricted agent: themselves) with their open conversations, by name. */
  openByAgent: { agentId: string; name: string; status: AgentStatus; count: number }[];
}

export interface QueueStatsScope {
  /** One team's queue and members (database id); null: the whole workspace. */
  teamId: string | null;
  view: TrayView;
}

/** Every condition of the figures needs an open, agent-handled conversation: the partial index's rows. */
const OPEN_FOR_AGENTS = `c.status = 'OPEN' AND c.handler = 'AGENT'`;

/** The queue: the CLASSIC NEW tray's rule, unassigned. */
const IN_QUEUE = `${trayCondition(Kind.NEW, TrayView.CLASSIC)} AND c.assignee_id IS NULL`;

const STATUSES = [AgentStatus.ONLINE, AgentStatus.BUSY, AgentStatus.OFFLINE];

/**
 * The figures in two statements whatever the workspace's size, both answered from the partial
 * index `conversation_open_agent_idx` (open, agent-handled conversations; every column the rules
 * read is in it, so the scans are index-only): the conversation counts under the read rule, and the
 * agents in scope with their load. A restricted agent counts what the read rule gives them (their
 * own conversations, their teams' queues and the general queue) and sees only their own load.
 */
export async function queueStats(caller: Caller, scope: QueueStatsScope): Promise<QueueStatsValues> {
  const { workspaceId } = caller.viewer;
  const now = caller.deps.clock.now();
  const read = conversationReadScope(caller.viewer);
  const rule = readableConversationSql(read, 'c');
  const kinds = TRAYS_OF_VIEW[scope.view];
  const query = caller.deps.dataSource
    .createQueryBuilder()
    .from('conversation', 'c')
    .select('count(*) FILTER (WHERE ' + IN_QUEUE + ')::int', 'waiting')
    .addSelect(`min(c.waiting_since) FILTER (WHERE ${IN_QUEUE})`, 'longest')
    .where(rule.sql, rule.parameters)
    .andWhere(OPEN_FOR_AGENTS)
    .setParameters({ now, visibleSince: visibleSince(now, caller.viewer.workspace.visibleDays) });
  kinds.forEach((kind, index) =>
    query.addSelect(`count(*) FILTER (WHERE ${trayCondition(kind, scope.view)})::int`, `k${index}`),
  );
  if (scope.teamId) query.andWhere('c.team_id = :statsTeamId', { statsTeamId: scope.teamId });
  const counts = (await query.getRawOne<Record<string, number | Date | null>>()) ?? {};

  // Agents in scope with their load: one statement; each count is an index-only lookup by assignee.
  const agents = (await caller.deps.dataSource.query(
    `SELECT a.id, a.name, a.status,
            (SELECT count(*)::int FROM conversation c
              WHERE c.workspace_id = a.workspace_id AND c.assignee_id = a.id AND ${OPEN_FOR_AGENTS}) AS open
       FROM agent a
      WHERE a.workspace_id = $1 AND a.active
        AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = $2 AND tm.agent_id = a.id))
      ORDER BY a.name, a.id`,
    [workspaceId, scope.teamId],
  )) as { id: string; name: string; status: AgentStatus; open: number }[];

  const byStatus = new Map<AgentStatus, number>(STATUSES.map((status) => [status, 0]));
  for (const agent of agents) byStatus.set(agent.status, (byStatus.get(agent.status) ?? 0) + 1);
  const longest = counts.longest;
  return {
    waiting: Number(counts.waiting ?? 0),
    longestWaitingSince: longest ? new Date(longest as Date) : null,
    byTray: kinds.map((kind, index) => ({ kind, count: Number(counts[`k${index}`] ?? 0) })),
    agentsByStatus: STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    openByAgent: agents
      .filter((agent) => read.agentId === null || agent.id === read.agentId)
      .map((agent) => ({ agentId: agent.id, name: agent.name, status: agent.status, count: agent.open })),
  };
}

/** What changed between two readings of the figures: only the parts that differ. */
export interface QueueStatsDeltaValues {
  waiting: number | null;
  /** Set when the longest wait changed (its value may be null: nobody waits now). */
  longestWaitingChanged: boolean;
  longestWaitingSince: Date | null;
  byTray: QueueStatsValues['byTray'];
  agentsByStatus: QueueStatsValues['agentsByStatus'];
  /** Agents new in scope or whose status or load changed. */
  openByAgent: QueueStatsValues['openByAgent'];
  /** Agents no longer in scope (left the team, deactivated). */
  removedAgentIds: string[];
}

export function diffQueueStats(
  before: QueueStatsValues,
  after: QueueStatsValues,
): QueueStatsDeltaValues | null {
  const beforeLongest = before.longestWaitingSince?.getTime() ?? null;
  const afterLongest = after.longestWaitingSince?.getTime() ?? null;
  const trays = new Map(before.byTray.map((tray) => [tray.kind, tray.count]));
  const statuses = new Map(before.agentsByStatus.map((entry) => [entry.status, entry.count]));
  const loads = new Map(before.openByAgent.map((entry) => [entry.agentId, entry]));
  const present = new Set(after.openByAgent.map((entry) => entry.agentId));
  const delta: QueueStatsDeltaValues = {
    waiting: before.waiting === after.waiting ? null : after.waiting,
    longestWaitingChanged: beforeLongest !== afterLongest,
    longestWaitingSince: after.longestWaitingSince,
    byTray: after.byTray.filter((tray) => trays.get(tray.kind) !== tray.count),
    agentsByStatus: after.agentsByStatus.filter((entry) => statuses.get(entry.status) !== entry.count),
    openByAgent: after.openByAgent.filter((entry) => {
      const old = loads.get(entry.agentId);
      return !old || old.count !== entry.count || old.status !== entry.status || old.name !== entry.name;
    }),
    removedAgentIds: before.openByAgent.map((entry) => entry.agentId).filter((id) => !present.has(id)),
  };
  const empty =
    delta.waiting === null &&
    !delta.longestWaitingChanged &&
    delta.byTray.length === 0 &&
    delta.agentsByStatus.length === 0 &&
    delta.openByAgent.length === 0 &&
    delta.removedAgentIds.length === 0;
  return empty ? null : delta;
}

/** A delta applied to figures: what a client does with each push (and what the specs check). */
export function applyQueueStatsDelta(
  stats: QueueStatsValues,
  delta: QueueStatsDeltaValues,
): QueueStatsValues {
  const trays = new Map(delta.byTray.map((tray) => [tray.kind, tray.count]));
  const statuses = new Map(delta.agentsByStatus.map((entry) => [entry.status, entry.count]));
  const loads = new Map(stats.openByAgent.map((entry) => [entry.agentId, entry]));
  for (const entry of delta.openByAgent) loads.set(entry.agentId, entry);
  for (const id of delta.removedAgentIds) loads.delete(id);
  return {
    waiting: delta.waiting ?? stats.waiting,
    longestWaitingSince: delta.longestWaitingChanged ? delta.longestWaitingSince : stats.longestWaitingSince,
    byTray: stats.byTray.map((tray) => ({ kind: tray.kind, count: trays.get(tray.kind) ?? tray.count })),
    agentsByStatus: stats.agentsByStatus.map((entry) => ({
      status: entry.status,
      count: statuses.get(entry.status) ?? entry.count,
    })),
    openByAgent: [...loads.values()].sort((a, b) =>
      a.name === b.name ? (a.agentId < b.agentId ? -1 : 1) : a.name < b.name ? -1 : 1,
    ),
  };
}
