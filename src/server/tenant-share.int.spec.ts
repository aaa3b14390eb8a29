import { print, type DocumentNode } from 'graphql';
import {
  ConversationsBulkUpdateDocument,
  ConversationTakeWithTimelineDocument,
  MacroRunDocument,
  MessageSearchDocument,
  SettingsDocument,
} from '../testing/generated/graphql';
import { useTestApp, useWorkspace, type TestAppHandle } from '../testing/test-lifecycle';
import { createConversation, createTestWorkspace, type TestWorkspace } from '../testing/factories';
import { eventually, holdRowLock } from '../testing/row-lock';
import { toGlobalId } from '../entities/global-id';
import { CannedScope, Priority } from '../entities/enums';
import { Macro } from '../entities/macro.entity';

const NOW = new Date('2026-03-10T12:00:00Z');

function post(t: TestAppHandle, document: DocumentNode, variables: Record<string, unknown>, token: string) {
  return t
    .http()
    .post('/graphql')
    .set('authorization', `Bearer ${token}`)
    .send({ query: print(document), variables })
    .then((response) => response);
}

async function outcomes(t: TestAppHandle): Promise<Record<string, number>> {
  const { values } = await t.app.deps.metrics.expensiveOperations.get();
  return Object.fromEntries(values.map((value) => [value.labels.outcome!, value.value]));
}

async function waiting(t: TestAppHandle): Promise<number> {
  return (await t.app.deps.metrics.expensiveOperationsWaiting.get()).values[0]?.value ?? 0;
}

/**
 * One permit per workspace and one place in line. Workspace A fills both with real operations —
 * a large page held by a row lock, then a search waiting behind it — and its next search is
 * refused, while workspace B's search and A's cheap reads go through.
 */
describe("a workspace's share of expensive operations", () => {
  const t = useTestApp({
    now: NOW,
    env: {
      TENANT_EXPENSIVE_CONCURRENCY: '1',
      TENANT_EXPENSIVE_QUEUE: '1',
      TENANT_EXPENSIVE_QUEUE_TIMEOUT_MS: '60000',
      // A take that also reads a page of 100 timeline items costs about 200.
      TENANT_EXPENSIVE_COST: '150',
      DB_LOCK_TIMEOUT_MS: '20000',
      DB_STATEMENT_TIMEOUT_MS: '20000',
    },
  });
  const a = useWorkspace(t);
  let b: TestWorkspace;
  beforeEach(async () => {
    b = await createTestWorkspace(t.factories);
  });

  it('queues the excess of one workspace with a bound, refuses beyond it, and lets another pass', async () => {
    const held = await createConversation(t.factories, a.channel, { assigneeId: null });
    await createConversation(t.factories, a.channel);
    await createConversation(t.factories, b.channel);
    const search = { query: 'ayuda' };
    const lock = await holdRowLock('conversation', held.id);
    try {
      // A's permit: a large page whose take waits for the row.
      const take = post(
        t,
        ConversationTakeWithTimelineDocument,
        { input: { conversationId: toGlobalId('Conversation', held.id) } },
        a.agentA.token,
      );
      await eventually(async () => (await lock.waiting()) === 1, "A's take waits for the row");

      // A's place in line: a search.
      const queued = post(t, MessageSearchDocument, search, a.admin.token);
      await eventually(async () => (await waiting(t)) === 1, "A's search waits in line");

      // Beyond the line: refused at once, charged nothing.
      const refused = await post(t, MessageSearchDocument, search, a.agentB.token);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors[0].extensions).toEqual({
        code: 'RATE_LIMITED',
        reason: 'CONCURRENCY',
        retryAfterSeconds: 1,
      });
      expect(refused.body.errors[0].message).toMatch(/already runs 1 expensive operation .* and 1 more wait/);

      // Another workspace searches meanwhile; A's cheap reads do not queue either.
      const other = await post(t, MessageSearchDocument, search, b.admin.token);
      expect(other.status).toBe(200);
      expect(other.body.errors).toBeUndefined();
      expect(other.body.data.messageSearch.totalCount).toBe(1);
      const cheap = await post(t, SettingsDocument, {}, a.agentB.token);
      expect(cheap.status).toBe(200);
      expect(cheap.body.errors).toBeUndefined();

      expect(await lock.waiting()).toBe(1);
      expect(await waiting(t)).toBe(1);
      await lock.release();

      // The row is free: the take finishes, then the search behind it runs.
      const [taken, found] = await Promise.all([take, queued]);
      expect(taken.status).toBe(200);
      expect(taken.body.data.conversationTake.userErrors).toEqual([]);
      expect(taken.body.data.conversationTake.conversation.timeline.edges.length).toBeGreaterThan(0);
      expect(found.status).toBe(200);
      expect(found.body.errors).toBeUndefined();
      expect(found.body.data.messageSearch.totalCount).toBe(2);
    } finally {
      await lock.release();
    }

    // A: the take at once, its search after waiting, one refused; B: its search at once.
    expect(await outcomes(t)).toEqual({ admitted: 2, queued: 1, refused: 1 });
    expect(await waiting(t)).toBe(0);
    const metrics = (await t.http().get('/metrics')).text;
    expect(metrics).toMatch(/^omnitray_expensive_operations_total\{outcome="refused"\} 1$/m);
    expect(metrics).toMatch(/^omnitray_expensive_operations_waiting 0$/m);
  });

  it("counts bulk updates and macro runs: one workspace's excess is refused while another's passes", async () => {
    const held = await createConversation(t.factories, a.channel, { assigneeId: a.agentA.agent.id });
    const other = await createConversation(t.factories, a.channel, { assigneeId: a.agentA.agent.id });
    const theirs = await createConversation(t.factories, b.channel, { assigneeId: b.agentA.agent.id });
    const macro = await t.factories.dataSource.getRepository(Macro).save({
      workspaceId: a.workspace.id,
      scope: CannedScope.WORKSPACE,
      name: 'Urgent',
      actions: [{ type: 'SET_PRIORITY', priority: Priority.URGENT }],
    });
    const bulk = (conversationId: string, priority: Priority) => ({
      input: { conversationIds: [toGlobalId('Conversation', conversationId)], priority },
    });
    const before = await outcomes(t);
    const lock = await holdRowLock('conversation', held.id);
    try {
      // A's permit: a bulk update waiting for its row.
      const first = post(t, ConversationsBulkUpdateDocument, bulk(held.id, Priority.HIGH), a.agentA.token);
      await eventually(async () => (await lock.waiting()) === 1, "A's bulk update waits for the row");
      // A's place in line: a macro run.
      const queued = post(
        t,
        MacroRunDocument,
        {
          input: {
            macroId: toGlobalId('Macro', macro.id),
            conversationIds: [toGlobalId('Conversation', other.id)],
          },
        },
        a.admin.token,
      );
      await eventually(async () => (await waiting(t)) === 1, "A's macro run waits in line");
      // Beyond the line: refused at once, nothing written.
      const refused = await post(
        t,
        ConversationsBulkUpdateDocument,
        bulk(other.id, Priority.LOW),
        a.admin.token,
      );
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        reason: 'CONCURRENCY',
      });

      // B's bulk update goes through meanwhile.
      const passed = await post(
        t,
        ConversationsBulkUpdateDocument,
        bulk(theirs.id, Priority.HIGH),
        b.agentA.token,
      );
      expect(passed.status).toBe(200);
      expect(passed.body.data.conversationsBulkUpdate.userErrors).toEqual([]);
      expect(passed.body.data.conversationsBulkUpdate.conversations[0].priority).toBe('HIGH');

      await lock.release();
      const [done, ran] = await Promise.all([first, queued]);
      expect(done.body.data.conversationsBulkUpdate.userErrors).toEqual([]);
      expect(ran.body.data.macroRun.userErrors).toEqual([]);
      expect(ran.body.data.macroRun.conversations[0].priority).toBe('URGENT');
    } finally {
      await lock.release();
    }
    // The metrics count for the whole app: this test's share is the difference.
    const after = await outcomes(t);
    expect({
      admitted: after.admitted! - (before.admitted ?? 0),
      queued: after.queued! - (before.queued ?? 0),
      refused: after.refused! - (before.refused ?? 0),
    }).toEqual({ admitted: 2, queued: 1, refused: 1 });
  });
});

