import { type Conversation } from '../entities/conversation.entity';
import { EventType } from '../realtime/event-types';
import {
  connectWs,
  eventually,
  headCursor,
  subscribe,
  type WsConnection,
} from '../testing/fixtures/subscription.fixture';
import { toGlobalId } from '../entities/global-id';
import { WINDOW_MS } from '../services/conversation/tray-rules';
import {
  scheduleTrayTimers,
  trayTimerKey,
  TrayTimerTooEarlyError,
} from '../services/conversation/tray-timers';
import { inTransaction } from '../services/unit-of-work';
import {
  createConversation,
  createTestWorkspace,
  factoryDeps,
  type TestWorkspace,
} from '../testing/factories';
import { TrayChangedDocument } from '../testing/generated/graphql';
import { type TestApp } from '../testing/test-app';
import { useTestApp } from '../testing/test-lifecycle';
import { JobName } from '../runtime/job-queue';
import { missedTrayTimersSweep } from './tray-timer.job';

const MINUTE = 60_000;

async function trayEventCount(t: TestApp, workspaceId: string): Promise<number> {
  const [row] = (await t.app.deps.dataSource.query(
    `SELECT count(*)::int AS n FROM event_log WHERE workspace_id = $1 AND type = $2`,
    [workspaceId, EventType.TRAY_CHANGED],
  )) as { n: number }[];
  return row!.n;
}

describe('tray timers: time-driven moves are pushed (manual clock)', () => {
  const t = useTestApp({ env: { REDIS_URL: '' }, now: new Date('2031-07-01T08:00:00Z') });
  const deps = t.factories;
  const connections: WsConnection[] = [];

  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });

  async function expiringConversation(
    inMs: number,
  ): Promise<{ conversation: Conversation; at: string; w: TestWorkspace }> {
    const w = await createTestWorkspace(deps);
    const conversation = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: WINDOW_MS - inMs,
    });
    return { conversation, at: conversation.windowExpiresAt!.toISOString(), w };
  }

  it('schedules a job at each instant of nextTimeTransitions, keyed by conversation and instant', async () => {
    const { conversation, at } = await expiringConversation(MINUTE);
    await inTransaction(t.app.deps, conversation.workspaceId, (uow) =>
      scheduleTrayTimers(uow, conversation, 30),
    );
    const jobs = (await t.app.deps.dataSource.query(
      `SELECT data, start_after, singleton_key FROM ${t.config.jobSchema}.job WHERE name = $1 AND data->>'conversationId' = $2 ORDER BY start_after`,
      [JobName.TRAY_TIMER, conversation.id],
    )) as { data: Record<string, string>; start_after: Date; singleton_key: string }[];
    const visibleEnd = new Date(conversation.lastActivityAt.getTime() + 30 * 24 * 60 * MINUTE);
    expect(jobs.map((job) => new Date(job.start_after).toISOString())).toEqual([
      at,
      visibleEnd.toISOString(),
    ]);
    expect(jobs[0]!.data).toEqual({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      at,
    });
    expect(jobs[0]!.singleton_key).toBe(trayTimerKey(conversation.id, new Date(at)));
  });

  it('pushes ACTIVE → EXPIRED to subscribers when the window lapses, once', async () => {
    const { conversation, at, w } = await expiringConversation(MINUTE);
    const workspaceId = conversation.workspaceId;
    const job = { workspaceId, conversationId: conversation.id, at };

    // Before the instant nothing has changed: the job refuses to run early (pg-boss retries it).
    await expect(t.app.deps.jobs.runNow(JobName.TRAY_TIMER, job)).rejects.toBeInstanceOf(
      TrayTimerTooEarlyError,
    );

    const connection = connectWs(await t.wsUrl(), w.agentA.token);
    connections.push(connection);
    const after = await headCursor(t.app.deps, workspaceId);
    const sub = subscribe(connection, TrayChangedDocument, { view: 'V2', after });
    t.clock.advance(MINUTE + 1000);
    await t.app.deps.jobs.runNow(JobName.TRAY_TIMER, job);
    expect(await sub.waitFor(1)).toBe(true);
    expect(sub.data()[0]!.trayChanged).toMatchObject({
      view: 'V2',
      from: 'ACTIVE',
      to: 'EXPIRED',
      conversation: { id: toGlobalId('Conversation', conversation.id) },
    });

    // Idempotent: a second run (a retry, a duplicate, the sweep) emits nothing more.
    const count = await trayEventCount(t, workspaceId);
    await t.app.deps.jobs.runNow(JobName.TRAY_TIMER, job);
    await missedTrayTimersSweep.run(t.app.deps);
    expect(await trayEventCount(t, workspaceId)).toBe(count);
    expect(count).toBe(1); // CLASSIC does not move by time: NEW stays NEW
  });

  it('a timer whose instant no longer applies (the customer wrote again) emits nothing', async () => {
    const { conversation, at } = await expiringConversation(MINUTE);
    // A new inbound message renewed the window before the old instant.
    await t.app.deps.dataSource.query(
      `UPDATE conversation SET window_expires_at = window_expires_at + interval '1 hour' WHERE id = $1`,
      [conversation.id],
    );
    t.clock.advance(2 * MINUTE);
    await t.app.deps.jobs.runNow(JobName.TRAY_TIMER, {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      at,
    });
    expect(await trayEventCount(t, conversation.workspaceId)).toBe(0);
  });

  it('the maintenance sweep pushes a window expiry whose timer was lost, once', async () => {
    const { conversation } = await expiringConversation(MINUTE);
    t.clock.advance(3 * MINUTE);
    expect(await missedTrayTimersSweep.run(t.app.deps)).toBeGreaterThanOrEqual(1);
    expect(await trayEventCount(t, conversation.workspaceId)).toBe(1);
    await missedTrayTimersSweep.run(t.app.deps);
    expect(await trayEventCount(t, conversation.workspaceId)).toBe(1);
  });
});

describe('tray timers with job workers and a real clock', () => {
  const t = useTestApp({ env: { REDIS_URL: '' }, workJobs: true });
  beforeAll(() => {
    jest.spyOn(t.clock, 'now').mockImplementation(() => new Date());
  });

  it('the expiry reaches a subscriber without anyone running the job by hand', async () => {
    const deps = factoryDeps(t.app);
    const w = await createTestWorkspace(deps);
    const conversation = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: WINDOW_MS - 2000,
    });
    await inTransaction(t.app.deps, w.workspace.id, (uow) => scheduleTrayTimers(uow, conversation, 30));
    const connection = connectWs(await t.wsUrl(), w.agentA.token);
    const after = await headCursor(t.app.deps, w.workspace.id);
    const sub = subscribe(connection, TrayChangedDocument, { view: 'V2', after });
    // A bounded wait for arrival (at most 1,500 polls), not an assertion on how long it took.
    expect(await eventually(() => sub.results.length >= 1, 1500)).toBe(true);
    expect(sub.data()[0]!.trayChanged).toMatchObject({ from: 'ACTIVE', to: 'EXPIRED' });
    await connection.dispose();
  });
});
