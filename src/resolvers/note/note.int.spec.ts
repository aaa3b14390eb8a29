import { NoteCreateDocument, WorkflowConversationDocument } from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createConversation, createTestApiKey, createTestWorkspace } from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, ConversationStatus } from '../../entities/enums';
import { type Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('noteCreate', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);

  async function note(conversation: Conversation, token: string, body = 'Customer is a VIP') {
    const result = await t.gql(
      NoteCreateDocument,
      { input: { conversationId: gid(conversation), body } },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.noteCreate;
  }

  it('the assignee adds an internal note: stored with its author, nothing sent, nothing queued', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const payload = await note(conversation, w.agentA.token);
    expect(payload.userErrors).toEqual([]);
    expect(payload.note).toMatchObject({
      body: 'Customer is a VIP',
      createdAt: NOW.toISOString(),
      author: { id: toGlobalId('Agent', w.agentA.agent.id) },
    });
    const read = await t.gql(WorkflowConversationDocument, { id: gid(conversation) }, w.agentA.token);
    expect(read.data!.conversation!.notes.nodes.map((n) => n.body)).toEqual(['Customer is a VIP']);
    expect(
      await deps.dataSource.getRepository(Message).count({ where: { conversationId: conversation.id } }),
    ).toBe(1);
    const jobs = (await deps.dataSource.query(
      `SELECT count(*)::int AS n FROM ${t.config.jobSchema}.job WHERE name = 'message-send' AND data->>'conversationId' = $1`,
      [conversation.id],
    )) as { n: number }[];
    expect(jobs[0]!.n).toBe(0);
  });

  it('agents note their own, queued and closed conversations of theirs; not another agent’s; admins and write keys any', async () => {
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    const closedMine = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      status: ConversationStatus.CLOSED,
    });
    expect((await note(theirs, w.agentA.token)).userErrors.map((e) => e.code)).toEqual(['NOT_ASSIGNEE']);
    expect((await note(queued, w.agentA.token)).userErrors).toEqual([]);
    expect((await note(closedMine, w.agentA.token)).userErrors).toEqual([]);
    expect((await note(theirs, w.admin.token)).userErrors).toEqual([]);
    const writeKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const byKey = await note(theirs, writeKey);
    expect(byKey.note!.author).toBeNull();

    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    const botKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT])).key;
    for (const token of [readKey, botKey]) {
      const refused = await t.gql(
        NoteCreateDocument,
        { input: { conversationId: gid(theirs), body: 'x' } },
        token,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await t.gql(NoteCreateDocument, { input: { conversationId: gid(theirs), body: 'x' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an empty or too long body, and foreign conversations are NOT_FOUND', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    expect((await note(conversation, w.agentA.token, '   ')).userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'body'] },
    ]);
    expect((await note(conversation, w.agentA.token, 'x'.repeat(10_001))).userErrors).toMatchObject([
      { code: 'INVALID_INPUT' },
    ]);
    const other = await createTestWorkspace(deps);
    const foreign = await createConversation(deps, other.channel);
    const result = await t.gql(
      NoteCreateDocument,
      { input: { conversationId: gid(foreign), body: 'x' } },
      w.admin.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
