import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { testRedisUrl } from '../testing/test-environment';
import { EventBus } from './event-bus';
import { createRealtime } from './index';
import { MemoryEngine } from './memory.engine';
import type { EngineState, RealtimeEngine } from './realtime-engine';
import { RedisEngine } from './redis.engine';
import {
  createTestWorkspace,
  eventually,
  openTestDataSource,
  range,
  readUntil,
  recordingLogger,
  runCycles,
  seqs,
  writeEvents,
} from '../testing/fixtures/realtime.fixture';

const redisUrl = testRedisUrl();
if (!redisUrl) {
  console.warn('Redis engine specs skipped: REDIS_URL is unset or Redis does not answer.');
}
const describeRedis = redisUrl ? describe : describe.skip;

function nextState(engine: RealtimeEngine, wanted: EngineState): Promise<void> {
  return new Promise((resolve) => {
    const off = engine.onStateChange((state) => {
      if (state !== wanted) return;
      off();
      resolve();
    });
  });
}

describeRedis('Redis engine', () => {
  let dataSource: DataSource;
  let admin: Redis;
  const engines: RedisEngine[] = [];

  /** One engine = one process's worth of connections. */
  async function newEngine(retryDelayMs = 50): Promise<RedisEngine> {
    const engine = new RedisEngine({
      url: redisUrl!,
      logger: recordingLogger(),
      redisOptions: { retryStrategy: () => retryDelayMs },
    });
    engines.push(engine);
    expect(await eventually(() => engine.state === 'up')).toBe(true);
    return engine;
  }

  const numsub = async (topic: string): Promise<number> => {
    const reply = (await admin.pubsub('NUMSUB', topic)) as [string, number | string];
    return Number(reply[1]);
  };

  async function clientId(name: string, type: 'pubsub' | 'normal'): Promise<string> {
    const list = (await admin.call('CLIENT', 'LIST', 'TYPE', type)) as string;
    const line = list.split('\n').find((entry) => entry.includes(` name=${name} `));
    if (!line) throw new Error(`no ${type} connection named ${name}`);
    return /^id=(\d+)/.exec(line)![1]!;
  }

  beforeAll(async () => {
    dataSource = await openTestDataSource(15);
    admin = new Redis(redisUrl!);
  });

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    admin.disconnect();
    await dataSource.destroy();
  });

  it('carries a publish from one instance to a subscriber of another, as JSON', async () => {
    const [a, b] = [await newEngine(), await newEngine()];
    const topic = `omnitray:test:${Date.now()}:${Math.random()}`;
    const received: unknown[] = [];
    const unsubscribe = await b.subscribe(topic, (message) => received.push(message));
    await a.publish(topic, { seq: '1', at: new Date(0), nested: { ok: true } });
    expect(await eventually(() => received.length === 1)).toBe(true);
    expect(received[0]).toEqual({ seq: '1', at: '1970-01-01T00:00:00.000Z', nested: { ok: true } });
    unsubscribe();

    // The same through the buses: records come back whole, dates as Date.
    const busA = new EventBus({ engine: a, source: dataSource, logger: recordingLogger() });
    const busB = new EventBus({ engine: b, source: dataSource, logger: recordingLogger() });
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await busB.openStream({ workspaceId });
    const written = await writeEvents(dataSource, workspaceId, 3);
    await busA.publishCommitted(written);
    const delivered = await readUntil(stream, 3);
    expect(delivered).toEqual(written);
    expect(delivered[2]!.createdAt).toBeInstanceOf(Date);
    expect(stream.stats()).toMatchObject({ live: 3, fromLog: 0 });
    await stream.return();
  });

  it('subscribes once per topic per process, whatever the number of local listeners', async () => {
    const engine = await newEngine();
    const bus = new EventBus({ engine, source: dataSource, logger: recordingLogger() });
    const workspaceId = await createTestWorkspace(dataSource);
    const topic = bus.topicFor(workspaceId);
    const before = engine.stats();

    const unsubscribes = await Promise.all(range(1, 50).map(() => engine.subscribe(topic, () => undefined)));
    const streams = await Promise.all(range(1, 20).map(() => bus.openStream({ workspaceId })));
    await engine.settled();
    expect(await numsub(topic)).toBe(1);
    // 50 direct listeners, and one of the bus for all its 20 streams (it parses each message once).
    expect(engine.stats()).toMatchObject({ topics: 1, listeners: 51 });
    expect(engine.stats().subscribeCommands - before.subscribeCommands).toBe(1);

    // One PUBLISH reaches all 20 streams.
    const written = await writeEvents(dataSource, workspaceId, 1);
    await bus.publishCommitted(written);
    for (const stream of streams) expect(seqs(await readUntil(stream, 1))).toEqual([1]);

    for (const unsubscribe of unsubscribes) unsubscribe();
    unsubscribes[0]!(); // twice is harmless
    await engine.settled();
    expect(await numsub(topic)).toBe(1);
    for (const stream of streams) await stream.return();
    await engine.settled();
    expect(await numsub(topic)).toBe(0);
    expect(engine.stats()).toMatchObject({ topics: 0, listeners: 0 });
    expect(engine.stats().unsubscribeCommands - before.unsubscribeCommands).toBe(1);
  });

  it('fills from the log what was published while the subscriber connection was killed', async () => {
    // A long enough reconnect delay that the publishes below surely fall in the outage.
    const engine = await newEngine(300);
    const bus = new EventBus({ engine, source: dataSource, logger: recordingLogger() });
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await bus.openStream({ workspaceId });
    await bus.publishCommitted(await writeEvents(dataSource, workspaceId, 5));
    expect(seqs(await readUntil(stream, 5))).toEqual(range(1, 5));

    const down = nextState(engine, 'down');
    const up = nextState(engine, 'up');
    const id = await clientId(engine.subscriberName, 'pubsub');
    expect(await admin.client('KILL', 'TYPE', 'pubsub', 'ID', id)).toBe(1);
    await down;
    await bus.publishCommitted(await writeEvents(dataSource, workspaceId, 20)); // 6..25, lost on the wire
    await up;
    await bus.publishCommitted(await writeEvents(dataSource, workspaceId, 5)); // 26..30, live again

    expect(seqs(await readUntil(stream, 30))).toEqual(range(6, 30));
    expect(stream.stats().fromLog).toBeGreaterThanOrEqual(20);
    expect(await numsub(bus.topicFor(workspaceId))).toBe(1);
    await stream.return();
  });

  it('swallows publish failures while the publisher is cut off and republishes when it is back', async () => {
    const publisher = await newEngine(300);
    const subscriber = await newEngine();
    const logger = recordingLogger();
    const busA = new EventBus({ engine: publisher, source: dataSource, logger });
    const busB = new EventBus({ engine: subscriber, source: dataSource, logger: recordingLogger() });
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await busB.openStream({ workspaceId });

    const id = await clientId(publisher.publisherName, 'normal');
    await admin.client('KILL', 'ID', id);
    expect(await eventually(() => publisher.connectionStatus().publisher !== 'ready')).toBe(true);
    const written = await writeEvents(dataSource, workspaceId, 5);
    await expect(busA.publishCommitted(written)).resolves.toBeUndefined();
    expect(publisher.stats().publishFailures).toBeGreaterThanOrEqual(5);

    // Only the latest message is resent; the reader fills 1..4 from the log.
    expect(seqs(await readUntil(stream, 5))).toEqual(range(1, 5));
    expect(stream.stats().fromLog).toBeGreaterThanOrEqual(4);
    await stream.return();
  });

  it('never throws into the caller while Redis is unreachable', async () => {
    const logger = recordingLogger();
    const engine = new RedisEngine({
      url: 'redis://127.0.0.1:1',
      logger,
      redisOptions: { retryStrategy: () => 1000, connectTimeout: 200 },
    });
    try {
      await expect(engine.publish('omnitray:test:nowhere', { seq: '1' })).resolves.toBeUndefined();
      expect(engine.stats().publishFailures).toBe(1);
      expect(engine.state).toBe('down');
      // Subscribing does not wait for a link that is not there.
      const unsubscribe = await engine.subscribe('omnitray:test:nowhere', () => undefined);
      expect(engine.stats()).toMatchObject({ topics: 1, listeners: 1, subscribeCommands: 0 });
      unsubscribe();
      expect(engine.stats()).toMatchObject({ topics: 0, listeners: 0 });
      expect(logger.entries.some((entry) => entry.level === 'warn')).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('createRealtime picks Redis when configured and memory otherwise', async () => {
    const logger = recordingLogger();
    const withRedis = createRealtime({ redisUrl }, dataSource, logger);
    const withoutRedis = createRealtime({ redisUrl: undefined }, dataSource, logger);
    expect(withRedis.engine).toBeInstanceOf(RedisEngine);
    expect(withoutRedis.engine).toBeInstanceOf(MemoryEngine);
    expect(await eventually(() => withRedis.engine.state === 'up')).toBe(true);
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await withRedis.bus.openStream({ workspaceId });
    await withRedis.bus.publishCommitted(await writeEvents(dataSource, workspaceId, 1));
    expect(seqs(await readUntil(stream, 1))).toEqual([1]);
    const pending = stream.next();
    await Promise.all([withRedis.close(), withoutRedis.close()]);
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
  });

  it('leaves NUMSUB and its own maps at baseline after 10,000 stream cycles', async () => {
    const engine = await newEngine();
    const bus = new EventBus({ engine, source: dataSource, logger: recordingLogger() });
    const workspaces = await Promise.all(range(1, 5).map(() => createTestWorkspace(dataSource)));
    for (const workspaceId of workspaces) await writeEvents(dataSource, workspaceId, 3);
    const topics = workspaces.map((workspaceId) => bus.topicFor(workspaceId));
    const baseline = await Promise.all(topics.map(numsub));
    expect(baseline).toEqual([0, 0, 0, 0, 0]);
    const gc = (global as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;

    // Midway, a few streams held open: still one subscription per topic.
    await runCycles(bus, workspaces, 10_000, async () => {
      const held = await Promise.all(workspaces.map((workspaceId) => bus.openStream({ workspaceId })));
      await engine.settled();
      expect(await Promise.all(topics.map(numsub))).toEqual([1, 1, 1, 1, 1]);
      for (const stream of held) stream.close();
    });

    await engine.settled();
    expect(await Promise.all(topics.map(numsub))).toEqual(baseline);
    expect(bus.activeStreams()).toBe(0);
    expect(engine.stats()).toMatchObject({ topics: 0, listeners: 0, stateListeners: 0 });
    if (gc) {
      gc();
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
    }
  }, 180_000);
});
