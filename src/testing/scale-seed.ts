import { type DataSource } from 'typeorm';

/** What to load into one workspace with set-based INSERT … SELECT (one statement per table). */
export interface TrayCorpusOptions {
  workspaceId: string;
  channelAccountId: string;
  conversations: number;
  /** Agents the open conversations are assigned to (round robin; every 7th waits unassigned). */
  agentIds: string[];
  /** Teams every 3rd conversation belongs to. */
  teamIds: string[];
  messagesPerConversation: number;
  /** Every n-th conversation gets a note (0: none). */
  noteEvery: number;
  /** Tags put on customers (every customer gets the tag of its number modulo their count). */
  tagIds: string[];
  /** A TEXT custom field every customer has a value for; null for none. */
  fieldId: string | null;
  /** Distinguishes the rows of several loads into one workspace. */
  prefix: string;
}

const uuidArray = (ids: string[]) =>
  `CAST(ARRAY[${ids.map((id) => `'${id}'`).join(', ')}]::text[] AS uuid[])`;

/**
 * A realistic tray mix: a fifth of the conversations held by the bot, three in ten closed, half
 * open with the agents — of those some unassigned, some in a team, some waiting on a template,
 * some with the customer window lapsed, half already answered —, half of them active in the last
 * day and the rest spread over 60 days (so some are older than the trays' 30 visible days).
 */