/**
 * A budget of one second a minute: workspace A's large page held for 1.5 s by a row lock spends
 * it, so A's next search is refused with when to come back, while workspace B's passes.
 */
describe("a workspace's database time per minute", () => {
  const t = useTestApp({
    now: NOW,
    env: {
      TENANT_EXPENSIVE_SECONDS_PER_MINUTE: '1',
      TENANT_EXPENSIVE_COST: '150',
      DB_LOCK_TIMEOUT_MS: '20000',
    },
  });
  const a = useWorkspace(t);

  it('refuses the workspace that spent it, with Retry-After, and lets another pass', async () => {
    const b = await createTestWorkspace(t.factories);
    const held = await createConversation(t.factories, a.channel, { assigneeId: null });
    await createConversation(t.factories, b.channel);
    const lock = await holdRowLock('conversation', held.id);
    let take: ReturnType<typeof post> | undefined;
    try {
      take = post(
        t,
        ConversationTakeWithTimelineDocument,
        { input: { conversationId: toGlobalId('Conversation', held.id) } },
        a.agentA.token,
      );
      await eventually(async () => (await lock.waiting()) === 1, "A's take waits for the row");
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      await lock.release();
    }
    expect((await take!).body.data.conversationTake.userErrors).toEqual([]);

    const search = { query: 'ayuda' };
    const refused = await post(t, MessageSearchDocument, search, a.admin.token);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'DATABASE_TIME',
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(refused.body.errors[0].extensions.retryAfterSeconds).toBe(retryAfter);
    // About half a second over, at a second a minute: some 30 s to come back.
    expect(retryAfter).toBeGreaterThanOrEqual(20);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.errors[0].message).toMatch(/have run their 1 s of this minute/);
    // Cheap reads are not counted; another workspace has its own minute.
    expect((await post(t, SettingsDocument, {}, a.agentB.token)).status).toBe(200);
    const other = await post(t, MessageSearchDocument, search, b.admin.token);
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
  });
});
