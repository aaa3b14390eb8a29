import { type Workspace } from '../../entities/workspace.entity';
import { type AppDeps } from '../../runtime/app-deps';
import { timingsSql } from './conversation-timings';
import { reportPeriod, type ReportPeriod } from './report-period';

/** One agent's figures over a period. Seconds are wall-clock; medians and p90 interpolate. */
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

/**
 * Per agent: first responses written in the period (to the agent who wrote them), and closes in
 * the period (to the agent holding the conversation when it closed) with their handle times and
 * outcomes; SLA breaches due in the period while the agent held the conversation. Listed: every agent with a figure, and the active agents (of the team, when given).
 * One statement.
 */
export async function agentStats(
  deps: AppDeps,
  workspace: Pick<Workspace, 'id' | 'timezone'>,
  query: AgentStatsQuery,
): Promise<{ period: ReportPeriod; rows: AgentStatsRow[] }> {
  const period = reportPeriod(workspace.timezone, query.from, query.to);
  const rows = (await deps.dataSource.query(
    `WITH timings AS (${timingsSql(PERIOD_CONVERSATIONS)}),
     responses AS (
       SELECT first_response_agent_id AS agent_id, count(*)::int AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_seconds) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_seconds) AS p90
         FROM timings
        WHERE first_response_at >= $2 AND first_response_at < $3
          AND first_response_agent_id IS NOT NULL AND first_response_seconds >= 0
        GROUP BY 1),
     closes AS (
       SELECT closing_agent_id AS agent_id, count(*)::int AS n,
              count(*) FILTER (WHERE outcome = 'POSITIVE')::int AS positive,
              count(*) FILTER (WHERE outcome = 'NEGATIVE')::int AS negative,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY handle_seconds) FILTER (WHERE handle_seconds >= 0) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY handle_seconds) FILTER (WHERE handle_seconds >= 0) AS p90
         FROM timings
        WHERE closed_at >= $2 AND closed_at < $3 AND closing_agent_id IS NOT NULL
        GROUP BY 1),
     breaches AS (
       SELECT b.agent_id, count(*)::int AS n FROM sla_breach b
        WHERE b.workspace_id = $1 AND b.due_at >= $2 AND b.due_at < $3 AND b.agent_id IS NOT NULL
          AND ($4::uuid IS NULL OR b.team_id = $4::uuid)
        GROUP BY 1)
     SELECT a.id AS agent_id, COALESCE(sb.n, 0) AS sla_breaches,
            COALESCE(r.n, 0) AS first_response_count, r.median AS first_response_median, r.p90 AS first_response_p90,
            COALESCE(k.n, 0) AS closed_count, COALESCE(k.positive, 0) AS closed_positive,
            COALESCE(k.negative, 0) AS closed_negative, k.median AS handle_median, k.p90 AS handle_p90
       FROM agent a
       LEFT JOIN responses r ON r.agent_id = a.id
       LEFT JOIN closes k ON k.agent_id = a.id
       LEFT JOIN breaches sb ON sb.agent_id = a.id
      WHERE a.workspace_id = $1
        AND (r.agent_id IS NOT NULL OR k.agent_id IS NOT NULL OR sb.agent_id IS NOT NULL
             OR (a.active AND ($4::uuid IS NULL
                 OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = $4::uuid AND tm.agent_id = a.id))))
      ORDER BY a.name, a.id`,
    [workspace.id, period.start, period.end, query.teamId],
  )) as {
    agent_id: string;
    first_response_count: number;
    first_response_median: number | null;
    first_response_p90: number | null;
    closed_count: number;
    closed_positive: number;
    closed_negative: number;
    handle_median: number | null;
    handle_p90: number | null;
    sla_breaches: number;
  }[];
  return {
    period,
    rows: rows.map((row) => ({
      agentId: row.agent_id,
      firstResponseCount: row.first_response_count,
      firstResponseMedian: row.first_response_median,
      firstResponseP90: row.first_response_p90,
      closedCount: row.closed_count,
      closedPositive: row.closed_positive,
      closedNegative: row.closed_negative,
      handleTimeMedian: row.handle_median,
      handleTimeP90: row.handle_p90,
      slaBreaches: row.sla_breaches,
    })),
  };
}
