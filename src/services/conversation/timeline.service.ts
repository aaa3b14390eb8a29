import { type DataSource } from 'typeorm';
import { MessageType } from '../../entities/enums';
import {
  decodeKeyCursor,
  encodeKeyCursor,
  pageFromRows,
  pageWindow,
  type ConnectionShape,
  type PageRequest,
  type PageWindow,
} from '../paging';
import { SqlParameters } from '../search/search-query';
import { readableConversationSql, type ConversationReadScope } from './conversation-visibility';

/**
 * One conversation's messages, notes and history events as one list, oldest first: sorted by time
 * (a message's channel time, a note's or event's creation), then by kind in the order below, then
 * by id. Reactions are not rows of it: they belong to the message they react to.
 */
export enum TimelineItemKind {
  MESSAGE = 'MESSAGE',
  NOTE = 'NOTE',
  EVENT = 'EVENT',
}

const KINDS = [TimelineItemKind.MESSAGE, TimelineItemKind.NOTE, TimelineItemKind.EVENT] as const;

/** Each kind's table and time column; the `(conversation_id, time, id)` indexes read them in order. */
const SOURCES: Record<TimelineItemKind, { table: string; alias: string; at: string; extra: string }> = {
  [TimelineItemKind.MESSAGE]: {
    table: 'message',
    alias: 'tm',
    at: 'sent_at',
    extra: `AND tm.type <> '${MessageType.REACTION}'`,
  },
  [TimelineItemKind.NOTE]: {
    table: 'note',
    alias: 'tn',
    at: 'created_at',
    extra: 'AND tn.deleted_at IS NULL',
  },
  [TimelineItemKind.EVENT]: { table: 'conversation_event', alias: 'te', at: 'created_at', extra: '' },
};

/** An item of a page: which row it is; the rows themselves are loaded by id. */
export interface TimelineEntry {
  kind: TimelineItemKind;
  id: string;
}

/** The sort key a cursor carries: time (ISO, microseconds), kind rank, id. */
type TimelineKey = [string, number, string];

function isTimelineKey(key: unknown[]): key is TimelineKey {
  return (
    key.length === 3 &&
    typeof key[0] === 'string' &&
    !Number.isNaN(Date.parse(key[0])) &&
    typeof key[1] === 'number' &&
    Number.isInteger(key[1]) &&
    key[1] >= 0 &&
    key[1] < KINDS.length &&
    typeof key[2] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(key[2])
  );
}

/** Cursors are valid for one conversation of one workspace. */
function cursorScope(workspaceId: string, conversationId: string): string {
  return `${workspaceId}|timeline|${conversationId}`;
}

/** A timeline page request with its cursor decoded for one conversation (INVALID_INPUT if it is not its cursor). */
export interface TimelinePlan {
  window: PageWindow;
  cursor: TimelineKey | null;
}

export function planTimelinePage(
  workspaceId: string,
  conversationId: string,
  page: PageRequest,
): TimelinePlan {
  const window = pageWindow(page);
  const scope = cursorScope(workspaceId, conversationId);
  const cursor = window.cursor ? decodeKeyCursor(window.cursor, scope, window.argument, isTimelineKey) : null;
  return { window, cursor };
}

/**
 * Rows of one kind past the cursor, in reading order. The kind breaks ties in time, so against a
 * cursor of an earlier kind rows at the same instant come after it, and of a later kind before it.
 */
function branchSql(
  kind: TimelineItemKind,
  plan: TimelinePlan,
  parameters: SqlParameters,
  workspace: string,
  limit: string,
): string {
  const { table, alias, at, extra } = SOURCES[kind];
  const rank = KINDS.indexOf(kind);
  const order = plan.window.backward ? 'DESC' : 'ASC';
  let keyset = '';
  if (plan.cursor) {
    const [time, cursorRank, id] = plan.cursor;
    const instant = `CAST(${parameters.add(time)} AS timestamptz)`;
    const after = plan.window.backward ? '<' : '>';
    if (rank === cursorRank) {
      keyset = `AND (${alias}.${at}, ${alias}.id) ${after} (${instant}, CAST(${parameters.add(id)} AS uuid))`;
    } else {
      const laterKind = rank > cursorRank;
      // Forward: a later kind at the cursor's instant is past it; backward: an earlier kind is.
      const inclusive = plan.window.backward ? !laterKind : laterKind;
      keyset = `AND ${alias}.${at} ${after}${inclusive ? '=' : ''} ${instant}`;
    }
  }
  return `(SELECT ${rank} AS rank, ${alias}.id, ${alias}.${at} AS at FROM ${table} ${alias}
            WHERE ${alias}.conversation_id = page_parent.id AND ${alias}.workspace_id = ${workspace} ${extra} ${keyset}
            ORDER BY ${alias}.${at} ${order}, ${alias}.id ${order} LIMIT ${limit})`;
}

