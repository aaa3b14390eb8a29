import { randomBytes } from 'node:crypto';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { withDevelopmentSecret } from '../src/development-secret';
import { resolveDatabase } from '../src/database/database-url';
import { migrate } from '../src/database/migrate';
import { createDataSource } from '../src/database/data-source';
import { SecretBox } from '../src/auth/secret-box';
import { Agent } from '../src/entities/agent.entity';
import { ChannelAccount } from '../src/entities/channel-account.entity';
import { Workspace } from '../src/entities/workspace.entity';
import { AgentRole } from '../src/entities/enums';
import { sessionTokenFor } from '../src/services/workspace/workspace.service';
import { FakeGraphApi, metaJson, signBody, whatsAppInboundTextWebhook } from '../src/testing/fake-graph-api';
import {
  ConversationSearchDocument,
  MessageSearchDocument,
  MessageSendDocument,
  TrayPageDocument,
} from '../src/testing/generated/graphql';
import {
  ask,
  cpuMs,
  cpuMsOfCommand,
  forkSubscribers,
  machineBusyMs,
  machine,
  openLoop,
  percentile,
  postSignedWebhook,
  rssKiB,
  startServer,
  stopSubscribers,
} from './bench-support';
import { SEEDED, type ScaleSize } from './scale.bench';

export interface SoakOptions {
  size: ScaleSize;
  /** Mixed traffic in all, warm-up included. */
  minutes: number;
  /** The first minutes, measured but left out of the verdicts (caches, JIT, pools filling). */
  warmupMinutes: number;
  /** The quiet baseline of the tray pages, before anything else runs. */
  baselineSeconds: number;
  webhookRate: number;
  trayPageRate: number;
  sendRate: number;
  subscribers: number;
  /** Concurrent loops of heavy searches in the heavy tenant. */
  searchLoops: number;
  /**
   * Where the jobs run: `in-process`, the single-node layout; `separate`, a process of their own
   * beside the API (`RUN_JOBS=false` on the API), the layout the README gives for more than one
   * node; `none`, nowhere: deliveries are acknowledged and stored but not processed, which shows
   * what their processing costs the rest.
   */
  workers: SoakWorkers;
  sampleSeconds: number;
}

export type SoakWorkers = 'in-process' | 'separate' | 'none';

type Operation = 'webhook' | 'trayPage' | 'send' | 'search';
const OPERATIONS: Operation[] = ['webhook', 'trayPage', 'send', 'search'];

/** The refusals the service documents under load (a TIMEOUT names its limit: STATEMENT, LOCK…); anything else failing is an error. */
const documentedRefusal = (kind: string) =>
  kind === '429 RATE_LIMITED CONCURRENCY' ||
  kind === '429 RATE_LIMITED DATABASE_TIME' ||
  kind === '503 TIMEOUT' ||
  kind.startsWith('503 TIMEOUT ');

interface Outcome {
  /** null: answered as asked. */
  kind: string | null;
  retryAfterSeconds?: number;
}

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string; retryAfterSeconds?: number } }[];
}

