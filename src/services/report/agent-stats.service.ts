import { type Workspace } from '../../entities/workspace.entity';
import { type AppDeps } from '../../runtime/app-deps';
import { calendarsOfWorkspace } from '../business-hours/business-hours.service';
import { type TimingRow, timingsOf, timingsSql } from './conversation-timings';
import { reportPeriod, type ReportPeriod } from './report-period';

/**
 * One agent's figures over a period. Seconds are business seconds (see `ConversationTimings`);
 * medians and p90 interpolate between the two nearest values, as PostgreSQL's percentile_cont.
 */
export interface AgentStatsRow {
  agentId: string;
  firstResponseCount: number;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  closedCount: number;
  closedPositive: number;
  closedNegative: number;
  handleTimeMedian: number | null;
  handleTimeP90: number | null;
  /** SLA targets the agent held past their due time in the period. */
  slaBreaches: number;
  /** Mean satisfaction score (1–5) of the answered surveys of the agent's closes; null without any. */
  csatAverage: number | null;
  csatCount: number;
}

export interface AgentStatsQuery {
  /** First and last local day of the period, YYYY-MM-DD in the workspace's time zone. */
  from: string;
  to: string;
  /** Only conversations of this team (database id), and its members listed even when idle. */
  teamId: string | null;
}

/**
 * Conversations a period can concern: closed in it, or active since it began (a first response in
 * the period moved `last_activity_at` into it), and begun before it ended.
 */
export const PERIOD_CONVERSATIONS = `c.workspace_id = $1 AND c.created_at < $3
  AND (c.last_activity_at >= $2 OR (c.status = 'CLOSED' AND c.closed_at >= $2))
  AND ($4::uuid IS NULL OR c.team_id = $4::uuid)`;

/** The `p` quantile of ascending `values`, interpolated (percentile_cont); null without values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const position = p * (values.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return values[below]! + (values[above]! - values[below]!) * (position - below);
}

interface AgentFigures {
  responses: number[];
  handles: number[];
  closed: number;
  positive: number;
  negative: number;
  csatSum: number;
  csatCount: number;
}

const ascending = (a: number, b: number) => a - b;

/**
 * Per agent: first responses written in the period (to the agent who wrote them), and closes in
 * the period (to the agent holding the conversation when it closed) with their handle times and
 * outcomes; SLA breaches due in the period while the agent held the conversation. Listed: every
 * agent with a figure, and the active agents (of the team, when given). Timings are business
 * seconds, so their medians are taken here over the measured rows: one statement for the
 * conversations' moments, one for the calendars, one for the agents and their breaches.
 */
export async function agentStats(
  deps: AppDeps,
  workspace: Pick<Workspace, 'id' | 'timezone'>,
  query: AgentStatsQuery,
): Promise<{ period: ReportPeriod; rows: AgentStatsRow[] }> {
  const period = reportPeriod(workspace.timezone, query.from, query.to);
  const parameters = [workspace.id, period.start, period.end, query.teamId];
  const moments = (await deps.dataSource.query(
    `SELECT t.* FROM (${timingsSql(PERIOD_CONVERSATIONS)}) t
      WHERE (t.first_response_at >= $2 AND t.first_response_at < $3 AND t.first_response_agent_id IS NOT NULL)
         OR (t.closed_at >= $2 AND t.closed_at < $3 AND t.closing_agent_id IS NOT NULL)`,
    parameters,
  )) as (TimingRow & { outcome: string | null; csat_score: number | null })[];
  const calendars = await calendarsOfWorkspace(deps.dataSource.manager, workspace.id);
  const figures = new Map<string, AgentFigures>();
  const of = (agentId: string) => {
    let entry = figures.get(agentId);
    if (!entry) {
      entry = { responses: [], handles: [], closed: 0, positive: 0, negative: 0, csatSum: 0, csatCount: 0 };
      figures.set(agentId, entry);
    }
    return entry;
  };
  const inPeriod = (at: Date | null) => at !== null && at >= period.start && at < period.end;
  for (const row of moments) {
    const timings = timingsOf(row, calendars(row.team_id));
    if (
      timings.firstResponseAgentId &&
      inPeriod(timings.firstResponseAt) &&
      timings.firstResponseSeconds !== null
    ) {
      of(timings.firstResponseAgentId).responses.push(timings.firstResponseSeconds);
    }
    if (timings.closingAgentId && inPeriod(timings.closedAt)) {
      const agent = of(timings.closingAgentId);
      agent.closed += 1;
      if (row.outcome === 'POSITIVE') agent.positive += 1;
      if (row.outcome === 'NEGATIVE') agent.negative += 1;
      if (row.csat_score !== null) {
        agent.csatSum += row.csat_score;
        agent.csatCount += 1;
      }
      if (timings.handleSeconds !== null) agent.handles.push(timings.handleSeconds);
    }
  }
  const agents = (await deps.dataSource.query(
    `WITH breaches AS (
       SELECT b.agent_id, count(*)::int AS n FROM sla_breach b
        WHERE b.workspace_id = $1 AND b.due_at >= $2 AND b.due_at < $3 AND b.agent_id IS NOT NULL
          AND ($4::uuid IS NULL OR b.team_id = $4::uuid)
        GROUP BY 1)
     SELECT a.id AS agent_id, COALESCE(sb.n, 0) AS sla_breaches
       FROM agent a
       LEFT JOIN breaches sb ON sb.agent_id = a.id
      WHERE a.workspace_id = $1
        AND (a.id = ANY($5::uuid[]) OR sb.agent_id IS NOT NULL
             OR (a.active AND ($4::uuid IS NULL
                 OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = $4::uuid AND tm.agent_id = a.id))))
      ORDER BY a.name, a.id`,
    [...parameters, [...figures.keys()]],
  )) as { agent_id: string; sla_breaches: number }[];
  return {
    period,
    rows: agents.map((row) => {
      const agent = figures.get(row.agent_id);
      const responses = [...(agent?.responses ?? [])].sort(ascending);
      const handles = [...(agent?.handles ?? [])].sort(ascending);
      return {
        agentId: row.agent_id,
        firstResponseCount: responses.length,
        firstResponseMedian: percentile(responses, 0.5),
        firstResponseP90: percentile(responses, 0.9),
        closedCount: agent?.closed ?? 0,
        closedPositive: agent?.positive ?? 0,
        closedNegative: agent?.negative ?? 0,
        handleTimeMedian: percentile(handles, 0.5),
        handleTimeP90: percentile(handles, 0.9),
        slaBreaches: row.sla_breaches,
        csatAverage: agent && agent.csatCount > 0 ? agent.csatSum / agent.csatCount : null,
        csatCount: agent?.csatCount ?? 0,
      };
    }),
  };
}