interface EntryRow {
  parent: string;
  rank: number;
  id: string;
  at_key: string;
}

/**
 * The same timeline page of many conversations in one statement: per conversation (readable by
 * the caller), each kind read from its index up to the page size, then merged; a large
 * conversation costs its page, not its size.
 */
export async function timelinePages(
  dataSource: DataSource,
  scope: ConversationReadScope,
  conversationIds: readonly string[],
  plan: TimelinePlan,
  page: PageRequest,
): Promise<Map<string, Omit<ConnectionShape<TimelineEntry>, 'countTotal'>>> {
  const parameters = new SqlParameters('timeline');
  const rule = readableConversationSql(scope, 'c');
  Object.assign(parameters.values, rule.parameters);
  const workspace = parameters.add(scope.workspaceId);
  const limit = parameters.add(plan.window.size + 1);
  const order = plan.window.backward ? 'DESC' : 'ASC';
  const branches = KINDS.map((kind) => branchSql(kind, plan, parameters, workspace, limit));
  const [sql, values] = dataSource.driver.escapeQueryWithParameters(
    `SELECT page_parent.id AS parent, t.rank, t.id,
            to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key
       FROM unnest(CAST(${parameters.add([...conversationIds])} AS uuid[])) page_parent(id)
       JOIN conversation c ON c.id = page_parent.id AND ${rule.sql}
       CROSS JOIN LATERAL (
         SELECT merged.* FROM (${branches.join(' UNION ALL ')}) merged
          ORDER BY merged.at ${order}, merged.rank ${order}, merged.id ${order} LIMIT ${limit}
       ) t
      ORDER BY page_parent.id, t.at ${order}, t.rank ${order}, t.id ${order}`,
    parameters.values,
  );
  const rows = (await dataSource.query(sql, values)) as EntryRow[];
  const byParent = new Map<string, EntryRow[]>(conversationIds.map((id) => [id, []]));
  for (const row of rows) byParent.get(row.parent)?.push(row);
  return new Map(
    [...byParent].map(([parent, parentRows]) => {
      const connection = pageFromRows(parentRows, plan.window, page, (row) =>
        encodeKeyCursor(cursorScope(scope.workspaceId, parent), [row.at_key, row.rank, row.id]),
      );
      return [
        parent,
        {
          pageInfo: connection.pageInfo,
          edges: connection.edges.map((edge) => ({
            cursor: edge.cursor,
            node: { kind: KINDS[edge.node.rank]!, id: edge.node.id },
          })),
        },
      ];
    }),
  );
}

/** How many items each readable conversation's timeline holds, in one statement (hidden: 0). */
export async function timelineCounts(
  dataSource: DataSource,
  scope: ConversationReadScope,
  conversationIds: readonly string[],
): Promise<Map<string, number>> {
  const rule = readableConversationSql(scope, 'c');
  const count = (kind: TimelineItemKind) => {
    const { table, alias, extra } = SOURCES[kind];
    return `(SELECT count(*) FROM ${table} ${alias} WHERE ${alias}.conversation_id = c.id AND ${alias}.workspace_id = c.workspace_id ${extra})`;
  };
  const [sql, values] = dataSource.driver.escapeQueryWithParameters(
    `SELECT c.id, (${KINDS.map(count).join(' + ')})::int AS count FROM conversation c
      WHERE c.id = ANY(CAST(:timelineParents AS uuid[])) AND ${rule.sql}`,
    { ...rule.parameters, timelineParents: [...conversationIds] },
  );
  const rows = (await dataSource.query(sql, values)) as { id: string; count: number }[];
  const counts = new Map(conversationIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.id, row.count);
  return counts;
}
