import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { FakeGraphApi, whatsAppInboundTextWebhook } from '../../testing/fake-graph-api';
import { connectWhatsApp, type ConnectedWhatsApp } from '../../testing/fixtures/whatsapp-channel.fixture';
import { JobName } from '../../runtime/job-queue';
import {
  AgentStatsDocument,
  ReportAttachmentDocument,
  ReportExportDocument,
} from '../../testing/generated/graphql';

const APP_SECRET = 'csat-app-secret';
const ACCESS_TOKEN = 'EAAG-csat-token';
const NOW = new Date('2026-05-04T15:00:00Z');

const CONVERSATIONS = `query { conversations(first: 10) { nodes { id status unreadCount trays { v2 }
  csat { sentAt score answeredAt comment commentedAt } messages(first: 10) { nodes { direction sender text } } } } }`;
const TAKE = `mutation($input: ConversationTakeInput!) { conversationTake(input: $input) { userErrors { code } } }`;
const SEND = `mutation($input: MessageSendInput!) { messageSend(input: $input) { userErrors { code } } }`;
const CLOSE = `mutation($input: ConversationCloseInput!) { conversationClose(input: $input) { conversation { status } userErrors { code message } } }`;

interface ConversationRow {
  id: string;
  status: string;
  unreadCount: number;
  trays: { v2: string | null };
  csat: {
    sentAt: string;
    score: number | null;
    answeredAt: string | null;
    comment: string | null;
    commentedAt: string | null;
  } | null;
  messages: { nodes: { direction: string; sender: string; text: string | null }[] };
}

