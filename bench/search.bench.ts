import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createApplication } from '../src/server/application';
import { createLogger } from '../src/runtime/logger';
import { ChannelAccount } from '../src/entities/channel-account.entity';
import { ChannelKind } from '../src/entities/enums';
import { createWorkspace, sessionTokenFor } from '../src/services/workspace/workspace.service';
import { countStatements } from '../src/testing/query-counter';
import {
  bitmapIndexScans,
  explainStatement,
  loadSearchCorpus,
  planNodes,
  type PlanNode,
} from '../src/testing/search-corpus';
import { benchDatabase, machine, percentile } from './bench-support';

export interface SearchBenchOptions {
  conversations: number;
  messagesPerConversation: number;
  noteEvery: number;
  /** Timed requests per scenario, after three warm-up requests. */
  requests: number;
}

interface Scenario {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** The indexes its plan must read; the bench fails otherwise. */
  indexes: string[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'messageSearch(query: "facturacion", first: 20)',
    query:
      'query($q: String!) { messageSearch(query: $q, first: 20) { edges { cursor node { score snippet } } } }',
    variables: { q: 'facturacion' },
    indexes: ['message_text_search_idx', 'note_body_search_idx'],
  },
  {
    name: 'conversations(filter: { messageText: "facturacion" }, first: 20)',
    query: 'query($q: String!) { conversations(filter: { messageText: $q }, first: 20) { nodes { id } } }',
    variables: { q: 'facturacion' },
    indexes: ['customer_text_search_idx', 'message_text_search_idx', 'note_body_search_idx'],
  },
  {
    name: 'conversations(filter: { messageText: "+52 55 1234" }, first: 20)',
    query: 'query($q: String!) { conversations(filter: { messageText: $q }, first: 20) { nodes { id } } }',
    variables: { q: '+52 55 1234' },
    indexes: ['customer_phone_digits_idx'],
  },
  // A word in a fifth of all messages: every match is ranked before the first page, so this is
  // the cost of a broad query, recorded rather than held to a plan.
  {
    name: 'messageSearch(query: "pedido", first: 20) — broad',
    query:
      'query($q: String!) { messageSearch(query: $q, first: 20) { edges { cursor node { score snippet } } } }',
    variables: { q: 'pedido' },
    indexes: [],
  },
  {
    name: 'conversations(filter: { messageText: "pedido" }, first: 20) — broad',
    query: 'query($q: String!) { conversations(filter: { messageText: $q }, first: 20) { nodes { id } } }',
    variables: { q: 'pedido' },
    indexes: [],
  },
];

interface ScenarioResult {
  name: string;
  statement: string;
  bitmapIndexScans: string[];
  sequentialScans: string[];
  executionMs: number;
  p50Ms: number;
  p95Ms: number;
  plan: unknown;
}

/**
 * Full-text search at scale: a fresh database with `conversations` conversations (one customer
 * each), their messages and notes, loaded with set-based INSERT … SELECT; then each search goes
 * through the real API in this process, and the statement it sent is EXPLAIN ANALYZEd as it ran,
 * with the planner left alone. Writes the plans to bench/results.json.
 */
