import type { DataSource } from 'typeorm';
import { EventCursorError, EventCursorErrorCode } from './errors';
import {
  appendEvents,
  assertCursorRetained,
  currentEventSeq,
  decodeEventCursor,
  decodeEventCursorFor,
  encodeEventCursor,
  eventRetentionCutoff,
  pruneEvents,
  readEventPage,
  readEvents,
} from './event-log';
import { EventType } from './event-types';
import {
  createTestWorkspace,
  openTestDataSource,
  range,
  seqs,
  sleep,
  testEvent,
  writeEvents,
} from '../testing/fixtures/realtime.fixture';

const codeOf = (error: unknown) => (error instanceof EventCursorError ? error.code : String(error));

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return codeOf(error);
  }
}

describe('event log', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource(25);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('appends with contiguous per-workspace cursors, returns full records, and reads them back in order', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    const other = await createTestWorkspace(dataSource);
    const first = await dataSource.transaction((manager) =>
      appendEvents(manager, workspaceId, [
        { type: EventType.TRAY_CHANGED, conversationId: null, assigneeId: null, payload: { a: 1 } },
        {
          type: EventType.MESSAGE_ADDED,
          conversationId: '00000000-0000-4000-8000-000000000001',
          assigneeId: '00000000-0000-4000-8000-000000000002',
          previousAssigneeId: '00000000-0000-4000-8000-000000000003',
          payload: { text: 'it\'s "quoted"', nested: { list: [1, 2] } },
        },
      ]),
    );
    await writeEvents(dataSource, other, 3);
    const second = await writeEvents(dataSource, workspaceId, 3);

    expect(seqs(first)).toEqual([1, 2]);
    expect(seqs(second)).toEqual([3, 4, 5]);
    expect(first[0]!.createdAt).toBeInstanceOf(Date);
    expect(first[1]).toMatchObject({
      workspaceId,
      type: EventType.MESSAGE_ADDED,
      conversationId: '00000000-0000-4000-8000-000000000001',
      assigneeId: '00000000-0000-4000-8000-000000000002',
      payload: {
        text: 'it\'s "quoted"',
        nested: { list: [1, 2] },
        previousAssigneeId: '00000000-0000-4000-8000-000000000003',
      },
    });
    expect(first[0]!.payload).toEqual({ a: 1 });
    expect(await currentEventSeq(dataSource, workspaceId)).toBe(5n);

    const all = await readEvents(dataSource, workspaceId, 0n, 100);
    expect(seqs(all)).toEqual([1, 2, 3, 4, 5]);
    expect(all[1]).toEqual(first[1]);
    expect(seqs(await readEvents(dataSource, workspaceId, '2', 2))).toEqual([3, 4]);
    expect(seqs(await readEvents(dataSource, workspaceId, 5n, 10))).toEqual([]);
    expect(seqs(await readEvents(dataSource, other, 0n, 10))).toEqual([1, 2, 3]);
  });

  it('refuses to append to a workspace that does not exist', async () => {
    await expect(
      dataSource.transaction((manager) =>
        appendEvents(manager, '00000000-0000-4000-8000-00000000dead', [testEvent()]),
      ),
    ).rejects.toThrow(/does not exist/);
  });

  it('encodes opaque cursors and rejects bad or foreign ones as BAD_USER_INPUT', () => {
    const workspaceId = '6f1d0b7e-1c2a-4b3c-8d4e-5f6a7b8c9d0e';
    const cursor = encodeEventCursor(workspaceId, 42n);
    expect(cursor).not.toContain('42');
    expect(decodeEventCursor(cursor)).toEqual({ workspaceId, seq: 42n });
    expect(decodeEventCursorFor(cursor, workspaceId)).toBe(42n);
    expect(decodeEventCursor(encodeEventCursor(null, '7'))).toEqual({ workspaceId: null, seq: 7n });
    expect(decodeEventCursorFor(encodeEventCursor(undefined, 7n), workspaceId)).toBe(7n);

    const bad = [
      '',
      'garbage',
      Buffer.from('ev1::-1').toString('base64url'),
      Buffer.from('ev1::99999999999999999999').toString('base64url'),
      Buffer.from('ev2::1').toString('base64url'),
      Buffer.from('ev1:not-a-uuid:1').toString('base64url'),
      'x'.repeat(500),
    ];
    for (const value of bad) {
      expect(() => decodeEventCursor(value)).toThrow(EventCursorError);
      try {
        decodeEventCursor(value);
      } catch (error) {
        expect(codeOf(error)).toBe(EventCursorErrorCode.INVALID);
      }
    }
    let foreign: unknown;
    try {
      decodeEventCursorFor(cursor, '00000000-0000-4000-8000-000000000000');
    } catch (error) {
      foreign = error;
    }
    expect(codeOf(foreign)).toBe(EventCursorErrorCode.INVALID);
  });

  it('prunes a prefix per workspace and reports older cursors as CURSOR_EXPIRED', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    await writeEvents(dataSource, workspaceId, 10);
    // created_at is the writer's transaction start, so it need not follow seq: make seq 4 the oldest.
    await dataSource.query(
      `UPDATE event_log SET created_at = now() - interval '10 days' WHERE workspace_id = $1 AND seq = 4`,
      [workspaceId],
    );
    await dataSource.query(
      `UPDATE event_log SET created_at = now() - interval '3 days' WHERE workspace_id = $1 AND seq IN (1, 2)`,
      [workspaceId],
    );
    const deleted = await pruneEvents(dataSource, eventRetentionCutoff(7));
    expect(deleted).toBeGreaterThanOrEqual(4);
    // Everything up to the newest expired seq goes, leaving no hole.
    expect(seqs(await readEvents(dataSource, workspaceId, 0n, 100))).toEqual(range(5, 10));

    expect(await errorCode(assertCursorRetained(dataSource, workspaceId, 0n))).toBe(
      EventCursorErrorCode.EXPIRED,
    );
    expect(await errorCode(assertCursorRetained(dataSource, workspaceId, 3n))).toBe(
      EventCursorErrorCode.EXPIRED,
    );
    expect(await errorCode(assertCursorRetained(dataSource, workspaceId, 4n))).toBe('resolved');
    expect(await errorCode(assertCursorRetained(dataSource, workspaceId, 9n))).toBe('resolved');
    expect(await errorCode(assertCursorRetained(dataSource, workspaceId, 10n))).toBe('resolved');
    expect(await errorCode(assertCursorRetained(dataSource, workspaceId, 11n))).toBe(
      EventCursorErrorCode.AHEAD,
    );

    const page = await readEventPage(dataSource, workspaceId, 4n, 3);
    expect({ seqs: seqs(page.records), hasNextPage: page.hasNextPage }).toEqual({
      seqs: [5, 6, 7],
      hasNextPage: true,
    });
    const last = await readEventPage(dataSource, workspaceId, '7', 3);
    expect({ seqs: seqs(last.records), hasNextPage: last.hasNextPage }).toEqual({
      seqs: [8, 9, 10],
      hasNextPage: false,
    });
    expect(seqs((await readEventPage(dataSource, workspaceId, null, 2)).records)).toEqual([5, 6]);
    expect(await errorCode(readEventPage(dataSource, workspaceId, 2n, 3))).toBe(EventCursorErrorCode.EXPIRED);

    let expired: unknown;
    try {
      await assertCursorRetained(dataSource, workspaceId, 1n);
    } catch (error) {
      expired = error;
    }
    expect((expired as Error).message).toMatch(/reload/);

    // With every event pruned, only a cursor at the head is still good.
    await dataSource.query(
      `UPDATE event_log SET created_at = now() - interval '10 days' WHERE workspace_id = $1`,
      [workspaceId],
    );
    await pruneEvents(dataSource, eventRetentionCutoff(7));
    expect(await errorCode(assertCursorRetained(dataSource, workspaceId, 9n))).toBe(
      EventCursorErrorCode.EXPIRED,
    );
    expect(await errorCode(assertCursorRetained(dataSource, workspaceId, 10n))).toBe('resolved');
  });

  it('keeps cursors in commit order under 20 concurrent writers: resuming readers see every event once, in order', async () => {
    const workspaceId = await createTestWorkspace(dataSource);
    const writers = 20;
    const transactionsPerWriter = 9;
    const eventsPerTransaction = 3;
    const total = writers * transactionsPerWriter * eventsPerTransaction;
    expect(total).toBeGreaterThanOrEqual(500);
    let writing = true;

    const writer = async (writerIndex: number) => {
      for (let t = 0; t < transactionsPerWriter; t += 1) {
        await dataSource.transaction(async (manager) => {
          await sleep(Math.random() * 3);
          await appendEvents(
            manager,
            workspaceId,
            range(0, eventsPerTransaction - 1).map((e) => testEvent({ key: `${writerIndex}/${t}/${e}` })),
          );
          // Holding the lock while "finishing the transaction": the next writer waits for our commit.
          await sleep(Math.random() * 3);
        });
      }
    };

    /** A partner polling `events(after)`: resumes from its last cursor, through the opaque form. */
    const poller = async () => {
      const seen: { seq: number; key: string }[] = [];
      let cursor = encodeEventCursor(workspaceId, 0n);
      for (let turn = 0; turn < 100_000; turn += 1) {
        const after = decodeEventCursorFor(cursor, workspaceId);
        if (!writing && after >= BigInt(total)) break;
        const page = await readEvents(dataSource, workspaceId, after, 1 + Math.floor(Math.random() * 25));
        for (const record of page) seen.push({ seq: Number(record.seq), key: String(record.payload.key) });
        if (page.length > 0) cursor = encodeEventCursor(workspaceId, page[page.length - 1]!.seq);
        else await sleep(1);
      }
      return seen;
    };

    const pollers = range(1, 4).map(() => poller());
    await Promise.all(range(0, writers - 1).map((index) => writer(index)));
    writing = false;
    const results = await Promise.all(pollers);

    expect(await currentEventSeq(dataSource, workspaceId)).toBe(BigInt(total));
    const expectedKeys = range(0, writers - 1).flatMap((w) =>
      range(0, transactionsPerWriter - 1).flatMap((t) =>
        range(0, eventsPerTransaction - 1).map((e) => `${w}/${t}/${e}`),
      ),
    );
    for (const seen of results) {
      expect(seen.map((entry) => entry.seq)).toEqual(range(1, total));
      expect(seen.map((entry) => entry.key).sort()).toEqual([...expectedKeys].sort());
      // A transaction's events are adjacent: the order follows commits, not interleaved draws.
      for (let index = 0; index < total; index += eventsPerTransaction) {
        const keys = seen.slice(index, index + eventsPerTransaction).map((entry) => entry.key);
        expect(keys.map((key) => key.split('/').slice(0, 2).join('/'))).toEqual(
          Array(eventsPerTransaction).fill(keys[0]!.split('/').slice(0, 2).join('/')),
        );
      }
    }

    // Resuming at random points afterwards yields exactly the rest of the same sequence.
    const canonical = results[0]!;
    for (let sample = 0; sample < 25; sample += 1) {
      const start = Math.floor(Math.random() * (total + 1));
      const rest: string[] = [];
      let after = BigInt(start);
      for (let turn = 0; turn <= total; turn += 1) {
        const page = await readEvents(dataSource, workspaceId, after, 1 + Math.floor(Math.random() * 60));
        if (page.length === 0) break;
        rest.push(...page.map((record) => String(record.payload.key)));
        after = BigInt(page[page.length - 1]!.seq);
      }
      expect(rest).toEqual(canonical.slice(start).map((entry) => entry.key));
    }
  });
});