describe('CSAT: the satisfaction survey after a close', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const w = useWorkspace(t, {
    settings: {
      botEnabled: false,
      csatEnabled: true,
      locale: 'es' as never,
      autoClosePositiveMinutes: 0,
      autoCloseNegativeMinutes: 0,
      autoCloseReturnToBot: false,
    },
  });
  let graph: FakeGraphApi;
  let graphUrl: string;
  let account: ConnectedWhatsApp;
  let phone = 5215510000000;

  beforeAll(async () => {
    graph = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
    graphUrl = await graph.start();
  });
  afterAll(() => graph.stop());

  beforeEach(async () => {
    account = await connectWhatsApp(t, w.admin.token, {
      graphUrl,
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      wabaId: 'waba-1',
    });
  });

  async function deliver(body: Record<string, unknown>) {
    expect(await account.post(body)).toBe(200);
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
  }

  const customerWrites = (from: string, text: string) =>
    deliver(whatsAppInboundTextWebhook({ phoneNumberId: account.externalId, from, text, at: t.clock.now() }));

  /** The customer picks a row of the survey list, as WhatsApp reports it. */
  function listReply(from: string, id: string, title: string, wamid: string) {
    const body = whatsAppInboundTextWebhook({
      phoneNumberId: account.externalId,
      from,
      text: '',
      at: t.clock.now(),
      id: wamid,
    });
    const value = (body.entry as { changes: { value: { messages: Record<string, unknown>[] } }[] }[])[0]!
      .changes[0]!.value;
    value.messages[0] = {
      ...value.messages[0],
      type: 'interactive',
      text: undefined,
      interactive: { type: 'list_reply', list_reply: { id, title } },
    };
    return body;
  }

  async function conversations(): Promise<ConversationRow[]> {
    const result = await t.gql(CONVERSATIONS, {}, w.admin.token);
    expect(result.errors).toBeUndefined();
    return (result.data as { conversations: { nodes: ConversationRow[] } }).conversations.nodes;
  }

  async function answerAndClose(conversationId: string) {
    for (const [query, input] of [
      [TAKE, { conversationId }],
      [SEND, { conversationId, text: 'Listo, ya quedó resuelto.' }],
      [CLOSE, { conversationId, outcome: 'POSITIVE', reason: 'Resuelto' }],
    ] as const) {
      const result = await t.gql(query, { input }, w.agentA.token);
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data as Record<string, { userErrors: unknown[] }>)[0]!.userErrors).toEqual(
        [],
      );
    }
    await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
  }

  it('sends the 1–5 list once inside the window; the answer rates the closed conversation and opens nothing', async () => {
    const from = String((phone += 1));
    await customerWrites(from, 'Hola, no me llegó el pedido');
    const [conversation] = await conversations();
    graph.reset();
    await answerAndClose(conversation!.id);

    const surveys = graph
      .requestsTo(`/${account.externalId}/messages`)
      .map((request) => request.body as Record<string, unknown>)
      .filter((body) => body.type === 'interactive');
    expect(surveys).toHaveLength(1);
    expect(surveys[0]).toMatchObject({
      messaging_product: 'whatsapp',
      to: from,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: '¿Cómo calificarías la atención que recibiste?' },
        action: {
          button: 'Calificar',
          sections: [
            {
              rows: [
                { id: 'csat:5', title: '😀 5 Excelente' },
                { id: 'csat:4', title: '🙂 4 Buena' },
                { id: 'csat:3', title: '😐 3 Regular' },
                { id: 'csat:2', title: '🙁 2 Mala' },
                { id: 'csat:1', title: '😞 1 Muy mala' },
              ],
            },
          ],
        },
      },
    });
    let [closed] = await conversations();
    expect(closed).toMatchObject({ status: 'CLOSED', csat: { score: null, answeredAt: null } });
    const unreadBefore = closed!.unreadCount;

    t.clock.advance(60_000);
    const answer = listReply(from, 'csat:4', '🙂 4 Buena', 'wamid.csat-answer-1');
    await deliver(answer);
    await deliver(answer); // Meta redelivers: nothing twice.
    // A second answer does not overwrite the first.
    t.clock.advance(1_000);
    await deliver(listReply(from, 'csat:1', '😞 1 Muy mala', 'wamid.csat-answer-2'));

    const all = await conversations();
    expect(all).toHaveLength(1);
    [closed] = all;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      unreadCount: unreadBefore,
      trays: { v2: null },
      csat: { score: 4, answeredAt: new Date(NOW.getTime() + 60_000).toISOString() },
    });
    const inbound = closed!.messages.nodes.filter((message) => message.direction === 'INBOUND');
    expect(inbound.map((message) => message.text)).toEqual([
      'Hola, no me llegó el pedido',
      '🙂 4 Buena',
      '😞 1 Muy mala',
    ]);

    const stats = await t.gql(AgentStatsDocument, { from: '2026-05-01', to: '2026-05-31' }, w.admin.token);
    const agentA = stats.data!.agentStats.find((row) => row.agent.name === w.agentA.agent.name)!;
    expect(agentA).toMatchObject({ closedCount: 1, csatAverage: 4, csatCount: 1 });

    // The score is thanked once, in the workspace's language, with an invitation to comment.
    await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
    const texts = () =>
      graph
        .requestsTo(`/${account.externalId}/messages`)
        .map((request) => request.body as { type?: string; text?: { body: string } })
        .filter((body) => body.type === 'text')
        .map((body) => body.text!.body);
    const thanks = '¡Gracias! Si quieres, escríbenos en un mensaje qué podríamos mejorar.';
    expect(texts()).toEqual(['Listo, ya quedó resuelto.', thanks]);

    // The next text is the comment: stored on the rated conversation, which stays closed and unread-free.
    t.clock.advance(5 * 60_000);
    const commentAt = t.clock.now().toISOString();
    await customerWrites(from, 'Tardó la entrega, pero me ayudaron rápido');
    await customerWrites(from, 'Y otra cosa: quiero cambiar mi dirección');
    const rows = await conversations();
    expect(rows).toHaveLength(2);
    const rated = rows.find((row) => row.id === closed!.id)!;
    expect(rated).toMatchObject({
      status: 'CLOSED',
      unreadCount: unreadBefore,
      trays: { v2: null },
      csat: { score: 4, comment: 'Tardó la entrega, pero me ayudaron rápido', commentedAt: commentAt },
    });
    expect(rated.messages.nodes.filter((m) => m.direction === 'INBOUND').map((m) => m.text)).toContain(
      'Tardó la entrega, pero me ayudaron rápido',
    );
    // Only the first text is the comment: the second opened a conversation of its own.
    const fresh = rows.find((row) => row.id !== closed!.id)!;
    expect(fresh).toMatchObject({ status: 'OPEN', unreadCount: 1, csat: null });
    expect(fresh.messages.nodes.map((m) => m.text)).toEqual(['Y otra cosa: quiero cambiar mi dirección']);
    expect(texts()).toEqual(['Listo, ya quedó resuelto.', thanks]);

    // The comment is in the conversations export beside the score.
    const started = await t.gql(
      ReportExportDocument,
      { kind: 'CONVERSATIONS', from: '2026-05-01', to: '2026-05-31' },
      w.admin.token,
    );
    const attachmentId = started.data!.reportExport.attachment!.id;
    await t.app.deps.jobs.drain(JobName.REPORT_EXPORT);
    const file = (await t.gql(ReportAttachmentDocument, { id: attachmentId }, w.admin.token)).data!.node as {
      url: string;
    };
    const { pathname, search } = new URL(file.url);
    const response = await t.http().get(`${pathname}${search}`).buffer(true);
    const csv = response.text ?? Buffer.from(response.body as Buffer).toString('utf8');
    const line = csv.split('\r\n').find((row) => row.startsWith(`${closed!.id},`));
    expect(line).toMatch(/,POSITIVE,4,"Tardó la entrega, pero me ayudaron rápido"$/);
  });

  it('a text more than 30 minutes after the score is no comment: it opens a conversation', async () => {
    const from = String((phone += 1));
    await customerWrites(from, 'Hola, necesito ayuda');
    const [conversation] = await conversations();
    await answerAndClose(conversation!.id);
    t.clock.advance(60_000);
    await deliver(listReply(from, 'csat:2', '🙁 2 Mala', `wamid.csat-late-${from}`));
    t.clock.advance(31 * 60_000);
    await customerWrites(from, 'Sigo sin mi pedido');
    const rows = await conversations();
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.id === conversation!.id)).toMatchObject({
      status: 'CLOSED',
      csat: { score: 2, comment: null, commentedAt: null },
    });
    const reopened = rows.find((row) => row.id !== conversation!.id)!;
    expect(reopened).toMatchObject({ status: 'OPEN', unreadCount: 1 });
    expect(reopened.messages.nodes.map((m) => m.text)).toEqual(['Sigo sin mi pedido']);
  });

  it('sends nothing once the customer window has closed, or when the workspace turned surveys off', async () => {
    const late = String((phone += 1));
    await customerWrites(late, 'Hola');
    const [first] = await conversations();
    t.clock.advance(25 * 60 * 60 * 1000);
    const before = graph.requestsTo(`/${account.externalId}/messages`).length;
    // Outside the window even the agent's reply is refused; close without it.
    await t.gql(TAKE, { input: { conversationId: first!.id } }, w.agentA.token);
    const closed = await t.gql(
      CLOSE,
      { input: { conversationId: first!.id, outcome: 'NEGATIVE', reason: 'Sin respuesta' } },
      w.agentA.token,
    );
    expect(closed.errors).toBeUndefined();
    await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
    expect(graph.requestsTo(`/${account.externalId}/messages`)).toHaveLength(before);
    expect((await conversations()).find((row) => row.id === first!.id)!.csat).toBeNull();

    await t.gql(
      `mutation { settingsUpdate(input: { csatEnabled: false }) { userErrors { code } } }`,
      {},
      w.admin.token,
    );
    const off = String((phone += 1));
    await customerWrites(off, 'Hola otra vez');
    const second = (await conversations()).find((row) => row.status === 'OPEN')!;
    await answerAndClose(second.id);
    expect((await conversations()).find((row) => row.id === second.id)!.csat).toBeNull();
  });
});
