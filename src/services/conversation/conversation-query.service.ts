import { type SelectQueryBuilder } from 'typeorm';
import { Conversation } from '../../entities/conversation.entity';
import {
  type TrayKind,
  type TrayView,
  type ChannelKind,
  type ConversationStatus,
  type Handler,
} from '../../entities/enums';
import { forbidden } from '../errors';
import { type Caller } from '../caller';
import { conversationReadScope, readableConversationSql } from './conversation-visibility';
import { TRAYS_OF_VIEW, trayCondition, visibleSince } from './tray-rules';

export interface ConversationFilterValues {
  customerId?: string | null;
  handler?: Handler | null;
  status?: ConversationStatus | null;
  channel?: ChannelKind | null;
  channelAccountId?: string | null;
  assigneeId?: string | null;
  unassigned?: boolean | null;
  /** In this team (its queue and what its conversations' assignees hold). */
  teamId?: string | null;
  /** true: in no team; false: in some team. */
  withoutTeam?: boolean | null;
  tagIds?: string[] | null;
  search?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  lastActivityAfter?: Date | null;
  lastActivityBefore?: Date | null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Conversations the viewer may list: the workspace's, and for an agent only what the read rule
 * gives them (their own, their teams' queues, the general queue). `agentId` narrows to one agent
 * and is for admins (and API keys).
 */
export function visibleConversations(
  caller: Caller,
  agentId: string | null,
): SelectQueryBuilder<Conversation> {
  const scope = conversationReadScope(caller.viewer);
  if (scope.agentId && agentId && agentId !== scope.agentId)
    throw forbidden('Agents see only their own trays; an admin can filter by agent.');
  const rule = readableConversationSql(scope, 'c');
  const query = caller.deps.dataSource
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .where(rule.sql, rule.parameters);
  if (agentId) query.andWhere('c.assignee_id = :agentId', { agentId });
  return query;
}

export function applyFilter(
  query: SelectQueryBuilder<Conversation>,
  filter: ConversationFilterValues | null | undefined,
) {
  if (!filter) return query;
  if (filter.customerId) query.andWhere('c.customer_id = :customerId', { customerId: filter.customerId });
  if (filter.handler) query.andWhere('c.handler = :handler', { handler: filter.handler });
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  if (filter.channel) query.andWhere('c.channel = :channel', { channel: filter.channel });
  if (filter.channelAccountId) query.andWhere('c.channel_account_id = :channelAccountId', filter);
  if (filter.assigneeId)
    query.andWhere('c.assignee_id = :filterAssigneeId', { filterAssigneeId: filter.assigneeId });
  if (filter.unassigned === true) query.andWhere('c.assignee_id IS NULL');
  if (filter.unassigned === false) query.andWhere('c.assignee_id IS NOT NULL');
  if (filter.teamId) query.andWhere('c.team_id = :filterTeamId', { filterTeamId: filter.teamId });
  if (filter.withoutTeam === true) query.andWhere('c.team_id IS NULL');
  if (filter.withoutTeam === false) query.andWhere('c.team_id IS NOT NULL');
  if (filter.tagIds && filter.tagIds.length > 0) {
    query.andWhere(
      'EXISTS (SELECT 1 FROM customer_tag ct WHERE ct.customer_id = c.customer_id AND ct.tag_id IN (:...tagIds))',
      { tagIds: filter.tagIds },
    );
  }
  const search = filter.search?.trim();
  if (search) {
    query.andWhere(
      `EXISTS (SELECT 1 FROM customer cu WHERE cu.id = c.customer_id AND (cu.name ILIKE :search OR cu.phone ILIKE :search OR cu.channel_user_id ILIKE :search))`,
      { search: `%${escapeLike(search)}%` },
    );
  }
  if (filter.createdAfter) query.andWhere('c.created_at >= :createdAfter', filter);
  if (filter.createdBefore) query.andWhere('c.created_at < :createdBefore', filter);
  if (filter.lastActivityAfter) query.andWhere('c.last_activity_at >= :lastActivityAfter', filter);
  if (filter.lastActivityBefore) query.andWhere('c.last_activity_at < :lastActivityBefore', filter);
  return query;
}

export function trayParameters(caller: Caller) {
  const now = caller.deps.clock.now();
  return { now, visibleSince: visibleSince(now, caller.viewer.workspace.visibleDays) };
}

export function trayConversations(
  caller: Caller,
  kind: TrayKind,
  view: TrayView,
  agentId: string | null,
  filter: ConversationFilterValues | null | undefined,
): SelectQueryBuilder<Conversation> {
  const query = applyFilter(visibleConversations(caller, agentId), filter);
  return query.andWhere(trayCondition(kind, view), trayParameters(caller));
}

/** Counts of every tray of a view in one statement. */
export async function trayCounts(
  caller: Caller,
  view: TrayView,
  agentId: string | null,
  filter?: ConversationFilterValues | null,
): Promise<Map<TrayKind, number>> {
  const kinds = TRAYS_OF_VIEW[view];
  const query = applyFilter(visibleConversations(caller, agentId), filter).select([]);
  kinds.forEach((kind, index) =>
    query.addSelect(`count(*) FILTER (WHERE ${trayCondition(kind, view)})::int`, `k${index}`),
  );
  query.setParameters(trayParameters(caller));
  const row = (await query.getRawOne<Record<string, number>>()) ?? {};
  return new Map(kinds.map((kind, index) => [kind, Number(row[`k${index}`] ?? 0)]));
}
