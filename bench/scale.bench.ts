import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { print } from 'graphql';
import { Client, Pool } from 'pg';
import { loadConfig } from '../src/config';
import { withDevelopmentSecret } from '../src/development-secret';
import { resolveDatabase } from '../src/database/database-url';
import { migrate } from '../src/database/migrate';
import { createApplication } from '../src/server/application';
import { createDataSource } from '../src/database/data-source';
import { createLogger } from '../src/runtime/logger';
import { Agent } from '../src/entities/agent.entity';
import { ChannelAccount } from '../src/entities/channel-account.entity';
import { Workspace } from '../src/entities/workspace.entity';
import { AgentRole, ChannelKind } from '../src/entities/enums';
import { toGlobalId } from '../src/entities/global-id';
import { createWorkspace, sessionTokenFor } from '../src/services/workspace/workspace.service';
import { countStatements } from '../src/testing/query-counter';
import { TrayPageDocument } from '../src/testing/generated/graphql';
import { loadTrayCorpus, settleAfterLoad } from '../src/testing/scale-seed';
import { explainStatement, planNodes, type PlanNode } from '../src/testing/search-corpus';
import { machine, percentile } from './bench-support';

export type ScaleSize = 'small' | 'full';

interface Shape {
  /** Conversations of the measured workspace. */
  main: number;
  /** Other workspaces and the conversations of each (the rest of the million). */
  others: { count: number; conversations: number };
  messagesPerConversation: number;
  noteEvery: number;
  /** Timed requests per figure, after warm-up. */
  requests: number;
}

const SHAPES: Record<ScaleSize, Shape> = {
  small: {
    main: 10_000,
    others: { count: 1, conversations: 10_000 },
    messagesPerConversation: 3,
    noteEvery: 5,
    requests: 10,
  },
  full: {
    main: 200_000,
    others: { count: 8, conversations: 100_000 },
    messagesPerConversation: 10,
    noteEvery: 5,
    requests: 100,
  },
};

/** The issue's targets, to name each miss. */
const TARGETS = {
  sqlStatementsPerTrayPage: 6,
  keysetPage400OverPage1P95: 1.3,
  trayPageGraphqlOverRawP50: 2,
  history1000GraphqlOverRawP50: 1.5,
  refusedAbusiveQueryMs: 50,
  warmStartSeconds: 5,
};

/** The mark of a finished seed: the size and its shape (a changed shape seeds again). */
export const SEEDED = (size: ScaleSize) => {
  const shape = SHAPES[size];
  return `omnitray scale ${size} seeded: ${shape.main} + ${shape.others.count} x ${shape.others.conversations} conversations, ${shape.messagesPerConversation} messages each`;
};

/**
 * The seeded database of a size, kept between runs (`omnitray_scale_<size>` on DATABASE_URL's
 * server): a finished seed is marked with a comment on the database, so a later run only applies
 * new migrations; an unfinished one is dropped and seeded again.
 */
