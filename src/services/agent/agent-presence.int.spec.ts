import { Redis } from 'ioredis';
import { ApiKeyScope } from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { PresenceTracker, RedisPresenceStore } from '../../realtime/presence';
import { JobName } from '../../runtime/job-queue';
import { lapsedPresenceSweep } from '../../jobs/presence-check.job';
import { createTestApiKey, createTestAgent, enqueuedJobs, factoryDeps } from '../../testing/factories';
import {
  AgentSetStatusDocument,
  AgentStatusChangedDocument,
  AgentStatusesDocument,
} from '../../testing/generated/graphql';
import { type TestAppHandle, useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { testRedisUrl } from '../../testing/test-environment';
import {
  connectWs,
  eventually,
  headCursor,
  subscribe,
  type WsConnection,
} from '../../testing/fixtures/subscription.fixture';
import { agentSessionOpened } from './agent-presence.service';

const SECOND = 1000;
const GRACE = 60 * SECOND;
/** Three heartbeats of 10 s. */
const LEASE = 30 * SECOND;
const START = new Date('2031-03-01T09:00:00Z');
const ENV = { PRESENCE_GRACE_SECONDS: '60', PRESENCE_HEARTBEAT_SECONDS: '10' };

const redisUrl = testRedisUrl();
if (!redisUrl)
  console.warn('Presence across processes skipped: REDIS_URL is unset or Redis does not answer.');
const describeRedis = redisUrl ? describe : describe.skip;

async function statusOf(t: TestAppHandle, token: string, agentId: string): Promise<string | undefined> {
  const result = await t.gql(AgentStatusesDocument, {}, token);
  return result.data?.agents.find((agent) => agent.id === toGlobalId('Agent', agentId))?.status;
}

/** The presence checks enqueued for an agent in one app's queue. */
function checksOf(t: TestAppHandle, agentId: string) {
  return enqueuedJobs(t.factories, JobName.PRESENCE_CHECK, { agentId });
}

describeRedis('presence across two API processes (Redis, manual clock)', () => {
  const first = useTestApp({ env: { ...ENV, REDIS_URL: redisUrl! }, now: START });
  const second = useTestApp({ env: { ...ENV, REDIS_URL: redisUrl! }, now: START });
  const w = useWorkspace(first);
  const connections: WsConnection[] = [];
  const open = (url: string, token: string) => {
    const connection = connectWs(url, token);
    connections.push(connection);
    return connection;
  };
  const advance = (ms: number) => {
    first.clock.advance(ms);
    second.clock.advance(ms);
  };
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });

  it('an agent stays ONLINE while a session lives in either process, and goes OFFLINE a grace period after the last', async () => {
    const agentId = w.agentA.agent.id;
    const check = { workspaceId: w.workspace.id, agentId };
    // A dashboard with a read key: API keys have no presence of their own.
    const { key } = await createTestApiKey(first.factories, w.workspace.id, [ApiKeyScope.READ]);
    const dashboard = subscribe(open(await second.wsUrl(), key), AgentStatusChangedDocument, {
      after: await headCursor(first.app.deps, w.workspace.id),
    });

    const onFirst = open(await first.wsUrl(), w.agentA.token);
    expect(await eventually(() => first.app.deps.presence.localSessions(agentId) === 1)).toBe(true);
    expect(await statusOf(first, key, agentId)).toBe('OFFLINE'); // nobody is available before saying so
    await first.gql(AgentSetStatusDocument, { input: { status: 'ONLINE' } }, w.agentA.token);
    const onSecond = open(await second.wsUrl(), w.agentA.token);
    expect(await eventually(() => second.app.deps.presence.localSessions(agentId) === 1)).toBe(true);

    // The first process loses its session: its check, once the grace is over, finds the second's.
    await onFirst.dispose();
    expect(await eventually(async () => (await checksOf(first, agentId)).length === 1)).toBe(true);
    advance(GRACE + SECOND);
    await second.app.deps.presence.heartbeat();
    await first.app.deps.jobs.runNow(JobName.PRESENCE_CHECK, check);
    expect(await statusOf(first, key, agentId)).toBe('ONLINE');

    // The last session ends: within the grace nothing changes, after it the agent is OFFLINE.
    await onSecond.dispose();
    expect(await eventually(async () => (await checksOf(second, agentId)).length === 1)).toBe(true);
    advance(GRACE - SECOND);
    await second.app.deps.jobs.runNow(JobName.PRESENCE_CHECK, check);
    expect(await statusOf(first, key, agentId)).toBe('ONLINE');
    advance(SECOND);
    await second.app.deps.jobs.runNow(JobName.PRESENCE_CHECK, check);
    expect(await statusOf(first, key, agentId)).toBe('OFFLINE');

    // A new session brings back the status the agent had chosen.
    open(await first.wsUrl(), w.agentA.token);
    expect(await eventually(async () => (await statusOf(first, key, agentId)) === 'ONLINE')).toBe(true);

    expect(await dashboard.waitFor(3)).toBe(true);
    expect(
      dashboard
        .data()
        .map(({ agentStatusChanged: change }) => [change.reason, change.status, change.agent.id]),
    ).toEqual([
      ['SET', 'ONLINE', toGlobalId('Agent', agentId)],
      ['DISCONNECTED', 'OFFLINE', toGlobalId('Agent', agentId)],
      ['CONNECTED', 'ONLINE', toGlobalId('Agent', agentId)],
    ]);
    expect(dashboard.results.every((result) => !result.errors)).toBe(true);
  });

  it('a process that dies without closing its sessions: the sweep turns its agents OFFLINE once the lease and the grace have run out', async () => {
    const redis = new Redis(redisUrl!);
    try {
      const deps = first.app.deps;
      const ghost = new PresenceTracker({
        store: new RedisPresenceStore(redis, first.clock, { leaseMs: LEASE, keepMs: LEASE + GRACE + 60_000 }),
        clock: first.clock,
        logger: deps.logger,
        leaseMs: LEASE,
        heartbeatMs: 10 * SECOND,
      });
      const agent = await createTestAgent(factoryDeps(first.app), w.workspace.id);
      // An agent who chose ONLINE earlier.
      await deps.dataSource.query(`UPDATE agent SET preferred_status = 'ONLINE' WHERE id = $1`, [
        agent.agent.id,
      ]);
      await agentSessionOpened({ ...deps, presence: ghost }, agent.agent);
      expect(await statusOf(first, w.admin.token, agent.agent.id)).toBe('ONLINE');

      // The ghost never beats again and never says goodbye.
      advance(LEASE + GRACE - SECOND);
      await lapsedPresenceSweep.run(deps);
      expect(await statusOf(first, w.admin.token, agent.agent.id)).toBe('ONLINE');
      advance(2 * SECOND);
      expect(await lapsedPresenceSweep.run(deps)).toBeGreaterThanOrEqual(1);
      expect(await statusOf(first, w.admin.token, agent.agent.id)).toBe('OFFLINE');
    } finally {
      redis.disconnect();
    }
  });
});

