import { type DataSource } from 'typeorm';

/** What to load into one workspace: customers with one conversation each, their messages and some notes. */
export interface SearchCorpusOptions {
  workspaceId: string;
  channelAccountId: string;
  conversations: number;
  messagesPerConversation: number;
  /** Every n-th conversation gets a note. */
  noteEvery: number;
}

const FIRST_NAMES = [
  'José',
  'María',
  'Ana',
  'João',
  'Lucía',
  'Peter',
  'Mary',
  'Sofía',
  'Andrés',
  'Conceição',
];
const LAST_NAMES = [
  'Pérez',
  'Gómez',
  'Núñez',
  'Silva',
  'Smith',
  'Araújo',
  'Hernández',
  'Brown',
  'Muñoz',
  'Guimarães',
];

/** Everyday support messages in Spanish, Portuguese and English; none mentions invoices. */
const PHRASES = [
  'Hola, quiero saber dónde está mi pedido',
  'El envío llegó tarde y la caja venía rota',
  '¿Pueden cambiar la dirección de entrega?',
  'Gracias por la ayuda, todo resuelto',
  'No puedo iniciar sesión en la aplicación',
  'Quiero cancelar mi suscripción',
  'Olá, meu pedido ainda não chegou',
  'Preciso trocar o tamanho da camiseta',
  'A entrega foi feita no endereço errado',
  'Obrigado pelo atendimento',
  'Hi, my order has not arrived yet',
  'Can I change the delivery address?',
  'The package was damaged on arrival',
  'Thanks, that solved my problem',
  'Estamos revisando su caso, un momento por favor',
  'Su pedido sale mañana por la mañana',
  'Le enviamos el código de seguimiento',
  'Vamos verificar com a transportadora',
  'We have issued a replacement',
  '¿Tienen la talla M en color azul?',
];
/** The rare text the searches look for (about one message in a thousand). */
export const RARE_MESSAGE = 'Necesito la FACTURACIÓN electrónica de marzo';
export const RARE_NOTE = 'Revisar facturação pendente com o financeiro';

const sqlArray = (values: string[]) =>
  `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * Loads a corpus with set-based INSERT … SELECT over generate_series, so hundreds of thousands of
 * rows take one statement per table (the search indexes are maintained as they go, as in production).
 */
export async function loadSearchCorpus(dataSource: DataSource, options: SearchCorpusOptions): Promise<void> {
  const { workspaceId, channelAccountId } = options;
  await dataSource.query(
    `INSERT INTO customer (workspace_id, channel_account_id, channel, channel_user_id, name, email, phone)
     SELECT $1, $2, 'WHATSAPP', 'corpus-' || g,
            (${sqlArray(FIRST_NAMES)})[1 + g % 10] || ' ' || (${sqlArray(LAST_NAMES)})[1 + (g / 10) % 10],
            CASE WHEN g % 3 = 0 THEN 'cliente' || g || '@example.com' END,
            '+52 ' || substr(d, 1, 2) || ' ' || substr(d, 3, 4) || ' ' || substr(d, 7, 4)
       FROM generate_series(1, $3::int) g,
            LATERAL (SELECT '55' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0') AS d) digits`,
    [workspaceId, channelAccountId, options.conversations],
  );
  await dataSource.query(
    `INSERT INTO conversation (workspace_id, customer_id, channel_account_id, channel, handler, status,
                               last_activity_at, created_at, unread_count)
     SELECT cu.workspace_id, cu.id, cu.channel_account_id, cu.channel, 'AGENT', 'CLOSED',
            now() - n * interval '1 minute', now() - n * interval '1 minute' - interval '1 hour', 0
       FROM customer cu, LATERAL (SELECT substring(cu.channel_user_id FROM 8)::int AS n) number
      WHERE cu.workspace_id = $1 AND cu.channel_user_id LIKE 'corpus-%'`,
    [workspaceId],
  );
  // Every thousandth message holds the rare text, by position: a hash would leave a 4,000-message
  // corpus without one about once in fifty loads.
  await dataSource.query(
    `INSERT INTO message (workspace_id, conversation_id, channel_account_id, direction, sender, type, text,
                          status, sent_at)
     SELECT m.workspace_id, m.id, m.channel_account_id,
            CASE WHEN m.k % 2 = 1 THEN 'INBOUND' ELSE 'OUTBOUND' END::message_direction,
            CASE WHEN m.k % 2 = 1 THEN 'CUSTOMER' ELSE 'AGENT' END::message_sender,
            'TEXT',
            CASE WHEN m.position % 1000 = 1 THEN $3 ELSE (${sqlArray(PHRASES)})[1 + m.h % ${PHRASES.length}] || ' #' || m.h END,
            CASE WHEN m.k % 2 = 1 THEN 'RECEIVED' ELSE 'SENT' END::message_status,
            m.last_activity_at - m.k * interval '1 minute'
       FROM (SELECT c.workspace_id, c.id, c.channel_account_id, c.last_activity_at, k,
                    abs(hashtext(c.id::text || k)) AS h, row_number() OVER () AS position
               FROM conversation c CROSS JOIN generate_series(1, $2::int) k
              WHERE c.workspace_id = $1) m`,
    [workspaceId, options.messagesPerConversation, RARE_MESSAGE],
  );
  await dataSource.query(
    `INSERT INTO note (workspace_id, conversation_id, body, created_at)
     SELECT c.workspace_id, c.id,
            CASE WHEN h % 100 = 0 THEN $3 ELSE 'Cliente pidió devolución #' || h END, c.last_activity_at
       FROM conversation c, LATERAL (SELECT abs(hashtext(c.id::text)) AS h) hash
      WHERE c.workspace_id = $1 AND h % $2::int = 0`,
    [workspaceId, options.noteEvery, RARE_NOTE],
  );
  // What autovacuum does after a bulk load: move the GIN pending lists into the indexes (the
  // planner prices an unmerged pending list as a full read) and refresh the statistics.
  for (const index of SEARCH_INDEXES) await dataSource.query(`SELECT gin_clean_pending_list('${index}')`);
  for (const table of ['customer', 'conversation', 'message', 'note'])
    await dataSource.query(`ANALYZE ${table}`);
}

