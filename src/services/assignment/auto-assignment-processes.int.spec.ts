import { randomBytes } from 'node:crypto';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import {
  ActorType,
  AgentRole,
  AgentStatus,
  ApiKeyScope,
  AssignmentPolicy,
  ChannelKind,
  ConversationEventType,
} from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { readEvents } from '../../realtime/event-log';
import { EventType } from '../../realtime/event-types';
import {
  createChannelAccount,
  createTestAgent,
  createTestApiKey,
  type TestAgent,
} from '../../testing/factories';
import {
  AgentSetStatusDocument,
  ConversationCloseDocument,
  MessageInboundDocument,
} from '../../testing/generated/graphql';
import { type TestAppHandle, useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { testRedisUrl } from '../../testing/test-environment';

const SEED = 20310506;
const CONVERSATIONS = 200;
const AGENTS = 5;
const CAPACITY = 3;
/** No new assignment for this long while conversations wait: the queue stopped draining. */
const STALL_MS = 20_000;

const redisUrl = testRedisUrl();
if (!redisUrl)
  console.warn('Auto-assignment across processes skipped: REDIS_URL is unset or Redis does not answer.');
const describeRedis = redisUrl ? describe : describe.skip;

/** mulberry32: the same seed, the same choices. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The must-show of auto-assignment: two API processes take the traffic (arrivals, status changes,
 * closings) and two job workers drain the queue, all on one PostgreSQL, one Redis and one job
 * queue. The event log, replayed in order, must show nobody above capacity, nobody assigned while
 * not ONLINE, the queue drained oldest-first and no conversation assigned twice.
 */
describeRedis.each([AssignmentPolicy.BALANCED])(
  `auto-assignment %s across two API processes and two job workers (seed ${SEED})`,
  (policy) => {
    const jobSchema = `pgboss_${randomBytes(5).toString('hex')}`;
    const env = { REDIS_URL: redisUrl!, JOB_SCHEMA: jobSchema, PRESENCE_GRACE_SECONDS: '3600' };
    const api = [useTestApp({ env }), useTestApp({ env })];
    const workers = [useTestApp({ env, workJobs: true }), useTestApp({ env, workJobs: true })];
    const w = useWorkspace(api[0]!, {
      scope: 'suite',
      settings: {
        botEnabled: false,
        aiSummaryEnabled: false,
        aiSuggestionsEnabled: false,
        assignmentPolicy: policy,
        defaultCapacity: CAPACITY,
        autoClosePositiveMinutes: 0,
      },
    });
    const agents: TestAgent[] = [];
    let channel: ChannelAccount;
    let partnerKey: string;

    beforeAll(async () => {
      const deps = api[0]!.factories;
      agents.push(w.agentA, w.agentB);
      for (let index = agents.length; index < AGENTS; index += 1) {
        agents.push(await createTestAgent(deps, w.workspace.id, AgentRole.AGENT, `Agent ${index}`));
      }
      channel = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'Partner' });
      partnerKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    });

    const apiFor = (index: number): TestAppHandle => api[index % api.length]!;

    async function setStatus(via: TestAppHandle, agent: TestAgent, status: AgentStatus) {
      const result = await via.gql(
        AgentSetStatusDocument,
        { input: { status, agentId: toGlobalId('Agent', agent.agent.id) } },
        w.admin.token,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.agentSetStatus.userErrors).toEqual([]);
    }

    it('keeps everyone within capacity, drains oldest-first and assigns each conversation once', async () => {
      const random = seeded(SEED);
      const dataSource = api[0]!.app.deps.dataSource;
      const base = Date.now() - 60 * 60_000;
      let arriving = true;
      let arrivedCount = 0;
      let done = false;

      const arrivals = async () => {
        for (let index = 0; index < CONVERSATIONS; index += 1) {
          const result = await apiFor(index).gql(
            MessageInboundDocument,
            {
              input: {
                channelAccountId: toGlobalId('ChannelAccount', channel.id),
                customerChannelUserId: `customer-${index}`,
                externalId: `message-${index}`,
                text: `Hello ${index}`,
                // Customers wait from their message: the queue's order is the order they wrote in.
                sentAt: new Date(base + index * 1000).toISOString(),
              },
            },
            partnerKey,
          );
          expect(result.data?.messageInbound.userErrors).toEqual([]);
          arrivedCount = index + 1;
        }
        arriving = false;
      };

      const presence = async () => {
        let step = 0;
        while (arriving) {
          // About one change every three arrivals, wherever the arrivals are.
          if (step * 3 > arrivedCount) {
            await pause(5);
            continue;
          }
          const agent = agents[Math.floor(random() * agents.length)]!;
          const roll = random();
          const status =
            roll < 0.6 ? AgentStatus.ONLINE : roll < 0.8 ? AgentStatus.BUSY : AgentStatus.OFFLINE;
          await setStatus(apiFor(step), agent, status);
          step += 1;
        }
        // Everyone comes back, so the whole queue drains — and stays back until it has: other
        // suites share this database, and their sweeps (another grace period, a manual clock) may
        // take an agent OFFLINE meanwhile; an agent coming back is part of the scenario anyway.
        while (!done) {
          const away = (await dataSource.query(
            `SELECT id FROM agent WHERE id = ANY($1) AND status <> 'ONLINE'`,
            [agents.map((agent) => agent.agent.id)],
          )) as { id: string }[];
          for (const [index, agent] of agents.entries())
            if (away.some((row) => row.id === agent.agent.id))
              await setStatus(apiFor(index), agent, AgentStatus.ONLINE);
          await pause(250);
        }
      };

      const closings = async () => {
        let step = 0;
        while (!done) {
          const open = (await dataSource.query(
            `SELECT id, assignee_id FROM conversation
              WHERE workspace_id = $1 AND status = 'OPEN' AND assignee_id IS NOT NULL AND outcome IS NULL
              ORDER BY id`,
            [w.workspace.id],
          )) as { id: string; assignee_id: string }[];
          if (open.length === 0 || random() < 0.3) {
            await pause(15);
            continue;
          }
          const pick = open[Math.floor(random() * open.length)]!;
          const assignee = agents.find((agent) => agent.agent.id === pick.assignee_id)!;
          const result = await apiFor(step).gql(
            ConversationCloseDocument,
            {
              input: {
                conversationId: toGlobalId('Conversation', pick.id),
                outcome: 'POSITIVE',
                reason: 'Answered',
              },
            },
            assignee.token,
          );
          expect(result.data?.conversationClose.userErrors).toEqual([]);
          step += 1;
        }
      };

      const assignedCount = async (): Promise<number> => {
        const [row] = (await dataSource.query(
          `SELECT count(*)::int AS n FROM conversation_event WHERE workspace_id = $1 AND type = 'ASSIGNED'`,
          [w.workspace.id],
        )) as { n: number }[];
        return row!.n;
      };
      /** Waits while assignments go on; a queue that stops draining fails with what it looked like. */
      const allAssigned = async () => {
        let last = -1;
        let since = Date.now();
        for (;;) {
          const count = await assignedCount();
          if (count >= CONVERSATIONS) break;
          if (count !== last) [last, since] = [count, Date.now()];
          if (Date.now() - since > STALL_MS) {
            done = true;
            const q = (sql: string) => dataSource.query(sql, [w.workspace.id]);
            const state = {
              assigned: count,
              agents: await q('SELECT status, capacity FROM agent WHERE workspace_id = $1'),
              queued: await q(
                `SELECT count(*)::int AS n FROM conversation
                  WHERE workspace_id = $1 AND status = 'OPEN' AND assignee_id IS NULL AND outcome IS NULL`,
              ),
              drains: await q(
                `SELECT state, count(*)::int AS n FROM ${jobSchema}.job
                  WHERE name = 'queue-drain' AND data->>'workspaceId' = $1 GROUP BY state`,
              ),
            };
            throw new Error(`The queue stopped draining: ${JSON.stringify(state)}`);
          }
          await pause(100);
        }
        done = true;
      };

      const closer = closings();
      await Promise.all([arrivals(), presence(), allAssigned(), closer]);
      // Drains ran as jobs, more than once, in the shared queue.
      const [drains] = (await dataSource.query(
        `SELECT count(*)::int AS n FROM ${jobSchema}.job WHERE name = 'queue-drain' AND state = 'completed'`,
      )) as { n: number }[];
      expect(drains!.n).toBeGreaterThan(1);
      // Let drains still running settle before the log is read.
      await pause(1500);

      // The history: every assignment automatic, by the rule, and exactly one per conversation.
      const history = await dataSource.getRepository(ConversationEvent).find({
        where: { workspaceId: w.workspace.id, type: ConversationEventType.ASSIGNED },
      });
      expect(history).toHaveLength(CONVERSATIONS);
      expect(new Set(history.map((row) => row.conversationId)).size).toBe(CONVERSATIONS);
      for (const row of history) {
        expect(row.actorType).toBe(ActorType.SYSTEM);
        expect(row.data).toMatchObject({ automatic: true, rule: policy, capacity: CAPACITY });
      }

      // The event log in commit order, replayed.
      const records = [];
      for (let after = '0'; ;) {
        const page = await readEvents(dataSource, w.workspace.id, after, 1000);
        if (page.length === 0) break;
        records.push(...page);
        after = page.at(-1)!.seq;
      }
      const status = new Map<string, string>(agents.map((agent) => [agent.agent.id, AgentStatus.OFFLINE]));
      const load = new Map<string, number>(agents.map((agent) => [agent.agent.id, 0]));
      const holder = new Map<string, string>();
      /** Arrival order of the conversations still waiting. */
      const queue: string[] = [];
      const arrived: string[] = [];
      const assignedOrder: string[] = [];
      let peak = 0;
      for (const record of records) {
        if (record.type === EventType.AGENT_STATUS_CHANGED) {
          status.set(record.payload.agentId as string, record.payload.status as string);
          continue;
        }
        if (record.type !== EventType.CONVERSATION_UPDATED) continue;
        const conversationId = record.conversationId!;
        const types = record.payload.events as string[];
        if (types.includes(ConversationEventType.CREATED)) {
          queue.push(conversationId);
          arrived.push(conversationId);
        }
        if (types.includes(ConversationEventType.ASSIGNED)) {
          const agentId = record.assigneeId!;
          expect(holder.has(conversationId)).toBe(false);
          // Oldest first: the conversation given out is the one waiting longest.
          expect(queue[0]).toBe(conversationId);
          queue.shift();
          expect(status.get(agentId)).toBe(AgentStatus.ONLINE);
          load.set(agentId, load.get(agentId)! + 1);
          holder.set(conversationId, agentId);
          assignedOrder.push(conversationId);
          peak = Math.max(peak, load.get(agentId)!);
          expect(load.get(agentId)).toBeLessThanOrEqual(CAPACITY);
        }
        if (types.includes(ConversationEventType.CLOSING) || types.includes(ConversationEventType.CLOSED)) {
          const agentId = holder.get(conversationId);
          if (agentId && types.includes(ConversationEventType.CLOSING)) {
            load.set(agentId, load.get(agentId)! - 1);
          }
        }
      }
      expect(arrived).toHaveLength(CONVERSATIONS);
      expect(assignedOrder).toEqual(arrived);
      expect(queue).toEqual([]);
      // Capacity was reached, so the bound was really tested.
      expect(peak).toBe(CAPACITY);
      // Agents really went away while conversations arrived.
      const offline = records.filter(
        (record) =>
          record.type === EventType.AGENT_STATUS_CHANGED && record.payload.status !== AgentStatus.ONLINE,
      );
      expect(offline.length).toBeGreaterThan(10);
      expect(workers.every((worker) => worker.app.deps.jobs.healthy())).toBe(true);
    }, 240_000);
  },
);
