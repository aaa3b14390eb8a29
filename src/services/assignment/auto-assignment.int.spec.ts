import { Agent } from '../../entities/agent.entity';
import { AiSummary } from '../../entities/ai-summary.entity';
import { Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { Workspace } from '../../entities/workspace.entity';
import {
  ActorType,
  AgentRole,
  AgentStatus,
  AiTrigger,
  AssignmentOrder,
  AssignmentPolicy,
  ConversationEventType,
  Handler,
  Priority,
} from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { JobName } from '../../runtime/job-queue';
import { createConversation, createTestAgent, enqueuedJobs, type TestAgent } from '../../testing/factories';
import {
  AgentLoadsDocument,
  AgentSetCapacityDocument,
  AgentSetStatusDocument,
  AssignmentSettingsUpdateDocument,
  ConversationAssignmentsDocument,
  ConversationCloseDocument,
  ConversationHandoffDocument,
  ConversationSnoozeDocument,
  TeamCreateDocument,
  TeamMemberAddDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { waitingQueuesSweep } from '../../jobs/queue-drain.job';
import { drainQueue } from './queue-drain.service';

const NOW = new Date('2031-05-06T10:00:00Z');
const MINUTE = 60_000;

describe('auto-assignment: the queue drains to available agents with room', () => {
  const t = useTestApp({ now: NOW, resetClock: true, env: { PRESENCE_GRACE_SECONDS: '3600' } });
  const deps = t.factories;
  const w = useWorkspace(t, { settings: { aiSummaryEnabled: false, aiSuggestionsEnabled: false } });

  const gid = (type: string, id: string) => toGlobalId(type, id);

  async function settings(input: Record<string, unknown>) {
    const result = await t.gql(
      AssignmentSettingsUpdateDocument,
      { input: { assignment: input } },
      w.admin.token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.settingsUpdate;
  }

  async function setStatus(agent: TestAgent, status: AgentStatus) {
    const result = await t.gql(
      AgentSetStatusDocument,
      { input: { status, agentId: gid('Agent', agent.agent.id) } },
      w.admin.token,
    );
    expect(result.data?.agentSetStatus.userErrors).toEqual([]);
  }

  /** Bot-held conversations handed to the queue, the first one waiting longest. */
  async function arrive(count: number, shape: { teamId?: string; priority?: Priority } = {}) {
    const made: Conversation[] = [];
    for (let index = 0; index < count; index += 1) {
      const conversation = await createConversation(deps, w.channel, {
        handler: Handler.BOT,
        lastInboundAgoMs: (count - index) * MINUTE,
      });
      const result = await t.gql(
        ConversationHandoffDocument,
        {
          input: {
            conversationId: gid('Conversation', conversation.id),
            ...(shape.teamId ? { teamId: gid('Team', shape.teamId) } : {}),
            ...(shape.priority ? { priority: shape.priority } : {}),
          },
        },
        w.admin.token,
      );
      expect(result.data?.conversationHandoff.userErrors).toEqual([]);
      made.push(conversation);
    }
    return made;
  }

  const drain = () => t.app.deps.jobs.drain(JobName.QUEUE_DRAIN);

  async function assigneeOf(conversation: Conversation): Promise<string | null> {
    const row = await deps.dataSource.getRepository(Conversation).findOneByOrFail({ id: conversation.id });
    return row.assigneeId;
  }

  async function automaticAssignments(): Promise<ConversationEvent[]> {
    const rows = await deps.dataSource.getRepository(ConversationEvent).find({
      where: { workspaceId: w.workspace.id, type: ConversationEventType.ASSIGNED },
      order: { createdAt: 'ASC' },
    });
    return rows.filter((row) => row.data?.automatic === true);
  }

  it('is MANUAL by default: no drain is queued and nothing is assigned', async () => {
    await setStatus(w.agentA, AgentStatus.ONLINE);
    const [conversation] = await arrive(1);
    expect(await enqueuedJobs(deps, JobName.QUEUE_DRAIN, { workspaceId: w.workspace.id })).toHaveLength(0);
    expect(await drainQueue(t.app.deps, w.workspace.id)).toBe(0);
    expect(await assigneeOf(conversation!)).toBeNull();
    const read = await t.gql(AgentLoadsDocument, {}, w.admin.token);
    const a = read.data!.agents.find((agent) => agent.id === gid('Agent', w.agentA.agent.id))!;
    expect(a).toMatchObject({ capacity: null, effectiveCapacity: 5, load: 0, lastAutoAssignedAt: null });
  });

  it('ROUND_ROBIN: oldest first, to the agent whose last automatic assignment is oldest, never above capacity', async () => {
    const third = await createTestAgent(deps, w.workspace.id, AgentRole.AGENT, 'Agent C');
    expect((await settings({ policy: 'ROUND_ROBIN', defaultCapacity: 2 })).settings?.assignment).toEqual({
      policy: 'ROUND_ROBIN',
      defaultCapacity: 2,
      order: 'WAITING_SINCE',
    });
    for (const agent of [w.agentA, w.agentB, third]) await setStatus(agent, AgentStatus.ONLINE);
    await drain();
    const conversations = await arrive(7);
    expect(await enqueuedJobs(deps, JobName.QUEUE_DRAIN, { workspaceId: w.workspace.id })).not.toHaveLength(
      0,
    );
    await drain();

    const events = await automaticAssignments();
    expect(events.map((event) => event.conversationId)).toEqual(conversations.slice(0, 6).map((c) => c.id));
    const picked = events.map((event) => event.toAgentId);
    // Turns: each agent once before anyone twice.
    expect(new Set(picked.slice(0, 3)).size).toBe(3);
    expect(picked.slice(3)).toEqual(picked.slice(0, 3));
    expect(events[0]).toMatchObject({ actorType: ActorType.SYSTEM, fromAgentId: null });
    expect(events[0]!.data).toMatchObject({ automatic: true, rule: 'ROUND_ROBIN', load: 0, capacity: 2 });
    // The newest waits: everyone is at capacity.
    expect(await assigneeOf(conversations[6]!)).toBeNull();

    const read = await t.gql(AgentLoadsDocument, {}, w.admin.token);
    const loads = read.data!.agents.filter((agent) => agent.status === 'ONLINE').map((agent) => agent.load);
    expect(loads).toEqual([2, 2, 2]);

    // The history says which rule picked whom, through the API too.
    const history = await t.gql(
      ConversationAssignmentsDocument,
      { id: gid('Conversation', conversations[0]!.id) },
      w.admin.token,
    );
    const assigned = history.data!.conversation!.events.nodes.find((event) => event.type === 'ASSIGNED')!;
    expect(assigned).toMatchObject({
      actorType: 'SYSTEM',
      data: expect.objectContaining({ automatic: true, rule: 'ROUND_ROBIN' }),
      toAgent: { id: gid('Agent', picked[0]!) },
    });
  });

  it('a close frees a slot: the next in the queue goes out; a snooze frees one too', async () => {
    await settings({ policy: 'ROUND_ROBIN', defaultCapacity: 1 });
    await setStatus(w.agentA, AgentStatus.ONLINE);
    const [first, second, third] = await arrive(3);
    await drain();
    expect(await assigneeOf(first!)).toBe(w.agentA.agent.id);
    expect(await assigneeOf(second!)).toBeNull();

    const closed = await t.gql(
      ConversationCloseDocument,
      { input: { conversationId: gid('Conversation', first!.id), outcome: 'POSITIVE', reason: 'Solved' } },
      w.agentA.token,
    );
    expect(closed.data?.conversationClose.userErrors).toEqual([]);
    await drain();
    expect(await assigneeOf(second!)).toBe(w.agentA.agent.id);

    const snoozed = await t.gql(
      ConversationSnoozeDocument,
      {
        input: {
          conversationId: gid('Conversation', second!.id),
          until: new Date(NOW.getTime() + 60 * MINUTE).toISOString(),
        },
      },
      w.agentA.token,
    );
    expect(snoozed.data?.conversationSnooze.userErrors).toEqual([]);
    await drain();
    expect(await assigneeOf(third!)).toBe(w.agentA.agent.id);
    // The snoozed one stays theirs: it counts again when it comes back.
    expect(await assigneeOf(second!)).toBe(w.agentA.agent.id);
  });

  it('BALANCED: the least loaded first, ties by the oldest last assignment', async () => {
    await settings({ policy: 'BALANCED', defaultCapacity: 3 });
    await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    await setStatus(w.agentA, AgentStatus.ONLINE);
    await setStatus(w.agentB, AgentStatus.ONLINE);
    const conversations = await arrive(4);
    await drain();
    const picked = (await automaticAssignments()).map((event) => event.toAgentId);
    // B (0) twice to reach A (2), then ties: the one whose last automatic assignment is oldest.
    expect(picked).toEqual([w.agentB.agent.id, w.agentB.agent.id, w.agentA.agent.id, w.agentB.agent.id]);
    expect((await automaticAssignments())[0]!.data).toMatchObject({ rule: 'BALANCED', load: 0 });
    expect(await assigneeOf(conversations[3]!)).toBe(w.agentB.agent.id);
  });

  it('never to BUSY or OFFLINE agents; an agent coming ONLINE drains the queue to them', async () => {
    await settings({ policy: 'ROUND_ROBIN' });
    await setStatus(w.agentA, AgentStatus.BUSY);
    const [conversation] = await arrive(1);
    await drain();
    expect(await assigneeOf(conversation!)).toBeNull();
    await setStatus(w.agentA, AgentStatus.ONLINE);
    expect(await enqueuedJobs(deps, JobName.QUEUE_DRAIN, { workspaceId: w.workspace.id })).not.toHaveLength(
      0,
    );
    await drain();
    expect(await assigneeOf(conversation!)).toBe(w.agentA.agent.id);
  });

  it("a team's conversation goes to its members only; it waits without blocking younger ones of the general queue", async () => {
    await settings({ policy: 'BALANCED', defaultCapacity: 1 });
    const team = await t.gql(TeamCreateDocument, { input: { name: 'Billing' } }, w.admin.token);
    const teamId = team.data!.teamCreate.team!.id;
    await t.gql(
      TeamMemberAddDocument,
      { input: { teamId, agentId: gid('Agent', w.agentA.agent.id) } },
      w.admin.token,
    );
    await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    await setStatus(w.agentA, AgentStatus.ONLINE);
    await setStatus(w.agentB, AgentStatus.ONLINE);
    const localTeamId = (await deps.dataSource.query(
      'SELECT id FROM team WHERE name = $1 AND workspace_id = $2',
      ['Billing', w.workspace.id],
    )) as { id: string }[];
    const [billing] = await arrive(1, { teamId: localTeamId[0]!.id });
    const [general] = await arrive(1);
    await drain();
    // A is full; B is not in the team: the older team conversation waits, the younger one goes to B.
    expect(await assigneeOf(billing!)).toBeNull();
    expect(await assigneeOf(general!)).toBe(w.agentB.agent.id);

    // A gets room: the team's conversation goes to them.
    const set = await t.gql(
      AgentSetCapacityDocument,
      { input: { agentId: gid('Agent', w.agentA.agent.id), capacity: 2 } },
      w.admin.token,
    );
    expect(set.data!.agentSetCapacity).toMatchObject({
      userErrors: [],
      agent: { capacity: 2, effectiveCapacity: 2, load: 1 },
    });
    await drain();
    expect(await assigneeOf(billing!)).toBe(w.agentA.agent.id);
    expect((await automaticAssignments()).at(-1)!.data).toMatchObject({ teamId: localTeamId[0]!.id });
  });

  it('PRIORITY order: the most urgent first, then the longest waiting', async () => {
    await settings({ policy: 'ROUND_ROBIN', defaultCapacity: 1, order: 'PRIORITY' });
    const [older] = await arrive(1);
    const [urgent] = await arrive(1, { priority: Priority.URGENT });
    await setStatus(w.agentA, AgentStatus.ONLINE);
    await drain();
    expect(await assigneeOf(urgent!)).toBe(w.agentA.agent.id);
    expect(await assigneeOf(older!)).toBeNull();
    const workspace = await deps.dataSource.getRepository(Workspace).findOneByOrFail({ id: w.workspace.id });
    expect(workspace.assignmentOrder).toBe(AssignmentOrder.PRIORITY);
  });

  it('capacity 0 keeps an agent out; bad capacities are userErrors; only admins set them', async () => {
    await settings({ policy: 'ROUND_ROBIN' });
    const agentId = gid('Agent', w.agentA.agent.id);
    const zero = await t.gql(AgentSetCapacityDocument, { input: { agentId, capacity: 0 } }, w.admin.token);
    expect(zero.data!.agentSetCapacity.agent).toMatchObject({ capacity: 0, effectiveCapacity: 0 });
    await setStatus(w.agentA, AgentStatus.ONLINE);
    const [conversation] = await arrive(1);
    await drain();
    expect(await assigneeOf(conversation!)).toBeNull();

    for (const capacity of [-1, 1001]) {
      const bad = await t.gql(AgentSetCapacityDocument, { input: { agentId, capacity } }, w.admin.token);
      expect(bad.data!.agentSetCapacity.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'capacity'] }),
      ]);
    }
    const badDefault = await settings({ defaultCapacity: -3 });
    expect(badDefault.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'assignment', 'defaultCapacity'] }),
    ]);
    const forbidden = await t.gql(
      AgentSetCapacityDocument,
      { input: { agentId, capacity: 3 } },
      w.agentA.token,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Back to the default: the conversation goes out.
    const reset = await t.gql(
      AgentSetCapacityDocument,
      { input: { agentId, capacity: null } },
      w.admin.token,
    );
    expect(reset.data!.agentSetCapacity.agent).toMatchObject({ capacity: null, effectiveCapacity: 5 });
    await drain();
    expect(await assigneeOf(conversation!)).toBe(w.agentA.agent.id);
  });

  it('the maintenance sweep drains a queue whose drain was lost', async () => {
    await deps.dataSource
      .getRepository(Workspace)
      .update({ id: w.workspace.id }, { assignmentPolicy: AssignmentPolicy.BALANCED });
    // Written behind the services' back: nothing asked for a drain.
    await deps.dataSource
      .getRepository(Agent)
      .update({ id: w.agentA.agent.id }, { status: AgentStatus.ONLINE });
    const waiting = await createConversation(deps, w.channel, { handler: Handler.AGENT });
    expect(await enqueuedJobs(deps, JobName.QUEUE_DRAIN, { workspaceId: w.workspace.id })).toHaveLength(0);
    expect(await waitingQueuesSweep.run(t.app.deps)).toBeGreaterThanOrEqual(1);
    expect(await enqueuedJobs(deps, JobName.QUEUE_DRAIN, { workspaceId: w.workspace.id })).toHaveLength(1);
    await drain();
    expect(await assigneeOf(waiting)).toBe(w.agentA.agent.id);
  });

  it('drains running at once assign each conversation once', async () => {
    await settings({ policy: 'BALANCED', defaultCapacity: 4 });
    await setStatus(w.agentA, AgentStatus.ONLINE);
    await setStatus(w.agentB, AgentStatus.ONLINE);
    await drain();
    const conversations = await arrive(10);
    const counts = await Promise.all(Array.from({ length: 4 }, () => drainQueue(t.app.deps, w.workspace.id)));
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(8);
    const events = await automaticAssignments();
    expect(new Set(events.map((event) => event.conversationId)).size).toBe(8);
    expect(events.map((event) => event.conversationId)).toEqual(conversations.slice(0, 8).map((c) => c.id));
    const agents = await deps.dataSource.getRepository(Agent).findBy({ workspaceId: w.workspace.id });
    expect(agents.filter((agent) => agent.lastAutoAssignedAt !== null)).toHaveLength(2);
  });
});

