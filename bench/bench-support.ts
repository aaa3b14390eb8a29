import { randomBytes } from 'node:crypto';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { withDevelopmentSecret } from '../src/development-secret';
import { resolveDatabase } from '../src/database/database-url';
import { migrate } from '../src/database/migrate';

/** The machine a result was measured on, written next to it. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node.js ${process.version}`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A fresh, migrated database on DATABASE_URL's server (or the embedded one) for one bench run. */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = await resolveDatabase(loadConfig(withDevelopmentSecret(process.env)));
  const name = `omnitray_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: server.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
      await server.stop();
    },
  };
}

/** Starts the compiled server as its own process (the load generator must not share its CPU time slices). */
export async function startServer(
  env: Record<string, string>,
): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      path.join(__dirname, '..', 'src', 'main.js'),
    ],
    {
      env: { ...process.env, SEED_DEMO: 'false', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL API: (http:\/\/\S+)/.exec(output);
      if (!match) return;
      // Keep draining the server's output without holding it: a long run would keep all its logs.
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve(match[1]!.replace('/graphql', ''));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process now, in KiB. */
export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** User and system CPU time of a process so far, in ms (Linux clock ticks of 10 ms). */
export function cpuMs(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/**
 * CPU time (ms) of every live process whose command is `name` (e.g. PostgreSQL's `postgres`), with
 * that of the children they reaped: the postmaster's count its ended backends and parallel workers.
 */
export function cpuMsOfCommand(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== name) continue;
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Busy CPU time of the whole machine so far, in ms (every core; idle and I/O wait excluded). */
export function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
}

/** Sends `message` to every load generator and collects one reply from each. */
export function ask<T>(children: ChildProcess[], message: string): Promise<T[]> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<T>((resolve) => {
          child.once('message', (reply) => resolve(reply as T));
          child.send(message);
        }),
    ),
  );
}

/**
 * `subscribers` graphql-ws subscribers of `trayChanged` (`fanout-clients.ts`), `perProcess` to a
 * load-generator process, spread over `urls` (ws://…/graphql) connection by connection as a
 * round-robin load balancer would (so fewer subscribers than processes × servers still reach every
 * server); resolves once every process has opened its connections.
 */
export async function forkSubscribers(
  urls: string[],
  token: string,
  subscribers: number,
  perProcess: number,
): Promise<ChildProcess[]> {
  const processes = Math.ceil(subscribers / perProcess);
  const children = Array.from({ length: processes }, (_, index) =>
    fork(path.join(__dirname, 'fanout-clients.js'), [], {
      env: {
        ...process.env,
        FANOUT_URLS: urls.join(' '),
        FANOUT_FIRST: String(index * perProcess),
        FANOUT_TOKEN: token,
        FANOUT_CLIENTS: String(Math.min(perProcess, subscribers - index * perProcess)),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));
  return children;
}

/** Tells every load generator to close its connections and waits for it to exit. */
export function stopSubscribers(children: ChildProcess[]): Promise<unknown> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve(null);
          child.once('exit', resolve);
          child.send('exit');
        }),
    ),
  );
}

/**
 * An open-loop generator: call `index` leaves at `start + index / rate` whatever the earlier ones
 * are doing (a slow server cannot hide its queue), until `total` calls or `stop()`. `finished`
 * resolves when every call made has settled.
 */
export function openLoop(
  rate: number,
  fire: (index: number, scheduled: number) => Promise<unknown>,
  total = Infinity,
): { stop(): void; finished: Promise<void> } {
  const start = performance.now();
  const interval = 1000 / rate;
  let sent = 0;
  let settled = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  const check = () => {
    if ((stopped || sent >= total) && settled === sent) resolveFinished();
  };
  const tick = () => {
    const now = performance.now();
    while (!stopped && sent < total && start + sent * interval <= now) {
      const index = sent;
      sent += 1;
      void fire(index, start + index * interval).finally(() => {
        settled += 1;
        check();
      });
    }
    if (!stopped && sent < total)
      timer = setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    else check();
  };
  tick();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      check();
    },
    finished,
  };
}

/**
 * POSTs one signed Meta webhook; resolves with the HTTP status, or 0 and the error's code when the
 * connection failed. A keep-alive socket the server closed just as it was reused (ECONNRESET before
 * any answer) is retried once on a new one, as Node's documentation advises; `retried` says so.
 */
export function postSignedWebhook(
  agent: http.Agent,
  url: string,
  raw: Buffer | string,
  signature: string,
): Promise<{ status: number; error?: string; retried: boolean }> {
  const { hostname, port, pathname } = new URL(url);
  const attempt = (retried: boolean): Promise<{ status: number; error?: string; retried: boolean }> =>
    new Promise((resolve) => {
      const request = http.request(
        {
          host: hostname,
          port,
          path: pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(raw),
            'x-hub-signature-256': signature,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, retried }));
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (!retried && request.reusedSocket && error.code === 'ECONNRESET') resolve(attempt(true));
        else resolve({ status: 0, error: error.code ?? error.message, retried });
      });
      request.end(raw);
    });
  return attempt(false);
}
