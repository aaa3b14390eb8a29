import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { withDevelopmentSecret } from '../src/development-secret';
import { createDataSource } from '../src/database/data-source';
import { resolveDatabase } from '../src/database/database-url';
import { migrate } from '../src/database/migrate';
import { createRealtime } from '../src/realtime';
import { appendEvents } from '../src/realtime/event-log';
import { EventType } from '../src/realtime/event-types';
import { createLogger } from '../src/runtime/logger';
import { createWorkspace, sessionTokenFor } from '../src/services/workspace/workspace.service';
import {
  redisClusterUnavailable,
  startRedisCluster,
  type LocalRedisCluster,
} from '../src/testing/redis-cluster';
import { ask, cpuMs, forkSubscribers, rssKiB, stopSubscribers } from './bench-support';

export interface FanoutOptions {
  /** Subscriber counts, one round each. */
  sizes: number[];
  /** Events per second during the measured phase. */
  rate: number;
  seconds: number;
  /** Subscribers per load-generator process. */
  clientsPerProcess: number;
  /** API processes sharing the subscribers (as behind a load balancer); each subscribes to Redis once. */
  servers: number;
  /**
   * Fan out over a local three-master Redis Cluster the bench starts (sharded pub/sub, as with
   * `REDIS_CLUSTER_NODES` in production) instead of the one Redis of REDIS_URL.
   */
  cluster: boolean;
}

interface Round {
  subscribers: number;
  events: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  rssPerSubscriberKiB: number;
  /**
   * One Redis: PUBLISH commands on the bench's workspace channel (messages a subscriber of that
   * channel received), per event. Cluster: SPUBLISH calls summed over the cluster's masters.
   */
  publishesPerEvent: number;
  /** One Redis: every PUBLISH of that Redis (other users included), per event. */
  redisPublishesPerEvent?: number;
  /** Cluster: plain PUBLISH calls on the cluster (each one is broadcast to every node), per event. */
  clusterPlainPublishesPerEvent?: number;
  /** Redis subscriptions of the API processes to the workspace channel while subscribed (one per process). */
  channelSubscriptions: number;
  clientErrors: number;
  /** Subscribers that were ended (by a close, an error or complete message, a socket error). */
  subscribersEnded: number;
  /** What ended them, by kind (e.g. `error SUBSCRIBER_TOO_SLOW`, `close 1006`) → subscribers. */
  endedBy: Record<string, number>;
  /** CPU time (user + system) over the measured phase per event: the server, and all load generators. */
  serverCpuMsPerEvent: number;
  serverSysShare: number;
  clientCpuMsPerEvent: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

async function publishCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  return Number(/cmdstat_publish:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

/**
 * How many PUBLISH commands reach one channel: a connection subscribed to it receives each exactly
 * once, whoever else uses the Redis (`PUBSUB NUMSUB` counts subscribers, not publishes).
 */
async function channelCounter(url: string, channel: string): Promise<{ count(): number; close(): void }> {
  const connection = new Redis(url);
  let messages = 0;
  connection.on('message', () => (messages += 1));
  await connection.subscribe(channel);
  return { count: () => messages, close: () => connection.disconnect() };
}

function mergeCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [kind, n] of Object.entries(from)) into[kind] = (into[kind] ?? 0) + n;
}

