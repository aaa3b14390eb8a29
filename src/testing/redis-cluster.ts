import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** Why a local Redis Cluster cannot be started here, or null when `redis-server` ≥ 7 and `redis-cli` are on PATH. */
export function redisClusterUnavailable(): string | null {
  const server = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  const major = server.status === 0 ? Number(/v=(\d+)\./.exec(server.stdout)?.[1] ?? 0) : 0;
  const cli = spawnSync('redis-cli', ['--version'], { encoding: 'utf8' });
  if (major >= 7 && cli.status === 0) return null;
  return 'a local Redis Cluster needs redis-server ≥ 7 (sharded pub/sub) and redis-cli on PATH';
}

export interface LocalRedisCluster {
  /** The masters' ports on 127.0.0.1, in start order. */
  ports: number[];
  /** `127.0.0.1:port,…`, as `REDIS_CLUSTER_NODES` takes it. */
  nodesSetting: string;
  /** Calls of `command` (e.g. `spublish`) so far, from INFO commandstats summed over every master. */
  commandCalls(command: string): Promise<number>;
  /** Connections `SSUBSCRIBE`d to `channel` (`PUBSUB SHARDNUMSUB` summed over every master). */
  shardChannelSubscribers(channel: string): Promise<number>;
  /** Stops every redis-server and removes their files. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function onNode<T>(port: number, call: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  // A refused connection rejects `connect()`; without a listener ioredis also logs it as unhandled.
  client.on('error', () => {});
  try {
    await client.connect();
    return await call(client);
  } finally {
    client.disconnect();
  }
}

/**
 * A three-master Redis Cluster on free loopback ports (`redis-server --cluster-enabled yes`, joined
 * with `redis-cli --cluster create`, no replicas, nothing persisted), resolved once
 * `cluster_state:ok`. Its files live in a temporary directory that `stop()` removes; a failed start
 * stops what it had started, and the servers are killed if this process exits without `stop()`.
 */
export async function startRedisCluster(masters = 3): Promise<LocalRedisCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnitray-cluster-'));
  const servers: ChildProcess[] = [];
  const killOnExit = () => {
    for (const server of servers) if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.exitCode !== null || server.signalCode !== null) return resolve();
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const ports: number[] = [];
    for (let index = 0; index < masters; index += 1) ports.push(await freePort());
    for (const port of ports) {
      servers.push(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            path.join(dir, `nodes-${port}.conf`),
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    for (const port of ports) {
      await until(
        async () => (await onNode(port, (client) => client.ping())) === 'PONG',
        10_000,
        `redis-server on ${port}`,
      );
    }
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8' },
    );
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await until(
      async () =>
        String(await onNode(ports[0]!, (client) => client.cluster('INFO'))).includes('cluster_state:ok'),
      20_000,
      'cluster_state:ok',
    );
    return {
      ports,
      nodesSetting: ports.map((port) => `127.0.0.1:${port}`).join(','),
      async commandCalls(command) {
        const pattern = new RegExp(`cmdstat_${command}:calls=(\\d+)`);
        let total = 0;
        for (const port of ports) {
          const info = await onNode(port, (client) => client.info('commandstats'));
          total += Number(pattern.exec(info)?.[1] ?? 0);
        }
        return total;
      },
      async shardChannelSubscribers(channel) {
        let total = 0;
        for (const port of ports) {
          const reply = await onNode(port, (client) => client.call('PUBSUB', 'SHARDNUMSUB', channel));
          total += Number((reply as [string, number])[1]);
        }
        return total;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
