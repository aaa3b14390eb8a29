import { type DataSource } from 'typeorm';
import { type Calendar } from '../business-hours/business-calendar';
import { calendarsOfWorkspace } from '../business-hours/business-hours.service';

/**
 * How long a conversation took, from its history and messages. The moments:
 * - reached agents: its first handoff (or first assignment) when a bot held it first; its creation
 *   when it began with agents;
 * - assigned: its first assignment to an agent (assigned, taken, transferred);
 * - waiting from: when the customer began waiting on an agent — the later of reaching agents and
 *   the customer's first message (a conversation the workspace began waits from the customer's
 *   first answer);
 * - first response: the first message an agent wrote from then on, and who wrote it;
 * - closed: its close, and the agent holding it then.
 * Waits and durations are business seconds between those instants: only the time the calendar of
 * the conversation's team (its own hours, else the workspace's) is open counts — nights, closed
 * days and holidays do not, and a day of a change of clocks has its real length. Without business
 * hours the calendar is always open and they are plain seconds.
 */
export interface ConversationTimings {
  conversationId: string;
  reachedAgentsAt: Date | null;
  assignedAt: Date | null;
  waitingFrom: Date | null;
  firstResponseAt: Date | null;
  firstResponseAgentId: string | null;
  closedAt: Date | null;
  closingAgentId: string | null;
  waitSeconds: number | null;
  firstResponseSeconds: number | null;
  handleSeconds: number | null;
}

/**
 * The timings of the conversations `c` that `where` selects, as a SELECT usable as a subquery; its
 * parameters follow the caller's. Every lookup is one index probe per conversation (history by
 * conversation and time, messages by conversation and time).
 */
export function timingsSql(where: string): string {
  return `
    SELECT t.*
      FROM (
        SELECT m.*, fr.sent_at AS first_response_at, fr.sender_agent_id AS first_response_agent_id,
               CASE WHEN m.first_inbound_at IS NOT NULL AND m.reached_agents_at IS NOT NULL
                    THEN GREATEST(m.reached_agents_at, m.first_inbound_at) END AS waiting_from
          FROM (
            SELECT c.id AS conversation_id, c.workspace_id, c.team_id, c.outcome, c.csat_score, c.csat_comment,
                   LEAST(h.handoff_at, h.assigned_at,
                         CASE WHEN h.handoff_at IS NULL AND (c.handler = 'AGENT' OR h.returned_at IS NOT NULL)
                              THEN COALESCE(h.created_at, c.created_at) END) AS reached_agents_at,
                   h.assigned_at,
                   (SELECT min(i.sent_at) FROM message i
                     WHERE i.conversation_id = c.id AND i.direction = 'INBOUND') AS first_inbound_at,
                   CASE WHEN c.status = 'CLOSED' THEN c.closed_at END AS closed_at,
                   CASE WHEN c.status = 'CLOSED' THEN COALESCE(h.closing_agent_id, c.assignee_id) END AS closing_agent_id
              FROM conversation c
              CROSS JOIN LATERAL (
                SELECT min(e.created_at) FILTER (WHERE e.type = 'HANDOFF') AS handoff_at,
                       min(e.created_at) FILTER (WHERE e.type IN ('ASSIGNED', 'TAKEN', 'TRANSFERRED')
                                                  AND e.to_agent_id IS NOT NULL) AS assigned_at,
                       min(e.created_at) FILTER (WHERE e.type = 'RETURNED_TO_BOT') AS returned_at,
                       min(e.created_at) FILTER (WHERE e.type = 'CREATED') AS created_at,
                       (array_agg(COALESCE(e.from_agent_id, CASE WHEN e.actor_type = 'AGENT' THEN e.actor_id END)
                                  ORDER BY e.created_at DESC) FILTER (WHERE e.type = 'CLOSED'))[1] AS closing_agent_id
                  FROM conversation_event e WHERE e.conversation_id = c.id
              ) h
             WHERE ${where}
          ) m
          LEFT JOIN LATERAL (
            SELECT o.sent_at, o.sender_agent_id FROM message o
             WHERE o.conversation_id = m.conversation_id AND o.direction = 'OUTBOUND' AND o.sender = 'AGENT'
               AND m.first_inbound_at IS NOT NULL AND m.reached_agents_at IS NOT NULL
               AND o.sent_at >= GREATEST(m.reached_agents_at, m.first_inbound_at)
             ORDER BY o.sent_at, o.id LIMIT 1
          ) fr ON TRUE
      ) t`;
}

export interface TimingRow {
  conversation_id: string;
  team_id: string | null;
  reached_agents_at: Date | null;
  assigned_at: Date | null;
  waiting_from: Date | null;
  first_response_at: Date | null;
  first_response_agent_id: string | null;
  closed_at: Date | null;
  closing_agent_id: string | null;
}

/** Business seconds from `from` to `to`; a span running backwards (a clock set back) is unknown. */
function span(calendar: Calendar, from: Date | null, to: Date | null): number | null {
  if (!from || !to || to < from) return null;
  return calendar.businessSecondsBetween(from, to);
}

/** A row's timings, measured in `calendar` (the one of the conversation's team). */
export function timingsOf(row: TimingRow, calendar: Calendar): ConversationTimings {
  return {
    conversationId: row.conversation_id,
    reachedAgentsAt: row.reached_agents_at,
    assignedAt: row.assigned_at,
    waitingFrom: row.waiting_from,
    firstResponseAt: row.first_response_at,
    firstResponseAgentId: row.first_response_agent_id,
    closedAt: row.closed_at,
    closingAgentId: row.closing_agent_id,
    waitSeconds: span(calendar, row.reached_agents_at, row.assigned_at),
    firstResponseSeconds: span(calendar, row.waiting_from, row.first_response_at),
    handleSeconds: span(calendar, row.assigned_at, row.closed_at),
  };
}

/** The timings of each conversation, in one statement and the calendars' two (the loader of `Conversation.timings`). */
export async function timingsOfConversations(
  dataSource: DataSource,
  workspaceId: string,
  conversationIds: readonly string[],
): Promise<Map<string, ConversationTimings>> {
  const rows = (await dataSource.query(timingsSql('c.workspace_id = $1 AND c.id = ANY($2::uuid[])'), [
    workspaceId,
    [...conversationIds],
  ])) as TimingRow[];
  const calendars = await calendarsOfWorkspace(dataSource.manager, workspaceId);
  return new Map(rows.map((row) => [row.conversation_id, timingsOf(row, calendars(row.team_id))]));
}