describe('auto-assignment and the AI assistant', () => {
  const t = useTestApp({ now: NOW, resetClock: true, env: { PRESENCE_GRACE_SECONDS: '3600' } });
  const deps = t.factories;
  const w = useWorkspace(t, {
    settings: {
      aiSummaryEnabled: true,
      aiSuggestionsEnabled: false,
      assignmentPolicy: AssignmentPolicy.ROUND_ROBIN,
      botEnabled: false,
    },
  });

  it('asks for a summary as a handoff would, once: not again after the handoff already asked', async () => {
    await t.gql(
      AgentSetStatusDocument,
      { input: { status: 'ONLINE', agentId: toGlobalId('Agent', w.agentA.agent.id) } },
      w.admin.token,
    );
    // Arrived without a bot: nobody asked yet.
    const direct = await createConversation(deps, w.channel, { handler: Handler.AGENT });
    // Handed off by the bot: the handoff asked.
    const handedOff = await createConversation(deps, w.channel, { handler: Handler.BOT });
    await deps.dataSource.getRepository(ConversationEvent).save(
      deps.dataSource.getRepository(ConversationEvent).create({
        workspaceId: w.workspace.id,
        conversationId: direct.id,
        type: ConversationEventType.CREATED,
        actorType: ActorType.CUSTOMER,
        createdAt: new Date(NOW.getTime() - 10 * MINUTE),
      }),
    );
    const handoff = await t.gql(
      ConversationHandoffDocument,
      { input: { conversationId: toGlobalId('Conversation', handedOff.id) } },
      w.admin.token,
    );
    expect(handoff.data?.conversationHandoff.userErrors).toEqual([]);
    expect(await drainQueue(t.app.deps, w.workspace.id)).toBe(2);

    const summaries = await deps.dataSource.getRepository(AiSummary).findBy({ workspaceId: w.workspace.id });
    const byConversation = (id: string) => summaries.filter((row) => row.conversationId === id);
    expect(byConversation(direct.id).map((row) => row.trigger)).toEqual([AiTrigger.BOT_HANDOFF]);
    expect(byConversation(handedOff.id).map((row) => row.trigger)).toEqual([AiTrigger.BOT_HANDOFF]);
    const jobs = await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: direct.id });
    expect(jobs).toHaveLength(1);
  });
});