/** What an answer was: fine, a refusal (`429 RATE_LIMITED CONCURRENCY`, `503 TIMEOUT`) or an error. */
function outcomeOf(status: number, body: GraphqlBody | null): Outcome {
  const error = body?.errors?.[0];
  if (status === 200 && !error) return { kind: null };
  const code = error?.extensions?.code ?? 'NO_CODE';
  const reason = error?.extensions?.reason;
  return {
    kind: [String(status), code, reason].filter(Boolean).join(' '),
    retryAfterSeconds: error?.extensions?.retryAfterSeconds ?? 1,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A bound on a wait that must not keep the process alive once the wait is over. */
const deadline = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Latencies and outcomes of one sampling window, of the second half of the warm-up (the measured
 * workspace's own load, before the heavy tenant starts) and of the whole measured phase.
 */
class Recorder {
  window = new Map<Operation, number[]>(OPERATIONS.map((operation) => [operation, []]));
  ownLoad = new Map<Operation, number[]>(OPERATIONS.map((operation) => [operation, []]));
  measured = new Map<Operation, number[]>(OPERATIONS.map((operation) => [operation, []]));
  windowOutcomes = new Map<string, number>();
  totalOutcomes = new Map<string, number>();
  phase: 'warmup' | 'ownLoad' | 'measured' = 'warmup';

  record(operation: Operation, ms: number, outcome: Outcome): void {
    if (outcome.kind === null) {
      this.window.get(operation)!.push(ms);
      if (this.phase === 'ownLoad') this.ownLoad.get(operation)!.push(ms);
      if (this.phase === 'measured') this.measured.get(operation)!.push(ms);
      return;
    }
    const key = `${operation}: ${outcome.kind}`;
    this.windowOutcomes.set(key, (this.windowOutcomes.get(key) ?? 0) + 1);
    this.totalOutcomes.set(key, (this.totalOutcomes.get(key) ?? 0) + 1);
  }

  /** The window's figures per operation, and its refusals and errors by kind; starts the next window. */
  flush(): { operations: Record<string, Stats>; outcomes: Record<string, number> } {
    const operations = Object.fromEntries(
      OPERATIONS.map((operation) => [operation, stats(this.window.get(operation)!)]),
    );
    const outcomes = Object.fromEntries(this.windowOutcomes);
    for (const operation of OPERATIONS) this.window.set(operation, []);
    this.windowOutcomes = new Map();
    return { operations, outcomes };
  }
}

interface Stats {
  n: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

function stats(latencies: number[]): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? round(percentile(sorted, p)) : null);
  return { n: sorted.length, p50: at(50), p99: at(99), max: at(100) };
}

/** One line of `/metrics` by its name and labels, e.g. `nodejs_eventloop_lag_p99_seconds`. */
function metric(text: string, name: string): number {
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `) || entry.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

function metricSum(text: string, name: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labels = line.slice(name.length + 1, line.indexOf('}'));
    sums[labels] = Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sums;
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

/**
 * The seeded scale database of a size, never seeded nor dropped here (the scale bench owns it):
 * a missing or unfinished seed stops the soak with the command that makes it.
 */
async function seededDatabase(size: ScaleSize): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await resolveDatabase(loadConfig(withDevelopmentSecret(process.env)));
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  const [row] = (
    await admin.query(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [`omnitray_scale_${size}`],
    )
  ).rows as { comment: string | null }[];
  await admin.end();
  if (row?.comment !== SEEDED(size)) {
    await server.stop();
    throw new Error(
      `omnitray_scale_${size} is not seeded: run \`npm run bench -- scale --size ${size}\` first`,
    );
  }
  const url = new URL(server.url);
  url.pathname = `/omnitray_scale_${size}`;
  await migrate(url.toString());
  return { url: url.toString(), stop: () => server.stop() };
}

/**
 * Drops what a soak left unprocessed in the measured workspace (its own deliveries and their jobs):
 * 100/s outruns the workers of one process on this machine, and the shared dataset must not keep
 * a backlog for the next run or the next server started on it. Returns how many were dropped.
 */
async function dropBacklog(dataSource: DataSource, accountId: string, workspaceId: string): Promise<number> {
  await dataSource.query(
    `DELETE FROM pgboss.job WHERE name = 'webhook-process' AND state IN ('created', 'retry') AND data->>'workspaceId' = $1`,
    [workspaceId],
  );
  const [, dropped] = (await dataSource.query(
    `DELETE FROM inbound_webhook WHERE processed_at IS NULL AND channel_account_id = $1`,
    [accountId],
  )) as [unknown, number];
  return dropped;
}

interface Tenant {
  workspace: Workspace;
  account: ChannelAccount;
  admin: Agent;
  agents: Agent[];
}

async function tenant(dataSource: DataSource, name: string): Promise<Tenant> {
  const workspace = await dataSource.getRepository(Workspace).findOneByOrFail({ name });
  const account = await dataSource
    .getRepository(ChannelAccount)
    .findOneByOrFail({ workspaceId: workspace.id, name: 'scale' });
  const agents = await dataSource
    .getRepository(Agent)
    .find({ where: { workspaceId: workspace.id }, order: { email: 'ASC' } });
  const admin = agents.find((agent) => agent.role === AgentRole.ADMIN)!;
  return { workspace, account, admin, agents: agents.filter((agent) => agent.role === AgentRole.AGENT) };
}

/**
 * The soak: mixed traffic on the scale dataset for `minutes` — signed WhatsApp webhooks into the
 * measured workspace ("Scale main") at a fixed rate, its agents' tray pages and sends (answered by
 * the fake Graph API), `subscribers` graphql-ws subscribers of its trays, and another workspace of
 * the dataset ("Scale other 1") running heavy searches in a loop — against one API process that
 * also runs the jobs (the single-node layout). Every `sampleSeconds` it samples the process's RSS,
 * its event-loop lag (from `/metrics`), p50/p99 per operation and the refusals and errors by kind.
 * The tray pages' quiet baseline is measured first, with nothing else running. Writes `soak` into
 * bench/results.json.
 */
