import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  FakeGraphApi,
  fakeWamid,
  instagramInboundTextWebhook,
  messengerInboundTextWebhook,
  whatsAppInboundTextWebhook,
} from '../../testing/fake-graph-api';
import {
  connectMetaChannel,
  type ConnectedMetaChannel,
} from '../../testing/fixtures/whatsapp-channel.fixture';
import { JobName } from '../../runtime/job-queue';

const APP_SECRET = 'receipts-app-secret';
const ACCESS_TOKEN = 'EAAG-receipts-token';
const NOW = new Date('2026-04-02T10:00:00Z');
const MINUTE = 60_000;

const CONVERSATIONS = `query { conversations(first: 5) { nodes { id } } }`;
const UNREAD = `query($id: ID!) { conversation(id: $id) { unreadCount awaitingReplyCount } }`;
const MESSAGES = `query($id: ID!) { conversation(id: $id) { messages(first: 50) { nodes {
  id direction text externalId replyToExternalId replyTo { id text } } } } }`;
const MARK_READ = `mutation($input: ConversationMarkReadInput!) {
  conversationMarkRead(input: $input) { conversation { id unreadCount } userErrors { code message field } } }`;
const TYPING = `mutation($input: ConversationTypingInput!) {
  conversationTyping(input: $input) { conversation { id } userErrors { code message field } } }`;
const SETTINGS = `mutation($input: SettingsUpdateInput!) {
  settingsUpdate(input: $input) { settings { readReceipts } userErrors { code message } } }`;
const SEND = `mutation($input: MessageSendInput!) {
  messageSend(input: $input) { message { id } userErrors { code message field } } }`;
const REACT = `mutation($input: MessageReactInput!) {
  messageReact(input: $input) { message { id reactions { emoji actor } } userErrors { code message field } } }`;

type Node = {
  id: string;
  direction: string;
  text: string;
  externalId: string | null;
  replyToExternalId: string | null;
  replyTo: { id: string; text: string } | null;
};

/**
 * Read receipts, typing, quoted replies and our reactions over HTTP, against the fake Graph API:
 * which provider calls each readReceipts setting makes, with Meta's documented bodies.
 */
