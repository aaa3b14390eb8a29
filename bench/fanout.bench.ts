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
}

interface Round {
  subscribers: number;
  events: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  rssPerSubscriberKiB: number;
  publishesPerEvent: number;
  clientErrors: number;
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
 * Fan-out of one workspace topic to N graphql-ws subscribers of one server process (with Redis):
 * commit-to-client latency at a steady event rate, server memory per idle subscriber, and Redis
 * PUBLISH commands per event. Events are committed and published by this process, as another API
 * instance would; subscribers run in separate load-generator processes.
 */
export async function runFanoutBench(options: FanoutOptions): Promise<string> {
  const config = loadConfig(withDevelopmentSecret(process.env));
  if (!config.redisUrl)
    throw new Error('The fan-out benchmark needs REDIS_URL (one Redis, as in production).');
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
  const realtime = createRealtime(config, dataSource, logger, { name: 'omnitray:bench' });
  const redis = new Redis(config.redisUrl);
  const appSecret = randomBytes(32).toString('hex');
  const { workspace, admin: agent } = await createWorkspace(dataSource, {
    name: 'Fan-out bench',
    adminEmail: 'bench@omnitray.local',
    adminName: 'Bench',
  });
  const token = sessionTokenFor(agent, appSecret, 240).token;
  // One after another: processes starting together on one database can deadlock in their start-up
  // statements (seen with four).
  const servers: { child: ChildProcess; url: string }[] = [];
  for (let index = 0; index < Math.max(1, options.servers); index += 1) {
    servers.push(
      await startServer({
        DATABASE_URL: databaseUrl,
        REDIS_URL: config.redisUrl!,
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

  const rounds: Round[] = [];
  try {
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
      await ask(children, 'reset');
      committedAt.clear();

      const events = options.rate * options.seconds;
      const publishedBefore = await publishCalls(redis);
      const serverCpuBefore = totalCpu();
      const clientCpuBefore = children.map((child) => cpuMs(child.pid!));
      const start = Date.now();
      for (let index = 0; index < events; index += 1) {
        const due = start + (index * 1000) / options.rate;
        if (due > Date.now()) await sleep(due - Date.now());
        await writeEvent();
      }
      const published = (await publishCalls(redis)) - publishedBefore;
      // Drain: every subscriber should get every event (bounded wait).
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const stats = await ask<{ minReceived: number }>(children, 'stats');
        if (stats.every((entry) => entry.minReceived >= events)) break;
        await sleep(100);
      }
      const serverCpuAfter = totalCpu();
      const serverUser = serverCpuAfter.user - serverCpuBefore.user;
      const serverSystem = serverCpuAfter.system - serverCpuBefore.system;
      const clientCpu = children.reduce((sum, child, index) => {
        const now = cpuMs(child.pid!);
        const then = clientCpuBefore[index]!;
        return sum + now.user + now.system - then.user - then.system;
      }, 0);
      const reports = await ask<{ arrivals: number[]; minReceived: number; errors: number }>(
        children,
        'report',
      );
      const latencies: number[] = [];
      for (const { arrivals } of reports) {
        for (let index = 0; index < arrivals.length; index += 2) {
          const committed = committedAt.get(arrivals[index]!);
          if (committed !== undefined) latencies.push(arrivals[index + 1]! - committed);
        }
      }
      latencies.sort((a, b) => a - b);
      rounds.push({
        subscribers,
        events,
        delivered: latencies.length,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies.at(-1) ?? NaN,
        rssPerSubscriberKiB: (idle - baseline) / subscribers,
        publishesPerEvent: published / events,
        clientErrors: reports.reduce((sum, report) => sum + report.errors, 0),
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
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    await realtime.close();
    redis.disconnect();
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }

  const header =
    '| subscribers | events | deliveries | p50 ms | p99 ms | max ms | server RSS / idle subscriber | PUBLISH / event | client errors | server CPU ms / event (system %) | load generators CPU ms / event |\n' +
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const rows = rounds.map(
    (round) =>
      `| ${round.subscribers} | ${round.events} | ${round.delivered} | ${round.p50} | ${round.p99} | ${round.max} | ${round.rssPerSubscriberKiB.toFixed(1)} KiB | ${round.publishesPerEvent.toFixed(2)} | ${round.clientErrors} | ${round.serverCpuMsPerEvent.toFixed(1)} (${round.serverSysShare.toFixed(0)} %) | ${round.clientCpuMsPerEvent.toFixed(1)} |`,
  );
  return [
    `Fan-out: ${options.rate} events/s for ${options.seconds} s per round, ${servers.length} API process(es), Redis pub/sub`,
    `Machine: ${cpus().length} × ${cpuModel()}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node.js ${process.version}`,
    header,
    ...rows,
  ].join('\n');
}
