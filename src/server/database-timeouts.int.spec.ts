import { print } from 'graphql';
import { Client } from 'pg';
import { ConversationTakeDocument, WorkflowConversationDocument } from '../testing/generated/graphql';
import { useTestApp, useWorkspace, type TestAppHandle } from '../testing/test-lifecycle';
import { createConversation, createTestApiKey } from '../testing/factories';
import { ApiKeyScope } from '../entities/enums';
import { eventually, holdRowLock } from '../testing/row-lock';
import { testDatabaseUrl } from '../testing/test-environment';
import { toGlobalId } from '../entities/global-id';
import { JobName } from '../runtime/job-queue';
import { databaseTimeoutOf, DatabaseTimeoutKind } from '../database/database-timeouts';
import { apiErrorOf } from '../schema/errors';

const NOW = new Date('2026-03-10T12:00:00Z');

async function timeouts(t: TestAppHandle, pool: 'api' | 'jobs', kind: DatabaseTimeoutKind): Promise<number> {
  const { values } = await t.app.deps.metrics.databaseTimeouts.get();
  return values.find((value) => value.labels.pool === pool && value.labels.kind === kind)?.value ?? 0;
}

async function scrape(t: TestAppHandle): Promise<string> {
  const response = await t.http().get('/metrics');
  expect(response.status).toBe(200);
  return response.text;
}

/** Takes a queued conversation while another session holds its row: the take waits for the lock. */
async function takeWhileLocked(t: TestAppHandle, w: ReturnType<typeof useWorkspace>) {
  const conversation = await createConversation(t.factories, w.channel, { assigneeId: null });
  const conversationId = toGlobalId('Conversation', conversation.id);
  const lock = await holdRowLock('conversation', conversation.id);
  try {
    const result = await t
      .http()
      .post('/graphql')
      .set('authorization', `Bearer ${w.agentA.token}`)
      .send({ query: print(ConversationTakeDocument), variables: { input: { conversationId } } });
    return { result, conversationId };
  } finally {
    await lock.release();
  }
}

describe('lock_timeout: a request that waits too long for a row', () => {
  const t = useTestApp({
    now: NOW,
    env: { DB_LOCK_TIMEOUT_MS: '300', DB_STATEMENT_TIMEOUT_MS: '20000' },
  });
  const w = useWorkspace(t);

  it('answers 503 TIMEOUT (LOCK) with Retry-After, is counted, and changes nothing', async () => {
    const before = await timeouts(t, 'api', DatabaseTimeoutKind.LOCK);
    const { result, conversationId } = await takeWhileLocked(t, w);

    expect(result.status).toBe(503);
    expect(result.headers['retry-after']).toBe('2');
    expect(result.body.data).toBeNull();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors[0].extensions).toEqual({
      code: 'TIMEOUT',
      reason: 'LOCK',
      retryAfterSeconds: 2,
    });
    expect(result.body.errors[0].message).toMatch(/held the rows/);
    expect(await timeouts(t, 'api', DatabaseTimeoutKind.LOCK)).toBe(before + 1);
    expect(await scrape(t)).toMatch(/^omnitray_database_timeouts_total\{kind="lock",pool="api"\} [1-9]\d*$/m);

    // Rolled back: still in the queue, and the same take succeeds once the row is free.
    const read = await t.gql(WorkflowConversationDocument, { id: conversationId }, w.admin.token);
    expect(read.data!.conversation!.assignee).toBeNull();
    const again = await t.gql(ConversationTakeDocument, { input: { conversationId } }, w.agentA.token);
    expect(again.status).toBe(200);
    expect(again.data!.conversationTake.userErrors).toEqual([]);
    expect(again.data!.conversationTake.conversation!.assignee!.id).toBe(
      toGlobalId('Agent', w.agentA.agent.id),
    );
  });

  it('answers 503 TIMEOUT as well when the wait happens while signing the caller in', async () => {
    // A key's first use records `lastUsedAt`: an UPDATE of its row, before the operation runs.
    const { apiKey, key } = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.READ]);
    const lock = await holdRowLock('api_key', apiKey.id);
    try {
      const result = await t
        .http()
        .post('/graphql')
        .set('authorization', `Bearer ${key}`)
        .send({ query: '{ settings { locale } }' });
      expect(result.status).toBe(503);
      expect(result.headers['retry-after']).toBe('2');
      expect(result.body.errors[0].extensions).toEqual({
        code: 'TIMEOUT',
        reason: 'LOCK',
        retryAfterSeconds: 2,
      });
    } finally {
      await lock.release();
    }
    const again = await t.gql('{ settings { locale } }', {}, key);
    expect(again.status).toBe(200);
    expect(again.errors).toBeUndefined();
  });
});

