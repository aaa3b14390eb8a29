import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  FakeGraphApi,
  fakeWamid,
  metaJson,
  signBody,
  whatsAppInboundTextWebhook,
} from '../../testing/fake-graph-api';
import { JobName } from '../../runtime/job-queue';
import { toGlobalId } from '../../entities/global-id';
import { Template } from '../../entities/template.entity';
import { Campaign, CampaignStatus } from '../../entities/campaign.entity';
import { CampaignRecipient, RecipientStage } from '../../entities/campaign-recipient.entity';
import { TemplateCategory, TemplateStatus } from '../../entities/enums';

const APP_SECRET = 'wa-app-secret-reactions';
const ACCESS_TOKEN = 'EAAG-reactions-token';
const NOW = new Date('2026-03-10T12:00:00Z');
const MINUTE = 60_000;

const CONNECT = `mutation($input: ChannelConnectInput!) {
  channelConnect(input: $input) { channelAccount { id externalId webhookPath } userErrors { code message } } }`;
const CONVERSATION = `query($id: ID!) { conversation(id: $id) {
  id unreadCount awaitingReplyCount lastInboundAt windowExpiresAt lastActivityAt waitingSince trays { classic v2 }
  lastMessage { id } } }`;
const FIRST_CONVERSATION = `query { conversations(first: 5) { nodes { id } } }`;
const MESSAGE = `query($id: ID!) { node(id: $id) { ... on Message { id text externalId
  reactions { emoji actor reactedAt agent { id } } replyTo { id text } senderAgent { id } } } }`;
const MESSAGES = `query($id: ID!) { conversation(id: $id) { messages(first: 50) { nodes { id type text externalId } } } }`;
const SEND = `mutation($input: MessageSendInput!) {
  messageSend(input: $input) { message { id status } userErrors { code message field } } }`;
const REACT = `mutation($input: MessageReactInput!) {
  messageReact(input: $input) { message { id reactions { emoji actor agent { id } } } userErrors { code message field } } }`;
const TRAY = `query($kind: TrayKind!, $view: TrayView) { tray(kind: $kind, view: $view) { count conversations(first: 50) { nodes { id } } } }`;

/**
 * Reactions over HTTP: the customer's arrive by signed webhook and attach to the message they
 * react to, changing nothing else; ours go out as the documented Graph API bodies.
 */
