import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { benchDatabase, machine, percentile } from './bench-support';

export interface PartitionsBenchOptions {
  /** Rows loaded into each table before the inserts are timed. */
  rows: number;
  /** Timed single-row inserts per table, over `clients` connections. */
  inserts: number;
  clients: number;
}

interface Variant {
  table: string;
  /** Monthly partitions (and a default one), or none: one table. */
  months: number | null;
}

const VARIANTS: Variant[] = [
  { table: 'message_single', months: null },
  { table: 'message_p12', months: 12 },
  { table: 'message_p24', months: 24 },
];

function monthStart(monthsAgo: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1)).toISOString();
}

/**
 * The same indexes as `message` (ids with the partition key where a partitioned table's unique
 * keys must include it), the trigram search index included.
 */
async function createVariant(client: Client, variant: Variant): Promise<void> {
  const { table, months } = variant;
  const partitioned = months !== null;
  await client.query(
    `CREATE TABLE ${table} (LIKE message INCLUDING DEFAULTS) ${partitioned ? 'PARTITION BY RANGE (sent_at)' : ''}`,
  );
  await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (id${partitioned ? ', sent_at' : ''})`);
  await client.query(`CREATE INDEX ON ${table} (conversation_id, sent_at, id)`);
  await client.query(`CREATE INDEX ON ${table} (workspace_id, updated_at) WHERE status = 'FAILED'`);
  await client.query(
    `CREATE UNIQUE INDEX ON ${table} (channel_account_id, external_id${partitioned ? ', sent_at' : ''}) WHERE external_id IS NOT NULL`,
  );
  await client.query(`CREATE INDEX ON ${table} USING gin (omnitray_fold(text) gin_trgm_ops)`);
  if (!partitioned) return;
  // The months kept plus three ahead (the maintenance job's rule), and the default as the net.
  for (let ago = months - 1; ago >= -3; ago -= 1) {
    await client.query(
      `CREATE TABLE ${table}_m${ago + 3} PARTITION OF ${table} FOR VALUES FROM ('${monthStart(ago)}') TO ('${monthStart(ago - 1)}')`,
    );
  }
  await client.query(`CREATE TABLE ${table}_default PARTITION OF ${table} DEFAULT`);
}

/** `rows` messages over the table's months (a single table: over 24), 40 to a conversation. */
async function load(client: Client, variant: Variant, rows: number): Promise<void> {
  const months = variant.months ?? 24;
  await client.query(
    `INSERT INTO ${variant.table} (id, workspace_id, created_at, updated_at, conversation_id, channel_account_id, direction, sender, type, text, external_id, status, sent_at)
     SELECT gen_random_uuid(), $1, t, t, md5((i / 40)::text)::uuid, $2, 'INBOUND', 'CUSTOMER', 'TEXT',
            'Hola, necesito ayuda con mi pedido ' || i || ' ' || md5(i::text), 'wamid.' || i, 'DELIVERED', t
       FROM generate_series(1, $3::int) AS i,
            LATERAL (SELECT $4::timestamptz + (i::float / $3) * ($5::timestamptz - $4::timestamptz) AS t) AS at`,
    [
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      rows,
      monthStart(months - 1),
      new Date().toISOString(),
    ],
  );
  await client.query(`ANALYZE ${variant.table}`);
}

/** Single-row inserts as the intake writes them (now, one statement each), over `clients` connections. */
async function timedInserts(pool: Pool, table: string, count: number, clients: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const index = (next += 1);
        const started = performance.now();
        await pool.query(
          `INSERT INTO ${table} (id, workspace_id, conversation_id, channel_account_id, direction, sender, type, text, external_id, status, sent_at)
           VALUES (gen_random_uuid(), $1, gen_random_uuid(), $2, 'INBOUND', 'CUSTOMER', 'TEXT', $3, $4, 'DELIVERED', now())`,
          [
            '00000000-0000-4000-8000-000000000001',
            '00000000-0000-4000-8000-000000000002',
            `Buenos días, ¿dónde está mi pedido ${index}?`,
            `wamid.new.${table}.${index}.${Math.random()}`,
          ],
        );
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

async function timedStatement(client: Client, sql: string): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const result = await client.query(sql);
  return { ms: performance.now() - started, rows: result.rowCount ?? 0 };
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Time partitioning of `message`, measured before doing it: single-row insert rate and latency
 * into one table against 12 and 24 monthly partitions (same columns and indexes, same rows), and
 * retiring the oldest month by DETACH + DROP against DELETE of the same rows, on a database of its own.
 */
export async function runPartitionsBench(options: PartitionsBenchOptions): Promise<string> {
  const database = await benchDatabase();
  const client = new Client({ connectionString: database.url });
  const pool = new Pool({ connectionString: database.url, max: options.clients });
  const lines = [
    `partitions — ${machine()}`,
    `${options.rows} rows per table; ${options.inserts} single-row inserts per table over ${options.clients} connections`,
  ];
  try {
    await client.connect();
    const loadSeconds: Record<string, number> = {};
    for (const variant of VARIANTS) {
      const started = performance.now();
      await createVariant(client, variant);
      await load(client, variant, options.rows);
      loadSeconds[variant.table] = round((performance.now() - started) / 1000, 1);
    }
    // Rounds alternate between the tables so that a busy moment of the host falls on all of them.
    const latencies: Record<string, number[]> = Object.fromEntries(VARIANTS.map((v) => [v.table, []]));
    const busy: Record<string, number> = Object.fromEntries(VARIANTS.map((v) => [v.table, 0]));
    const rounds = 4;
    for (let round = 0; round < rounds; round += 1) {
      for (const variant of VARIANTS) {
        const started = performance.now();
        latencies[variant.table]!.push(
          ...(await timedInserts(pool, variant.table, options.inserts / rounds, options.clients)),
        );
        busy[variant.table]! += performance.now() - started;
      }
    }
    const inserts = VARIANTS.map((variant) => {
      const sorted = latencies[variant.table]!.sort((a, b) => a - b);
      return {
        table: variant.table,
        partitions: variant.months,
        insertsPerSecond: Math.round(sorted.length / (busy[variant.table]! / 1000)),
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
      };
    });

    // Retiring the oldest month: the partition's rows, and the same month's rows of the single table.
    const retire = [];
    for (const variant of VARIANTS.filter((v) => v.months !== null)) {
      const months = variant.months!;
      const partition = `${variant.table}_m${months - 1 + 3}`;
      const rows = Number((await client.query(`SELECT count(*) AS n FROM ${partition}`)).rows[0].n);
      const detach = await timedStatement(
        client,
        `ALTER TABLE ${variant.table} DETACH PARTITION ${partition}`,
      );
      const drop = await timedStatement(client, `DROP TABLE ${partition}`);
      retire.push({
        table: variant.table,
        rows,
        detachMs: round(detach.ms),
        dropMs: round(drop.ms),
      });
    }
    // The single table holds 24 months: its oldest month is as many rows as the 24-partition one.
    const deleted = await timedStatement(
      client,
      `DELETE FROM message_single WHERE sent_at < '${monthStart(22)}'`,
    );
    const vacuum = await timedStatement(client, `VACUUM message_single`);
    const result = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      postgres: (await client.query(`SELECT split_part(version(), ' ', 2) AS v`)).rows[0].v as string,
      command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_PARTITIONS_ROWS=${options.rows} npm run bench -- partitions`,
      options,
      loadSeconds,
      inserts,
      retire,
      deleteOneMonth: { rows: deleted.rows, deleteMs: round(deleted.ms), vacuumMs: round(vacuum.ms) },
    };
    lines.push(
      ...inserts.map(
        (row) => `insert ${row.table}: ${row.insertsPerSecond}/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms`,
      ),
      ...retire.map(
        (row) =>
          `retire a month of ${row.table} (${row.rows} rows): DETACH ${row.detachMs} ms + DROP ${row.dropMs} ms`,
      ),
      `DELETE the same month from message_single (${deleted.rows} rows): ${round(deleted.ms)} ms, then VACUUM ${round(vacuum.ms)} ms`,
    );
    writeResults(result);
    return lines.join('\n');
  } finally {
    await pool.end();
    await client.end().catch(() => undefined);
    await database.drop();
  }
}

function writeResults(record: unknown): void {
  const file = path.join(__dirname, '..', '..', 'bench', 'results.json');
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  all.partitions = record;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
