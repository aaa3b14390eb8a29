import type { DataSource } from 'typeorm';
import type { EventRecord } from '../entities/event-record.entity';
import { EventCursorError, EventCursorErrorCode } from './errors';
import { EventBus } from './event-bus';
import { SubscriberTooSlowError } from './errors';
import { appendEvents, currentEventSeq } from './event-log';
import { MemoryEngine } from './memory.engine';
import {
  createTestWorkspace,
  openTestDataSource,
  range,
  readUntil,
  recordingLogger,
  runCycles,
  seqs,
  sleep,
  testEvent,
  writeEvents,
} from '../testing/fixtures/realtime.fixture';

describe('event bus (memory engine)', () => {
  let dataSource: DataSource;
  let engine: MemoryEngine;
  let bus: EventBus;

  beforeAll(async () => {
    dataSource = await openTestDataSource(25);
  });

  beforeEach(() => {
    engine = new MemoryEngine(recordingLogger());
    bus = new EventBus({ engine, source: dataSource, logger: recordingLogger(), pageSize: 7 });
  });

  afterEach(async () => {
    bus.close();
    await engine.close();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const expectReleased = () => {
    expect(bus.activeStreams()).toBe(0);
    expect(engine.stats()).toMatchObject({ topics: 0, listeners: 0, stateListeners: 0 });
  };

  it('without a cursor starts live at the head, with Date fields revived', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    await writeEvents(dataSource, workspaceId, 5);
    const stream = await bus.openStream({ workspaceId });
    expect(stream.lastSeq).toBe(5n);

    const written = await writeEvents(dataSource, workspaceId, 3);
    await bus.publishCommitted(written);
    const received = await readUntil(stream, 8);
    expect(seqs(received)).toEqual([6, 7, 8]);
    expect(received[0]!.createdAt).toBeInstanceOf(Date);
    expect(received[0]!.createdAt.getTime()).toBe(written[0]!.createdAt.getTime());
    expect(received).toEqual(written);
    expect(stream.stats()).toMatchObject({ live: 3, fromLog: 0 });
    await stream.return();
    expectReleased();
  });

  it('hands each message to many local streams in chunks: one listener, one parse, in order, all live', async () => {
    const chunked = new EventBus({ engine, source: dataSource, logger: recordingLogger(), dispatchChunk: 8 });
    const workspaceId = await createTestWorkspace(dataSource);
    const streams = await Promise.all(range(1, 150).map(() => chunked.openStream({ workspaceId })));
    expect(engine.stats()).toMatchObject({ topics: 1, listeners: 1 });
    // Published one by one without waiting: later messages queue behind the chunks of earlier ones.
    const written = await writeEvents(dataSource, workspaceId, 20);
    for (const record of written) void chunked.publishCommitted([record]);
    const received = await Promise.all(streams.map((stream) => readUntil(stream, 20)));
    for (const records of received) expect(seqs(records)).toEqual(range(1, 20));
    // One revived record per message, shared read-only by every stream.
    expect(received[149]![0]).toBe(received[0]![0]);
    for (const stream of streams) expect(stream.stats()).toMatchObject({ live: 20, fromLog: 0, gaps: 0 });
    for (const stream of streams) await stream.return();
    expect(engine.stats()).toMatchObject({ topics: 0, listeners: 0 });
  });

  it('replays after a cursor in pages, then goes live; filtered records still advance the cursor', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    await writeEvents(dataSource, workspaceId, 30);
    const stream = bus.stream({
      workspaceId,
      afterSeq: '10',
      filter: (record) => Number(record.seq) % 2 === 1,
    });
    const replayed = await readUntil(stream, 29);
    expect(seqs(replayed)).toEqual(range(11, 29).filter((seq) => seq % 2 === 1));

    await bus.publishCommitted(await writeEvents(dataSource, workspaceId, 1)); // 31
    const live = await stream.next();
    expect(live.done).toBe(false);
    expect(Number((live.value as EventRecord).seq)).toBe(31);
    expect(stream.lastSeq).toBe(31n);
    expect(stream.stats()).toMatchObject({ fromLog: 10, live: 1 });
    expect(stream.stats().logReads).toBeGreaterThanOrEqual(3); // pages of 7
    await stream.return();
    expectReleased();
  });

  it('fills gaps from the log and drops duplicates', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await bus.openStream({ workspaceId });
    const first = await writeEvents(dataSource, workspaceId, 10);
    // Only the last one makes it over the wire: the stream notices the gap and reads 1..10.
    await bus.publishCommitted([first[9]!]);
    expect(seqs(await readUntil(stream, 10))).toEqual(range(1, 10));

    const second = await writeEvents(dataSource, workspaceId, 3); // 11, 12, 13
    await bus.publishCommitted([second[2]!, second[0]!, second[1]!]);
    await bus.publishCommitted(first); // late duplicates
    expect(seqs(await readUntil(stream, 13))).toEqual([11, 12, 13]);
    expect(stream.stats().duplicates).toBeGreaterThanOrEqual(10);
    expect(stream.stats().gaps).toBeGreaterThanOrEqual(1);
    await stream.return();
    expectReleased();
  });

  it('puts messages that arrive out of order back in order: every stream takes them live, none reads the log', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    const streams = await Promise.all(range(1, 50).map(() => bus.openStream({ workspaceId })));
    const written = await writeEvents(dataSource, workspaceId, 4);
    // Two publishers whose messages cross on the wire: 3 and 4 before 1 and 2.
    for (const index of [2, 3, 0, 1]) await bus.publishCommitted([written[index]!]);
    for (const stream of streams) {
      expect(seqs(await readUntil(stream, 4))).toEqual([1, 2, 3, 4]);
      expect(stream.stats()).toMatchObject({ live: 4, fromLog: 0, gaps: 0, logReads: 0 });
    }
    for (const stream of streams) await stream.return();
    expectReleased();
  });

  it('passes on what waited for a message that never comes, and each stream reads the gap from the log', async () => {
    const quick = new EventBus({ engine, source: dataSource, logger: recordingLogger(), reorderMs: 30 });
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await quick.openStream({ workspaceId });
    const written = await writeEvents(dataSource, workspaceId, 3);
    await quick.publishCommitted([written[0]!]);
    await quick.publishCommitted([written[2]!]); // 2 is lost
    expect(seqs(await readUntil(stream, 3))).toEqual([1, 2, 3]);
    expect(stream.stats().live).toBe(1);
    expect(stream.stats().fromLog).toBeGreaterThanOrEqual(1);
    await stream.return();
    quick.close();
    expectReleased();
  });

  it('inlines small records only; large ones are read from the log', async () => {
    const small = new EventBus({
      engine,
      source: dataSource,
      logger: recordingLogger(),
      maxInlineBytes: 100,
    });
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await small.openStream({ workspaceId });
    const written = await writeEvents(dataSource, workspaceId, 2, (index) => ({
      text: 'x'.repeat(index * 500),
    }));
    await small.publishCommitted(written);
    expect(await readUntil(stream, 2)).toEqual(written);
    expect(stream.stats()).toMatchObject({ live: 1, fromLog: 1 });
    await stream.return();
  });

  it('catches up from the log after the engine was down', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await bus.openStream({ workspaceId });
    engine.setState('down');
    await bus.publishCommitted(await writeEvents(dataSource, workspaceId, 5)); // lost on the wire
    engine.setState('up');
    expect(seqs(await readUntil(stream, 5))).toEqual(range(1, 5));
    expect(stream.stats()).toMatchObject({ live: 0, fromLog: 5 });
    await stream.return();
    expectReleased();
  });

  it('after a reconnect reads the log only for the streams that missed something', async () => {
    const [quiet, busy] = await Promise.all([
      createTestWorkspace(dataSource),
      createTestWorkspace(dataSource),
    ]);
    const quietStream = await bus.openStream({ workspaceId: quiet });
    const busyStreams = await Promise.all(range(1, 3).map(() => bus.openStream({ workspaceId: busy })));
    const quietNext = quietStream.next();
    expect(engine.stats().stateListeners).toBe(1); // the bus's, not one per stream
    engine.setState('down');
    await bus.publishCommitted(await writeEvents(dataSource, busy, 4));
    engine.setState('up');
    for (const stream of busyStreams) expect(seqs(await readUntil(stream, 4))).toEqual(range(1, 4));
    expect(quietStream.stats().logReads).toBe(0);
    await quietStream.return();
    await expect(quietNext).resolves.toEqual({ value: undefined, done: true });
    for (const stream of busyStreams) await stream.return();
    expectReleased();
  });

  it('closes a subscriber that stops reading with SubscriberTooSlowError and frees it', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    const stream = await bus.openStream({ workspaceId, maxBuffer: 10 });
    const written = await writeEvents(dataSource, workspaceId, 25);
    for (const record of written) await bus.publishCommitted([record]);
    // Freed as soon as the limit is passed, not when the reader comes back.
    expectReleased();
    expect(stream.buffered).toBe(0);
    await expect(stream.next()).rejects.toBeInstanceOf(SubscriberTooSlowError);
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('rejects an expired or foreign-future cursor at open', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    await writeEvents(dataSource, workspaceId, 6);
    await dataSource.query(`DELETE FROM event_log WHERE workspace_id = $1 AND seq <= 3`, [workspaceId]);
    const failure = await bus.openStream({ workspaceId, afterSeq: 1n }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventCursorError);
    expect((failure as EventCursorError).code).toBe(EventCursorErrorCode.EXPIRED);
    const ahead = await bus.openStream({ workspaceId, afterSeq: 7n }).catch((error: unknown) => error);
    expect((ahead as EventCursorError).code).toBe(EventCursorErrorCode.AHEAD);
    // Through `stream()` the same error comes from the first next().
    const lazy = bus.stream({ workspaceId, afterSeq: 2n });
    await expect(lazy.next()).rejects.toMatchObject({ code: EventCursorErrorCode.EXPIRED });
    const fine = await bus.openStream({ workspaceId, afterSeq: 3n });
    expect(seqs(await readUntil(fine, 6))).toEqual([4, 5, 6]);
    await fine.return();
    expectReleased();
  });

  it('ends on abort, on return() while a next() waits, and when the filter throws', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    const controller = new AbortController();
    const aborted = await bus.openStream({ workspaceId, signal: controller.signal });
    const waiting = aborted.next();
    controller.abort();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });

    const returned = await bus.openStream({ workspaceId });
    const pending = returned.next();
    await returned.return();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });

    const throwing = await bus.openStream({
      workspaceId,
      filter: () => {
        throw new Error('filter broke');
      },
    });
    await bus.publishCommitted(await writeEvents(dataSource, workspaceId, 1));
    await expect(throwing.next()).rejects.toThrow('filter broke');

    const preAborted = bus.stream({ workspaceId, signal: AbortSignal.abort() });
    await expect(preAborted.next()).resolves.toEqual({ value: undefined, done: true });
    expectReleased();
  });

  it('delivers every event once and in order to live and resuming streams under 20 concurrent writers', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    const writers = 20;
    const perWriter = 26;
    const total = writers * perWriter;
    expect(total).toBeGreaterThanOrEqual(500);

    const early = await Promise.all(range(1, 4).map(() => bus.openStream({ workspaceId, maxBuffer: total })));
    const consumers: Promise<{ start: number; records: EventRecord[] }>[] = early.map(async (stream) => ({
      start: 0,
      records: await readUntil(stream, total),
    }));
    let published = 0;
    const writer = async () => {
      for (let index = 0; index < perWriter; index += 1) {
        let committed: EventRecord[] = [];
        await dataSource.transaction(async (manager) => {
          await sleep(Math.random() * 2);
          committed = await appendEvents(manager, workspaceId, [testEvent()]);
          await sleep(Math.random() * 2);
        });
        // Publishing order differs from commit order, and some messages are lost.
        await sleep(Math.random() * 2);
        if (Math.random() < 0.9) await bus.publishCommitted(committed);
        published += 1;
        // Readers joining midway, resuming from a random earlier cursor.
        if (published % 100 === 0) {
          const head = Number(await currentEventSeq(dataSource, workspaceId));
          const start = Math.floor(Math.random() * head);
          const stream = bus.stream({ workspaceId, afterSeq: BigInt(start), maxBuffer: total });
          consumers.push(readUntil(stream, total).then((records) => ({ start, records })));
        }
      }
    };
    await Promise.all(range(1, writers).map(() => writer()));
    // The final event must reach everyone even if its message was among the lost.
    await bus.publishCommitted(await writeEvents(dataSource, workspaceId, 1));
    const results = await Promise.all(consumers);
    expect(results.length).toBeGreaterThanOrEqual(8);
    for (const { start, records } of results) {
      expect(seqs(records)).toEqual(range(start + 1, total));
    }
    bus.close();
    expectReleased();
  });

  it('leaves nothing behind after 10,000 subscribe/unsubscribe/abrupt-close cycles', async () => {
    const workspaces = await Promise.all(range(1, 5).map(() => createTestWorkspace(dataSource)));
    for (const workspaceId of workspaces) await writeEvents(dataSource, workspaceId, 3);
    const gc = (global as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    await runCycles(bus, workspaces, 10_000, () => {
      expect(engine.stats().topics).toBeLessThanOrEqual(workspaces.length);
    });
    expectReleased();
    if (gc) {
      gc();
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
    }
  }, 120_000);
});