function formatEndedBy(round: Round): string {
  const kinds = Object.entries(round.endedBy).sort((a, b) => b[1] - a[1]);
  if (kinds.length === 0) return '0';
  return `${round.subscribersEnded}: ${kinds.map(([kind, n]) => `${n} × ${kind.replaceAll('|', '/')}`).join('; ')}`;
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_SERVER_NODE_FLAGS (e.g. `--cpu-prof`) go to the server process only, as in `startServer`.
  const flags = process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...flags, path.join(__dirname, '..', 'src', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL API: (http:\/\/\S+\/graphql)/.exec(output);
      if (match) resolve({ child, url: match[1]!.replace(/^http/, 'ws') });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/**
 * Fan-out of one workspace topic to N graphql-ws subscribers of the API processes (with Redis):
 * commit-to-client latency at a steady event rate, server memory per idle subscriber, publishes per
 * event, and what ended any subscriber. Events are committed and published by this process, as
 * another API instance would; subscribers run in separate load-generator processes. With
 * `cluster`, the fan-out goes over a three-master Redis Cluster this run starts and stops.
 */
export async function runFanoutBench(options: FanoutOptions): Promise<string> {
  if (!loadConfig(withDevelopmentSecret(process.env)).redisUrl)
    throw new Error('The fan-out benchmark needs REDIS_URL (one Redis, as in production).');
  if (options.cluster) {
    const unavailable = redisClusterUnavailable();
    if (unavailable) throw new Error(`BENCH_FANOUT_CLUSTER=1: ${unavailable}.`);
  }
  const cluster = options.cluster ? await startRedisCluster() : null;
  try {
    return await fanOut(options, cluster);
  } finally {
    await cluster?.stop();
  }
}

async function fanOut(options: FanoutOptions, cluster: LocalRedisCluster | null): Promise<string> {
  // The cluster is named as production names it; an inherited REDIS_CLUSTER_NODES never leaks into
  // the one-Redis mode.
  const clusterNodes = cluster?.nodesSetting ?? '';
  const config = loadConfig(withDevelopmentSecret({ ...process.env, REDIS_CLUSTER_NODES: clusterNodes }));
  const redisUrl = config.redisUrl!;
  const server = await resolveDatabase(config);
  const database = `omnitray_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  await migrate(databaseUrl);

  const logger = createLogger('warn');
  const dataSource = createDataSource(databaseUrl, { poolSize: 4 });
  await dataSource.initialize();
  // On the cluster this publishes with SPUBLISH, as another API instance would.
  const realtime = createRealtime(config, dataSource, logger, { name: 'omnitray:bench' });
  const redis = new Redis(redisUrl);
  const appSecret = randomBytes(32).toString('hex');
  const { workspace, admin: agent } = await createWorkspace(dataSource, {
    name: 'Fan-out bench',
    adminEmail: 'bench@omnitray.local',
    adminName: 'Bench',
  });
  const token = sessionTokenFor(agent, appSecret, 240).token;
  const topic = realtime.bus.topicFor(workspace.id);
  const counter = cluster ? null : await channelCounter(redisUrl, topic);
  const channelSubscriptions = async () => {
    if (cluster) return cluster.shardChannelSubscribers(topic);
    const [, subscribers] = (await redis.pubsub('NUMSUB', topic)) as [string, number];
    return Number(subscribers) - 1; // the counter's own
  };

  const servers: { child: ChildProcess; url: string }[] = [];
  const rounds: Round[] = [];
  try {
    // One after another: processes starting together on one database can deadlock in their
    // start-up statements (seen with four).
    for (let index = 0; index < Math.max(1, options.servers); index += 1) {
      servers.push(
        await startServer({
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl,
          REDIS_CLUSTER_NODES: clusterNodes,
          APP_SECRET: appSecret,
          PORT: '0',
          HOST: '127.0.0.1',
          SEED_DEMO: 'false',
          RUN_JOBS: 'false',
          LOG_LEVEL: 'warn',
          // Every load generator subscribes with the one bench token.
          MAX_SUBSCRIPTIONS_PER_CREDENTIAL: '1000000',
        }),
      );
    }
    const serverPids = servers.map((server) => server.child.pid!);
    const totalRss = () => serverPids.reduce((sum, pid) => sum + rssKiB(pid), 0);
    const totalCpu = () =>
      serverPids.reduce(
        (sum, pid) => {
          const usage = cpuMs(pid);
          return { user: sum.user + usage.user, system: sum.system + usage.system };
        },
        { user: 0, system: 0 },
      );
    const publishes = () => (cluster ? cluster.commandCalls('spublish') : Promise.resolve(counter!.count()));
    const otherPublishes = () => (cluster ? cluster.commandCalls('publish') : publishCalls(redis));

    let written = 0;
    /** Sequence → when its transaction had committed, in ms since the epoch. */
    const committedAt = new Map<number, number>();
    const writeEvent = async () => {
      const records = await dataSource.transaction((manager) =>
        appendEvents(manager, workspace.id, [
          {
            type: EventType.TRAY_CHANGED,
            conversationId: null,
            assigneeId: null,
            payload: { conversationId: randomUUID(), view: 'V2', from: null, to: 'EXPIRED', n: written },
          },
        ]),
      );
      committedAt.set(Number(records[0]!.seq), Date.now());
      written += 1;
      await realtime.bus.publishCommitted(records);
    };

    for (const subscribers of options.sizes) {
      await sleep(1000);
      const baseline = totalRss();
      const children = await forkSubscribers(
        servers.map((server) => server.url),
        token,
        subscribers,
        options.clientsPerProcess,
      );

      // Warm up until every subscriber has received an event (each is live), bounded.
      for (let attempt = 0; attempt < 150; attempt += 1) {
        await writeEvent();
        await sleep(200);
        const stats = await ask<{ minReceived: number }>(children, 'stats');
        if (stats.every((entry) => entry.minReceived > 0)) break;
      }
      await sleep(2000);
      const idle = totalRss();
      const subscriptions = await channelSubscriptions();
      await ask(children, 'reset');
      committedAt.clear();

      const events = options.rate * options.seconds;
      const publishedBefore = await publishes();
      const otherBefore = await otherPublishes();
      const serverCpuBefore = totalCpu();
      const clientCpuBefore = children.map((child) => cpuMs(child.pid!));
      const start = Date.now();
      for (let index = 0; index < events; index += 1) {
        const due = start + (index * 1000) / options.rate;
        if (due > Date.now()) await sleep(due - Date.now());
        await writeEvent();
      }
      // Drain: every subscriber should get every event (bounded wait).
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const stats = await ask<{ minReceived: number }>(children, 'stats');
        if (stats.every((entry) => entry.minReceived >= events)) break;
        await sleep(100);
      }
      // After the drain: the channel counter has its messages by the time the subscribers have theirs.
      const published = (await publishes()) - publishedBefore;
      const other = (await otherPublishes()) - otherBefore;
      const serverCpuAfter = totalCpu();
      const serverUser = serverCpuAfter.user - serverCpuBefore.user;
      const serverSystem = serverCpuAfter.system - serverCpuBefore.system;
      const clientCpu = children.reduce((sum, child, index) => {
        const now = cpuMs(child.pid!);
        const then = clientCpuBefore[index]!;
        return sum + now.user + now.system - then.user - then.system;
      }, 0);
      const reports = await ask<{
        arrivals: number[];
        minReceived: number;
        errors: number;
        endedBy: Record<string, number>;
        ended: number;
      }>(children, 'report');
      const latencies: number[] = [];
      for (const { arrivals } of reports) {
        for (let index = 0; index < arrivals.length; index += 2) {
          const committed = committedAt.get(arrivals[index]!);
          if (committed !== undefined) latencies.push(arrivals[index + 1]! - committed);
        }
      }
      latencies.sort((a, b) => a - b);
      const endedBy: Record<string, number> = {};
      for (const report of reports) mergeCounts(endedBy, report.endedBy);
      rounds.push({
        subscribers,
        events,
        delivered: latencies.length,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies.at(-1) ?? NaN,
        rssPerSubscriberKiB: (idle - baseline) / subscribers,
        publishesPerEvent: published / events,
        ...(cluster
          ? { clusterPlainPublishesPerEvent: other / events }
          : { redisPublishesPerEvent: other / events }),
        channelSubscriptions: subscriptions,
        clientErrors: reports.reduce((sum, report) => sum + report.errors, 0),
        subscribersEnded: reports.reduce((sum, report) => sum + report.ended, 0),
        endedBy,
        serverCpuMsPerEvent: (serverUser + serverSystem) / events,
        serverSysShare: (serverSystem / Math.max(1, serverUser + serverSystem)) * 100,
        clientCpuMsPerEvent: clientCpu / events,
      });
      console.log(`fanout: ${JSON.stringify(rounds.at(-1))}`);
      await stopSubscribers(children);
    }
  } finally {
    await Promise.all(
      servers.map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve(null);
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    await realtime.close();
    counter?.close();
    redis.disconnect();
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }

  const publishHeader = cluster
    ? 'SPUBLISH / event (PUBLISH)'
    : 'PUBLISH / event on its channel (whole Redis)';
  const header =
    `| subscribers | events | deliveries | p50 ms | p99 ms | max ms | server RSS / idle subscriber | ${publishHeader} | channel subscriptions | client errors | subscribers ended: by | server CPU ms / event (system %) | load generators CPU ms / event |\n` +
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|';
  const rows = rounds.map(
    (round) =>
      `| ${round.subscribers} | ${round.events} | ${round.delivered} | ${round.p50} | ${round.p99} | ${round.max} | ${round.rssPerSubscriberKiB.toFixed(1)} KiB | ${round.publishesPerEvent.toFixed(2)} (${(round.clusterPlainPublishesPerEvent ?? round.redisPublishesPerEvent ?? NaN).toFixed(2)}) | ${round.channelSubscriptions} | ${round.clientErrors} | ${formatEndedBy(round)} | ${round.serverCpuMsPerEvent.toFixed(1)} (${round.serverSysShare.toFixed(0)} %) | ${round.clientCpuMsPerEvent.toFixed(1)} |`,
  );
  const transport = cluster
    ? `Redis Cluster of ${cluster.ports.length} masters started by the bench (sharded pub/sub)`
    : 'Redis pub/sub';
  return [
    `Fan-out: ${options.rate} events/s for ${options.seconds} s per round, ${servers.length} API process(es), ${transport}`,
    `Machine: ${cpus().length} × ${cpuModel()}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node.js ${process.version}`,
    header,
    ...rows,
  ].join('\n');
}