export async function loadTrayCorpus(dataSource: DataSource, options: TrayCorpusOptions): Promise<void> {
  const { workspaceId, channelAccountId, prefix } = options;
  const agents = options.agentIds.length ? uuidArray(options.agentIds) : 'CAST(ARRAY[]::text[] AS uuid[])';
  const teams = options.teamIds.length ? uuidArray(options.teamIds) : 'CAST(ARRAY[]::text[] AS uuid[])';
  await dataSource.query(
    `INSERT INTO customer (workspace_id, channel_account_id, channel, channel_user_id, name, phone)
     SELECT $1, $2, 'WHATSAPP', $3 || g, 'Customer ' || g, '+52 55 ' || lpad(g::text, 8, '0')
       FROM generate_series(1, $4::int) g`,
    [workspaceId, channelAccountId, `${prefix}-`, options.conversations],
  );
  await dataSource.query(
    `INSERT INTO conversation (workspace_id, customer_id, channel_account_id, channel, handler, status,
                               assignee_id, team_id, last_inbound_at, window_expires_at, outgoing_since,
                               handed_off_at, first_agent_reply_at, last_activity_at, created_at,
                               unread_count, waiting_since, priority)
     SELECT cu.workspace_id, cu.id, cu.channel_account_id, cu.channel,
            CASE WHEN g % 10 < 2 THEN 'BOT' ELSE 'AGENT' END::handler,
            CASE WHEN g % 10 BETWEEN 2 AND 4 THEN 'CLOSED' ELSE 'OPEN' END::conversation_status,
            CASE WHEN g % 10 >= 5 AND g % 7 <> 0 AND cardinality(${agents}) > 0
                 THEN (${agents})[1 + g % cardinality(${agents})] END,
            CASE WHEN g % 3 = 0 AND cardinality(${teams}) > 0 THEN (${teams})[1 + g % cardinality(${teams})] END,
            at - interval '5 minutes',
            at - interval '5 minutes' + CASE WHEN g % 11 = 0 THEN interval '-1 hour' ELSE interval '24 hours' END,
            CASE WHEN g % 13 = 0 THEN at - interval '1 minute' END,
            at - interval '10 minutes',
            CASE WHEN g % 2 = 0 THEN at END,
            at, at - interval '1 day',
            CASE WHEN g % 2 = 1 THEN 1 + g % 3 ELSE 0 END,
            CASE WHEN g % 2 = 1 THEN at - interval '5 minutes' END,
            (ARRAY['NONE', 'LOW', 'MEDIUM', 'HIGH', 'URGENT'])[1 + g % 5]::priority
       FROM customer cu,
            LATERAL (SELECT substring(cu.channel_user_id FROM length($2) + 1)::int AS g) number,
            LATERAL (SELECT now() - (abs(hashtext(cu.id::text)) % CASE WHEN g % 2 = 0 THEN 1440 ELSE 86400 END)
                                * interval '1 minute' AS at) activity
      WHERE cu.workspace_id = $1 AND cu.channel_user_id LIKE $2 || '%'`,
    [workspaceId, `${prefix}-`],
  );
  if (options.messagesPerConversation > 0) {
    await dataSource.query(
      `INSERT INTO message (workspace_id, conversation_id, channel_account_id, direction, sender, type, text,
                            status, sent_at)
       SELECT c.workspace_id, c.id, c.channel_account_id,
              CASE WHEN k % 2 = 1 THEN 'INBOUND' ELSE 'OUTBOUND' END::message_direction,
              CASE WHEN k % 2 = 1 THEN 'CUSTOMER' ELSE 'AGENT' END::message_sender,
              'TEXT', 'Message ' || k || ' of the conversation',
              CASE WHEN k % 2 = 1 THEN 'RECEIVED' ELSE 'READ' END::message_status,
              c.last_activity_at - ($2::int - k) * interval '1 minute'
         FROM conversation c JOIN customer cu ON cu.id = c.customer_id
              CROSS JOIN generate_series(1, $2::int) k
        WHERE c.workspace_id = $1 AND cu.channel_user_id LIKE $3 || '%'`,
      [workspaceId, options.messagesPerConversation, `${prefix}-`],
    );
    // Each conversation's last message, as the app keeps it.
    await dataSource.query(
      `UPDATE conversation c
          SET last_message_id = (SELECT m.id FROM message m WHERE m.conversation_id = c.id
                                  ORDER BY m.sent_at DESC, m.id DESC LIMIT 1)
         FROM customer cu
        WHERE cu.id = c.customer_id AND c.workspace_id = $1 AND cu.channel_user_id LIKE $2 || '%'`,
      [workspaceId, `${prefix}-`],
    );
  }
  if (options.noteEvery > 0) {
    await dataSource.query(
      `INSERT INTO note (workspace_id, conversation_id, body, created_at)
       SELECT c.workspace_id, c.id, 'Called the customer back', c.last_activity_at
         FROM conversation c JOIN customer cu ON cu.id = c.customer_id
        WHERE c.workspace_id = $1 AND cu.channel_user_id LIKE $2 || '%'
          AND abs(hashtext(c.id::text)) % $3::int = 0`,
      [workspaceId, `${prefix}-`, options.noteEvery],
    );
  }
  if (options.tagIds.length > 0) {
    await dataSource.query(
      `INSERT INTO customer_tag (customer_id, tag_id, workspace_id)
       SELECT cu.id, (${uuidArray(options.tagIds)})[1 + abs(hashtext(cu.id::text)) % ${options.tagIds.length}], cu.workspace_id
         FROM customer cu WHERE cu.workspace_id = $1 AND cu.channel_user_id LIKE $2 || '%'`,
      [workspaceId, `${prefix}-`],
    );
  }
  if (options.fieldId) {
    await dataSource.query(
      `INSERT INTO customer_field_value (customer_id, field_id, workspace_id, value)
       SELECT cu.id, $3, cu.workspace_id, to_jsonb('account ' || cu.channel_user_id)
         FROM customer cu WHERE cu.workspace_id = $1 AND cu.channel_user_id LIKE $2 || '%'`,
      [workspaceId, `${prefix}-`, options.fieldId],
    );
  }
}

/** What autovacuum does after a bulk load: statistics, and the visibility map index-only scans need. */
export async function settleAfterLoad(dataSource: DataSource, tables: string[]): Promise<void> {
  for (const table of tables) await dataSource.query(`VACUUM (ANALYZE) ${table}`);
}
