import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createLogger } from '../runtime/logger';
import { RedisClusterEngine } from './redis-cluster.engine';

const serverVersion = (() => {
  const result = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? (/v=(\d+)\./.exec(result.stdout)?.[1] ?? null) : null;
})();
const available = serverVersion !== null && Number(serverVersion) >= 7;
if (!available) {
  const reason = 'Redis Cluster specs need redis-server ≥ 7 (sharded pub/sub) and redis-cli on PATH';
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires them.`);
  console.warn(`${reason}: skipped.`);
}
const describeCluster = available ? describe : describe.skip;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
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

/** Counts of a command on every master, from INFO commandstats. */
async function commandCount(ports: number[], command: string): Promise<number> {
  let total = 0;
  for (const port of ports) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
    await client.connect();
    const info = await client.info('commandstats');
    await client.quit();
    total += Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  }
  return total;
}

/**
 * The Redis engine over a three-master cluster the spec starts (`redis-server --cluster-enabled
 * yes` on three free ports, joined with `redis-cli --cluster create`): two engines stand for two
 * API processes; topics on every shard reach the other process through SPUBLISH/SSUBSCRIBE, and
 * no plain PUBLISH is sent.
 */
describeCluster('Redis engine on Redis Cluster with sharded pub/sub', () => {
  const servers: ChildProcess[] = [];
  const engines: RedisClusterEngine[] = [];
  let ports: number[] = [];
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'omnitray-cluster-'));
    ports = [await freePort(), await freePort(), await freePort()];
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
        async () => {
          const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
          await client.connect();
          const pong = await client.ping();
          await client.quit();
          return pong === 'PONG';
        },
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
      async () => {
        const client = new Redis({ port: ports[0], host: '127.0.0.1', lazyConnect: true });
        await client.connect();
        const info = await client.cluster('INFO');
        await client.quit();
        return String(info).includes('cluster_state:ok');
      },
      20_000,
      'cluster_state:ok',
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.exitCode !== null) return resolve();
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
          }),
      ),
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every topic, whatever its shard, from one process to another with SPUBLISH only', async () => {
    const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
    const logger = createLogger('silent');
    const publisher = new RedisClusterEngine({ nodes, logger });
    const subscriber = new RedisClusterEngine({ nodes, logger });
    engines.push(publisher, subscriber);

    // Enough topics that every one of the three shards owns some (slots are hashed from the name).
    const topics = Array.from({ length: 30 }, (_, index) => `workspace:${index}:events`);
    const owner = new Redis({ port: ports[0], host: '127.0.0.1' });
    const ranges = await owner.cluster('SLOTS');
    const masters = new Set<number>();
    for (const topic of topics) {
      const slot = Number(await owner.cluster('KEYSLOT', topic));
      masters.add(ranges.find(([start, end]) => slot >= start && slot <= end)![2]![1]);
    }
    await owner.quit();
    expect(masters.size).toBe(3);

    const received = new Map<string, unknown[]>();
    const unsubscribers = await Promise.all(
      topics.map((topic) =>
        subscriber.subscribe(topic, (message) =>
          received.set(topic, [...(received.get(topic) ?? []), message]),
        ),
      ),
    );
    // A second local listener on a topic does not subscribe it again.
    const second: unknown[] = [];
    unsubscribers.push(await subscriber.subscribe(topics[0]!, (message) => second.push(message)));
    expect(subscriber.stats()).toMatchObject({ topics: 30, listeners: 31, subscribeCommands: 30 });

    const publishesBefore = await commandCount(ports, 'publish');
    const shardedBefore = await commandCount(ports, 'spublish');
    for (const [index, topic] of topics.entries()) await publisher.publish(topic, { seq: index, topic });
    await until(
      async () => topics.every((topic) => (received.get(topic)?.length ?? 0) === 1),
      10_000,
      'every message',
    );

    expect(topics.map((topic) => received.get(topic))).toEqual(
      topics.map((topic, index) => [{ seq: index, topic }]),
    );
    expect(second).toEqual([{ seq: 0, topic: topics[0] }]);
    expect((await commandCount(ports, 'spublish')) - shardedBefore).toBe(30);
    expect((await commandCount(ports, 'publish')) - publishesBefore).toBe(0);

    // The last listener leaving unsubscribes the topic: nothing more arrives for it.
    for (const unsubscribe of unsubscribers) unsubscribe();
    await subscriber.settled();
    expect(subscriber.stats()).toMatchObject({ topics: 0, listeners: 0, unsubscribeCommands: 30 });
    await publisher.publish(topics[1]!, { seq: 99 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.get(topics[1]!)).toHaveLength(1);
  }, 60_000);
});
