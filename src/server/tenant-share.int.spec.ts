import { print, type DocumentNode } from 'graphql';
import {
  ConversationTakeWithTimelineDocument,
  MessageSearchDocument,
  SettingsDocument,
} from '../testing/generated/graphql';
import { useTestApp, useWorkspace, type TestAppHandle } from '../testing/test-lifecycle';
import { createConversation, createTestWorkspace, type TestWorkspace } from '../testing/factories';
import { eventually, holdRowLock } from '../testing/row-lock';
import { toGlobalId } from '../entities/global-id';

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
});