describe('statement_timeout and idle_in_transaction_session_timeout', () => {
  const t = useTestApp({
    now: NOW,
    env: {
      DB_STATEMENT_TIMEOUT_MS: '2000',
      DB_JOB_STATEMENT_TIMEOUT_MS: '3000',
      // Off, so the waits below end by the statement timeout.
      DB_LOCK_TIMEOUT_MS: '0',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '500',
      DB_PARALLEL_WORKERS: '1',
    },
  });
  const w = useWorkspace(t);

  it('sets the limits on every session: requests and jobs each on their own pool', async () => {
    const show = async (dataSource: typeof t.app.deps.dataSource) => {
      const [row] = (await dataSource.query(
        `SELECT current_setting('statement_timeout') AS statement,
                current_setting('lock_timeout') AS lock,
                current_setting('idle_in_transaction_session_timeout') AS idle,
                current_setting('application_name') AS name,
                (SELECT setting || ' ' || source FROM pg_settings
                  WHERE name = 'max_parallel_workers_per_gather') AS parallel`,
      )) as Record<string, string>[];
      return row;
    };
    expect(await show(t.app.deps.dataSource)).toEqual({
      statement: '2s',
      lock: '0',
      idle: '500ms',
      name: 'omnitray',
      parallel: '1 client',
    });
    // Jobs keep the server's own parallelism: whatever it is, not set by the client.
    expect(await show(t.app.jobDeps.dataSource)).toEqual({
      statement: '3s',
      lock: '0',
      idle: '500ms',
      name: 'omnitray-worker',
      parallel: expect.not.stringMatching(/ client$/),
    });
  });

  it('cancels a statement over the limit: 503 TIMEOUT (STATEMENT), counted', async () => {
    const before = await timeouts(t, 'api', DatabaseTimeoutKind.STATEMENT);
    const { result } = await takeWhileLocked(t, w);
    expect(result.status).toBe(503);
    expect(result.headers['retry-after']).toBe('2');
    expect(result.body.errors[0].extensions).toEqual({
      code: 'TIMEOUT',
      reason: 'STATEMENT',
      retryAfterSeconds: 2,
    });
    expect(await timeouts(t, 'api', DatabaseTimeoutKind.STATEMENT)).toBe(before + 1);
    expect(await scrape(t)).toMatch(
      /^omnitray_database_timeouts_total\{kind="statement",pool="api"\} [1-9]\d*$/m,
    );
  });

  it('ends a transaction left idle: the server closes the session, the next statement says why', async () => {
    const before = await timeouts(t, 'api', DatabaseTimeoutKind.IDLE_IN_TRANSACTION);
    const observer = new Client({ connectionString: testDatabaseUrl() });
    await observer.connect();
    const runner = t.app.deps.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      const stateOf = async () =>
        (
          (await observer.query('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid])).rows[0] as
            { state: string } | undefined
        )?.state ?? null;
      expect(await stateOf()).toBe('idle in transaction');
      // The client does nothing; PostgreSQL ends the session on its own.
      await eventually(
        async () => (await stateOf()) === null,
        'the idle session is gone from pg_stat_activity',
      );
      await eventually(
        async () => (await timeouts(t, 'api', DatabaseTimeoutKind.IDLE_IN_TRANSACTION)) === before + 1,
        'the ended session is counted',
      );

      const failure = await runner.query('SELECT 1').then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: '25P03' });
      expect(databaseTimeoutOf(failure)).toBe(DatabaseTimeoutKind.IDLE_IN_TRANSACTION);
      expect(apiErrorOf(failure)?.extensions).toMatchObject({
        code: 'TIMEOUT',
        reason: 'IDLE_IN_TRANSACTION',
      });
    } finally {
      await runner.release();
      await observer.end();
    }
    // The pool replaced the ended connection: requests go on.
    const settings = await t.gql('{ settings { locale } }', {}, w.admin.token);
    expect(settings.status).toBe(200);
    expect(settings.errors).toBeUndefined();
  });

  it('fails a job whose statement runs past the job limit, and leaves it to pg-boss to retry', async () => {
    const before = await timeouts(t, 'jobs', DatabaseTimeoutKind.STATEMENT);
    const apiBefore = await timeouts(t, 'api', DatabaseTimeoutKind.STATEMENT);
    const conversation = await createConversation(t.factories, w.channel, { assigneeId: w.agentA.agent.id });
    const jobId = await t.app.deps.jobs.send(JobName.AUTO_CLOSE, {
      workspaceId: w.workspace.id,
      conversationId: conversation.id,
    });
    const lock = await holdRowLock('conversation', conversation.id);
    try {
      expect(await t.app.jobDeps.jobs.drain(JobName.AUTO_CLOSE)).toBe(1);
    } finally {
      await lock.release();
    }
    const [job] = (await t.app.deps.dataSource.query(
      `SELECT state, retry_count, retry_limit, output FROM ${t.config.jobSchema}.job WHERE id = $1`,
      [jobId],
    )) as { state: string; retry_count: number; retry_limit: number; output: { message?: string } }[];
    // Failed with retries left: pg-boss hands it out again after its delay.
    expect(job!.state).toBe('retry');
    expect(job!.retry_count).toBeLessThan(job!.retry_limit);
    expect(job!.output.message).toMatch(/statement timeout/);
    expect(await timeouts(t, 'jobs', DatabaseTimeoutKind.STATEMENT)).toBe(before + 1);
    expect(await timeouts(t, 'api', DatabaseTimeoutKind.STATEMENT)).toBe(apiBefore);
  });
});

