import {
  ConversationAssignDocument,
  ConversationCloseDocument,
  ConversationHandoffDocument,
  ConversationReopenDocument,
  MessageInboundDocument,
  MessageSendDocument,
  NoteCreateDocument,
  ConversationTakeDocument,
  ConversationTransferDocument,
  TrayIdsDocument,
  WorkflowConversationDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createConversation,
  createTestAgent,
  createTestApiKey,
  createTestWorkspace,
  deactivateAgent,
  enqueuedJobs,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { AiSummary } from '../../entities/ai-summary.entity';
import { ApiKeyScope, ConversationStatus, Handler } from '../../entities/enums';
import { type Conversation } from '../../entities/conversation.entity';
import { JobName } from '../../runtime/job-queue';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('conversation workflow: handoff, assign, take, transfer', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);
  let botKey: string;

  beforeEach(async () => {
    botKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT])).key;
  });

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);
  const agentGid = (id: string) => toGlobalId('Agent', id);

  async function history(conversation: Conversation, token = w.admin.token) {
    const result = await t.gql(WorkflowConversationDocument, { id: gid(conversation) }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.conversation!;
  }

  async function trayIds(token: string, kind: 'NEW' | 'ACTIVE', view: 'CLASSIC' | 'V2') {
    const result = await t.gql(TrayIdsDocument, { kind, view }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.tray.conversations.nodes.map((node) => node.id);
  }

  describe('conversationHandoff', () => {
    it('the bot hands off to a given agent: AGENT handler, assignee, NEW for them, history and AI request', async () => {
      const conversation = await createConversation(deps, w.channel, { handler: Handler.BOT });
      const result = await t.gql(
        ConversationHandoffDocument,
        {
          input: {
            conversationId: gid(conversation),
            agentId: agentGid(w.agentA.agent.id),
            comment: 'Wants a refund',
          },
        },
        botKey,
      );
      expect(result.errors).toBeUndefined();
      const payload = result.data!.conversationHandoff;
      expect(payload.userErrors).toEqual([]);
      expect(payload.conversation).toMatchObject({
        handler: 'AGENT',
        assignee: { id: agentGid(w.agentA.agent.id) },
        handedOffAt: NOW.toISOString(),
        firstAgentReplyAt: null,
        trays: { classic: 'NEW', v2: 'ACTIVE' },
      });
      expect(await trayIds(w.agentA.token, 'NEW', 'CLASSIC')).toEqual([gid(conversation)]);

      const events = (await history(conversation)).events.nodes;
      expect(events.map((event) => event.type)).toEqual(['HANDOFF', 'TRAY_MOVED']);
      expect(events[0]).toMatchObject({
        actorType: 'API_KEY',
        comment: 'Wants a refund',
        toAgent: { id: agentGid(w.agentA.agent.id) },
      });
      expect(events[1]).toMatchObject({
        fromTray: null,
        toTray: 'ACTIVE',
        data: { classic: { from: null, to: 'NEW' } },
      });

      const summaries = await deps.dataSource
        .getRepository(AiSummary)
        .find({ where: { conversationId: conversation.id } });
      expect(summaries).toHaveLength(1);
      expect(summaries[0]).toMatchObject({ status: 'PENDING', trigger: 'BOT_HANDOFF' });
      const jobs = await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: conversation.id });
      expect(jobs.map((job) => job.data)).toEqual([
        {
          conversationId: conversation.id,
          workspaceId: w.workspace.id,
          aiSummaryId: summaries[0]!.id,
          summary: true,
          suggestions: true,
          trigger: 'BOT_HANDOFF',
        },
      ]);
    });

    it('an admin hands off to the queue; the conversation waits in CLASSIC NEW for every agent', async () => {
      const conversation = await createConversation(deps, w.channel, { handler: Handler.BOT });
      const result = await t.gql(
        ConversationHandoffDocument,
        { input: { conversationId: gid(conversation) } },
        w.admin.token,
      );
      expect(result.data!.conversationHandoff.userErrors).toEqual([]);
      expect(result.data!.conversationHandoff.conversation).toMatchObject({
        handler: 'AGENT',
        assignee: null,
        trays: { classic: 'NEW', v2: null },
      });
      expect(await trayIds(w.agentA.token, 'NEW', 'CLASSIC')).toEqual([gid(conversation)]);
      expect(await trayIds(w.agentB.token, 'NEW', 'CLASSIC')).toEqual([gid(conversation)]);
      const [event] = (await history(conversation)).events.nodes;
      expect(event).toMatchObject({ type: 'HANDOFF', actorType: 'AGENT', data: { toQueue: true } });
    });

    it('without AI features no summary is written and no AI job is queued', async () => {
      const quiet = await createTestWorkspace(deps, { aiSummaryEnabled: false, aiSuggestionsEnabled: false });
      const conversation = await createConversation(deps, quiet.channel, { handler: Handler.BOT });
      const result = await t.gql(
        ConversationHandoffDocument,
        { input: { conversationId: gid(conversation) } },
        quiet.admin.token,
      );
      expect(result.data!.conversationHandoff.userErrors).toEqual([]);
      expect(
        await deps.dataSource.getRepository(AiSummary).count({ where: { conversationId: conversation.id } }),
      ).toBe(0);
      expect(await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: conversation.id })).toEqual([]);
    });

    it('suggestions alone queue the AI job without a summary row', async () => {
      const partial = await createTestWorkspace(deps, { aiSummaryEnabled: false });
      const conversation = await createConversation(deps, partial.channel, { handler: Handler.BOT });
      await t.gql(
        ConversationHandoffDocument,
        { input: { conversationId: gid(conversation) } },
        partial.admin.token,
      );
      const jobs = await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: conversation.id });
      expect(jobs.map((job) => job.data)).toEqual([
        expect.objectContaining({ aiSummaryId: null, summary: false, suggestions: true }),
      ]);
    });

    it('refuses a conversation the agents hold, a closed one and an inactive agent', async () => {
      const withAgents = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      const closed = await createConversation(deps, w.channel, {
        handler: Handler.BOT,
        status: ConversationStatus.CLOSED,
      });
      const held = await createConversation(deps, w.channel, { handler: Handler.BOT });
      await deactivateAgent(deps, w.agentB.agent.id);
      const code = async (input: Record<string, unknown>) => {
        const result = await t.gql(ConversationHandoffDocument, { input: input as never }, botKey);
        expect(result.errors).toBeUndefined();
        return result.data!.conversationHandoff.userErrors.map((error) => error.code);
      };
      expect(await code({ conversationId: gid(withAgents) })).toEqual(['HANDLED_BY_AGENT']);
      expect(await code({ conversationId: gid(closed) })).toEqual(['CONVERSATION_CLOSED']);
      expect(await code({ conversationId: gid(held), agentId: agentGid(w.agentB.agent.id) })).toEqual([
        'AGENT_INACTIVE',
      ]);
      expect((await history(held)).handler).toBe('BOT');
    });

    it('only bot keys and admins may hand off; foreign ids are NOT_FOUND', async () => {
      const conversation = await createConversation(deps, w.channel, { handler: Handler.BOT });
      const input = { conversationId: gid(conversation) };
      const writeKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
      for (const token of [w.agentA.token, writeKey]) {
        const refused = await t.gql(ConversationHandoffDocument, { input }, token);
        expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const anonymous = await t.gql(ConversationHandoffDocument, { input }, null);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      const other = await createTestWorkspace(deps);
      const foreign = await createConversation(deps, other.channel, { handler: Handler.BOT });
      const notFound = await t.gql(
        ConversationHandoffDocument,
        { input: { conversationId: gid(foreign) } },
        botKey,
      );
      expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const foreignAgent = await t.gql(
        ConversationHandoffDocument,
        { input: { conversationId: gid(conversation), agentId: agentGid(other.agentA.agent.id) } },
        botKey,
      );
      expect(foreignAgent.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await history(conversation)).handler).toBe('BOT');
    });
  });

  describe('conversationAssign', () => {
    it('an admin assigns, reassigns and unassigns; each receiver starts at CLASSIC NEW', async () => {
      const conversation = await createConversation(deps, w.channel, {
        assigneeId: null,
        agentReplied: true,
      });
      const assign = (agentId: string | null) =>
        t.gql(
          ConversationAssignDocument,
          { input: { conversationId: gid(conversation), agentId: agentId && agentGid(agentId) } },
          w.admin.token,
        );

      const first = (await assign(w.agentA.agent.id)).data!.conversationAssign;
      expect(first.userErrors).toEqual([]);
      expect(first.conversation).toMatchObject({
        assignee: { id: agentGid(w.agentA.agent.id) },
        firstAgentReplyAt: null,
        handedOffAt: NOW.toISOString(),
        trays: { classic: 'NEW', v2: 'ACTIVE' },
      });
      const second = (await assign(w.agentB.agent.id)).data!.conversationAssign;
      expect(second.conversation!.assignee).toEqual({ id: agentGid(w.agentB.agent.id) });
      expect(await trayIds(w.agentA.token, 'NEW', 'CLASSIC')).toEqual([]);
      expect(await trayIds(w.agentB.token, 'NEW', 'CLASSIC')).toEqual([gid(conversation)]);
      const third = (await assign(null)).data!.conversationAssign;
      expect(third.conversation!.assignee).toBeNull();

      const events = (await history(conversation)).events.nodes.filter(
        (event) => event.type !== 'TRAY_MOVED',
      );
      expect(events).toMatchObject([
        { type: 'ASSIGNED', fromAgent: null, toAgent: { id: agentGid(w.agentA.agent.id) } },
        {
          type: 'ASSIGNED',
          fromAgent: { id: agentGid(w.agentA.agent.id) },
          toAgent: { id: agentGid(w.agentB.agent.id) },
        },
        { type: 'UNASSIGNED', fromAgent: { id: agentGid(w.agentB.agent.id) } },
      ]);
      // Only the move between agents asks the AI for the receiver.
      const ai = await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: conversation.id });
      expect(ai.map((job) => job.data.trigger)).toEqual(['AGENT_TRANSFER']);
      // The previous assignee hears about the move too.
      const [log] = (await deps.dataSource.query(
        `SELECT payload, assignee_id FROM event_log
          WHERE conversation_id = $1 AND type = 'TRAY_CHANGED' AND payload->>'view' = 'CLASSIC'
          ORDER BY seq DESC LIMIT 1`,
        [conversation.id],
      )) as { payload: Record<string, unknown>; assignee_id: string | null }[];
      expect(log).toMatchObject({
        assignee_id: null,
        payload: {
          conversationId: conversation.id,
          view: 'CLASSIC',
          from: 'NEW',
          to: 'NEW',
          assigneeId: null,
          previousAssigneeId: w.agentB.agent.id,
        },
      });
    });

    it('refuses the same agent, an inactive agent, the bot and closed conversations', async () => {
      const mine = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      const queued = await createConversation(deps, w.channel, { assigneeId: null });
      const bot = await createConversation(deps, w.channel, { handler: Handler.BOT });
      const closed = await createConversation(deps, w.channel, { status: ConversationStatus.CLOSED });
      await deactivateAgent(deps, w.agentB.agent.id);
      const codes = async (conversation: Conversation, agentId: string | null) => {
        const result = await t.gql(
          ConversationAssignDocument,
          { input: { conversationId: gid(conversation), agentId: agentId && agentGid(agentId) } },
          w.admin.token,
        );
        expect(result.errors).toBeUndefined();
        return result.data!.conversationAssign.userErrors.map((error) => error.code);
      };
      expect(await codes(mine, w.agentA.agent.id)).toEqual(['SAME_AGENT']);
      expect(await codes(queued, null)).toEqual(['SAME_AGENT']);
      expect(await codes(mine, w.agentB.agent.id)).toEqual(['AGENT_INACTIVE']);
      expect(await codes(bot, w.agentA.agent.id)).toEqual(['HANDLED_BY_BOT']);
      expect(await codes(closed, w.agentA.agent.id)).toEqual(['CONVERSATION_CLOSED']);
    });

    it('agents and write keys may not assign; admin keys may', async () => {
      const conversation = await createConversation(deps, w.channel, { assigneeId: null });
      const input = { conversationId: gid(conversation), agentId: agentGid(w.agentA.agent.id) };
      const writeKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
      for (const token of [w.agentA.token, writeKey, botKey]) {
        const refused = await t.gql(ConversationAssignDocument, { input }, token);
        expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
      const ok = await t.gql(ConversationAssignDocument, { input }, adminKey);
      expect(ok.data!.conversationAssign.userErrors).toEqual([]);
      const [event] = (await history(conversation)).events.nodes;
      expect(event).toMatchObject({ type: 'ASSIGNED', actorType: 'API_KEY' });
    });
  });

  describe('conversationTake', () => {
    it('an agent takes a queued conversation; another agent then gets ALREADY_ASSIGNED', async () => {
      const conversation = await createConversation(deps, w.channel, { assigneeId: null });
      const taken = await t.gql(
        ConversationTakeDocument,
        { input: { conversationId: gid(conversation) } },
        w.agentA.token,
      );
      expect(taken.data!.conversationTake.userErrors).toEqual([]);
      expect(taken.data!.conversationTake.conversation).toMatchObject({
        assignee: { id: agentGid(w.agentA.agent.id) },
        trays: { classic: 'NEW', v2: 'ACTIVE' },
      });
      const again = await t.gql(
        ConversationTakeDocument,
        { input: { conversationId: gid(conversation) } },
        w.agentA.token,
      );
      expect(again.data!.conversationTake.userErrors).toEqual([]);
      const late = await t.gql(
        ConversationTakeDocument,
        { input: { conversationId: gid(conversation) } },
        w.agentB.token,
      );
      expect(late.data!.conversationTake.userErrors).toMatchObject([
        { code: 'ALREADY_ASSIGNED', field: ['input', 'conversationId'] },
      ]);
      const events = (await history(conversation)).events.nodes;
      expect(events.filter((event) => event.type === 'TAKEN')).toMatchObject([
        { actorAgent: { id: agentGid(w.agentA.agent.id) }, toAgent: { id: agentGid(w.agentA.agent.id) } },
      ]);
    });

    it('refuses bot-held and closed conversations, and callers that are not agents', async () => {
      const bot = await createConversation(deps, w.channel, { handler: Handler.BOT });
      const closed = await createConversation(deps, w.channel, { status: ConversationStatus.CLOSED });
      const code = async (conversation: Conversation) =>
        (
          await t.gql(
            ConversationTakeDocument,
            { input: { conversationId: gid(conversation) } },
            w.agentA.token,
          )
        ).data!.conversationTake.userErrors.map((error) => error.code);
      expect(await code(bot)).toEqual(['HANDLED_BY_BOT']);
      expect(await code(closed)).toEqual(['CONVERSATION_CLOSED']);
      const writeKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE, ApiKeyScope.ADMIN]))
        .key;
      const refused = await t.gql(
        ConversationTakeDocument,
        { input: { conversationId: gid(bot) } },
        writeKey,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('conversationTransfer', () => {
    it('the assignee transfers with a comment: the receiver gets it NEW, the AI is asked, history says who', async () => {
      const conversation = await createConversation(deps, w.channel, {
        assigneeId: w.agentA.agent.id,
        agentReplied: true,
      });
      expect(await trayIds(w.agentA.token, 'ACTIVE', 'CLASSIC')).toEqual([gid(conversation)]);
      const result = await t.gql(
        ConversationTransferDocument,
        {
          input: {
            conversationId: gid(conversation),
            agentId: agentGid(w.agentB.agent.id),
            comment: '  Billing question  ',
          },
        },
        w.agentA.token,
      );
      expect(result.data!.conversationTransfer.userErrors).toEqual([]);
      expect(result.data!.conversationTransfer.conversation).toMatchObject({
        assignee: { id: agentGid(w.agentB.agent.id) },
        firstAgentReplyAt: null,
        trays: { classic: 'NEW', v2: 'ACTIVE' },
      });
      expect(await trayIds(w.agentA.token, 'ACTIVE', 'CLASSIC')).toEqual([]);
      expect(await trayIds(w.agentB.token, 'NEW', 'CLASSIC')).toEqual([gid(conversation)]);

      const events = (await history(conversation)).events.nodes;
      expect(events).toMatchObject([
        {
          type: 'TRANSFERRED',
          comment: 'Billing question',
          actorAgent: { id: agentGid(w.agentA.agent.id) },
          fromAgent: { id: agentGid(w.agentA.agent.id) },
          toAgent: { id: agentGid(w.agentB.agent.id) },
        },
        {
          type: 'TRAY_MOVED',
          fromTray: 'ACTIVE',
          toTray: 'ACTIVE',
          data: { classic: { from: 'ACTIVE', to: 'NEW' } },
        },
      ]);
      expect(new Date(events[1]!.createdAt).getTime()).toBeGreaterThan(
        new Date(events[0]!.createdAt).getTime(),
      );
      const jobs = await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: conversation.id });
      expect(jobs.map((job) => job.data.trigger)).toEqual(['AGENT_TRANSFER']);
    });

    it('refuses a non-assignee agent, the same agent and an inactive agent; an admin may transfer any', async () => {
      const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      const queued = await createConversation(deps, w.channel, { assigneeId: null });
      const third = await createTestAgent(deps, w.workspace.id);
      await deactivateAgent(deps, third.agent.id);
      const codes = async (target: Conversation, agentId: string, token: string) => {
        const result = await t.gql(
          ConversationTransferDocument,
          { input: { conversationId: gid(target), agentId: agentGid(agentId) } },
          token,
        );
        expect(result.errors).toBeUndefined();
        return result.data!.conversationTransfer.userErrors.map((error) => error.code);
      };
      expect(await codes(conversation, w.agentA.agent.id, w.agentB.token)).toEqual(['NOT_ASSIGNEE']);
      expect(await codes(queued, w.agentB.agent.id, w.agentA.token)).toEqual(['NOT_ASSIGNEE']);
      expect(await codes(conversation, w.agentA.agent.id, w.agentA.token)).toEqual(['SAME_AGENT']);
      expect(await codes(conversation, third.agent.id, w.agentA.token)).toEqual(['AGENT_INACTIVE']);
      expect(await codes(conversation, w.agentB.agent.id, w.admin.token)).toEqual([]);
      const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
      const refused = await t.gql(
        ConversationTransferDocument,
        { input: { conversationId: gid(conversation), agentId: agentGid(w.agentA.agent.id) } },
        readKey,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  it('every workflow mutation refuses unauthenticated and badly signed callers', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const conversationId = gid(conversation);
    const agentId = agentGid(w.agentB.agent.id);
    const calls: [unknown, Record<string, unknown>][] = [
      [ConversationHandoffDocument, { conversationId }],
      [ConversationAssignDocument, { conversationId, agentId }],
      [ConversationTakeDocument, { conversationId }],
      [ConversationTransferDocument, { conversationId, agentId }],
      [ConversationCloseDocument, { conversationId, outcome: 'POSITIVE', reason: 'x' }],
      [ConversationReopenDocument, { conversationId }],
      [MessageSendDocument, { conversationId, text: 'x' }],
      [NoteCreateDocument, { conversationId, body: 'x' }],
      [
        MessageInboundDocument,
        {
          channelAccountId: toGlobalId('ChannelAccount', w.channel.id),
          customerChannelUserId: 'x',
          externalId: 'x',
          text: 'x',
        },
      ],
    ];
    for (const [document, input] of calls) {
      for (const token of [null, 'omt_not-a-key']) {
        const result = await t.gql(document as never, { input } as never, token);
        expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    }
    expect((await history(conversation)).events.nodes).toEqual([]);
  });
});
