import { type SelectQueryBuilder } from 'typeorm';
import { Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import {
  type TrayKind,
  TrayView,
  type ChannelKind,
  ConversationOrder,
  type ConversationStatus,
  type Handler,
  type Priority,
  MessageType,
} from '../../entities/enums';
import { assertNever, forbidden, invalidInput } from '../errors';
import { type Caller } from '../caller';
import { paginate, type PageRequest, type SortKey } from '../paging';
import {
  customerMatches,
  customerSearchCondition,
  foldedTextMatches,
  parseSearchQuery,
  SqlParameters,
} from '../search/search-query';
import {
  conversationReadScope,
  readableConversationParts,
  readableConversationSql,
} from './conversation-visibility';
import {
  TRAY_BASE,
  TRAYS_OF_VIEW,
  trayCondition,
  trayConditionBeyondBase,
  trayNeedsAssignee,
  visibleSince,
} from './tray-rules';
import { TEXT_LIMITS } from '../text-limits';

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
  labelIds?: string[] | null;
  search?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  lastActivityAfter?: Date | null;
  lastActivityBefore?: Date | null;
  /** Words in a message, a note, or the customer's name, e-mail, channel user id or phone. */
  messageText?: string | null;
  /** In this tray now, in `trayView` (V2 when not given). */
  tray?: TrayKind | null;
  trayView?: TrayView | null;
  /** true: customer messages since the last reply; false: none. */
  unread?: boolean | null;
  /** true: free text may be sent now; false: the customer window is closed (or never opened). */
  windowOpen?: boolean | null;
}

/** An agent filter is for admins and API keys; an agent may name only themselves (FORBIDDEN otherwise). */
export function assertMayFilterByAgent(caller: Caller, agentId: string | null): void {
  const scope = conversationReadScope(caller.viewer);
  if (scope.agentId && agentId && agentId !== scope.agentId)
    throw forbidden('Agents see only their own trays; an admin can filter by agent.');
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
  assertMayFilterByAgent(caller, agentId);
  return conversationsWhere(
    caller,
    readableConversationSql(conversationReadScope(caller.viewer), 'c'),
    agentId,
  );
}

function conversationsWhere(
  caller: Caller,
  rule: { sql: string; parameters: Record<string, unknown> },
  agentId: string | null,
): SelectQueryBuilder<Conversation> {
  const query = caller.deps.dataSource
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .where(rule.sql, rule.parameters);
  if (agentId) query.andWhere('c.assignee_id = :agentId', { agentId });
  return query;
}

/**
 * Conversations with the words of `text` in one of their messages or notes, or in their customer's
 * name, e-mail, channel user id or phone digits: one id list from the trigram indexes of the three
 * tables, over all time. The read rule stays on the outer query, like every other criterion.
 */
function whereTextMatches(query: SelectQueryBuilder<Conversation>, workspaceId: string, text: string) {
  const search = parseSearchQuery(text, 'messageText', { phones: true });
  const parameters = new SqlParameters('text');
  const workspace = parameters.add(workspaceId);
  const inMessages = foldedTextMatches('omnitray_fold(tm.text)', search, parameters);
  const inNotes = foldedTextMatches('omnitray_fold(tn.body)', search, parameters);
  const sources = [
    `SELECT tc.id FROM conversation tc
      WHERE tc.customer_id IN (SELECT tcu.id FROM customer tcu
                                WHERE tcu.workspace_id = ${workspace} AND tcu.merged_at IS NULL AND ${customerMatches('tcu', search, parameters)})`,
  ];
  // A query of digits only ("+52 55 12") is for phones: its short words would match any text.
  if (inMessages && inNotes) {
    sources.push(
      `SELECT tm.conversation_id FROM message tm
        WHERE tm.workspace_id = ${workspace} AND tm.type <> '${MessageType.REACTION}' AND ${inMessages}`,
      `SELECT tn.conversation_id FROM note tn
        WHERE tn.workspace_id = ${workspace} AND tn.deleted_at IS NULL AND ${inNotes}`,
    );
  }
  query.andWhere(`c.id IN (${sources.join(' UNION ')})`, parameters.values);
}

