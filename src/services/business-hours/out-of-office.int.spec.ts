import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { FakeGraphApi, whatsAppInboundTextWebhook } from '../../testing/fake-graph-api';
import { connectWhatsApp, type ConnectedWhatsApp } from '../../testing/fixtures/whatsapp-channel.fixture';
import { JobName } from '../../runtime/job-queue';
import { BusinessHoursSetDocument, SettingsUpdateDocument } from '../../testing/generated/graphql';
import { Message } from '../../entities/message.entity';
import { MessageSender } from '../../entities/enums';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { Conversation } from '../../entities/conversation.entity';

const APP_SECRET = 'ooo-app-secret';
const ACCESS_TOKEN = 'EAAG-ooo-token';
const REPLY = 'Estamos cerrados: te respondemos el lunes desde las 09:00.';
// Saturday 8 March 2031, 15:00 UTC: closed until Monday 09:00.
const NOW = new Date('2031-03-08T15:00:00Z');
const MINUTE = 60_000;

describe('out-of-office reply (real webhook path, fake Graph API, manual clock)', () => {
  const t = useTestApp({ now: NOW, resetClock: true, env: { REDIS_URL: '' } });
  const deps = t.factories;
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  let graph: FakeGraphApi;
  let graphUrl: string;
  let account: ConnectedWhatsApp;

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
      wabaId: 'waba-ooo',
    });
    const hours = await t.gql(
      BusinessHoursSetDocument,
      {
        input: {
          businessHours: {
            timezone: 'UTC',
            week: (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((day) => ({
              day,
              opens: '09:00',
              closes: '17:00',
            })),
          },
        },
      },
      w.admin.token,
    );
    expect(hours.data!.businessHoursSet.userErrors).toEqual([]);
    const settings = await t.gql(
      SettingsUpdateDocument,
      { input: { outOfOfficeMessage: REPLY } },
      w.admin.token,
    );
    expect(settings.data!.settingsUpdate.userErrors).toEqual([]);
  });

  const customer = () => `52155${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
  const inbound = (from: string, text: string, id?: string) =>
    whatsAppInboundTextWebhook({ phoneNumberId: account.externalId, from, text, at: t.clock.now(), id });
  const post = async (body: unknown) => expect(await account.post(body)).toBe(200);
  const drain = async () => {
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
    await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
  };
  /** The out-of-office texts the Graph API received for one customer. */
  const repliesTo = (phone: string) =>
    graph
      .requestsTo((request) => request.path.endsWith(`/${account.externalId}/messages`))
      .filter((request) => {
        const body = request.body as { to?: string; text?: { body?: string } };
        return body.to === phone && body.text?.body === REPLY;
      });
  const conversationOf = (phone: string) =>
    deps.dataSource
      .getRepository(Conversation)
      .createQueryBuilder('c')
      .innerJoin('customer', 'u', 'u.id = c.customer_id')
      .where('u.channel_user_id = :phone AND c.workspace_id = :ws', { phone, ws: w.workspace.id })
      .getOneOrFail();

  it('answers once per closed period: not again for more messages, a replayed webhook or concurrent messages; again in the next closed period; never while open', async () => {
    const phone = customer();
    const first = inbound(phone, 'Hola, ¿hay alguien?', 'wamid.ooo-first');
    await post(first);
    await drain();
    expect(repliesTo(phone)).toHaveLength(1);
    const conversation = await conversationOf(phone);
    const system = await deps.dataSource
      .getRepository(Message)
      .find({ where: { conversationId: conversation.id, sender: MessageSender.SYSTEM } });
    expect(system.map((message) => [message.text, message.status])).toEqual([[REPLY, 'SENT']]);
    // It is no answer: the customer still waits.
    expect(conversation.waitingSince).not.toBeNull();
    expect(conversation.unreadCount).toBe(1);

    // The same delivery again, another message, and two at once: still one reply.
    t.clock.advance(MINUTE);
    await post(first);
    await post(inbound(phone, '¿Hola?'));
    await Promise.all([post(inbound(phone, 'uno')), post(inbound(phone, 'dos'))]);
    await Promise.all([
      t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS),
      t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS),
    ]);
    await drain();
    expect(repliesTo(phone)).toHaveLength(1);

    // Monday 10:00, open: no reply.
    t.clock.set(new Date('2031-03-10T10:00:00Z'));
    await post(inbound(phone, 'Ya abrieron'));
    await drain();
    expect(repliesTo(phone)).toHaveLength(1);

    // Monday 18:00: closed again, a new period, a new reply.
    t.clock.set(new Date('2031-03-10T18:00:00Z'));
    await post(inbound(phone, 'Otra cosa'));
    await drain();
    expect(repliesTo(phone)).toHaveLength(2);
    const lines = await deps.dataSource.getRepository(ConversationEvent).find({
      where: { conversationId: conversation.id, type: 'OUT_OF_OFFICE_SENT' as never },
      order: { createdAt: 'ASC' },
    });
    expect(lines.map((line) => line.data?.opensAt)).toEqual([
      '2031-03-10T09:00:00.000Z',
      '2031-03-11T09:00:00.000Z',
    ]);
  });

  it('says nothing while the bot holds the conversation, or when no reply is set', async () => {
    await t.gql(SettingsUpdateDocument, { input: { botEnabled: true } }, w.admin.token);
    const toBot = customer();
    await post(inbound(toBot, 'Hola bot'));
    await drain();
    expect(repliesTo(toBot)).toHaveLength(0);

    await t.gql(
      SettingsUpdateDocument,
      { input: { botEnabled: false, outOfOfficeMessage: '' } },
      w.admin.token,
    );
    const silent = customer();
    await post(inbound(silent, 'Hola'));
    await drain();
    expect(repliesTo(silent)).toHaveLength(0);
  });
});