describe('agentSetStatus and presence in one process (no Redis)', () => {
  const t = useTestApp({ env: { ...ENV, REDIS_URL: '' }, now: START, resetClock: true });
  const w = useWorkspace(t);
  const connections: WsConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });
  const setStatus = (token: string, input: { status: 'ONLINE' | 'BUSY' | 'OFFLINE'; agentId?: string }) =>
    t.gql(AgentSetStatusDocument, { input }, token);
  const goAway = async (connection: WsConnection, agentId: string) => {
    const before = (await checksOf(t, agentId)).length;
    await connection.dispose();
    expect(await eventually(async () => (await checksOf(t, agentId)).length > before)).toBe(true);
    t.clock.advance(GRACE);
    await t.app.deps.jobs.runNow(JobName.PRESENCE_CHECK, { workspaceId: w.workspace.id, agentId });
  };

  it('the chosen status holds while connected and comes back with the next session; OFFLINE stays OFFLINE', async () => {
    const agentId = w.agentA.agent.id;
    const session = connectWs(await t.wsUrl(), w.agentA.token);
    connections.push(session);
    expect(await eventually(() => t.app.deps.presence.localSessions(agentId) === 1)).toBe(true);

    const busy = await setStatus(w.agentA.token, { status: 'BUSY' });
    expect(busy.data!.agentSetStatus).toMatchObject({ userErrors: [], agent: { status: 'BUSY' } });
    await goAway(session, agentId);
    expect(await statusOf(t, w.admin.token, agentId)).toBe('OFFLINE');

    const again = connectWs(await t.wsUrl(), w.agentA.token);
    connections.push(again);
    expect(await eventually(async () => (await statusOf(t, w.admin.token, agentId)) === 'BUSY')).toBe(true);

    await setStatus(w.agentA.token, { status: 'OFFLINE' });
    await goAway(again, agentId);
    const third = connectWs(await t.wsUrl(), w.agentA.token);
    connections.push(third);
    expect(await eventually(() => t.app.deps.presence.localSessions(agentId) === 1)).toBe(true);
    expect(await statusOf(t, w.admin.token, agentId)).toBe('OFFLINE');
  });

  it('a status set without a session lasts the grace period', async () => {
    const agentId = w.agentB.agent.id;
    await setStatus(w.agentB.token, { status: 'ONLINE' });
    const [job] = await checksOf(t, agentId);
    expect(job!.startAfter.toISOString()).toBe(new Date(START.getTime() + GRACE).toISOString());
    t.clock.advance(GRACE - SECOND);
    await t.app.deps.jobs.runNow(JobName.PRESENCE_CHECK, { workspaceId: w.workspace.id, agentId });
    expect(await statusOf(t, w.admin.token, agentId)).toBe('ONLINE');
    t.clock.advance(SECOND);
    await t.app.deps.jobs.runNow(JobName.PRESENCE_CHECK, { workspaceId: w.workspace.id, agentId });
    expect(await statusOf(t, w.admin.token, agentId)).toBe('OFFLINE');
  });

  it('admins set anyone’s status; agents only their own; a deactivated agent is OFFLINE', async () => {
    const byAdmin = await setStatus(w.admin.token, {
      status: 'BUSY',
      agentId: toGlobalId('Agent', w.agentB.agent.id),
    });
    expect(byAdmin.data!.agentSetStatus.agent).toMatchObject({ status: 'BUSY' });

    const byPeer = await setStatus(w.agentA.token, {
      status: 'OFFLINE',
      agentId: toGlobalId('Agent', w.agentB.agent.id),
    });
    expect(byPeer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const { key } = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.WRITE]);
    const byWriteKey = await setStatus(key, {
      status: 'ONLINE',
      agentId: toGlobalId('Agent', w.agentB.agent.id),
    });
    expect(byWriteKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const after = await headCursor(t.app.deps, w.workspace.id);
    await t.gql(
      'mutation($id: ID!) { agentDeactivate(input: { agentId: $id }) { userErrors { code } } }',
      { id: toGlobalId('Agent', w.agentB.agent.id) },
      w.admin.token,
    );
    expect(await statusOf(t, w.admin.token, w.agentB.agent.id)).toBeUndefined(); // inactive: not listed
    const events = await t.gql(
      'query($after: String) { events(after: $after) { nodes { type agentStatusChange { status previousStatus reason agent { id status } } } } }',
      { after },
      w.admin.token,
    );
    const changes = (events.data as any).events.nodes.filter(
      (node: any) => node.type === 'AGENT_STATUS_CHANGED',
    );
    expect(changes.map((node: any) => node.agentStatusChange)).toEqual([
      {
        status: 'OFFLINE',
        previousStatus: 'BUSY',
        reason: 'DEACTIVATED',
        agent: { id: toGlobalId('Agent', w.agentB.agent.id), status: 'OFFLINE' },
      },
    ]);
    const refused = await setStatus(w.admin.token, {
      status: 'ONLINE',
      agentId: toGlobalId('Agent', w.agentB.agent.id),
    });
    expect(refused.data!.agentSetStatus.userErrors[0]!.code).toBe('AGENT_INACTIVE');
  });
});
