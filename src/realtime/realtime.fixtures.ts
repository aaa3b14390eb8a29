import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';
import type { EventRecord } from '../entities/event-record.entity';
import type { Logger } from '../runtime/logger';
import { testDatabaseUrl } from '../testing/test-environment';
import type { EventBus } from './event-bus';
import { appendEvents } from './event-log';
import { EventType, type NewEvent } from './event-types';

/** Helpers for the real-time specs: a data source, workspaces, events, a logger that records. */
export async function openTestDataSource(poolSize = 10): Promise<DataSource> {
  const dataSource = createDataSource(testDatabaseUrl(), {
    poolSize,
    applicationName: 'omnitray-realtime-test',
  });
  await dataSource.initialize();
  return dataSource;
}

export async function createTestWorkspace(dataSource: DataSource): Promise<string> {
  const rows = (await dataSource.query('INSERT INTO workspace (name) VALUES ($1) RETURNING id', [
    `realtime ${randomUUID()}`,
  ])) as { id: string }[];
  return rows[0]!.id;
}

export function testEvent(payload: Record<string, unknown> = {}): NewEvent {
  return { type: EventType.MESSAGE_ADDED, conversationId: null, assigneeId: null, payload };
}

/** Writes `count` events in one transaction and returns them as committed. */
export function writeEvents(
  dataSource: DataSource,
  workspaceId: string,
  count: number,
  payload: (index: number) => Record<string, unknown> = (index) => ({ index }),
): Promise<EventRecord[]> {
  return dataSource.transaction((manager) =>
    appendEvents(
      manager,
      workspaceId,
      Array.from({ length: count }, (_, index) => testEvent(payload(index))),
    ),
  );
}

export interface RecordingLogger extends Logger {
  entries: { level: string; message: string; fields?: Record<string, unknown> }[];
}

export function recordingLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void entries.push({ level, message, fields });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const seqs = (records: EventRecord[]) => records.map((record) => Number(record.seq));

export const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);

/** Reads until the record with seq `last` (inclusive); the iterator must get there. */
export async function readUntil(iterator: AsyncIterator<EventRecord>, last: number): Promise<EventRecord[]> {
  const records: EventRecord[] = [];
  for (;;) {
    const result = await iterator.next();
    if (result.done) return records;
    records.push(result.value);
    if (Number(result.value.seq) >= last) return records;
  }
}

/** Polls `check` with short pauses, at most `attempts` times; the assertion is on the outcome. */
export async function eventually(check: () => boolean | Promise<boolean>, attempts = 500): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await check()) return true;
    await sleep(10);
  }
  return false;
}

/** Streams opened and ended every way a client can end them: before setup, mid-wait, mid-read, by error. */
export async function runCycles(
  bus: EventBus,
  workspaces: string[],
  cycles: number,
  midway: () => void | Promise<void>,
  batch = 100,
): Promise<void> {
  for (let start = 0; start < cycles; start += batch) {
    await Promise.all(
      range(start, Math.min(cycles, start + batch) - 1).map(async (cycle) => {
        const workspaceId = workspaces[cycle % workspaces.length]!;
        switch (cycle % 5) {
          case 0: {
            // Closed before it finished subscribing.
            const stream = bus.stream({ workspaceId });
            await stream.return();
            await stream.ready.catch(() => undefined);
            break;
          }
          case 1: {
            const controller = new AbortController();
            const stream = await bus.openStream({ workspaceId, signal: controller.signal });
            const waiting = stream.next();
            controller.abort();
            await waiting;
            break;
          }
          case 2: {
            const stream = bus.stream({ workspaceId, afterSeq: 1n });
            for await (const record of stream) {
              if (record) break;
            }
            break;
          }
          case 3: {
            // A consumer that throws inside for-await.
            const stream = bus.stream({ workspaceId, afterSeq: 0n });
            await (async () => {
              for await (const _record of stream) throw new Error('consumer failed');
            })().catch(() => undefined);
            break;
          }
          default: {
            const stream = await bus.openStream({ workspaceId });
            stream.close();
            await stream.next();
          }
        }
      }),
    );
    if (start === Math.floor(cycles / 2 / batch) * batch) await midway();
  }
}
