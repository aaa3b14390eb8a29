import { MessageSender, MessageType } from '../../entities/enums';
import { type Caller } from '../caller';
import { conversationReadScope, readableConversationSql } from '../conversation/conversation-visibility';
import {
  decodeKeyCursor,
  encodeKeyCursor,
  pageFromRows,
  pageWindow,
  type ConnectionShape,
  type PageRequest,
} from '../paging';
import { foldedTextMatches, parseSearchQuery, SqlParameters, type SearchQuery } from './search-query';
import { snippetOf, type Snippet } from './snippet';

export enum SearchHitKind {
  MESSAGE = 'MESSAGE',
  NOTE = 'NOTE',
}

/** One message or note that matches, with what a result list shows of it. */
export interface SearchHit {
  kind: SearchHitKind;
  /** Database id of the message or note. */
  id: string;
  conversationId: string;
  /** Channel time of a message, creation time of a note. */
  at: Date;
  /** Who wrote it: a message's sender; for a note AGENT, or SYSTEM when a partner wrote it with an API key. */
  sender: MessageSender;
  /** The agent who wrote it, when one did. */
  agentId: string | null;
  /** 0–1: how closely the text holds the query as one phrase (pg_trgm's strict word similarity). */
  score: number;
  snippet: Snippet;
}

interface HitRow {
  rank: number;
  id: string;
  conversation_id: string;
  at: Date;
  at_key: string;
  body: string;
  sender: MessageSender;
  agent_id: string | null;
  score: string;
}

/** Cursor key: score (6 decimals, as text), time (ISO, microseconds), kind rank, id. */
type HitKey = [string, string, number, string];

const NOTE_SENDER = `CASE WHEN n.author_id IS NULL THEN '${MessageSender.SYSTEM}' ELSE '${MessageSender.AGENT}' END`;

/** Time as ISO text with all its microseconds: a JavaScript Date would cut them, and cursors must not. */
const AT_KEY = `to_char(hits.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function isHitKey(key: unknown[]): key is HitKey {
  return (
    key.length === 4 &&
    typeof key[0] === 'string' &&
    /^\d(\.\d{1,6})?$/.test(key[0]) &&
    typeof key[1] === 'string' &&
    !Number.isNaN(Date.parse(key[1])) &&
    (key[2] === 0 || key[2] === 1) &&
    typeof key[3] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(key[3])
  );
}

/**
 * The matching messages and notes of the conversations the caller may read, as one statement: a
 * branch per table, each answered by its trigram index, under the one read rule.
 */
function hitsSql(caller: Caller, query: SearchQuery, parameters: SqlParameters): string {
  const rule = readableConversationSql(conversationReadScope(caller.viewer), 'c');
  Object.assign(parameters.values, rule.parameters);
  const workspace = parameters.add(caller.viewer.workspaceId);
  const phrase = parameters.add(query.text);
  const match = (folded: string) => foldedTextMatches(folded, query, parameters)!;
  const score = (folded: string) =>
    `round(strict_word_similarity(omnitray_fold(${phrase}), ${folded})::numeric, 6)`;
  return `
    SELECT 0 AS rank, m.id, m.conversation_id, m.sent_at AS at, m.text AS body, m.sender::text AS sender,
           m.sender_agent_id AS agent_id, ${score('omnitray_fold(m.text)')} AS score
      FROM message m JOIN conversation c ON c.id = m.conversation_id
     WHERE m.workspace_id = ${workspace} AND m.type <> '${MessageType.REACTION}' AND ${rule.sql}
       AND ${match('omnitray_fold(m.text)')}
    UNION ALL
    SELECT 1, n.id, n.conversation_id, n.created_at, n.body, ${NOTE_SENDER}, n.author_id,
           ${score('omnitray_fold(n.body)')}
      FROM note n JOIN conversation c ON c.id = n.conversation_id
     WHERE n.workspace_id = ${workspace} AND n.deleted_at IS NULL AND ${rule.sql}
       AND ${match('omnitray_fold(n.body)')}`;
}

/**
 * Messages and notes whose text holds every word of `text`, accents and case aside, over all time,
 * best first: by score, then newest. Only conversations the caller may read are searched.
 */
export async function searchMessages(
  caller: Caller,
  text: string,
  page: Pick<PageRequest, 'first' | 'after'>,
): Promise<ConnectionShape<SearchHit>> {
  const query = parseSearchQuery(text, 'query', { phones: false });
  const window = pageWindow({ first: page.first, after: page.after });
  const scope = `${caller.viewer.workspaceId}|search|${query.text.toLowerCase()}`;
  const after = window.cursor ? decodeKeyCursor(window.cursor, scope, 'after', isHitKey) : null;
  const parameters = new SqlParameters('search');
  const hits = hitsSql(caller, query, parameters);
  const countParameters = { ...parameters.values };
  let keyset = '';
  if (after) {
    const [score, at, rank, id] = after.map((value) => parameters.add(value));
    keyset = `WHERE (hits.score, hits.at, hits.rank, hits.id) < (CAST(${score} AS numeric), CAST(${at} AS timestamptz), ${rank}, CAST(${id} AS uuid))`;
  }
  const limit = parameters.add(window.size + 1);
  const { dataSource } = caller.deps;
  const [sql, values] = dataSource.driver.escapeQueryWithParameters(
    `SELECT hits.*, ${AT_KEY} AS at_key FROM (${hits}) hits ${keyset}
      ORDER BY hits.score DESC, hits.at DESC, hits.rank DESC, hits.id DESC LIMIT ${limit}`,
    parameters.values,
  );
  const rows = (await dataSource.query(sql, values)) as HitRow[];
  const connection = pageFromRows(
    rows.map((row) => ({ row, hit: hitOf(row, query) })),
    window,
    { first: page.first, after: page.after },
    ({ row }) => encodeKeyCursor(scope, [row.score, row.at_key, row.rank, row.id]),
  );
  return {
    edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.hit })),
    pageInfo: connection.pageInfo,
    countTotal: async () => {
      const [countSql, countValues] = dataSource.driver.escapeQueryWithParameters(
        `SELECT count(*)::int AS count FROM (${hits}) hits`,
        countParameters,
      );
      const [row] = (await dataSource.query(countSql, countValues)) as { count: number }[];
      return row?.count ?? 0;
    },
  };
}

function hitOf(row: HitRow, query: SearchQuery): SearchHit {
  return {
    kind: row.rank === 0 ? SearchHitKind.MESSAGE : SearchHitKind.NOTE,
    id: row.id,
    conversationId: row.conversation_id,
    at: row.at,
    sender: row.sender,
    agentId: row.agent_id,
    score: Number(row.score),
    snippet: snippetOf(row.body, query.terms),
  };
}
