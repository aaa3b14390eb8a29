import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { InvalidJobDataError, type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { type Logger } from '../runtime/logger';
import { inTransaction } from '../services/unit-of-work';
import { eventually } from '../testing/fixtures/realtime.fixture';
import { type TestApp } from '../testing/test-app';
import { useTestApp } from '../testing/test-lifecycle';
import { testDatabaseUrl } from '../testing/test-environment';
import { PgBossJobQueue } from './pg-boss.queue';

interface LogEntry {
  level: keyof Logger;
  message: string;
  fields?: Record<string, unknown>;
}

function recordingLogger(entries: LogEntry[]): Logger {
  const at =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void => {
      entries.push({ level, message, fields });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

interface JobRow {
  state: string;
  retry_count: number;
  output: { message?: string } | null;
}

/** A queue of its own (own pg-boss schema) whose AUTO_CLOSE handler only records what it got. */
async function recordingQueue(work: boolean) {
  const logs: LogEntry[] = [];
  const handled: JobData<JobName.AUTO_CLOSE>[] = [];
  const schema = `pgboss_cat_${randomBytes(4).toString('hex')}`;
  const queue = new PgBossJobQueue(testDatabaseUrl(), recordingLogger(logs), schema);
  queue.register(JobName.AUTO_CLOSE, async (data) => {
    handled.push(data);
  });
  await queue.start({ work });
  const db = new Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  return {
    queue,
    logs,
    handled,
    /** A job row written straight into the table, as another version or a manual insert would. */
    async insertRaw(data: unknown): Promise<string> {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO ${schema}.job (name, data, retry_limit) VALUES ($1, $2, 5) RETURNING id`,
        [JobName.AUTO_CLOSE, JSON.stringify(data)],
      );
      return rows[0]!.id;
    },
    async row(id: string): Promise<JobRow> {
      const { rows } = await db.query<JobRow>(
        `SELECT state, retry_count, output FROM ${schema}.job WHERE id = $1`,
        [id],
      );
      return rows[0]!;
    },
    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${schema}.job WHERE name = $1`,
        [JobName.AUTO_CLOSE],
      );
      return rows[0]!.n;
    },
    async close(): Promise<void> {
      await queue.stop();
      await db.end();
    },
  };
}

type RecordingQueue = Awaited<ReturnType<typeof recordingQueue>>;

const workspaceId = randomUUID();
const BAD = { workspaceId, conversationId: 'TWVzc2FnZToxMjM=' };

describe('job queue: payloads are checked with the job catalog', () => {
  let q: RecordingQueue;

  beforeAll(async () => {
    q = await recordingQueue(false);
  });
  afterAll(() => q.close());

  it('refuses an invalid payload at enqueue, at the caller, and writes nothing', async () => {
    const before = await q.count();
    await expect(
      // @ts-expect-error the types refuse it too: conversationId is missing
      q.queue.send(JobName.AUTO_CLOSE, { workspaceId }),
    ).rejects.toThrow(
      new InvalidJobDataError(
        JobName.AUTO_CLOSE,
        'conversationId: Invalid input: expected string, received undefined',
      ),
    );
    await expect(q.queue.send(JobName.AUTO_CLOSE, BAD)).rejects.toThrow(/conversationId/);
    expect(await q.count()).toBe(before);
  });

  it('a stored job with a bad payload ends failed with the validation message, without the handler', async () => {
    const bad = await q.insertRaw(BAD);
    const goodData = { workspaceId, conversationId: randomUUID() };
    const good = await q.insertRaw(goodData);

    expect(await q.queue.drain(JobName.AUTO_CLOSE)).toBe(2);

    expect(q.handled).toEqual([goodData]);
    expect(await q.row(good)).toMatchObject({ state: 'completed' });
    const failed = await q.row(bad);
    // Failed for good although it was stored with 5 retries: the same data would fail again.
    expect(failed.state).toBe('failed');
    expect(failed.retry_count).toBe(0);
    expect(failed.output?.message).toBe(
      `Invalid data for job ${JobName.AUTO_CLOSE}: conversationId: Expected a database id (a uuid)`,
    );
    expect(q.logs).toContainEqual({
      level: 'error',
      message: 'job data invalid',
      fields: { job: JobName.AUTO_CLOSE, id: bad, error: failed.output?.message },
    });
  });

  it('runNow parses like a worker: a handler never sees data its schema refuses', async () => {
    const count = q.handled.length;
    // @ts-expect-error the types refuse it too: workspaceId is missing
    await expect(q.queue.runNow(JobName.AUTO_CLOSE, { conversationId: randomUUID() })).rejects.toThrow(
      /workspaceId/,
    );
    expect(q.handled).toHaveLength(count);
  });
});

describe('job queue workers: a bad payload fails its job, the others run', () => {
  let q: RecordingQueue;

  beforeAll(async () => {
    q = await recordingQueue(true);
  });
  afterAll(() => q.close());

  it('the polling worker fails the bad job for good and runs the good one', async () => {
    const bad = await q.insertRaw({ conversationId: randomUUID() });
    const goodData = { workspaceId, conversationId: randomUUID() };
    await q.insertRaw(goodData);

    // A bounded wait for the worker's poll, not an assertion on how long it took.
    expect(await eventually(async () => (await q.row(bad)).state === 'failed', 1000)).toBe(true);
    expect(await eventually(() => q.handled.length === 1, 1000)).toBe(true);
    expect(q.handled).toEqual([goodData]);
    const failed = await q.row(bad);
    expect(failed.retry_count).toBe(0);
    expect(failed.output?.message).toMatch(/^Invalid data for job auto-close: workspaceId: /);
  });
});

/** Data of the AUTO_CLOSE jobs stored for one conversation. */
async function jobsOf(t: TestApp, conversationId: string): Promise<unknown[]> {
  const rows = (await t.app.deps.dataSource.query(
    `SELECT data FROM ${t.config.jobSchema}.job WHERE name = $1 AND data->>'conversationId' = $2`,
    [JobName.AUTO_CLOSE, conversationId],
  )) as { data: unknown }[];
  return rows.map((row) => row.data);
}

async function autoCloseJobCount(t: TestApp): Promise<number> {
  const rows = (await t.app.deps.dataSource.query(
    `SELECT count(*)::int AS n FROM ${t.config.jobSchema}.job WHERE name = $1`,
    [JobName.AUTO_CLOSE],
  )) as { n: number }[];
  return rows[0]!.n;
}

describe('enqueue inside a transaction (UnitOfWork, sendMany)', () => {
  const t = useTestApp({ env: { REDIS_URL: '' } });

  it('throws on an invalid payload and the transaction writes nothing, not even its valid jobs', async () => {
    const valid = randomUUID();
    const before = await autoCloseJobCount(t);
    await expect(
      inTransaction(t.app.deps, workspaceId, async (uow) => {
        await uow.enqueue(JobName.AUTO_CLOSE, { conversationId: valid });
        await uow.enqueue(JobName.AUTO_CLOSE, { conversationId: 'not-an-id' });
      }),
    ).rejects.toThrow(/Invalid data for job auto-close: conversationId/);
    expect(await jobsOf(t, valid)).toEqual([]);
    expect(await autoCloseJobCount(t)).toBe(before);
  });

  it('sendMany refuses a batch with one bad item and writes none of it', async () => {
    const good = randomUUID();
    await expect(
      t.app.deps.dataSource.transaction((manager) =>
        t.app.deps.jobs.sendMany(
          JobName.AUTO_CLOSE,
          [
            { workspaceId, conversationId: good },
            { workspaceId, conversationId: 'not-an-id' },
          ],
          { manager },
        ),
      ),
    ).rejects.toBeInstanceOf(InvalidJobDataError);
    expect(await jobsOf(t, good)).toEqual([]);
  });

  it('adds the workspace id to what it is given', async () => {
    const conversationId = randomUUID();
    await inTransaction(t.app.deps, workspaceId, (uow) =>
      uow.enqueue(JobName.AUTO_CLOSE, { conversationId }),
    );
    expect(await jobsOf(t, conversationId)).toEqual([{ workspaceId, conversationId }]);
  });
});