function whereInTray(
  query: SelectQueryBuilder<Conversation>,
  caller: Caller,
  kind: TrayKind,
  view: TrayView,
) {
  if (!TRAYS_OF_VIEW[view].includes(kind)) {
    throw invalidInput(
      `The ${view} view has no ${kind} tray; it has ${TRAYS_OF_VIEW[view].join(', ')}.`,
      'filter',
    );
  }
  whereTray(query, caller, kind, view);
}

/**
 * A tray's rule on a query of visible conversations. A restricted agent's tray of assigned
 * conversations is their own: said outright (the read rule's OR does not say it to the planner),
 * the page walks that agent's entries of `conversation_tray_idx`, not every open conversation of
 * the workspace — an agent with few active conversations made it read them all.
 */
function whereTray(query: SelectQueryBuilder<Conversation>, caller: Caller, kind: TrayKind, view: TrayView) {
  query.andWhere(trayCondition(kind, view), trayParameters(caller));
  const own = conversationReadScope(caller.viewer).agentId;
  if (own && trayNeedsAssignee(kind, view)) query.andWhere('c.assignee_id = :trayOwner', { trayOwner: own });
  return query;
}

export function applyFilter(
  caller: Caller,
  query: SelectQueryBuilder<Conversation>,
  filter: ConversationFilterValues | null | undefined,
) {
  if (!filter) return query;
  const now = caller.deps.clock.now();
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
  if (filter.labelIds && filter.labelIds.length > 0) {
    query.andWhere(
      'EXISTS (SELECT 1 FROM conversation_label cl WHERE cl.conversation_id = c.id AND cl.tag_id IN (:...labelIds))',
      { labelIds: filter.labelIds },
    );
  }
  const search = filter.search?.trim();
  if (search && search.length > TEXT_LIMITS.search) {
    throw invalidInput(`\`filter.search\` must be at most ${TEXT_LIMITS.search} characters.`, 'search');
  }
  if (search) {
    // The workspace's matching customers first (their trigram indexes), then their conversations.
    const parameters = new SqlParameters('customerSearch');
    const workspace = parameters.add(caller.viewer.workspaceId);
    query.andWhere(
      `c.customer_id IN (SELECT cu.id FROM customer cu WHERE cu.workspace_id = ${workspace} AND ${customerSearchCondition('cu', search, parameters)})`,
      parameters.values,
    );
  }
  if (filter.createdAfter) query.andWhere('c.created_at >= :createdAfter', filter);
  if (filter.createdBefore) query.andWhere('c.created_at < :createdBefore', filter);
  if (filter.lastActivityAfter) query.andWhere('c.last_activity_at >= :lastActivityAfter', filter);
  if (filter.lastActivityBefore) query.andWhere('c.last_activity_at < :lastActivityBefore', filter);
  if (filter.unread === true) query.andWhere('c.unread_count > 0');
  if (filter.unread === false) query.andWhere('c.unread_count = 0');
  if (filter.windowOpen === true) query.andWhere('c.window_expires_at > :now', trayParameters(caller));
  if (filter.windowOpen === false) {
    query.andWhere('(c.window_expires_at IS NULL OR c.window_expires_at <= :now)', trayParameters(caller));
  }
  if (filter.tray) whereInTray(query, caller, filter.tray, filter.trayView ?? TrayView.V2);
  if (filter.messageText != null) whereTextMatches(query, caller.viewer.workspaceId, filter.messageText);
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
  return whereTray(applyFilter(caller, visibleConversations(caller, agentId), filter), caller, kind, view);
}