async function scaleDatabase(
  size: ScaleSize,
): Promise<{ url: string; seeded: boolean; stop(): Promise<void> }> {
  const server = await resolveDatabase(loadConfig(withDevelopmentSecret(process.env)));
  const name = `omnitray_scale_${size}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  const [existing] = (
    await admin.query(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    )
  ).rows as { comment: string | null }[];
  const seeded = existing?.comment === SEEDED(size);
  if (existing && !seeded) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  if (!seeded) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return { url: url.toString(), seeded, stop: () => server.stop() };
}

async function markSeeded(serverUrl: string, size: ScaleSize): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`COMMENT ON DATABASE "omnitray_scale_${size}" IS '${SEEDED(size)}'`);
  await client.end();
}

interface Seeded {
  workspaceId: string;
  adminId: string;
  agentIds: string[];
  historyConversationId: string;
}

async function seed(url: string, shape: Shape, secretSeal: (value: string) => string): Promise<void> {
  const dataSource = createDataSource(url, { poolSize: 2 });
  await dataSource.initialize();
  try {
    const workspaces = [{ name: 'Scale main', conversations: shape.main }];
    for (let index = 0; index < shape.others.count; index += 1)
      workspaces.push({ name: `Scale other ${index + 1}`, conversations: shape.others.conversations });
    for (const [index, spec] of workspaces.entries()) {
      const { workspace } = await createWorkspace(dataSource, {
        name: spec.name,
        adminEmail: `scale-admin-${index}@bench.local`,
      });
      const agents = await dataSource.getRepository(Agent).save(
        Array.from({ length: 20 }, (_, n) =>
          dataSource.getRepository(Agent).create({
            workspaceId: workspace.id,
            email: `scale-agent-${index}-${n}@bench.local`,
            name: `Agent ${n}`,
            role: AgentRole.AGENT,
          }),
        ),
      );
      const teams = (await dataSource.query(
        `INSERT INTO team (workspace_id, name) SELECT $1, 'Team ' || g FROM generate_series(1, 3) g RETURNING id`,
        [workspace.id],
      )) as { id: string }[];
      const tags = (await dataSource.query(
        `INSERT INTO tag (workspace_id, name) SELECT $1, 'tag-' || g FROM generate_series(1, 8) g RETURNING id`,
        [workspace.id],
      )) as { id: string }[];
      const [field] = (await dataSource.query(
        `INSERT INTO custom_field (workspace_id, key, label, type) VALUES ($1, 'account', 'Account', 'TEXT') RETURNING id`,
        [workspace.id],
      )) as { id: string }[];
      const account = await dataSource.getRepository(ChannelAccount).save(
        dataSource.getRepository(ChannelAccount).create({
          workspaceId: workspace.id,
          kind: ChannelKind.WHATSAPP,
          name: 'scale',
          externalId: `scale-${index}-${randomBytes(4).toString('hex')}`,
          accessTokenEnc: secretSeal('token'),
          appSecretEnc: secretSeal('secret'),
          verifyTokenEnc: secretSeal('verify'),
          apiBaseUrl: 'http://127.0.0.1:9',
        }),
      );
      await loadTrayCorpus(dataSource, {
        workspaceId: workspace.id,
        channelAccountId: account.id,
        conversations: spec.conversations,
        agentIds: agents.map((agent) => agent.id),
        teamIds: teams.map((team) => team.id),
        messagesPerConversation: shape.messagesPerConversation,
        noteEvery: shape.noteEvery,
        tagIds: tags.map((tag) => tag.id),
        fieldId: field!.id,
        prefix: `scale${index}`,
      });
      if (index === 0) {
        // One conversation with a 1,000-message history.
        await dataSource.query(
          `INSERT INTO message (workspace_id, conversation_id, channel_account_id, direction, sender, type, text, status, sent_at)
           SELECT c.workspace_id, c.id, c.channel_account_id, 'INBOUND', 'CUSTOMER', 'TEXT', 'History line ' || k, 'RECEIVED',
                  c.last_activity_at - interval '3 days' + k * interval '1 second'
             FROM (SELECT * FROM conversation WHERE workspace_id = $1 ORDER BY last_activity_at DESC, id DESC LIMIT 1) c
                  CROSS JOIN generate_series(1, $2::int) k`,
          [workspace.id, 1000 - shape.messagesPerConversation],
        );
      }
    }
    await settleAfterLoad(dataSource, [
      'customer',
      'conversation',
      'message',
      'note',
      'customer_tag',
      'customer_field_value',
    ]);
  } finally {
    await dataSource.destroy();
  }
}

async function loadSeeded(pool: Pool): Promise<Seeded> {
  const workspace = (await pool.query(`SELECT id FROM workspace WHERE name = 'Scale main'`)).rows[0] as {
    id: string;
  };
  const admin = (
    await pool.query(`SELECT id FROM agent WHERE workspace_id = $1 AND role = 'ADMIN'`, [workspace.id])
  ).rows[0] as { id: string };
  const agents = (
    await pool.query(`SELECT id FROM agent WHERE workspace_id = $1 AND role = 'AGENT' ORDER BY email`, [
      workspace.id,
    ])
  ).rows as { id: string }[];
  const history = (
    await pool.query(
      `SELECT conversation_id FROM message WHERE workspace_id = $1 GROUP BY conversation_id ORDER BY count(*) DESC LIMIT 1`,
      [workspace.id],
    )
  ).rows[0] as { conversation_id: string };
  return {
    workspaceId: workspace.id,
    adminId: admin.id,
    agentIds: agents.map((agent) => agent.id),
    historyConversationId: history.conversation_id,
  };
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let warm = 0; warm < 3; warm += 1) await work();
  const latencies: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await work();
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function scans(plan: PlanNode): string[] {
  return planNodes(plan)
    .filter((node) => /Scan/.test(node['Node Type']))
    .map(
      (node) =>
        `${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ` on ${String(node['Relation Name'])}`}`,
    );
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` as a warm start runs it (the build check, then the server) until /healthz answers. */
async function warmStart(url: string): Promise<number> {
  const root = path.join(__dirname, '..', '..');
  const port = await freePort();
  const started = performance.now();
  const { REDIS_URL: _redis, ...environment } = process.env;
  const child = spawn('sh', ['-c', `node scripts/build.mjs && exec node dist/src/main.js`], {
    cwd: root,
    env: { ...environment, DATABASE_URL: url, PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((response) => response.ok)
        .catch(() => false);
      if (ok) return (performance.now() - started) / 1000;
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error('no /healthz within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/**
 * Every figure of the production-scale issue on a seeded database, each next to its raw-`pg`
 * baseline in the same process: statements per tray page, deep keyset pages, the tray page and a
 * 1,000-message history through GraphQL vs the same rows read with plain SQL, a refused abusive
 * query, a warm start; the tray, list and count statements EXPLAINed with the planner left alone.
 * Writes `scale` into bench/results.json.
 */
export async function runScaleBench(size: ScaleSize): Promise<string> {
  const shape = SHAPES[size];
  const database = await scaleDatabase(size);
  const appSecret = randomBytes(32).toString('hex');
  const { REDIS_URL: _redis, ...environment } = process.env;
  const config = loadConfig({
    ...environment,
    DATABASE_URL: database.url,
    APP_SECRET: appSecret,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    GRAPH_SANDBOX: 'false',
    RATE_LIMIT_COST_PER_MINUTE: '10000000',
  });
  const app = await createApplication(config, database.url, {
    logger: createLogger('silent'),
    workJobs: false,
  });
  const pool = new Pool({ connectionString: database.url, max: 4 });
  const explainSource = createDataSource(database.url, { poolSize: 1 });
  const lines: string[] = [];
  try {
    let seedSeconds: number | null = null;
    if (!database.seeded) {
      const started = Date.now();
      await seed(database.url, shape, (value) => app.deps.secretBox.seal(value));
      const serverUrl = new URL(database.url);
      serverUrl.pathname = '/postgres';
      await markSeeded(serverUrl.toString(), size);
      seedSeconds = round((Date.now() - started) / 1000, 1);
    }
    await explainSource.initialize();
    const seeded = await loadSeeded(pool);
    const rows = Object.fromEntries(
      await Promise.all(
        ['conversation', 'message', 'customer', 'note', 'customer_tag', 'customer_field_value'].map(
          async (table) => [
            table,
            Number(
              (await pool.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = $1`, [table]))
                .rows[0].n,
            ),
          ],
        ),
      ),
    );
    const adminRow = await app.deps.dataSource.getRepository(Agent).findOneByOrFail({ id: seeded.adminId });
    const token = sessionTokenFor(adminRow, appSecret, 60).token;
    const url = await app.listen(0, '127.0.0.1');
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      return { status: response.status, body };
    };
    const ok = async (query: string, variables: Record<string, unknown> = {}) => {
      const { body } = await gql(query, variables);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const trayPage = print(TrayPageDocument);
    const workspace = await app.deps.dataSource
      .getRepository(Workspace)
      .findOneByOrFail({ id: seeded.workspaceId });
    const visibleSince = new Date(Date.now() - workspace.visibleDays * 86_400_000);

    // 1. Statements per tray page, and the plans of the tray page and the counts.
    const statementsPerPage: Record<string, number> = {};
    const plans: Record<string, { scans: string[]; sort: boolean; plan: unknown }> = {};
    const explain = async (name: string, sql: string, parameters: unknown[]) => {
      const { plan, raw } = await explainStatement(explainSource, sql, parameters, { analyze: true });
      plans[name] = {
        scans: scans(plan),
        sort: planNodes(plan).some((node) => node['Node Type'] === 'Sort'),
        plan: raw,
      };
    };
    for (const first of [10, 25, 50, 100]) {
      const { statements, parameters } = await countStatements(() =>
        ok(trayPage, { kind: 'EXPIRED', view: 'V2', first }),
      );
      statementsPerPage[String(first)] = statements.length;
      if (first === 25) {
        const page = statements.findIndex(
          (sql) => /FROM "conversation" "c"/.test(sql) && /ORDER BY/.test(sql),
        );
        const counts = statements.findIndex((sql) => /count\(\*\) FILTER/.test(sql));
        await explain('trayPage', statements[page]!, parameters[page]!);
        await explain('trayCounts', statements[counts]!, parameters[counts]!);
      }
    }

    // 2. The admin list: page 1 against a deep page (page 400 at full size), p95.
    const LIST = `query($after: String, $first: Int) { conversations(first: $first, after: $after) { pageInfo { endCursor } edges { node { id lastActivityAt } } } }`;
    const deepPage = Math.min(400, Math.floor(shape.main / 25) - 2);
    let cursor: string | null = null;
    for (let read = 0; read < ((deepPage - 1) * 25) / 100; read += 1) {
      const data = (await ok(LIST, { first: 100, after: cursor })) as {
        conversations: { pageInfo: { endCursor: string } };
      };
      cursor = data.conversations.pageInfo.endCursor;
    }
    const page1 = await timed(shape.requests, () => ok(LIST, { first: 25 }));
    const pageDeep = await timed(shape.requests, () => ok(LIST, { first: 25, after: cursor }));
    {
      const { statements, parameters } = await countStatements(() => ok(LIST, { first: 25, after: cursor }));
      const list = statements.findIndex((sql) => /FROM "conversation" "c"/.test(sql));
      await explain('listDeepPage', statements[list]!, parameters[list]!);
    }

    // 3. The 25-row tray page against the same reads in plain SQL.
    const rawTrayPage = async () => {
      const page = await pool.query(
        `SELECT * FROM conversation c WHERE c.workspace_id = $1 AND c.status = 'OPEN' AND c.handler = 'AGENT' AND c.outcome IS NULL
            AND c.last_activity_at > $2 AND (c.snoozed_until IS NULL OR c.snoozed_until <= now()) AND c.outgoing_since IS NULL
            AND (c.window_expires_at IS NULL OR c.window_expires_at <= now())
          ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 26`,
        [seeded.workspaceId, visibleSince],
      );
      const customerIds = page.rows.map((row: { customer_id: string }) => row.customer_id);
      const assigneeIds = page.rows.flatMap((row: { assignee_id: string | null }) =>
        row.assignee_id ? [row.assignee_id] : [],
      );
      const messageIds = page.rows.flatMap((row: { last_message_id: string | null }) =>
        row.last_message_id ? [row.last_message_id] : [],
      );
      await Promise.all([
        pool.query(`SELECT * FROM customer WHERE id = ANY($1) AND workspace_id = $2`, [
          customerIds,
          seeded.workspaceId,
        ]),
        pool.query(
          `SELECT ct.customer_id, t.* FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id = ANY($1) AND ct.workspace_id = $2`,
          [customerIds, seeded.workspaceId],
        ),
        pool.query(`SELECT * FROM agent WHERE id = ANY($1) AND workspace_id = $2`, [
          assigneeIds,
          seeded.workspaceId,
        ]),
        pool.query(`SELECT * FROM message WHERE id = ANY($1) AND workspace_id = $2`, [
          messageIds,
          seeded.workspaceId,
        ]),
        pool.query(
          `SELECT count(*) FROM conversation c WHERE c.workspace_id = $1 AND c.status = 'OPEN' AND c.handler = 'AGENT' AND c.outcome IS NULL
              AND c.last_activity_at > $2 AND (c.snoozed_until IS NULL OR c.snoozed_until <= now()) AND c.outgoing_since IS NULL
              AND (c.window_expires_at IS NULL OR c.window_expires_at <= now())`,
          [seeded.workspaceId, visibleSince],
        ),
      ]);
    };
    const trayGraphql = await timed(shape.requests, () =>
      ok(trayPage, { kind: 'EXPIRED', view: 'V2', first: 25 }),
    );
    const trayRaw = await timed(shape.requests, rawTrayPage);

    // 4. A 1,000-message history in pages of 100.
    const HISTORY = `query($id: ID!, $after: String) { conversation(id: $id) { messages(first: 100, after: $after) { pageInfo { endCursor hasNextPage } edges { node { id text sentAt direction status } } } } }`;
    const conversationGid = toGlobalId('Conversation', seeded.historyConversationId);
    const historyGraphql = await timed(Math.max(5, shape.requests / 4), async () => {
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const data = (await ok(HISTORY, { id: conversationGid, after })) as {
          conversation: { messages: { pageInfo: { endCursor: string } } };
        };
        after = data.conversation.messages.pageInfo.endCursor;
      }
    });
    const historyRaw = await timed(Math.max(5, shape.requests / 4), async () => {
      let last: { sent_at: Date; id: string } | null = null;
      for (let page = 0; page < 10; page += 1) {
        const result = await pool.query(
          last
            ? `SELECT id, text, sent_at, direction, status FROM message WHERE conversation_id = $1 AND workspace_id = $2 AND (sent_at, id) > ($3, $4) ORDER BY sent_at, id LIMIT 101`
            : `SELECT id, text, sent_at, direction, status FROM message WHERE conversation_id = $1 AND workspace_id = $2 ORDER BY sent_at, id LIMIT 101`,
          last
            ? [seeded.historyConversationId, seeded.workspaceId, last.sent_at, last.id]
            : [seeded.historyConversationId, seeded.workspaceId],
        );
        last = result.rows[Math.min(99, result.rows.length - 1)] as { sent_at: Date; id: string };
      }
    });

    // What a history page costs besides its rows: its statements, and a request that reads nothing.
    let historyStatementsPerPage = 0;
    {
      const first = (await ok(HISTORY, { id: conversationGid, after: null })) as {
        conversation: { messages: { pageInfo: { endCursor: string } } };
      };
      const { statements, parameters } = await countStatements(() =>
        ok(HISTORY, { id: conversationGid, after: first.conversation.messages.pageInfo.endCursor }),
      );
      historyStatementsPerPage = statements.length;
      const page = statements.findIndex((sql) => /FROM "message" "m"/.test(sql));
      await explain('historyPage', statements[page]!, parameters[page]!);
    }
    const emptyRequests = await timed(Math.max(5, shape.requests / 4), async () => {
      for (let request = 0; request < 10; request += 1) await ok('{ __typename }');
    });

    // The searches' statements as they ran: customers by name, conversations by their customer.
    const searchTerm = 'Customer 1234';
    for (const [name, query, pattern] of [
      [
        'customerSearch',
        `query($q: String) { customers(search: $q, first: 25) { nodes { id name } } }`,
        /FROM "customer"/,
      ],
      [
        'conversationSearch',
        `query($q: String) { conversations(first: 25, filter: { search: $q }) { nodes { id } } }`,
        /FROM "conversation" "c"/,
      ],
    ] as const) {
      const { statements, parameters } = await countStatements(() => ok(query, { q: searchTerm }));
      const index = statements.findIndex((sql) => pattern.test(sql));
      await explain(name, statements[index]!, parameters[index]!);
    }

    // 5. An abusive query (nested far past the depth limit) is refused before it runs.
    const abusive = `query { conversations(first: 100) { nodes { customer { conversations(first: 100) { nodes { customer { conversations(first: 100) { nodes { customer { conversations(first: 100) { nodes { id } } } } } } } } } } } }`;
    const refused = await timed(shape.requests, async () => {
      const { status } = await gql(abusive);
      if (status < 400) throw new Error(`the abusive query was answered with ${status}`);
    });

    // 6. A warm start: the build is up to date, the database migrated.
    const warm = await warmStart(database.url);

    const figures = {
      sqlStatementsPerTrayPage: statementsPerPage,
      keysetPage400OverPage1P95: round(percentile(pageDeep, 95) / percentile(page1, 95)),
      trayPageGraphqlOverRawP50: round(percentile(trayGraphql, 50) / percentile(trayRaw, 50)),
      history1000GraphqlOverRawP50: round(percentile(historyGraphql, 50) / percentile(historyRaw, 50)),
      webhookP99Ms: null,
      fanout2000P50Ms: null,
      fanout2000P99Ms: null,
      rss5000IdleSubscribersMiB: null,
      refusedAbusiveQueryMs: round(percentile(refused, 50), 1),
      warmStartSeconds: round(warm),
    };
    const measured = {
      keysetPage1P95Ms: round(percentile(page1, 95)),
      keysetDeepPageP95Ms: round(percentile(pageDeep, 95)),
      keysetDeepPage: deepPage,
      trayPageGraphqlP50Ms: round(percentile(trayGraphql, 50)),
      trayPageRawP50Ms: round(percentile(trayRaw, 50)),
      history1000GraphqlP50Ms: round(percentile(historyGraphql, 50)),
      history1000RawP50Ms: round(percentile(historyRaw, 50)),
      historyStatementsPerPage,
      // Ten requests that read nothing (`{ __typename }`): HTTP, sign-in check, limits, plugins.
      emptyRequests10P50Ms: round(percentile(emptyRequests, 50)),
    };
    const misses: string[] = [];
    const maxStatements = Math.max(...Object.values(statementsPerPage));
    // Per-viewer unread counts (read positions) and the reactions, replies and senders a tray page
    // of an inbox now shows take statements of their own: over the target is a named miss; a count
    // that grows with the page (N+1) fails the run.
    if (maxStatements > TARGETS.sqlStatementsPerTrayPage)
      misses.push(
        `sqlStatementsPerTrayPage ${maxStatements} > 6 (per-viewer unread, reactions, replies: one statement each)`,
      );
    if (new Set(Object.values(statementsPerPage)).size > 1)
      misses.push('sqlStatementsPerTrayPage grows with the page');
    for (const key of [
      'keysetPage400OverPage1P95',
      'trayPageGraphqlOverRawP50',
      'history1000GraphqlOverRawP50',
      'refusedAbusiveQueryMs',
      'warmStartSeconds',
    ] as const) {
      if (figures[key] > TARGETS[key]) misses.push(`${key} ${figures[key]} > ${TARGETS[key]}`);
    }
    for (const [name, plan] of Object.entries(plans)) {
      if (plan.scans.some((scan) => scan.startsWith('Seq Scan')))
        misses.push(`${name}: ${plan.scans.join(', ')}`);
    }
    const [version] = (await pool.query('SHOW server_version')).rows as { server_version: string }[];
    const record = {
      measuredAt: new Date().toISOString(),
      scale: size,
      machine: machine(),
      postgres: version!.server_version,
      command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- scale --size ${size}`,
      rows,
      seedSeconds,
      figures,
      notMeasuredHere: {
        webhookP99Ms: 'npm run bench -- webhook',
        fanout2000P50Ms: 'npm run bench -- fanout (BENCH_FANOUT_SERVERS=2)',
        fanout2000P99Ms: 'npm run bench -- fanout (BENCH_FANOUT_SERVERS=2)',
        rss5000IdleSubscribersMiB: 'npm run bench -- fanout (BENCH_FANOUT_SIZES=5000)',
      },
      measured,
      misses,
      plans,
    };
    writeResults(record);
    // What does not depend on the machine's load fails the run (the CI smoke test): a statement
    // count that grows with the page, and the plans. Timings are reported, and their misses named, but never fail it.
    const structural = misses.filter(
      (miss) => !/(OverRaw|OverPage1|Ms |Seconds |sqlStatementsPerTrayPage \d+ >)/.test(miss),
    );
    if (structural.length > 0) throw new Error(`scale: ${structural.join('; ')}`);
    lines.push(
      `scale ${size} — ${record.machine}, PostgreSQL ${record.postgres}`,
      seedSeconds === null ? 'seeded database reused' : `seeded in ${seedSeconds} s`,
      `rows (estimates): ${Object.entries(rows)
        .map(([table, n]) => `${n} ${table}`)
        .join(', ')}`,
      ...Object.entries(figures).map(([key, value]) => `${key}: ${JSON.stringify(value)}`),
      ...Object.entries(measured).map(([key, value]) => `  ${key}: ${value}`),
      ...Object.entries(plans).map(
        ([name, plan]) => `plan ${name}: ${plan.scans.join(', ')}${plan.sort ? ' + Sort' : ''}`,
      ),
      misses.length ? `misses: ${misses.join('; ')}` : 'no misses',
    );
    return lines.join('\n');
  } finally {
    if (explainSource.isInitialized) await explainSource.destroy();
    await pool.end();
    await app.stop();
    await database.stop();
  }
}

function writeResults(record: unknown): void {
  const file = path.join(__dirname, '..', '..', 'bench', 'results.json');
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  all.scale = record;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