describe('the API pool: a request that waits too long for a free connection', () => {
  const t = useTestApp({ now: NOW, env: { DB_POOL_SIZE: '2', DB_POOL_WAIT_MS: '2000' } });
  const w = useWorkspace(t);

  it('answers 503 TIMEOUT (POOL) with Retry-After instead of queueing, is counted, and passes once a connection is free', async () => {
    const before = await timeouts(t, 'api', DatabaseTimeoutKind.POOL);
    // Every connection of the pool taken, as by requests that hold them.
    const held = [t.app.deps.dataSource.createQueryRunner(), t.app.deps.dataSource.createQueryRunner()];
    for (const runner of held) await runner.connect();
    try {
      const pending = t
        .http()
        .post('/graphql')
        .set('authorization', `Bearer ${w.admin.token}`)
        .send({ query: '{ settings { locale } }' })
        .then((response) => response);
      // /metrics shows the pool full and the request waiting for it.
      await eventually(
        async () =>
          /^omnitray_database_pool_connections\{pool="api",state="waiting"\} 1$/m.test(await scrape(t)),
        'the request waits for a connection',
      );
      expect(await scrape(t)).toMatch(/^omnitray_database_pool_connections\{pool="api",state="busy"\} 2$/m);
      expect(await scrape(t)).toMatch(
        /^omnitray_database_pool_connections\{pool="jobs",state="idle"\} \d+$/m,
      );
      const result = await pending;
      expect(result.status).toBe(503);
      expect(result.headers['retry-after']).toBe('2');
      expect(result.body.errors).toHaveLength(1);
      expect(result.body.errors[0].extensions).toEqual({
        code: 'TIMEOUT',
        reason: 'POOL',
        retryAfterSeconds: 2,
      });
      expect(result.body.errors[0].message).toMatch(/no database connection came free/);
    } finally {
      for (const runner of held) await runner.release();
    }
    expect(await timeouts(t, 'api', DatabaseTimeoutKind.POOL)).toBe(before + 1);
    expect(await scrape(t)).toMatch(/^omnitray_database_timeouts_total\{kind="pool",pool="api"\} [1-9]\d*$/m);
    const again = await t.gql('{ settings { locale } }', {}, w.admin.token);
    expect(again.status).toBe(200);
    expect(again.errors).toBeUndefined();
  });
});