/** The counts a request has asked for, by view, agent and filter: `count` and `totalCount` share one. */
const countsOfRequest = new WeakMap<Caller, Map<string, Promise<Map<TrayKind, number>>>>();

/** A filter's criteria without the ones left unset, as a stable key. */
function filterKey(filter: ConversationFilterValues | null | undefined): string {
  const set = Object.entries(filter ?? {}).filter(([, value]) => value !== null && value !== undefined);
  return JSON.stringify(set.sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Counts of every tray of a view in one statement, once per request for the same view, agent and
 * filter (the `trays` counts, a tray's `count` and its connection's `totalCount` are one read).
 * Only open, agent-handled, visible conversations are read — the rows every tray's rule starts
 * with —, which the partial index `conversation_agent_tray_idx` holds with every column the rules
 * test, so the counts come from the index alone.
 */
export function trayCounts(
  caller: Caller,
  view: TrayView,
  agentId: string | null,
  filter?: ConversationFilterValues | null,
): Promise<Map<TrayKind, number>> {
  let memo = countsOfRequest.get(caller);
  if (!memo) countsOfRequest.set(caller, (memo = new Map()));
  const key = JSON.stringify([view, agentId, filterKey(filter)]);
  let counts = memo.get(key);
  if (!counts) {
    counts = readTrayCounts(caller, view, agentId, filter);
    memo.set(key, counts);
    counts.catch(() => memo.delete(key));
  }
  return counts;
}

async function readTrayCounts(
  caller: Caller,
  view: TrayView,
  agentId: string | null,
  filter?: ConversationFilterValues | null,
): Promise<Map<TrayKind, number>> {
  const kinds = TRAYS_OF_VIEW[view];
  assertMayFilterByAgent(caller, agentId);
  // One count per part of the read rule (a restricted agent's own, then their queues), summed.
  const parts = readableConversationParts(conversationReadScope(caller.viewer), 'c').map((part) => {
    const query = applyFilter(caller, conversationsWhere(caller, part, agentId), filter)
      .select([])
      .andWhere(TRAY_BASE);
    kinds.forEach((kind, index) =>
      query.addSelect(`count(*) FILTER (WHERE ${trayConditionBeyondBase(kind, view)})::int`, `k${index}`),
    );
    return query.setParameters(trayParameters(caller));
  });
  const query =
    parts.length === 1
      ? parts[0]!
      : caller.deps.dataSource
          .createQueryBuilder()
          .select(kinds.map((_, index) => `sum(parts.k${index})::int AS "k${index}"`))
          .from(`(${parts.map((part) => part.getQuery()).join(' UNION ALL ')})`, 'parts')
          .setParameters(Object.assign({}, ...parts.map((part) => part.getParameters())));
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
  const query = applyFilter(caller, visibleConversations(caller, null), filter);
  return paginate(query, conversationSort(order), page, caller.viewer.workspaceId);
}

/**
 * A page of one tray's conversations, by filter and order; its total is the tray's count. With
 * `withLastMessage`, each row's latest message is read in the same statement (a tray shows it on
 * every row): one primary-key lookup per row of the page.
 */
export function listTrayConversations(
  caller: Caller,
  tray: { kind: TrayKind; view: TrayView; agentId: string | null },
  filter: ConversationFilterValues | null,
  order: ConversationOrder,
  page: PageRequest,
  options: { withLastMessage?: boolean } = {},
) {
  const query = trayConversations(caller, tray.kind, tray.view, tray.agentId, filter);
  if (options.withLastMessage) {
    query.leftJoinAndMapOne(
      'c.lastMessage',
      Message,
      'lm',
      'lm.id = c.last_message_id AND lm.workspace_id = c.workspace_id',
    );
  }
  return paginate(query, conversationSort(order), page, caller.viewer.workspaceId, async () => {
    const counts = await trayCounts(caller, tray.view, tray.agentId, filter);
    return counts.get(tray.kind) ?? 0;
  });
}