export async function runSoakBench(options: SoakOptions): Promise<string> {
  const database = await seededDatabase(options.size);
  const appSecret = randomBytes(32).toString('hex');
  const channelSecret = randomBytes(16).toString('hex');
  const box = new SecretBox(appSecret);
  const setup = createDataSource(database.url, { poolSize: 2 });
  await setup.initialize();
  const graph = new FakeGraphApi();
  const graphUrl = await graph.start();
  const main = await tenant(setup, 'Scale main');
  const heavy = await tenant(setup, 'Scale other 1');
  // The seed's secrets were sealed with its own APP_SECRET: this run seals its own, and points the
  // measured workspace's number at the fake Graph API. No bot: no AI provider runs here.
  await setup.getRepository(ChannelAccount).update(
    { id: main.account.id },
    {
      apiBaseUrl: graphUrl,
      accessTokenEnc: box.seal('soak-token'),
      appSecretEnc: box.seal(channelSecret),
      verifyTokenEnc: box.seal('soak-verify'),
    },
  );
  await setup.getRepository(Workspace).update({ id: main.workspace.id }, { botEnabled: false });
  const droppedBefore = await dropBacklog(setup, main.account.id, main.workspace.id);

  const ttl = options.minutes + 60;
  const tokenOf = (agent: Agent) => sessionTokenFor(agent, appSecret, ttl).token;
  const agentTokens = main.agents.map((agent) => ({ agent, token: tokenOf(agent) }));
  const heavyToken = tokenOf(heavy.admin);
  const subscriberToken = tokenOf(main.admin);

  // Events cross from the worker to the API's subscribers through Redis.
  if (options.workers === 'separate' && !process.env.REDIS_URL) {
    throw new Error(
      'BENCH_SOAK_WORKERS=separate needs REDIS_URL: the worker publishes what subscribers receive',
    );
  }
  const serverEnv = {
    DATABASE_URL: database.url,
    APP_SECRET: appSecret,
    PORT: '0',
    HOST: '127.0.0.1',
    RUN_JOBS: options.workers === 'in-process' ? 'true' : 'false',
    GRAPH_SANDBOX: 'false',
    OUTBOUND_ALLOW_PRIVATE: 'true',
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    // Every subscriber shares one token, and the cost budget is not what is measured: the fair share is.
    MAX_SUBSCRIPTIONS_PER_CREDENTIAL: '1000000',
    RATE_LIMIT_COST_PER_MINUTE: '100000000',
  };
  const server = await startServer(serverEnv);
  // The worker takes no traffic: it runs the jobs the API's requests and webhooks queue.
  const worker =
    options.workers === 'separate' ? await startServer({ ...serverEnv, RUN_JOBS: 'true' }) : null;
  const pid = server.process.pid!;
  const workerPid = worker?.process.pid ?? null;
  const graphqlUrl = `${server.url}/graphql`;
  const webhookUrl = `${server.url}/webhooks/whatsapp/${main.account.id}`;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const recorder = new Recorder();
  const inFlight = new AbortController();
  /** Set once the run cuts what is still in flight: those are counted as unanswered, not as errors. */
  let ending = false;
  let unansweredAtTheEnd = 0;

  const graphql = async (token: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(graphqlUrl, {
      signal: inFlight.signal,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: GraphqlBody | null = null;
    try {
      body = JSON.parse(text) as GraphqlBody;
    } catch {
      body = null;
    }
    return { status: response.status, body };
  };
  const timedGraphql = async (
    operation: Operation,
    token: string,
    query: string,
    variables: Record<string, unknown>,
    scheduled = performance.now(),
    userError: (body: GraphqlBody) => string | null = () => null,
  ) => {
    try {
      const { status, body } = await graphql(token, query, variables);
      let outcome = outcomeOf(status, body);
      const refused = outcome.kind === null && body ? userError(body) : null;
      if (refused) outcome = { kind: `userError ${refused}` };
      recorder.record(operation, performance.now() - scheduled, outcome);
      return { outcome, body };
    } catch (error) {
      if (ending) {
        unansweredAtTheEnd += 1;
        return { outcome: { kind: 'unanswered' } as Outcome, body: null };
      }
      // fetch says only "fetch failed"; the socket's reason is its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const outcome: Outcome = {
        kind: `connection ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      };
      recorder.record(operation, performance.now() - scheduled, outcome);
      return { outcome, body: null };
    }
  };

  // Agents load their trays (round robin over agents and trays); what they see open is what they answer.
  const TRAY_PAGE = print(TrayPageDocument);
  const KINDS = ['ACTIVE', 'EXPIRED', 'OUTGOING'];
  const answerable = new Map<string, string[]>();
  const trayPage = async (index: number, scheduled: number) => {
    const { agent, token } = agentTokens[index % agentTokens.length]!;
    const kind = KINDS[Math.floor(index / agentTokens.length) % KINDS.length]!;
    const { body } = await timedGraphql(
      'trayPage',
      token,
      TRAY_PAGE,
      { kind, view: 'V2', first: 25 },
      scheduled,
    );
    if (kind !== 'ACTIVE' || !body?.data) return;
    const edges = (
      body.data.tray as {
        conversations: { edges: { node: { id: string; windowExpiresAt: string | null } }[] };
      }
    ).conversations.edges;
    const open = edges
      .filter(({ node }) => node.windowExpiresAt && Date.parse(node.windowExpiresAt) > Date.now() + 60_000)
      .map(({ node }) => node.id);
    answerable.set(agent.id, open);
  };
  const MESSAGE_SEND = print(MessageSendDocument);
  let skippedSends = 0;
  const send = async (index: number, scheduled: number) => {
    const { agent, token } = agentTokens[index % agentTokens.length]!;
    const open = answerable.get(agent.id) ?? [];
    if (open.length === 0) {
      skippedSends += 1;
      return;
    }
    const conversationId = open[index % open.length]!;
    await timedGraphql(
      'send',
      token,
      MESSAGE_SEND,
      { input: { conversationId, text: `On it — reply ${index}` } },
      scheduled,
      (body) => (body.data?.messageSend as { userErrors: { code: string }[] }).userErrors[0]?.code ?? null,
    );
  };
  let webhooksRetried = 0;
  // Customers write in from a fixed set of numbers, so conversations grow rather than multiply.
  const webhook = async (index: number, scheduled: number) => {
    const raw = metaJson(
      whatsAppInboundTextWebhook({
        phoneNumberId: main.account.externalId,
        from: `57310${String(index % 2000).padStart(7, '0')}`,
        name: `Soak customer ${index % 2000}`,
        text: `Hola, ¿dónde está mi pedido ${index}? 📦`,
      }),
    );
    const { status, error, retried } = await postSignedWebhook(
      httpAgent,
      webhookUrl,
      raw,
      signBody(channelSecret, raw),
    );
    if (retried) webhooksRetried += 1;
    if (ending && status === 0) {
      unansweredAtTheEnd += 1;
      return;
    }
    recorder.record(
      'webhook',
      performance.now() - scheduled,
      status === 200 ? { kind: null } : { kind: status === 0 ? `connection ${error}` : `HTTP ${status}` },
    );
  };
  // Broad searches over the heavy tenant's million messages: every loop honours Retry-After, as a client should.
  const SEARCHES = [
    { query: print(MessageSearchDocument), variables: { query: 'message conversation', first: 20 } },
    {
      query: print(ConversationSearchDocument),
      variables: { filter: { messageText: 'customer' }, first: 20 },
    },
    { query: print(MessageSearchDocument), variables: { query: 'called back', first: 20 } },
  ];
  let searching = true;
  const searchLoop = async (loop: number) => {
    for (let index = loop; searching; index += options.searchLoops) {
      const search = SEARCHES[index % SEARCHES.length]!;
      const { outcome } = await timedGraphql('search', heavyToken, search.query, search.variables);
      if (outcome.kind !== null) await sleep((outcome.retryAfterSeconds ?? 1) * 1000);
    }
  };

  let subscribers: ChildProcess[] = [];
  const samples: Record<string, unknown>[] = [];
  const loadAtStart = { uptime: uptime(), loadavg: loadavg().map((value) => round(value, 2)) };
  // PostgreSQL's buffer cache against the dataset: with the default 128 MB most reads of a full-size
  // dataset go to the kernel, and more so when the webhooks' writes churn the cache.
  const [postgres] = (await setup.query(
    `SELECT current_setting('shared_buffers') AS "sharedBuffers",
            pg_size_pretty(pg_database_size(current_database())) AS "databaseSize"`,
  )) as { sharedBuffers: string; databaseSize: string }[];
  const started = new Date();
  let baseline: Stats;
  let loops: { stop(): void; finished: Promise<void> }[] = [];
  try {
    // 1. The quiet baseline: the measured workspace's tray pages alone, after a pass that warms
    // the caches (a cold first page would inflate the baseline).
    const warm = openLoop(options.trayPageRate, trayPage);
    await sleep(Math.min(30, options.baselineSeconds) * 1000);
    warm.stop();
    await warm.finished;
    recorder.flush();
    recorder.totalOutcomes.clear();
    console.log(`soak: quiet baseline of the tray pages for ${options.baselineSeconds} s`);
    const quiet = openLoop(options.trayPageRate, trayPage);
    await sleep(options.baselineSeconds * 1000);
    quiet.stop();
    await quiet.finished;
    baseline = recorder.flush().operations.trayPage!;
    const baselineOutcomes = Object.fromEntries(recorder.totalOutcomes);
    recorder.totalOutcomes.clear();
    console.log(`soak: quiet tray page p99 ${baseline.p99} ms over ${baseline.n} pages`);

    // 2. Everything at once.
    subscribers = await forkSubscribers(
      [graphqlUrl.replace(/^http/, 'ws')],
      subscriberToken,
      options.subscribers,
      500,
    );
    loops = [
      openLoop(options.webhookRate, webhook),
      openLoop(options.trayPageRate, trayPage),
      openLoop(options.sendRate, send),
    ];
    // The heavy tenant starts with the measured phase: the warm-up's second half is the measured
    // workspace under its own load alone, the reference for what the heavy tenant adds.
    let searches: Promise<void>[] = [];
    const soakStart = performance.now();
    const warmupMs = options.warmupMinutes * 60_000;
    const totalMs = options.minutes * 60_000;
    const backlog = async () =>
      Number(
        (
          (await setup.query(
            `SELECT count(*)::int AS n FROM inbound_webhook WHERE processed_at IS NULL`,
          )) as {
            n: number;
          }[]
        )[0]!.n,
      );
    // The measured database's busy sessions at the sample: the heavy tenant's searches (and their
    // parallel workers) or anything else, and what each waits on (CPU: running or runnable).
    const activity = async () =>
      Object.fromEntries(
        (
          (await setup.query(
            `SELECT CASE WHEN backend_type = 'parallel worker' THEN 'parallel worker of ' ELSE '' END
                    || CASE WHEN query ~ 'omnitray_(fold|digits)[(]' THEN 'search' ELSE 'other' END
                    || ' ' || coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait,
                    count(*)::int AS n
               FROM pg_stat_activity
              WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
              GROUP BY 1`,
          )) as { wait: string; n: number }[]
        ).map((row) => [row.wait, row.n]),
      );
    // Where the CPU went, per window, in cores: the API process, PostgreSQL (all its processes, other
    // databases included), the load generators (this process and the subscribers'), everyone else.
    const cpuNow = () => ({
      at: performance.now(),
      api: ((usage) => usage.user + usage.system)(cpuMs(pid)),
      worker: workerPid === null ? 0 : ((usage) => usage.user + usage.system)(cpuMs(workerPid)),
      postgres: cpuMsOfCommand('postgres'),
      loadGenerators: [process.pid, ...subscribers.map((child) => child.pid!)].reduce(
        (sum, id) => ((usage) => sum + usage.user + usage.system)(cpuMs(id)),
        0,
      ),
      machine: machineBusyMs(),
    });
    let cpuBefore = cpuNow();
    // Samples keep to the wall clock: a sample that took long (a stalled server) shortens the next wait.
    for (let next = options.sampleSeconds * 1000; ; next += options.sampleSeconds * 1000) {
      await sleep(Math.max(0, soakStart + next - performance.now()));
      const elapsed = performance.now() - soakStart;
      // A server too busy to answer /metrics within 5 s leaves those figures empty for the window.
      const metrics = await fetch(`${server.url}/metrics`, { signal: AbortSignal.timeout(5000) })
        .then((response) => response.text())
        .catch(() => '');
      // Deliveries are counted and forgotten each window (the generators would keep every arrival).
      const stats = await ask<{ connected: number; received: number; errors: number }>(subscribers, 'stats');
      await ask(subscribers, 'reset');
      const window = recorder.flush();
      const cpuAfter = cpuNow();
      const cores = (key: 'api' | 'worker' | 'postgres' | 'loadGenerators' | 'machine') =>
        round((cpuAfter[key] - cpuBefore[key]) / (cpuAfter.at - cpuBefore.at), 2);
      const cpuCores = {
        api: cores('api'),
        worker: cores('worker'),
        postgres: cores('postgres'),
        loadGenerators: cores('loadGenerators'),
        machine: cores('machine'),
        rest: round(
          cores('machine') - cores('api') - cores('worker') - cores('postgres') - cores('loadGenerators'),
          2,
        ),
      };
      cpuBefore = cpuAfter;
      const sample = {
        t: Math.round(elapsed / 1000),
        phase: elapsed <= warmupMs ? 'warmup' : 'measured',
        metricsAnswered: metrics !== '',
        rssMiB: round(rssKiB(pid) / 1024),
        workerRssMiB: workerPid === null ? null : round(rssKiB(workerPid) / 1024),
        heapUsedMiB: round(metric(metrics, 'nodejs_heap_size_used_bytes') / 2 ** 20),
        eventLoopLagP99Ms: round(metric(metrics, 'nodejs_eventloop_lag_p99_seconds') * 1000),
        eventLoopLagMaxMs: round(metric(metrics, 'nodejs_eventloop_lag_max_seconds') * 1000),
        operations: window.operations,
        refusalsAndErrors: window.outcomes,
        subscribers: {
          connected: stats.reduce((sum, entry) => sum + entry.connected, 0),
          deliveries: stats.reduce((sum, entry) => sum + entry.received, 0),
          errorsSoFar: stats.reduce((sum, entry) => sum + entry.errors, 0),
        },
        webhookBacklog: await backlog(),
        postgresActive: await activity(),
        databaseTimeouts: metricSum(metrics, 'omnitray_database_timeouts_total'),
        expensiveOperations: metricSum(metrics, 'omnitray_expensive_operations_total'),
        databasePools: metricSum(metrics, 'omnitray_database_pool_connections'),
        cpuCores,
        load1: round(loadavg()[0]!, 2),
      };
      samples.push(sample);
      // Requests made from now on count toward the verdicts.
      recorder.phase = elapsed >= warmupMs ? 'measured' : elapsed >= warmupMs / 2 ? 'ownLoad' : 'warmup';
      if (recorder.phase === 'measured' && searches.length === 0 && options.searchLoops > 0) {
        searches = Array.from({ length: options.searchLoops }, (_, loop) => searchLoop(loop));
      }
      graph.reset();
      console.log(
        `soak ${sample.t} s ${sample.phase}: RSS ${sample.rssMiB} MiB, lag p99 ${sample.eventLoopLagP99Ms} ms, ` +
          OPERATIONS.map(
            (operation) =>
              `${operation} p99 ${window.operations[operation]!.p99} (${window.operations[operation]!.n})`,
          ).join(', ') +
          `, backlog ${sample.webhookBacklog}, pools ${JSON.stringify(sample.databasePools)}, CPU ${JSON.stringify(cpuCores)}, load ${sample.load1} ${JSON.stringify(window.outcomes)}`,
      );
      if (elapsed >= totalMs) break;
      next = Math.max(
        next,
        Math.floor(elapsed / (options.sampleSeconds * 1000)) * options.sampleSeconds * 1000,
      );
    }
    searching = false;
    for (const loop of loops) loop.stop();
    // Requests still unanswered a minute after the traffic stops are cut, and counted apart.
    await Promise.race([Promise.all([...loops.map((loop) => loop.finished), ...searches]), deadline(60_000)]);
    ending = true;
    inFlight.abort();
    httpAgent.destroy();
    await Promise.race([Promise.all([...loops.map((loop) => loop.finished), ...searches]), deadline(5_000)]);
    const finalSubscriberErrors = (await ask<{ errors: number }>(subscribers, 'stats')).reduce(
      (sum, entry) => sum + entry.errors,
      0,
    );
    const loadAtEnd = { uptime: uptime(), loadavg: loadavg().map((value) => round(value, 2)) };
    const processed = Number(
      (
        (await setup.query(
          `SELECT count(*)::int AS n FROM inbound_webhook WHERE channel_account_id = $1 AND received_at >= $2 AND processed_at IS NOT NULL`,
          [main.account.id, started],
        )) as { n: number }[]
      )[0]!.n,
    );
    const droppedAfter = await dropBacklog(setup, main.account.id, main.workspace.id);

    // Verdicts.
    const measured = samples.filter((sample) => sample.phase === 'measured') as {
      t: number;
      rssMiB: number;
      workerRssMiB: number | null;
    }[];
    // The service's memory: the API process, and the worker when it has one of its own.
    const serviceRss = (sample: (typeof measured)[number]) => sample.rssMiB + (sample.workerRssMiB ?? 0);
    const warmupS = options.warmupMinutes * 60;
    const lastT = measured.at(-1)?.t ?? warmupS;
    const windowS = Math.min(600, (lastT - warmupS) / 2);
    const firstRss = mean(measured.filter((sample) => sample.t <= warmupS + windowS).map(serviceRss));
    const lastRss = mean(measured.filter((sample) => sample.t >= lastT - windowS).map(serviceRss));
    const rssRatio = lastRss / firstRss;
    const trayUnderLoad = stats(recorder.measured.get('trayPage')!);
    const trayRatio = trayUnderLoad.p99! / baseline.p99!;
    const trayOwnLoad = stats(recorder.ownLoad.get('trayPage')!);
    const heavyRatio = trayUnderLoad.p99! / trayOwnLoad.p99!;
    const refusals: Record<string, number> = {};
    const errors: Record<string, number> = {};
    for (const [key, count] of recorder.totalOutcomes) {
      const kind = key.slice(key.indexOf(': ') + 2);
      (documentedRefusal(kind) ? refusals : errors)[key] = count;
    }
    if (finalSubscriberErrors > 0) errors['subscriber: connection or protocol error'] = finalSubscriberErrors;
    const errorCount = Object.values(errors).reduce((sum, count) => sum + count, 0);
    const windowMinutes = round(windowS / 60);
    const verdicts = {
      memoryFlat: {
        pass: Math.abs(rssRatio - 1) <= 0.1,
        firstWindowMeanRssMiB: round(firstRss),
        lastWindowMeanRssMiB: round(lastRss),
        ratio: round(rssRatio, 3),
        windowMinutes,
        rule: `mean RSS (API${options.workers === 'separate' ? ' + worker' : ''}) of the last ${windowMinutes} min within 10 % of the first ${windowMinutes} min after the ${options.warmupMinutes}-min warm-up`,
      },
      otherTenantTrayPage: {
        pass: trayRatio <= 2,
        quietP99Ms: baseline.p99,
        underLoadP99Ms: trayUnderLoad.p99,
        ratio: round(trayRatio, 2),
        rule: "the measured workspace's tray-page p99 after warm-up, with the heavy tenant searching, within 2× of its quiet baseline",
      },
      // Not one of the verdicts: what the heavy tenant adds to the same workspace's own load.
      heavyTenantAdds: {
        pass: heavyRatio <= 2,
        ownLoadP99Ms: trayOwnLoad.p99,
        withTheHeavyTenantP99Ms: trayUnderLoad.p99,
        ratio: round(heavyRatio, 2),
        rule: "the measured workspace's tray-page p99 with the heavy tenant searching, within 2× of its p99 under its own traffic alone (the warm-up's second half)",
      },
      noErrorsButDocumentedRefusals: {
        pass: errorCount === 0,
        refusals,
        errors,
        rule: 'nothing failed but 429 RATE_LIMITED (CONCURRENCY, DATABASE_TIME) and 503 TIMEOUT',
      },
    };
    const lags = samples
      .map((sample) => sample.eventLoopLagP99Ms as number)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const summary = {
      quietBaseline: {
        seconds: options.baselineSeconds,
        trayPage: baseline,
        refusalsAndErrors: baselineOutcomes,
      },
      ownLoadBeforeTheHeavyTenant: Object.fromEntries(
        OPERATIONS.map((operation) => [operation, stats(recorder.ownLoad.get(operation)!)]),
      ),
      measuredPhase: Object.fromEntries(
        OPERATIONS.map((operation) => [operation, stats(recorder.measured.get(operation)!)]),
      ),
      peakRssMiB: Math.max(...samples.map((sample) => sample.rssMiB as number)),
      eventLoopLagP99MsMax: Math.max(...lags),
      eventLoopLagP99MsMedianOfSamples: percentile(lags, 50),
      samplesWithoutMetrics: samples.filter((sample) => !sample.metricsAnswered).length,
      meanCpuCoresMeasured: Object.fromEntries(
        (['api', 'worker', 'postgres', 'loadGenerators', 'rest', 'machine'] as const).map((key) => [
          key,
          round(
            mean(
              measured.map(
                (sample) => (sample as unknown as { cpuCores: Record<string, number> }).cpuCores[key]!,
              ),
            ),
            2,
          ),
        ]),
      ),
      webhooksProcessed: processed,
      webhooksProcessedPerSecond: round(processed / (options.minutes * 60), 1),
      backlogDropped: { beforeTheRun: droppedBefore, afterTheRun: droppedAfter },
      skippedSends,
      unansweredWhenTheRunEnded: unansweredAtTheEnd,
      webhooksRetriedOnAClosedKeepAliveSocket: webhooksRetried,
      subscriberErrorsAtEnd: finalSubscriberErrors,
      webhookBacklogAtEnd: (samples.at(-1)?.webhookBacklog as number) ?? null,
    };
    // The environment that shaped the run (service settings, Redis, the bench's knobs), then the command.
    const settings = Object.entries(process.env)
      .filter(([name]) => /^(TENANT_|DB_|BENCH_SOAK_|REDIS_URL$)/.test(name))
      .map(([name, value]) => `${name}=${value} `)
      .sort()
      .join('');
    const command = `${settings}DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- soak --size ${options.size} --minutes ${options.minutes} --warmup ${options.warmupMinutes}`;
    const record = {
      measuredAt: started.toISOString(),
      machine: machine(),
      command,
      size: options.size,
      duration: {
        minutes: options.minutes,
        warmupMinutes: options.warmupMinutes,
        baselineSeconds: options.baselineSeconds,
        sampleSeconds: options.sampleSeconds,
      },
      traffic: {
        webhooksPerSecond: options.webhookRate,
        trayPagesPerSecond: options.trayPageRate,
        sendsPerSecond: options.sendRate,
        subscribers: options.subscribers,
        heavySearchLoops: options.searchLoops,
        apiProcesses: 1,
        jobsInTheApiProcess: options.workers === 'in-process',
        workerProcesses: options.workers === 'separate' ? 1 : 0,
      },
      postgres,
      // The service's settings in this run: its defaults unless the bench's environment set them.
      service: (({ database, tenantShare }) => ({
        poolSize: database.poolSize,
        statementTimeoutMs: database.statementTimeoutMs,
        poolWaitMs: database.poolWaitMs,
        parallelWorkersPerGather: database.parallelWorkersPerGather,
        tenantShare: {
          concurrency: tenantShare.concurrency,
          queueLimit: tenantShare.queueLimit,
          secondsPerMinute: tenantShare.timeBudgetMsPerMinute / 1000,
        },
      }))(loadConfig(withDevelopmentSecret(process.env))),
      load: { atStart: loadAtStart, atEnd: loadAtEnd },
      samples,
      summary,
      verdicts,
    };
    writeResults(record);
    const pass = (value: boolean) => (value ? 'pass' : 'MISS');
    return [
      `soak ${options.size}, ${options.minutes} min (${options.warmupMinutes} warm-up) — ${record.machine}`,
      `load at start: ${loadAtStart.uptime}`,
      `load at end: ${loadAtEnd.uptime}`,
      ...OPERATIONS.map((operation) => {
        const entry = summary.measuredPhase[operation]!;
        return `  ${operation}: ${entry.n} ok, p50 ${entry.p50} ms, p99 ${entry.p99} ms, max ${entry.max} ms`;
      }),
      `webhooks processed: ${processed} (${summary.webhooksProcessedPerSecond}/s); backlog dropped after the run: ${droppedAfter}`,
      `CPU cores, mean after warm-up: ${JSON.stringify(summary.meanCpuCoresMeasured)}`,
      `memory flat: ${pass(verdicts.memoryFlat.pass)} (${verdicts.memoryFlat.firstWindowMeanRssMiB} → ${verdicts.memoryFlat.lastWindowMeanRssMiB} MiB, ×${verdicts.memoryFlat.ratio})`,
      `other tenant's tray page: ${pass(verdicts.otherTenantTrayPage.pass)} (p99 quiet ${baseline.p99} ms, under load ${trayUnderLoad.p99} ms, ×${verdicts.otherTenantTrayPage.ratio})`,
      `heavy tenant adds: ${pass(verdicts.heavyTenantAdds.pass)} (tray p99 under its own load ${trayOwnLoad.p99} ms, with the heavy tenant ${trayUnderLoad.p99} ms, ×${verdicts.heavyTenantAdds.ratio})`,
      `no errors but documented refusals: ${pass(verdicts.noErrorsButDocumentedRefusals.pass)} refusals ${JSON.stringify(refusals)} errors ${JSON.stringify(errors)}`,
    ].join('\n');
  } finally {
    searching = false;
    for (const loop of loops) loop.stop();
    await stopSubscribers(subscribers);
    httpAgent.destroy();
    await server.stop();
    await worker?.stop();
    await graph.stop();
    await setup.destroy();
    await database.stop();
  }
}

function writeResults(record: unknown): void {
  const file = path.join(__dirname, '..', '..', 'bench', 'results.json');
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  all.soak = record;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
