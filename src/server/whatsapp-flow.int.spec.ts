import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import {
  FakeGraphApi,
  metaJson,
  signBody,
  whatsAppInboundTextWebhook,
  whatsAppStatusWebhook,
} from '../testing/fake-graph-api';
import { JobName } from '../runtime/job-queue';
import { InboundWebhook } from '../entities/inbound-webhook.entity';
import { Message } from '../entities/message.entity';
import { toGlobalId } from '../entities/global-id';

const APP_SECRET = 'wa-app-secret-ñandú';
const ACCESS_TOKEN = 'EAAG-test-token';
const VERIFY_TOKEN = 'verify-me';

const CONNECT = `mutation($input: ChannelConnectInput!) {
  channelConnect(input: $input) { channelAccount { id kind externalId webhookPath apiBaseUrl } userErrors { code message field } }
}`;
const CONVERSATIONS = `query { conversations(first: 10) { nodes { id handler status assignee { id } trays { classic v2 } windowOpen
  customer { id name phone } lastMessage { id text } } } }`;
const SEND = `mutation($input: MessageSendInput!) {
  messageSend(input: $input) { message { id status } userErrors { code message field } }
}`;
const MESSAGE = `query($id: ID!) { node(id: $id) { ... on Message { id status externalId error { code title detail providerCode retryable } } } }`;
const TEMPLATE_SEND = `mutation($input: TemplateSendInput!) {
  templateSend(input: $input) { message { id status text } conversation { id trays { v2 } } userErrors { code message field } }
}`;