export async function runSearchBench(options: SearchBenchOptions): Promise<string> {
  const database = await benchDatabase();
  const appSecret = randomBytes(32).toString('hex');
  // In-process pub/sub: the searches publish nothing, and the bench needs no Redis.
  const { REDIS_URL: _redis, ...environment } = process.env;
  const config = loadConfig({
    ...environment,
    DATABASE_URL: database.url,
    APP_SECRET: appSecret,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    GRAPH_SANDBOX: 'false',
    RATE_LIMIT_COST_PER_MINUTE: '100000000',
  });
  const app = await createApplication(config, database.url, {
    logger: createLogger('silent'),
    workJobs: false,
  });
  try {
    const { dataSource } = app.deps;
    const { workspace, admin } = await createWorkspace(dataSource, {
      name: 'Search bench',
      adminEmail: `bench-${Date.now()}@bench.local`,
    });
    const account = await dataSource.getRepository(ChannelAccount).save(
      dataSource.getRepository(ChannelAccount).create({
        workspaceId: workspace.id,
        kind: ChannelKind.WHATSAPP,
        name: 'bench',
        externalId: `bench-${Date.now()}`,
        accessTokenEnc: app.deps.secretBox.seal('token'),
        appSecretEnc: app.deps.secretBox.seal('secret'),
        verifyTokenEnc: app.deps.secretBox.seal('verify'),
        apiBaseUrl: 'http://127.0.0.1:9',
      }),
    );
    const loadStarted = Date.now();
    await loadSearchCorpus(dataSource, {
      workspaceId: workspace.id,
      channelAccountId: account.id,
      conversations: options.conversations,
      messagesPerConversation: options.messagesPerConversation,
      noteEvery: options.noteEvery,
    });
    const loadMs = Date.now() - loadStarted;
    const counts = Object.fromEntries(
      await Promise.all(
        ['conversation', 'customer', 'message', 'note'].map(async (table) => {
          const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as {
            n: number;
          }[];
          return [table, row!.n] as const;
        }),
      ),
    );

    const url = await app.listen(0, '127.0.0.1');
    const token = sessionTokenFor(admin, appSecret, 60).token;
    const post = async (scenario: Scenario) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`${scenario.name}: ${JSON.stringify(body.errors)}`);
    };

    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      for (let warm = 0; warm < 3; warm += 1) await post(scenario);
      const latencies: number[] = [];
      for (let index = 0; index < options.requests; index += 1) {
        const started = performance.now();
        await post(scenario);
        latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      const { statements, parameters } = await countStatements(() => post(scenario));
      const searching = statements.findIndex((sql) => /omnitray_(fold|digits)\(/.test(sql));
      if (searching < 0) throw new Error(`${scenario.name}: no search statement was sent`);
      const { plan, raw } = await explainStatement(
        dataSource,
        statements[searching]!,
        parameters[searching]!,
        {
          analyze: true,
        },
      );
      const scans = bitmapIndexScans(plan);
      const missing = scenario.indexes.filter((index) => !scans.includes(index));
      if (missing.length > 0)
        throw new Error(`${scenario.name}: the plan does not read ${missing.join(', ')}`);
      results.push({
        name: scenario.name,
        statement: statements[searching]!.replace(/\s+/g, ' ').trim(),
        bitmapIndexScans: [...new Set(scans)],
        sequentialScans: sequentialScans(plan),
        executionMs: (raw as { 'Execution Time': number }[])[0]!['Execution Time'],
        p50Ms: round(percentile(latencies, 50)),
        p95Ms: round(percentile(latencies, 95)),
        plan: raw,
      });
    }

    const [version] = (await dataSource.query('SHOW server_version')) as { server_version: string }[];
    const record = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      postgres: version!.server_version,
      command: 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- search',
      options,
      rows: counts,
      loadSeconds: round(loadMs / 1000),
      scenarios: results,
    };
    writeResults('search', record);
    return [
      `search — ${record.machine}, PostgreSQL ${record.postgres}`,
      `loaded ${Object.entries(counts)
        .map(([table, n]) => `${n} ${table}`)
        .join(', ')} in ${record.loadSeconds} s`,
      ...results.map(
        (result) =>
          `${result.name}: Bitmap Index Scan on ${result.bitmapIndexScans.join(', ')}; ` +
          `seq scans: ${result.sequentialScans.join(', ') || 'none'}; execution ${round(result.executionMs)} ms; ` +
          `HTTP p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms`,
      ),
      'plans written to bench/results.json',
    ].join('\n');
  } finally {
    await app.stop();
    await database.drop();
  }
}

/** Tables a plan reads whole. */
function sequentialScans(plan: PlanNode): string[] {
  return planNodes(plan)
    .filter((node) => node['Node Type'] === 'Seq Scan')
    .map((node) => String(node['Relation Name']));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** bench/results.json keeps one entry per benchmark; a run replaces its own. */
function writeResults(name: string, record: unknown): void {
  const file = path.join(__dirname, '..', '..', 'bench', 'results.json');
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  all[name] = record;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
