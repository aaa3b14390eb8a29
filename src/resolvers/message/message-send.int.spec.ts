import {
  MessageSendDocument,
  TrayIdsDocument,
  WorkflowConversationDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createTestApiKey,
  createTestWorkspace,
  enqueuedJobs,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, ChannelKind, ConversationStatus, Handler, Outcome } from '../../entities/enums';
import { type Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import { Suggestion } from '../../entities/suggestion.entity';
import { JobName } from '../../runtime/job-queue';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('messageSend', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);
  const agentGid = (id: string) => toGlobalId('Agent', id);

  async function send(conversation: Conversation, token: string, input: Record<string, unknown> = {}) {
    const result = await t.gql(
      MessageSendDocument,
      { input: { conversationId: gid(conversation), text: 'Hola, ¿en qué te ayudo?', ...input } },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.messageSend;
  }

  async function trayIds(token: string, kind: 'NEW' | 'ACTIVE', view: 'CLASSIC' | 'V2') {
    const result = await t.gql(TrayIdsDocument, { kind, view }, token);
    return result.data!.tray.conversations.nodes.map((node) => node.id);
  }

  const messagesOf = (conversation: Conversation) =>
    deps.dataSource
      .getRepository(Message)
      .find({ where: { conversationId: conversation.id }, order: { sentAt: 'ASC' } });

  it('the assignee answers: QUEUED outbound message, send job in the same transaction, CLASSIC NEW → ACTIVE', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    expect(await trayIds(w.agentA.token, 'NEW', 'CLASSIC')).toEqual([gid(conversation)]);

    const payload = await send(conversation, w.agentA.token);
    expect(payload.userErrors).toEqual([]);
    expect(payload.message).toMatchObject({
      direction: 'OUTBOUND',
      sender: 'AGENT',
      status: 'QUEUED',
      text: 'Hola, ¿en qué te ayudo?',
      payload: null,
      sentAt: NOW.toISOString(),
    });
    expect(payload.conversation).toMatchObject({
      firstAgentReplyAt: NOW.toISOString(),
      unreadCount: 0,
      lastActivityAt: NOW.toISOString(),
      lastMessage: { id: payload.message!.id },
      trays: { classic: 'ACTIVE', v2: 'ACTIVE' },
    });
    expect(await trayIds(w.agentA.token, 'NEW', 'CLASSIC')).toEqual([]);
    expect(await trayIds(w.agentA.token, 'ACTIVE', 'CLASSIC')).toEqual([gid(conversation)]);

    const stored = (await messagesOf(conversation)).at(-1)!;
    expect(stored.senderAgentId).toBe(w.agentA.agent.id);
    const jobs = await enqueuedJobs(deps, JobName.MESSAGE_SEND, { messageId: stored.id });
    expect(jobs.map((job) => job.data)).toEqual([{ messageId: stored.id, workspaceId: w.workspace.id }]);

    const history = await t.gql(WorkflowConversationDocument, { id: gid(conversation) }, w.admin.token);
    expect(history.data!.conversation!.events.nodes).toMatchObject([
      { type: 'TRAY_MOVED', data: { classic: { from: 'NEW', to: 'ACTIVE' } } },
    ]);
    const [added] = (await deps.dataSource.query(
      `SELECT payload FROM event_log WHERE conversation_id = $1 AND type = 'MESSAGE_ADDED'`,
      [conversation.id],
    )) as { payload: Record<string, unknown> }[];
    expect(added!.payload).toEqual({ messageId: stored.id, conversationId: conversation.id });

    // A second reply keeps the first reply time.
    t.clock.advance(60_000);
    const second = await send(conversation, w.agentA.token, { text: 'Listo' });
    expect(second.conversation!.firstAgentReplyAt).toBe(NOW.toISOString());
  });

  it('an agent answering a queued conversation takes it', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: null });
    const payload = await send(conversation, w.agentB.token);
    expect(payload.userErrors).toEqual([]);
    expect(payload.conversation).toMatchObject({
      assignee: { id: agentGid(w.agentB.agent.id) },
      trays: { classic: 'ACTIVE', v2: 'ACTIVE' },
    });
    const history = await t.gql(WorkflowConversationDocument, { id: gid(conversation) }, w.admin.token);
    expect(history.data!.conversation!.events.nodes).toMatchObject([
      { type: 'TAKEN', toAgent: { id: agentGid(w.agentB.agent.id) }, data: { byReply: true } },
      {
        type: 'TRAY_MOVED',
        fromTray: null,
        toTray: 'ACTIVE',
        data: { classic: { from: 'NEW', to: 'ACTIVE' } },
      },
    ]);
    expect((await send(conversation, w.agentA.token)).userErrors.map((error) => error.code)).toEqual([
      'NOT_ASSIGNEE',
    ]);
  });

  it('refuses closed and closing conversations, someone else’s, and empty or too long texts, writing nothing', async () => {
    const closed = await createConversation(deps, w.channel, { status: ConversationStatus.CLOSED });
    const closing = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      overrides: { outcome: Outcome.POSITIVE, autoCloseAt: new Date(NOW.getTime() + HOUR) },
    });
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const codes = async (conversation: Conversation, input: Record<string, unknown> = {}) =>
      (await send(conversation, w.agentA.token, input)).userErrors.map((error) => [error.code, error.field]);
    expect(await codes(closed)).toEqual([['CONVERSATION_CLOSED', null]]);
    expect(await codes(closing)).toEqual([['CONVERSATION_CLOSED', null]]);
    expect(await codes(theirs)).toEqual([['NOT_ASSIGNEE', null]]);
    expect(await codes(theirs, { text: '  ' })).toEqual([['INVALID_INPUT', ['input', 'text']]]);
    expect(await codes(theirs, { text: 'x'.repeat(4097) })).toEqual([['INVALID_INPUT', ['input', 'text']]]);
    expect((await send(theirs, w.agentB.token, { text: 'x'.repeat(4096) })).userErrors).toEqual([]);
    for (const conversation of [closed, closing]) {
      expect((await messagesOf(conversation)).map((message) => message.direction)).toEqual(['INBOUND']);
    }
  });

  it('outside the WhatsApp window free text is refused with WINDOW_CLOSED naming templateSend, before any write', async () => {
    const conversation = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: DAY + 1000,
    });
    const payload = await send(conversation, w.agentA.token);
    expect(payload.userErrors).toHaveLength(1);
    expect(payload.userErrors[0]!.code).toBe('WINDOW_CLOSED');
    expect(payload.userErrors[0]!.message).toContain('templateSend');
    expect(await messagesOf(conversation)).toHaveLength(1);
    const after = await t.gql(WorkflowConversationDocument, { id: gid(conversation) }, w.admin.token);
    expect(after.data!.conversation).toMatchObject({ firstAgentReplyAt: null, unreadCount: 1 });
    expect(after.data!.conversation!.events.nodes).toEqual([]);

    // One second before the window closes it still goes out.
    const open = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: DAY - 1000,
    });
    expect((await send(open, w.agentA.token)).userErrors).toEqual([]);
  });

  it('Messenger with the human agent tag: up to 7 days, marked HUMAN_AGENT; the bot gets no tag', async () => {
    const page = await createChannelAccount(deps, w.workspace.id, {
      kind: ChannelKind.MESSENGER,
      humanAgentTagEnabled: true,
    });
    const conversation = await createConversation(deps, page, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 3 * DAY,
    });
    const tagged = await send(conversation, w.agentA.token);
    expect(tagged.userErrors).toEqual([]);
    expect(tagged.message!.payload).toEqual({ tag: 'HUMAN_AGENT' });

    const stale = await createConversation(deps, page, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 7 * DAY + 1000,
    });
    expect((await send(stale, w.agentA.token)).userErrors.map((error) => error.code)).toEqual([
      'WINDOW_CLOSED',
    ]);

    const untaggedPage = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.INSTAGRAM });
    const plain = await createConversation(deps, untaggedPage, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 3 * DAY,
    });
    expect((await send(plain, w.agentA.token)).userErrors.map((error) => error.code)).toEqual([
      'WINDOW_CLOSED',
    ]);

    const botKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT])).key;
    const botHeld = await createConversation(deps, page, { handler: Handler.BOT, lastInboundAgoMs: 3 * DAY });
    expect((await send(botHeld, botKey)).userErrors.map((error) => error.code)).toEqual(['WINDOW_CLOSED']);
  });

  it('the API channel has no customer window', async () => {
    const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API });
    const conversation = await createConversation(deps, api, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 10 * DAY,
    });
    expect((await send(conversation, w.agentA.token)).userErrors).toEqual([]);
  });

  it('who may send: the bot key while the bot holds it, write keys and admins with the agents; never read keys', async () => {
    const botKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT])).key;
    const writeKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    const botHeld = await createConversation(deps, w.channel, { handler: Handler.BOT });
    const withAgents = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });

    const byBot = await send(botHeld, botKey);
    expect(byBot.userErrors).toEqual([]);
    expect(byBot.message!.sender).toBe('BOT');
    expect(byBot.conversation).toMatchObject({ handler: 'BOT', firstAgentReplyAt: null, unreadCount: 0 });

    expect((await send(botHeld, w.agentA.token)).userErrors.map((error) => error.code)).toEqual([
      'HANDLED_BY_BOT',
    ]);
    expect((await send(botHeld, w.admin.token)).userErrors.map((error) => error.code)).toEqual([
      'HANDLED_BY_BOT',
    ]);
    expect((await send(withAgents, botKey)).userErrors.map((error) => error.code)).toEqual([
      'HANDLED_BY_AGENT',
    ]);

    const byAdmin = await send(withAgents, w.admin.token);
    expect(byAdmin.userErrors).toEqual([]);
    expect(byAdmin.conversation!.assignee).toEqual({ id: agentGid(w.agentA.agent.id) });
    const byPartner = await send(withAgents, writeKey);
    expect(byPartner.message!.sender).toBe('AGENT');

    const refused = await t.gql(
      MessageSendDocument,
      { input: { conversationId: gid(withAgents), text: 'hi' } },
      readKey,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(MessageSendDocument, {
      input: { conversationId: gid(withAgents), text: 'hi' },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const other = await createTestWorkspace(deps);
    const foreign = await createConversation(deps, other.channel, { assigneeId: other.agentA.agent.id });
    const notFound = await t.gql(
      MessageSendDocument,
      { input: { conversationId: gid(foreign), text: 'hi' } },
      w.admin.token,
    );
    expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('marks the suggestion used, as is or edited; a suggestion of another conversation is refused', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const other = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const suggestions = deps.dataSource.getRepository(Suggestion);
    const [first, second, foreign] = await suggestions.save(
      [conversation, conversation, other].map((c, rank) =>
        suggestions.create({
          workspaceId: w.workspace.id,
          conversationId: c.id,
          batch: 1,
          rank: rank + 1,
          text: `Suggested reply ${rank + 1}`,
        }),
      ),
    );
    const sgid = (s: Suggestion) => toGlobalId('Suggestion', s.id);

    expect(
      (await send(conversation, w.agentA.token, { text: first!.text, suggestionId: sgid(first!) }))
        .userErrors,
    ).toEqual([]);
    expect(
      (await send(conversation, w.agentA.token, { text: `${second!.text}!`, suggestionId: sgid(second!) }))
        .userErrors,
    ).toEqual([]);
    expect(await suggestions.findOneByOrFail({ id: first!.id })).toMatchObject({
      usedAt: NOW,
      usedAsIs: true,
    });
    expect(await suggestions.findOneByOrFail({ id: second!.id })).toMatchObject({
      usedAt: NOW,
      usedAsIs: false,
    });

    const refused = await send(conversation, w.agentA.token, { suggestionId: sgid(foreign!) });
    expect(refused.userErrors).toMatchObject([
      { code: 'SUGGESTION_NOT_FOUND', field: ['input', 'suggestionId'] },
    ]);
    expect((await suggestions.findOneByOrFail({ id: foreign!.id })).usedAt).toBeNull();
    const stored = await messagesOf(conversation);
    expect(stored.filter((message) => message.suggestionId === first!.id)).toHaveLength(1);
  });

  it('an idempotency key replays the first message; the same key with another text is refused', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const input = { text: 'Once only', idempotencyKey: 'k-1' };
    const [a, b] = await Promise.all([
      send(conversation, w.agentA.token, input),
      send(conversation, w.agentA.token, input),
    ]);
    expect(a.userErrors).toEqual([]);
    expect(b.userErrors).toEqual([]);
    expect(a.message!.id).toBe(b.message!.id);
    const again = await send(conversation, w.agentA.token, input);
    expect(again.message!.id).toBe(a.message!.id);
    expect((await messagesOf(conversation)).filter((message) => message.text === 'Once only')).toHaveLength(
      1,
    );
    const stored = (await messagesOf(conversation)).find((message) => message.text === 'Once only')!;
    expect(toGlobalId('Message', stored.id)).toBe(a.message!.id);
    expect(await enqueuedJobs(deps, JobName.MESSAGE_SEND, { messageId: stored.id })).toHaveLength(1);

    const reused = await send(conversation, w.agentA.token, {
      text: 'Something else',
      idempotencyKey: 'k-1',
    });
    expect(reused.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'idempotencyKey'] }]);
    // Another caller's key space is its own.
    expect((await send(conversation, w.admin.token, input)).message!.id).not.toBe(a.message!.id);
  });
});