export const SEARCH_INDEXES = [
  'message_text_search_idx',
  'note_body_search_idx',
  'customer_text_search_idx',
  'customer_phone_digits_idx',
];

/** A node of an EXPLAIN (FORMAT JSON) plan. */
export interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/**
 * EXPLAIN (FORMAT JSON) of a statement as the app sent it, optionally ANALYZEd, in a transaction
 * that is rolled back; with `noSeqScan`, sequential scans are priced out for that transaction only.
 */
export async function explainStatement(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[],
  options: {
    analyze?: boolean;
    noSeqScan?: boolean;
    noBitmapScan?: boolean;
    /** Plans that sort priced out too: what is left are the paths that read in the asked order. */
    noSort?: boolean;
    /** Plain and index-only scans priced out: the tables are read through bitmaps. */
    noIndexScan?: boolean;
    /**
     * Tables to VACUUM (ANALYZE) first: suites running beside this one write to the same tables,
     * so statistics and the visibility map taken at load time no longer describe them.
     */
    settle?: string[];
  } = {},
): Promise<{ plan: PlanNode; raw: unknown }> {
  for (const table of options.settle ?? []) await dataSource.query(`VACUUM (ANALYZE) ${table}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    if (options.noSeqScan) await runner.query('SET LOCAL enable_seqscan = off');
    if (options.noBitmapScan) await runner.query('SET LOCAL enable_bitmapscan = off');
    if (options.noSort) await runner.query('SET LOCAL enable_sort = off');
    if (options.noIndexScan) await runner.query('SET LOCAL enable_indexscan = off');
    const analyze = options.analyze ? 'ANALYZE, BUFFERS, ' : '';
    const rows = (await runner.query(`EXPLAIN (${analyze}FORMAT JSON) ${sql}`, parameters)) as {
      'QUERY PLAN': { Plan: PlanNode }[];
    }[];
    const raw = rows[0]!['QUERY PLAN'];
    return { plan: raw[0]!.Plan, raw };
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

/** Every node of a plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** The indexes a plan reads with a Bitmap Index Scan. */
export function bitmapIndexScans(plan: PlanNode): string[] {
  return planNodes(plan)
    .filter((node) => node['Node Type'] === 'Bitmap Index Scan')
    .map((node) => node['Index Name']!)
    .sort();
}

/** LIKE conditions a plan evaluates row by row (a Filter), instead of asking an index (a recheck aside). */
export function likeFilters(plan: PlanNode): string[] {
  return planNodes(plan)
    .map((node) => node.Filter)
    .filter((filter): filter is string => typeof filter === 'string' && filter.includes('~~'));
}
