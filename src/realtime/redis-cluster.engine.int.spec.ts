import { Redis } from 'ioredis';
import { createLogger } from '../runtime/logger';
import { redisClusterUnavailable, startRedisCluster, type LocalRedisCluster } from '../testing/redis-cluster';
import { RedisClusterEngine } from './redis-cluster.engine';

const unavailable = redisClusterUnavailable();
if (unavailable) {
  const reason = `Redis Cluster specs skipped: ${unavailable}`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires them.`);
  console.warn(reason);
}
const describeCluster = unavailable ? describe.skip : describe;

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The Redis engine over a three-master cluster the spec starts (`startRedisCluster`: `redis-server
 * --cluster-enabled yes` on three free ports, joined with `redis-cli --cluster create`): two engines stand for two
 * API processes; topics on every shard reach the other process through SPUBLISH/SSUBSCRIBE, and
 * no plain PUBLISH is sent.
 */
describeCluster('Redis engine on Redis Cluster with sharded pub/sub', () => {
  const engines: RedisClusterEngine[] = [];
  let cluster: LocalRedisCluster | null = null;
  let ports: number[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    ports = cluster.ports;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await cluster?.stop();
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

    const publishesBefore = await cluster!.commandCalls('publish');
    const shardedBefore = await cluster!.commandCalls('spublish');
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
    expect((await cluster!.commandCalls('spublish')) - shardedBefore).toBe(30);
    expect((await cluster!.commandCalls('publish')) - publishesBefore).toBe(0);

    // The last listener leaving unsubscribes the topic: nothing more arrives for it.
    for (const unsubscribe of unsubscribers) unsubscribe();
    await subscriber.settled();
    expect(subscriber.stats()).toMatchObject({ topics: 0, listeners: 0, unsubscribeCommands: 30 });
    await publisher.publish(topics[1]!, { seq: 99 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.get(topics[1]!)).toHaveLength(1);
  }, 60_000);
});
