import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { FakeGraphApi, metaJson, messengerInboundTextWebhook, signBody } from '../testing/fake-graph-api';
import { JobName } from '../runtime/job-queue';

const APP_SECRET = 'page-app-secret';
const TOKEN = 'EAAB-page-token';

const CONNECT = `mutation($input: ChannelConnectInput!) {
  channelConnect(input: $input) { channelAccount { id externalId webhookPath } userErrors { code message } }
}`;
const SEND = `mutation($input: MessageSendInput!) { messageSend(input: $input) { message { id } userErrors { code message } } }`;
const MESSAGES = `query($id: ID!) { conversation(id: $id) { messages(first: 20) { nodes { id direction status text externalId readAt } } } }`;

describe('Messenger end to end, and template sync', () => {
  const t = useTestApp();
  const w = useWorkspace(t, { scope: 'suite', settings: { botEnabled: false } });
  let graph: FakeGraphApi;
  let graphUrl: string;

  beforeAll(async () => {
    graph = new FakeGraphApi({ accessTokens: [TOKEN] });
    graphUrl = await graph.start();
  });
  afterAll(() => graph.stop());

  async function connect(kind: 'MESSENGER' | 'WHATSAPP', extra: Record<string, unknown> = {}) {
    const result = await t.gql(
      CONNECT,
      {
        input: {
          kind,
          name: kind,
          externalId: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
          accessToken: TOKEN,
          appSecret: APP_SECRET,
          verifyToken: 'v',
          apiBaseUrl: graphUrl,
          ...extra,
        },
      },
      w.admin.token,
    );
    return (result.data as any).channelConnect.channelAccount as {
      id: string;
      externalId: string;
      webhookPath: string;
    };
  }

  async function post(path: string, body: unknown) {
    const raw = metaJson(body);
    const response = await t
      .http()
      .post(path)
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody(APP_SECRET, raw))
      .send(raw.toString('utf8'));
    expect(response.status).toBe(200);
  }

  it('inbound → reply with the documented body → our echo is not stored twice → delivery and read watermarks', async () => {
    const page = await connect('MESSENGER');
    const psid = `${Date.now()}`;
    await post(
      page.webhookPath,
      messengerInboundTextWebhook({ accountId: page.externalId, senderId: psid, text: '¿Tienen talla M?' }),
    );
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
    const list = await t.gql(
      `{ conversations(first: 5, filter: { channel: MESSENGER }) { nodes { id } } }`,
      {},
      w.admin.token,
    );
    const conversationId = (list.data as any).conversations.nodes[0].id as string;

    const sent = await t.gql(
      SEND,
      { input: { conversationId, text: 'Sí, ¿te la reservo?' } },
      w.agentA.token,
    );
    const messageId = (sent.data as any).messageSend.message.id as string;
    await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
    const request = graph.requests.at(-1)!;
    expect(request.path).toBe(`/${t.config.graphApiVersion}/${page.externalId}/messages`);
    expect(request.body).toMatchObject({
      recipient: { id: psid },
      messaging_type: 'RESPONSE',
      message: { text: 'Sí, ¿te la reservo?' },
    });

    let messages = ((await t.gql(MESSAGES, { id: conversationId }, w.admin.token)).data as any).conversation
      .messages.nodes;
    const ours = messages.find((message: any) => message.id === messageId);
    expect(ours.status).toBe('SENT');

    // Meta echoes the page's own send back: matched to our message, not stored again.
    const echo = {
      object: 'page',
      entry: [
        {
          id: page.externalId,
          time: Date.now(),
          messaging: [
            {
              sender: { id: page.externalId },
              recipient: { id: psid },
              timestamp: Date.now(),
              message: {
                mid: ours.externalId,
                is_echo: true,
                metadata: (request.body as any).message.metadata,
                text: 'Sí, ¿te la reservo?',
              },
            },
          ],
        },
      ],
    };
    await post(page.webhookPath, echo);
    const watermark = Date.now() + 5_000;
    const receipt = (kind: 'delivery' | 'read') => ({
      object: 'page',
      entry: [
        {
          id: page.externalId,
          time: Date.now(),
          messaging: [
            {
              sender: { id: psid },
              recipient: { id: page.externalId },
              timestamp: Date.now(),
              [kind]: { watermark },
            },
          ],
        },
      ],
    });
    const beforeRead = Date.now();
    await post(page.webhookPath, receipt('read'));
    await post(page.webhookPath, receipt('delivery'));
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);

    messages = ((await t.gql(MESSAGES, { id: conversationId }, w.admin.token)).data as any).conversation
      .messages.nodes;
    expect(messages.filter((message: any) => message.direction === 'OUTBOUND')).toHaveLength(1);
    const read = messages.find((message: any) => message.id === messageId);
    expect(read.status).toBe('READ');
    // readAt is the read receipt's own time, kept when the late delivery receipt arrives.
    expect(new Date(read.readAt).getTime()).toBeGreaterThanOrEqual(beforeRead);
  });

  it('templatesSync pulls every page of the WhatsApp templates and maps their review status', async () => {
    const account = await connect('WHATSAPP', { wabaId: `waba-${Date.now()}` });
    const wabaId = (
      (await t.gql(`{ channelAccounts { id wabaId } }`, {}, w.admin.token)).data as any
    ).channelAccounts.find((candidate: any) => candidate.id === account.id).wabaId as string;
    const statuses = ['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'IN_APPEAL'];
    graph.setTemplates(
      wabaId,
      Array.from({ length: 240 }, (_, index) => ({
        id: `tpl-${index}`,
        name: `plantilla_${index}`,
        language: 'es',
        status: statuses[index % statuses.length],
        category: 'UTILITY',
        parameter_format: 'POSITIONAL',
        components: [{ type: 'BODY', text: `Hola {{1}}, aviso ${index}` }],
      })),
    );
    const result = await t.gql(
      `mutation($input: TemplatesSyncInput!) { templatesSync(input: $input) { templates { name status } userErrors { code message } } }`,
      { input: { channelAccountId: account.id } },
      w.admin.token,
    );
    const templates = (result.data as any).templatesSync.templates as { name: string; status: string }[];
    expect((result.data as any).templatesSync.userErrors).toEqual([]);
    expect(templates).toHaveLength(240);
    expect(graph.requestsTo(/message_templates/).length).toBeGreaterThanOrEqual(3);
    expect(templates.find((template) => template.name === 'plantilla_5')!.status).toBe('PENDING');
    expect(templates.filter((template) => template.status === 'APPROVED')).toHaveLength(40);

    // A second sync updates rather than duplicates.
    await t.gql(
      `mutation($input: TemplatesSyncInput!) { templatesSync(input: $input) { templates { name } } }`,
      { input: { channelAccountId: account.id } },
      w.admin.token,
    );
    const approved = await t.gql(`{ templates(status: APPROVED) { name } }`, {}, w.admin.token);
    expect((approved.data as any).templates).toHaveLength(40);
  });
});