describe('WhatsApp end to end', () => {
  const t = useTestApp();
  const deps = t.factories;
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  let graph: FakeGraphApi;
  let graphUrl: string;
  let account: { id: string; externalId: string; webhookPath: string };
  const customerPhone = '5215512345678';

  beforeAll(async () => {
    graph = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
    graphUrl = await graph.start();
  });
  afterAll(() => graph.stop());

  beforeEach(async () => {
    const connected = await t.gql(
      CONNECT,
      {
        input: {
          kind: 'WHATSAPP',
          name: 'Ventas',
          externalId: `pn${Date.now()}${Math.floor(Math.random() * 1000)}`,
          accessToken: ACCESS_TOKEN,
          appSecret: APP_SECRET,
          verifyToken: VERIFY_TOKEN,
          wabaId: 'waba-1',
          apiBaseUrl: graphUrl,
        },
      },
      w.admin.token,
    );
    expect(connected.errors).toBeUndefined();
    account = (connected.data as { channelConnect: { channelAccount: typeof account } }).channelConnect
      .channelAccount;
  });

  const localAccountId = () => Buffer.from(account.id, 'base64url').toString().split(':')[1]!;

  async function postWebhook(body: unknown, signature?: string | null) {
    const raw = metaJson(body);
    let call = t.http().post(account.webhookPath).set('content-type', 'application/json');
    if (signature !== null) call = call.set('x-hub-signature-256', signature ?? signBody(APP_SECRET, raw));
    // A string body goes out byte for byte (a Buffer would be re-serialised as JSON).
    return call.send(raw.toString('utf8'));
  }

  const drainWebhooks = () => t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
  const drainSends = () => t.app.deps.jobs.drain(JobName.MESSAGE_SEND);

  it('answers the verification handshake only with the verify token', async () => {
    const ok = await t
      .http()
      .get(account.webhookPath)
      .query({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('1158201444');
    const wrong = await t
      .http()
      .get(account.webhookPath)
      .query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': 'x' });
    expect(wrong.status).toBe(403);
  });

  it('refuses a missing or wrong signature (401) and an oversized body (413), storing nothing', async () => {
    const body = whatsAppInboundTextWebhook({
      phoneNumberId: account.externalId,
      from: customerPhone,
      text: 'hola',
    });
    expect((await postWebhook(body, null)).status).toBe(401);
    expect((await postWebhook(body, signBody('another-secret', metaJson(body)))).status).toBe(401);
    const huge = `{"pad":"${'a'.repeat(3_100_000)}"}`;
    const tooLarge = await t
      .http()
      .post(account.webhookPath)
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody(APP_SECRET, huge))
      .send(huge);
    expect(tooLarge.status).toBe(413);
    const stored = await deps.dataSource
      .getRepository(InboundWebhook)
      .count({ where: { channelAccountId: localAccountId() } });
    expect(stored).toBe(0);
  });

  it('inbound → tray → messageSend → the documented Graph API body → statuses → READ; 131047 → WINDOW_CLOSED → template → OUTGOING → reply → ACTIVE', async () => {
    const inbound = whatsAppInboundTextWebhook({
      phoneNumberId: account.externalId,
      from: customerPhone,
      name: 'Lucía Fernández',
      text: '¿Dónde está mi pedido? 📦',
    });
    // Meta retries and duplicates: three concurrent deliveries of the same body.
    const deliveries = await Promise.all([postWebhook(inbound), postWebhook(inbound), postWebhook(inbound)]);
    expect(deliveries.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await drainWebhooks()).toBe(3);

    let list = await t.gql(CONVERSATIONS, {}, w.admin.token);
    let [conversation] = (list.data as { conversations: { nodes: Record<string, any>[] } }).conversations
      .nodes;
    expect((list.data as { conversations: { nodes: unknown[] } }).conversations.nodes).toHaveLength(1);
    expect(conversation).toMatchObject({
      handler: 'AGENT',
      status: 'OPEN',
      assignee: null,
      trays: { classic: 'NEW', v2: null },
      windowOpen: true,
      customer: { name: 'Lucía Fernández', phone: `+${customerPhone}` },
      lastMessage: { text: '¿Dónde está mi pedido? 📦' },
    });
    expect(
      await deps.dataSource.getRepository(Message).count({ where: { channelAccountId: localAccountId() } }),
    ).toBe(1);

    // The agent answers: taking the queued conversation, and the Graph API gets the documented body.
    const sent = await t.gql(
      SEND,
      { input: { conversationId: conversation!.id, text: 'Hola Lucía, lo reviso 🙂' } },
      w.agentA.token,
    );
    expect((sent.data as any).messageSend.userErrors).toEqual([]);
    const messageId = (sent.data as any).messageSend.message.id as string;
    expect((sent.data as any).messageSend.message.status).toBe('QUEUED');
    expect(await drainSends()).toBe(1);
    const requests = graph.requestsTo((request) => request.path.endsWith(`/${account.externalId}/messages`));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(requests[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: customerPhone,
      type: 'text',
      text: { body: 'Hola Lucía, lo reviso 🙂', preview_url: false },
    });
    let message = (await t.gql(MESSAGE, { id: messageId }, w.agentA.token)).data as any;
    expect(message.node.status).toBe('SENT');
    const wamid = message.node.externalId as string;
    expect(wamid).toMatch(/^wamid\./);

    // Statuses out of order: read before delivered ends READ, and never goes back.
    for (const status of ['read', 'delivered', 'sent'] as const) {
      await postWebhook(
        whatsAppStatusWebhook({
          phoneNumberId: account.externalId,
          messageId: wamid,
          recipientId: customerPhone,
          status,
        }),
      );
    }
    await drainWebhooks();
    message = (await t.gql(MESSAGE, { id: messageId }, w.agentA.token)).data as any;
    expect(message.node.status).toBe('READ');

    list = await t.gql(CONVERSATIONS, {}, w.admin.token);
    [conversation] = (list.data as any).conversations.nodes;
    expect(conversation).toMatchObject({
      assignee: { id: toGlobalId('Agent', w.agentA.agent.id) },
      trays: { classic: 'ACTIVE', v2: 'ACTIVE' },
    });

    // The provider says the window has closed (131047): the message keeps WINDOW_CLOSED.
    graph.failNext(/\/messages$/, {
      status: 400,
      body: {
        error: {
          message: '(#131047) Re-engagement message',
          type: 'OAuthException',
          code: 131047,
          error_data: {
            messaging_product: 'whatsapp',
            details:
              'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
          fbtrace_id: 'AbCdEf',
        },
      },
    });
    const late = await t.gql(
      SEND,
      { input: { conversationId: conversation.id, text: '¿Sigues ahí?' } },
      w.agentA.token,
    );
    const lateId = (late.data as any).messageSend.message.id as string;
    await drainSends();
    message = (await t.gql(MESSAGE, { id: lateId }, w.agentA.token)).data as any;
    expect(message.node).toMatchObject({
      status: 'FAILED',
      error: { code: 'WINDOW_CLOSED', providerCode: '131047', retryable: false },
    });
    expect(message.node.error.detail).toMatch(/templateSend/);

    // Outside the window now: free text is refused before any provider call; a template goes out.
    t.clock.advance(25 * 60 * 60 * 1000);
    const before = graph.requests.length;
    const refused = await t.gql(
      SEND,
      { input: { conversationId: conversation.id, text: 'hola?' } },
      w.agentA.token,
    );
    expect((refused.data as any).messageSend.userErrors[0]).toMatchObject({ code: 'WINDOW_CLOSED' });
    expect((refused.data as any).messageSend.userErrors[0].message).toMatch(/templateSend/);
    expect(graph.requests.length).toBe(before);

    const created = await t.gql(
      `mutation($input: TemplateCreateInput!) { templateCreate(input: $input) { template { id status } userErrors { code } } }`,
      {
        input: {
          channelAccountId: account.id,
          name: 'seguimiento',
          language: 'es',
          category: 'UTILITY',
          body: 'Hola {{1}}, ¿te ayudamos con {{2}}?',
        },
      },
      w.admin.token,
    );
    const templateId = (created.data as any).templateCreate.template.id as string;
    const pending = await t.gql(
      TEMPLATE_SEND,
      {
        input: { templateId, conversationId: conversation.id, parameters: { body: ['Lucía', 'tu pedido'] } },
      },
      w.agentA.token,
    );
    expect((pending.data as any).templateSend.userErrors[0]).toMatchObject({ code: 'TEMPLATE_NOT_APPROVED' });
    await deps.dataSource.query(`UPDATE template SET status = 'APPROVED' WHERE name = 'seguimiento'`);
    const wrongCount = await t.gql(
      TEMPLATE_SEND,
      { input: { templateId, conversationId: conversation.id, parameters: { body: ['Lucía'] } } },
      w.agentA.token,
    );
    expect((wrongCount.data as any).templateSend.userErrors[0]).toMatchObject({
      code: 'TEMPLATE_PARAMETERS_INVALID',
    });
    const template = await t.gql(
      TEMPLATE_SEND,
      {
        input: { templateId, conversationId: conversation.id, parameters: { body: ['Lucía', 'tu pedido'] } },
      },
      w.agentA.token,
    );
    expect((template.data as any).templateSend).toMatchObject({
      userErrors: [],
      message: { status: 'QUEUED', text: 'Hola Lucía, ¿te ayudamos con tu pedido?' },
      conversation: { trays: { v2: 'OUTGOING' } },
    });
    await drainSends();
    const templateRequest = graph.requests.at(-1)!;
    expect(templateRequest.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: customerPhone,
      type: 'template',
      template: {
        name: 'seguimiento',
        language: { code: 'es' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía' },
              { type: 'text', text: 'tu pedido' },
            ],
          },
        ],
      },
    });

    // The customer answers: the window reopens and the conversation is ACTIVE again.
    await postWebhook(
      whatsAppInboundTextWebhook({
        phoneNumberId: account.externalId,
        from: customerPhone,
        text: 'Sí, gracias',
        at: t.clock.advance(5000),
      }),
    );
    await drainWebhooks();
    list = await t.gql(CONVERSATIONS, {}, w.admin.token);
    expect((list.data as any).conversations.nodes[0]).toMatchObject({
      trays: { v2: 'ACTIVE' },
      windowOpen: true,
    });
  });
});
