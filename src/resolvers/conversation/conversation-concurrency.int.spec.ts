import {
  ConversationTakeDocument,
  ConversationTransferDocument,
  WorkflowConversationDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createConversation, createTestAgent } from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';

const NOW = new Date('2026-03-10T12:00:00Z');

/** Real races over HTTP: the row lock decides, one wins, the other gets a userError, history stays consistent. */
describe('racing takes and transfers', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);
  const agentGid = (id: string) => toGlobalId('Agent', id);

  async function read(conversation: Conversation) {
    const result = await t.gql(WorkflowConversationDocument, { id: gid(conversation) }, w.admin.token);
    return result.data!.conversation!;
  }

  it('two agents take the same queued conversation at once: one assignee, one TAKEN', async () => {
    for (let round = 0; round < 5; round += 1) {
      const conversation = await createConversation(deps, w.channel, { assigneeId: null });
      const [a, b] = await Promise.all(
        [w.agentA, w.agentB].map((agent) =>
          t.gql(ConversationTakeDocument, { input: { conversationId: gid(conversation) } }, agent.token),
        ),
      );
      const payloads = [a!.data!.conversationTake, b!.data!.conversationTake];
      const winners = payloads.filter((payload) => payload.userErrors.length === 0);
      const losers = payloads.filter((payload) => payload.userErrors.length > 0);
      expect(winners).toHaveLength(1);
      expect(losers.map((payload) => payload.userErrors[0]!.code)).toEqual(['ALREADY_ASSIGNED']);

      const after = await read(conversation);
      expect(after.assignee).toEqual(winners[0]!.conversation!.assignee);
      const taken = after.events.nodes.filter((event) => event.type === 'TAKEN');
      expect(taken).toHaveLength(1);
      expect(taken[0]!.toAgent).toEqual(after.assignee);
      expect(after.events.nodes.filter((event) => event.type === 'TRAY_MOVED')).toHaveLength(1);
    }
  });

  it('the assignee sends two transfers at once: the first wins, the second is NOT_ASSIGNEE', async () => {
    const third = await createTestAgent(deps, w.workspace.id);
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const results = await Promise.all(
      [w.agentB.agent.id, third.agent.id].map((agentId) =>
        t.gql(
          ConversationTransferDocument,
          {
            input: {
              conversationId: gid(conversation),
              agentId: agentGid(agentId),
              comment: `to ${agentId}`,
            },
          },
          w.agentA.token,
        ),
      ),
    );
    const payloads = results.map((result) => result.data!.conversationTransfer);
    const winners = payloads.filter((payload) => payload.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    expect(payloads.flatMap((payload) => payload.userErrors.map((error) => error.code))).toEqual([
      'NOT_ASSIGNEE',
    ]);

    const after = await read(conversation);
    expect(after.assignee).toEqual(winners[0]!.conversation!.assignee);
    const transfers = after.events.nodes.filter((event) => event.type === 'TRANSFERRED');
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({
      fromAgent: { id: agentGid(w.agentA.agent.id) },
      toAgent: after.assignee,
    });
  });

  it('an admin and the assignee transfer to the same agent at once: one transfer, the other refused', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const input = { conversationId: gid(conversation), agentId: agentGid(w.agentB.agent.id) };
    const results = await Promise.all(
      [w.admin.token, w.agentA.token].map((token) => t.gql(ConversationTransferDocument, { input }, token)),
    );
    const [byAdmin, byAssignee] = results.map((result) =>
      result.data!.conversationTransfer.userErrors.map((error) => error.code),
    );
    // Whoever locks the row second sees the first one's result.
    if (byAdmin!.length === 0) expect(byAssignee).toEqual(['NOT_ASSIGNEE']);
    else expect([byAdmin, byAssignee]).toEqual([['SAME_AGENT'], []]);
    const after = await read(conversation);
    expect(after.assignee).toEqual({ id: agentGid(w.agentB.agent.id) });
    expect(after.events.nodes.filter((event) => event.type === 'TRANSFERRED')).toHaveLength(1);
  });

  it('transfers and takes racing across many conversations keep history in order', async () => {
    const conversations = await Promise.all(
      Array.from({ length: 4 }, () => createConversation(deps, w.channel, { assigneeId: null })),
    );
    await Promise.all(
      conversations.flatMap((conversation) =>
        [w.agentA, w.agentB].map((agent) =>
          t.gql(ConversationTakeDocument, { input: { conversationId: gid(conversation) } }, agent.token),
        ),
      ),
    );
    for (const conversation of conversations) {
      const after = await read(conversation);
      const times = after.events.nodes.map((event) => new Date(event.createdAt).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(times).size).toBe(times.length);
      expect(after.events.nodes.map((event) => event.type)).toEqual(['TAKEN', 'TRAY_MOVED']);
    }
  });
});