describe('read receipts, typing and replies (end to end)', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  // No bot: new conversations wait in the queue, where both agents may read them.
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  let graph: FakeGraphApi;

  beforeAll(async () => {
    graph = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
    await graph.start();
  });
  afterAll(() => graph.stop());
  beforeEach(() => graph.reset());

  async function gql<T>(
    query: string,
    variables: Record<string, unknown>,
    token = w.admin.token,
  ): Promise<T> {
    const result = await t.gql(query, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  const connect = (kind: 'WHATSAPP' | 'MESSENGER' | 'INSTAGRAM') =>
    connectMetaChannel(t, w.admin.token, kind, {
      graphUrl: graph.url,
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      wabaId: 'waba-receipts',
    });

  async function deliver(account: ConnectedMetaChannel, body: unknown) {
    expect(await account.post(body)).toBe(200);
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
  }

  /** The one conversation the test has not looked at yet. */
  const seen = new Set<string>();
  async function conversationId(): Promise<string> {
    const list = await gql<{ conversations: { nodes: { id: string }[] } }>(CONVERSATIONS, {});
    const fresh = list.conversations.nodes.filter((node) => !seen.has(node.id));
    expect(fresh).toHaveLength(1);
    seen.add(fresh[0]!.id);
    return fresh[0]!.id;
  }

  const messages = async (id: string) =>
    (await gql<{ conversation: { messages: { nodes: Node[] } } }>(MESSAGES, { id })).conversation.messages
      .nodes;

  const unread = async (id: string, token: string) =>
    (await gql<{ conversation: { unreadCount: number; awaitingReplyCount: number } }>(UNREAD, { id }, token))
      .conversation;

  /** What reached the Graph API's /messages since the last look, and forgets it. */
  function sentBodies(): unknown[] {
    const bodies = graph.requestsTo(/\/messages$/).map((request) => request.body);
    graph.reset();
    return bodies;
  }

  async function setReadReceipts(value: 'MANUAL' | 'ON_REPLY' | 'OFF') {
    const result = await gql<{ settingsUpdate: { userErrors: unknown[] } }>(SETTINGS, {
      input: { readReceipts: value },
    });
    expect(result.settingsUpdate.userErrors).toEqual([]);
  }

  async function markRead(id: string, token: string, typing?: boolean) {
    const result = await gql<{
      conversationMarkRead: { conversation: { unreadCount: number }; userErrors: { code: string }[] };
    }>(MARK_READ, { input: { conversationId: id, ...(typing === undefined ? {} : { typing }) } }, token);
    await t.app.deps.jobs.drain(JobName.READ_RECEIPT);
    return result.conversationMarkRead;
  }

  async function typing(id: string, token: string) {
    const result = await gql<{ conversationTyping: { userErrors: { code: string; field: string[] }[] } }>(
      TYPING,
      { input: { conversationId: id } },
      token,
    );
    await t.app.deps.jobs.drain(JobName.READ_RECEIPT);
    return result.conversationTyping.userErrors;
  }

  async function send(input: Record<string, unknown>, token: string) {
    const result = await gql<{ messageSend: { message: { id: string }; userErrors: unknown[] } }>(
      SEND,
      { input },
      token,
    );
    expect(result.messageSend.userErrors).toEqual([]);
    await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
    await t.app.deps.jobs.drain(JobName.READ_RECEIPT);
    return result.messageSend.message.id;
  }

  it('WhatsApp: MANUAL tells the customer on conversationMarkRead, ON_REPLY on the reply, OFF never; unreadCount is each agent’s own', async () => {
    const account = await connect('WHATSAPP');
    const phone = '5215599990001';
    // Each customer message comes a minute after whatever happened before it.
    const customer = (text: string) => {
      t.clock.advance(MINUTE);
      const id = fakeWamid();
      return deliver(
        account,
        whatsAppInboundTextWebhook({
          phoneNumberId: account.externalId,
          from: phone,
          text,
          id,
          at: t.clock.now(),
        }),
      ).then(() => id);
    };
    await customer('Hola');
    const second = await customer('¿Siguen abiertos?');
    const id = await conversationId();
    expect(await unread(id, w.agentA.token)).toEqual({ unreadCount: 2, awaitingReplyCount: 2 });
    expect(await unread(id, w.agentB.token)).toEqual({ unreadCount: 2, awaitingReplyCount: 2 });

    // MANUAL (the default): agent A reads with a typing indicator; agent B has still read nothing.
    const read = await markRead(id, w.agentA.token, true);
    expect(read).toEqual({ conversation: { id, unreadCount: 0 }, userErrors: [] });
    expect(sentBodies()).toEqual([
      {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: second,
        typing_indicator: { type: 'text' },
      },
    ]);
    expect(await unread(id, w.agentA.token)).toEqual({ unreadCount: 0, awaitingReplyCount: 2 });
    expect(await unread(id, w.agentB.token)).toEqual({ unreadCount: 2, awaitingReplyCount: 2 });

    const third = await customer('Quiero pedir una pizza');
    expect(await unread(id, w.agentA.token)).toEqual({ unreadCount: 1, awaitingReplyCount: 3 });
    expect(await unread(id, w.agentB.token)).toEqual({ unreadCount: 3, awaitingReplyCount: 3 });
    await markRead(id, w.agentB.token);
    expect(sentBodies()).toEqual([{ messaging_product: 'whatsapp', status: 'read', message_id: third }]);
    expect(await unread(id, w.agentA.token)).toEqual({ unreadCount: 1, awaitingReplyCount: 3 });
    expect(await unread(id, w.agentB.token)).toEqual({ unreadCount: 0, awaitingReplyCount: 3 });
    // WhatsApp's typing indicator rides on a read receipt of the latest message.
    expect(await typing(id, w.agentA.token)).toEqual([]);
    expect(sentBodies()).toEqual([
      {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: third,
        typing_indicator: { type: 'text' },
      },
    ]);

    // ON_REPLY: reading tells the customer nothing; the reply does, right after the message.
    await setReadReceipts('ON_REPLY');
    const fourth = await customer('Una grande');
    expect((await markRead(id, w.agentA.token)).conversation.unreadCount).toBe(0);
    expect(sentBodies()).toEqual([]);
    await send({ conversationId: id, text: 'Enseguida' }, w.agentA.token);
    expect(sentBodies()).toEqual([
      expect.objectContaining({ to: phone, type: 'text', text: { preview_url: false, body: 'Enseguida' } }),
      { messaging_product: 'whatsapp', status: 'read', message_id: fourth },
    ]);
    // The reply took the conversation: agent A's now, out of agent B's sight.
    expect(await unread(id, w.agentA.token)).toEqual({ unreadCount: 0, awaitingReplyCount: 0 });
    expect(await unread(id, w.admin.token)).toEqual({ unreadCount: 4, awaitingReplyCount: 0 });

    // OFF: neither reading nor replying tells the customer, and WhatsApp typing is refused.
    await setReadReceipts('OFF');
    await customer('Gracias');
    expect((await markRead(id, w.agentA.token)).conversation.unreadCount).toBe(0);
    expect(await typing(id, w.agentA.token)).toMatchObject([
      { code: 'NOT_SUPPORTED_BY_CHANNEL', field: ['input', 'typing'] },
    ]);
    const refused = await markRead(id, w.admin.token, true);
    expect(refused.userErrors).toMatchObject([{ code: 'NOT_SUPPORTED_BY_CHANNEL' }]);
    await send({ conversationId: id, text: 'A ti' }, w.agentA.token);
    expect(sentBodies()).toEqual([
      expect.objectContaining({ type: 'text', text: { preview_url: false, body: 'A ti' } }),
    ]);
  });

  it('Messenger and Instagram: mark_seen then typing_on, typing_on alone, and with OFF typing only', async () => {
    for (const kind of ['MESSENGER', 'INSTAGRAM'] as const) {
      const account = await connect(kind);
      const senderId = `69${Date.now()}`;
      const webhook = kind === 'MESSENGER' ? messengerInboundTextWebhook : instagramInboundTextWebhook;
      await deliver(
        account,
        webhook({ accountId: account.externalId, senderId, text: 'Hi', at: t.clock.now() }),
      );
      const id = await conversationId();
      const recipient = { id: senderId };

      await setReadReceipts('MANUAL');
      expect((await markRead(id, w.agentA.token, true)).conversation.unreadCount).toBe(0);
      expect(sentBodies()).toEqual([
        { recipient, sender_action: 'mark_seen' },
        { recipient, sender_action: 'typing_on' },
      ]);
      expect(await typing(id, w.agentA.token)).toEqual([]);
      expect(sentBodies()).toEqual([{ recipient, sender_action: 'typing_on' }]);
      expect(await unread(id, w.agentB.token)).toMatchObject({ unreadCount: 1 });

      await setReadReceipts('OFF');
      await markRead(id, w.agentB.token, true);
      expect(sentBodies()).toEqual([{ recipient, sender_action: 'typing_on' }]);
      expect(await unread(id, w.agentB.token)).toMatchObject({ unreadCount: 0 });
    }
  });

  it('WhatsApp replies: the customer’s context.id links replyTo to our message; replyToMessageId goes out as context.message_id', async () => {
    const account = await connect('WHATSAPP');
    const phone = '5215599990002';
    const question = fakeWamid();
    await deliver(
      account,
      whatsAppInboundTextWebhook({
        phoneNumberId: account.externalId,
        from: phone,
        text: '¿Precio?',
        id: question,
        at: t.clock.now(),
      }),
    );
    const id = await conversationId();
    const [asked] = await messages(id);

    const ours = await send(
      { conversationId: id, text: '20 €', replyToMessageId: asked!.id },
      w.agentA.token,
    );
    expect(sentBodies()).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: phone,
        type: 'text',
        text: { preview_url: false, body: '20 €' },
        context: { message_id: question },
      },
    ]);
    const oursStored = (await messages(id)).find((node) => node.id === ours)!;
    expect(oursStored.replyTo).toEqual({ id: asked!.id, text: '¿Precio?' });

    // The customer quotes our answer, then a message this inbox never had.
    await deliver(
      account,
      whatsAppInboundTextWebhook({
        phoneNumberId: account.externalId,
        from: phone,
        text: 'Vale',
        replyToId: oursStored.externalId!,
        at: new Date(t.clock.now().getTime() + 1000),
      }),
    );
    const unknown = fakeWamid();
    await deliver(
      account,
      whatsAppInboundTextWebhook({
        phoneNumberId: account.externalId,
        from: phone,
        text: '¿Y esto?',
        replyToId: unknown,
        at: new Date(t.clock.now().getTime() + 2000),
      }),
    );
    const replies = (await messages(id)).filter(
      (node) => node.direction === 'INBOUND' && node.replyToExternalId,
    );
    expect(
      replies.map(({ text, replyTo, replyToExternalId }) => ({ text, replyTo, replyToExternalId })),
    ).toEqual([
      { text: 'Vale', replyTo: { id: ours, text: '20 €' }, replyToExternalId: oursStored.externalId },
      { text: '¿Y esto?', replyTo: null, replyToExternalId: unknown },
    ]);
  });

  it('Messenger: reply_to.mid links replyTo, our quote goes out as reply_to.message_id, and a reaction is refused before any call; Instagram reacts and unreacts', async () => {
    const messenger = await connect('MESSENGER');
    const senderId = `68${Date.now()}`;
    const customerMid = `m_${Date.now()}`;
    await deliver(
      messenger,
      messengerInboundTextWebhook({
        accountId: messenger.externalId,
        senderId,
        text: 'Hola',
        mid: customerMid,
        at: t.clock.now(),
      }),
    );
    const id = await conversationId();
    const [hello] = await messages(id);
    const ours = await send(
      { conversationId: id, text: '¿En qué ayudo?', replyToMessageId: hello!.id },
      w.agentA.token,
    );
    expect(sentBodies()).toEqual([
      {
        recipient: { id: senderId },
        messaging_type: 'RESPONSE',
        reply_to: { message_id: customerMid },
        message: { text: '¿En qué ayudo?', metadata: expect.any(String) },
      },
    ]);
    const oursStored = (await messages(id)).find((node) => node.id === ours)!;
    await deliver(
      messenger,
      messengerInboundTextWebhook({
        accountId: messenger.externalId,
        senderId,
        text: 'Con un pedido',
        replyToMid: oursStored.externalId!,
        at: new Date(t.clock.now().getTime() + 1000),
      }),
    );
    expect((await messages(id))[2]).toMatchObject({ text: 'Con un pedido', replyTo: { id: ours } });

    const messengerReact = await gql<{ messageReact: { message: unknown; userErrors: { code: string }[] } }>(
      REACT,
      { input: { messageId: hello!.id, emoji: '👍' } },
      w.agentA.token,
    );
    expect(messengerReact.messageReact.userErrors).toMatchObject([{ code: 'NOT_SUPPORTED_BY_CHANNEL' }]);
    expect(sentBodies()).toEqual([]);

    const instagram = await connect('INSTAGRAM');
    const igSender = `67${Date.now()}`;
    const igMid = `aWdfZAG1faXRlbToxOkl${Date.now()}`;
    await deliver(
      instagram,
      instagramInboundTextWebhook({
        accountId: instagram.externalId,
        senderId: igSender,
        text: 'Me encanta',
        mid: igMid,
        at: t.clock.now(),
      }),
    );
    const igConversation = await conversationId();
    const [loved] = await messages(igConversation);
    const reacted = await gql<{ messageReact: { message: { reactions: unknown[] }; userErrors: unknown[] } }>(
      REACT,
      { input: { messageId: loved!.id, emoji: '❤️' } },
      w.agentA.token,
    );
    expect(reacted.messageReact).toMatchObject({
      userErrors: [],
      message: { reactions: [{ emoji: '❤️', actor: 'AGENT' }] },
    });
    const removed = await gql<{ messageReact: { message: { reactions: unknown[] } } }>(
      REACT,
      { input: { messageId: loved!.id, emoji: null } },
      w.agentA.token,
    );
    expect(removed.messageReact.message.reactions).toEqual([]);
    expect(sentBodies()).toEqual([
      { recipient: { id: igSender }, sender_action: 'react', payload: { message_id: igMid, reaction: '❤️' } },
      { recipient: { id: igSender }, sender_action: 'unreact', payload: { message_id: igMid } },
    ]);
  });
});