describe('reactions (WhatsApp, end to end)', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  let graph: FakeGraphApi;
  let account: { id: string; externalId: string; webhookPath: string };
  const phone = '5215512340000';

  beforeAll(async () => {
    graph = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
    await graph.start();
  });
  afterAll(() => graph.stop());

  beforeEach(async () => {
    graph.reset();
    const connected = await t.gql(
      CONNECT,
      {
        input: {
          kind: 'WHATSAPP',
          name: 'Ventas',
          externalId: `pn${Date.now()}${Math.floor(Math.random() * 1000)}`,
          accessToken: ACCESS_TOKEN,
          appSecret: APP_SECRET,
          verifyToken: 'verify',
          wabaId: 'waba-1',
          apiBaseUrl: graph.url,
        },
      },
      w.admin.token,
    );
    expect(connected.errors).toBeUndefined();
    account = (connected.data as { channelConnect: { channelAccount: typeof account } }).channelConnect
      .channelAccount;
  });

  const localId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

  async function postWebhook(body: unknown) {
    const raw = metaJson(body);
    const response = await t
      .http()
      .post(account.webhookPath)
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody(APP_SECRET, raw))
      .send(raw.toString('utf8'));
    expect(response.status).toBe(200);
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
  }

  function reactionWebhook(targetId: string, emoji: string | null, at: Date) {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba-1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550101234', phone_number_id: account.externalId },
                contacts: [{ profile: { name: 'Lucía' }, wa_id: phone }],
                messages: [
                  {
                    from: phone,
                    id: fakeWamid(),
                    timestamp: String(Math.floor(at.getTime() / 1000)),
                    type: 'reaction',
                    // WhatsApp leaves the emoji out (or empty) when the reaction is removed.
                    reaction: emoji === null ? { message_id: targetId } : { message_id: targetId, emoji },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
  }

  async function gql<T>(
    query: string,
    variables: Record<string, unknown>,
    token = w.admin.token,
  ): Promise<T> {
    const result = await t.gql(query, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  /** The customer writes, agent A answers (SENT with a wamid): the conversation and both messages. */
  async function conversationWithReply() {
    const inboundId = fakeWamid();
    await postWebhook(
      whatsAppInboundTextWebhook({
        phoneNumberId: account.externalId,
        from: phone,
        text: '¿Tienen talla M?',
        id: inboundId,
        at: new Date(NOW.getTime() - 10 * MINUTE),
      }),
    );
    const list = await gql<{ conversations: { nodes: { id: string }[] } }>(FIRST_CONVERSATION, {});
    const conversationId = list.conversations.nodes[0]!.id;
    const sent = await gql<{ messageSend: { message: { id: string } } }>(
      SEND,
      { input: { conversationId, text: 'Sí, en azul y negro.' } },
      w.agentA.token,
    );
    await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
    const replyId = sent.messageSend.message.id;
    const reply = await gql<{ node: { externalId: string } }>(MESSAGE, { id: replyId });
    return { conversationId, replyId, replyExternalId: reply.node.externalId, inboundId };
  }

  /** A campaign recipient of this conversation whose template went out and awaits an answer. */
  async function dispatchedRecipient(conversationId: string, messageId: string) {
    const manager = deps.dataSource.manager;
    const conversation = (await manager.query(`SELECT customer_id FROM conversation WHERE id = $1`, [
      localId(conversationId),
    ])) as { customer_id: string }[];
    const template = await manager.save(
      manager.create(Template, {
        workspaceId: w.workspace.id,
        channelAccountId: localId(account.id),
        name: 'promo',
        language: 'es',
        category: TemplateCategory.MARKETING,
        status: TemplateStatus.APPROVED,
        components: [],
      }),
    );
    const campaign = await manager.save(
      manager.create(Campaign, {
        workspaceId: w.workspace.id,
        name: 'Primavera',
        status: CampaignStatus.RUNNING,
        channelAccountId: localId(account.id),
        templateId: template.id,
      }),
    );
    return manager.save(
      manager.create(CampaignRecipient, {
        workspaceId: w.workspace.id,
        campaignId: campaign.id,
        customerId: conversation[0]!.customer_id,
        conversationId: localId(conversationId),
        messageId: localId(messageId),
        stage: RecipientStage.DISPATCHED,
      }),
    );
  }

  async function state(conversationId: string, recipientId: string) {
    const [admin, agent] = await Promise.all([
      gql<{ conversation: Record<string, unknown> }>(CONVERSATION, { id: conversationId }),
      gql<{ conversation: Record<string, unknown> }>(CONVERSATION, { id: conversationId }, w.agentA.token),
    ]);
    const trays = await Promise.all(
      (
        [
          ['NEW', 'CLASSIC'],
          ['ACTIVE', 'CLASSIC'],
          ['ACTIVE', 'V2'],
          ['EXPIRED', 'V2'],
          ['OUTGOING', 'V2'],
        ] as const
      ).map(([kind, view]) => gql<{ tray: unknown }>(TRAY, { kind, view })),
    );
    const [recipient] = (await deps.dataSource.query(
      `SELECT stage, replied_at FROM campaign_recipient WHERE id = $1`,
      [recipientId],
    )) as { stage: string; replied_at: Date | null }[];
    const [counts] = (await deps.dataSource.query(
      `SELECT count(*) FILTER (WHERE type = 'MESSAGE_ADDED')::int AS added,
              count(*) FILTER (WHERE type = 'TRAY_CHANGED')::int AS moves
         FROM event_log WHERE conversation_id = $1`,
      [localId(conversationId)],
    )) as { added: number; moves: number }[];
    return { admin: admin.conversation, agent: agent.conversation, trays, recipient, counts };
  }

  it('a reaction and its removal leave unreadCount, awaitingReplyCount, the trays, the window and a campaign recipient unchanged, and show on the target message', async () => {
    const { conversationId, replyId, replyExternalId } = await conversationWithReply();
    const recipient = await dispatchedRecipient(conversationId, replyId);
    const before = await state(conversationId, recipient.id);
    expect(before.admin).toMatchObject({
      unreadCount: 1,
      awaitingReplyCount: 0,
      trays: { classic: 'ACTIVE' },
    });
    // Agent A answered, so they have read the question.
    expect(before.agent).toMatchObject({ unreadCount: 0 });
    expect(before.recipient).toEqual({ stage: 'DISPATCHED', replied_at: null });

    // The customer reacts an hour later (a message then would renew the window and mark the recipient).
    t.clock.advance(60 * MINUTE);
    await postWebhook(reactionWebhook(replyExternalId, '👍', t.clock.now()));
    const reacted = await gql<{ node: { reactions: unknown[] } }>(MESSAGE, { id: replyId });
    expect(reacted.node.reactions).toEqual([
      { emoji: '👍', actor: 'CUSTOMER', reactedAt: t.clock.now().toISOString(), agent: null },
    ]);
    expect(await state(conversationId, recipient.id)).toEqual(before);
    // Not a message of the timeline either.
    const messages = await gql<{ conversation: { messages: { nodes: { type: string }[] } } }>(MESSAGES, {
      id: conversationId,
    });
    expect(messages.conversation.messages.nodes.map((node) => node.type)).toEqual(['TEXT', 'TEXT']);

    // A redelivery of the same webhook body changes nothing; the removal takes the emoji away.
    t.clock.advance(30 * MINUTE);
    await postWebhook(reactionWebhook(replyExternalId, null, t.clock.now()));
    const removed = await gql<{ node: { reactions: unknown[] } }>(MESSAGE, { id: replyId });
    expect(removed.node.reactions).toEqual([]);
    expect(await state(conversationId, recipient.id)).toEqual(before);

    // An older reaction delivered late does not come back.
    await postWebhook(
      reactionWebhook(replyExternalId, '❤️', new Date(t.clock.now().getTime() - 10 * MINUTE)),
    );
    expect((await gql<{ node: { reactions: unknown[] } }>(MESSAGE, { id: replyId })).node.reactions).toEqual(
      [],
    );

    const events = (await deps.dataSource.query(
      `SELECT payload FROM event_log WHERE conversation_id = $1 AND type = 'MESSAGE_REACTION' ORDER BY seq`,
      [localId(conversationId)],
    )) as { payload: Record<string, unknown> }[];
    expect(events.map((event) => event.payload)).toEqual([
      expect.objectContaining({
        messageId: localId(replyId),
        emoji: '👍',
        actor: 'CUSTOMER',
        removed: false,
      }),
      expect.objectContaining({ messageId: localId(replyId), emoji: null, removed: true }),
    ]);
  });

  it('a reaction to a message not received yet is kept and shows once the message arrives', async () => {
    const { conversationId } = await conversationWithReply();
    const lateId = fakeWamid();
    await postWebhook(reactionWebhook(lateId, '😂', new Date(NOW.getTime() - MINUTE)));
    const stored = (await deps.dataSource.query(
      `SELECT emoji FROM message_reaction WHERE target_external_id = $1`,
      [lateId],
    )) as { emoji: string }[];
    expect(stored).toEqual([{ emoji: '😂' }]);

    await postWebhook(
      whatsAppInboundTextWebhook({
        phoneNumberId: account.externalId,
        from: phone,
        text: 'jajaja mira esto',
        id: lateId,
        at: new Date(NOW.getTime() - 2 * MINUTE),
      }),
    );
    const messages = await gql<{
      conversation: { messages: { nodes: { id: string; externalId: string }[] } };
    }>(MESSAGES, { id: conversationId });
    const late = messages.conversation.messages.nodes.find((node) => node.externalId === lateId)!;
    const shown = await gql<{ node: { reactions: { emoji: string }[] } }>(MESSAGE, { id: late.id });
    expect(shown.node.reactions).toMatchObject([{ emoji: '😂', actor: 'CUSTOMER' }]);
  });

  it('messageReact sends the documented reaction body, shows our reaction with its agent, and removes it with an empty emoji', async () => {
    const { inboundId, conversationId } = await conversationWithReply();
    const messages = await gql<{
      conversation: { messages: { nodes: { id: string; externalId: string }[] } };
    }>(MESSAGES, { id: conversationId });
    const question = messages.conversation.messages.nodes.find((node) => node.externalId === inboundId)!;
    graph.reset();

    const reacted = await gql<{ messageReact: { message: { reactions: unknown[] }; userErrors: unknown[] } }>(
      REACT,
      { input: { messageId: question.id, emoji: '🙏' } },
      w.agentA.token,
    );
    expect(reacted.messageReact.userErrors).toEqual([]);
    expect(reacted.messageReact.message.reactions).toEqual([
      { emoji: '🙏', actor: 'AGENT', agent: { id: toGlobalId('Agent', w.agentA.agent.id) } },
    ]);
    const removed = await gql<{ messageReact: { message: { reactions: unknown[] }; userErrors: unknown[] } }>(
      REACT,
      { input: { messageId: question.id, emoji: '' } },
      w.agentA.token,
    );
    expect(removed.messageReact.message.reactions).toEqual([]);
    expect(graph.requestsTo('/messages').map((request) => request.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: phone,
        type: 'reaction',
        reaction: { message_id: inboundId, emoji: '🙏' },
      },
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: phone,
        type: 'reaction',
        reaction: { message_id: inboundId, emoji: '' },
      },
    ]);

    // Not an emoji, or an agent who may not act on the conversation: refused before any call.
    graph.reset();
    const notEmoji = await gql<{ messageReact: { userErrors: { code: string; field: string[] }[] } }>(
      REACT,
      { input: { messageId: question.id, emoji: 'ok' } },
      w.agentA.token,
    );
    expect(notEmoji.messageReact.userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'emoji'] },
    ]);
    const other = await t.gql(REACT, { input: { messageId: question.id, emoji: '👍' } }, w.agentB.token);
    // Agent B cannot read agent A's conversation: its messages do not exist for them.
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(graph.requestsTo('/messages')).toEqual([]);

    // Outside the customer window a reaction is refused like free text.
    t.clock.advance(25 * 60 * MINUTE);
    const late = await gql<{ messageReact: { userErrors: { code: string }[] } }>(
      REACT,
      { input: { messageId: question.id, emoji: '👍' } },
      w.agentA.token,
    );
    expect(late.messageReact.userErrors).toMatchObject([{ code: 'WINDOW_CLOSED' }]);
    expect(graph.requestsTo('/messages')).toEqual([]);
  });
});
