import { type SelectQueryBuilder } from 'typeorm';
import { Conversation } from '../../entities/conversation.entity';
import {
  type TrayKind,
  type TrayView,
  type ChannelKind,
  ConversationOrder,
  type ConversationStatus,
  type Handler,
  type Priority,
} from '../../entities/enums';
import { assertNever } from '../errors';
import { paginate, type PageRequest, type SortKey } from '../paging';
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
  /** Any of these priorities. */
  priority?: Priority[] | null;
  /** true: snoozed now; false: not snoozed. */
  snoozed?: boolean | null;
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
  now: Date,
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
  if (filter.priority && filter.priority.length > 0) {
    query.andWhere('c.priority IN (:...filterPriorities)', { filterPriorities: filter.priority });
  }
  if (filter.snoozed === true) query.andWhere('c.snoozed_until > :filterNow', { filterNow: now });
  if (filter.snoozed === false) {
    query.andWhere('(c.snoozed_until IS NULL OR c.snoozed_until <= :filterNow)', { filterNow: now });
  }
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
  const query = applyFilter(visibleConversations(caller, agentId), filter, caller.deps.clock.now());
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
  const query = applyFilter(visibleConversations(caller, agentId), filter, caller.deps.clock.now()).select(
    [],
  );
  kinds.forEach((kind, index) =>
    query.addSelect(`count(*) FILTER (WHERE ${trayCondition(kind, view)})::int`, `k${index}`),
  );
  query.setParameters(trayParameters(caller));
  const row = (await query.getRawOne<Record<string, number>>()) ?? {};
  return new Map(kinds.map((kind, index) => [kind, Number(row[`k${index}`] ?? 0)]));
}

/** Waiting time as a sort value: not waiting (null) sorts after every waiting conversation. */
const WAITING = (alias: string) => `COALESCE(${alias}.waiting_since, CAST('infinity' AS timestamptz))`;

/** The keyset of each order of a conversation list (alias `c`). */
export function conversationSort(order: ConversationOrder): SortKey {
  const base = { idColumn: 'c.id', table: 'conversation' };
  switch (order) {
    case ConversationOrder.LAST_ACTIVITY:
      return { ...base, column: 'c.last_activity_at', tableColumn: 'last_activity_at', direction: 'DESC' };
    case ConversationOrder.CREATED:
      return { ...base, column: 'c.created_at', tableColumn: 'created_at', direction: 'DESC' };
    case ConversationOrder.WAITING_SINCE:
      return {
        ...base,
        column: WAITING('c'),
        tableColumn: 'waiting_since',
        cursorColumn: WAITING('cursor_row'),
        direction: 'ASC',
      };
    case ConversationOrder.PRIORITY:
      return {
        ...base,
        column: 'c.priority',
        tableColumn: 'priority',
        direction: 'DESC',
        then: [{ column: WAITING('c'), cursorColumn: WAITING('cursor_row'), direction: 'ASC' }],
      };
    default:
      return assertNever(order);
  }
}

/** A page of the conversations the viewer may list, by filter and order. */
export function listConversations(
  caller: Caller,
  filter: ConversationFilterValues | null,
  order: ConversationOrder,
  page: PageRequest,
) {
  const query = applyFilter(visibleConversations(caller, null), filter, caller.deps.clock.now());
  return paginate(query, conversationSort(order), page, caller.viewer.workspaceId);
}

/** A page of one tray's conversations, by filter and order. */
export function listTrayConversations(
  caller: Caller,
  tray: { kind: TrayKind; view: TrayView; agentId: string | null },
  filter: ConversationFilterValues | null,
  order: ConversationOrder,
  page: PageRequest,
) {
  const query = trayConversations(caller, tray.kind, tray.view, tray.agentId, filter);
  return paginate(query, conversationSort(order), page, caller.viewer.workspaceId);
}
