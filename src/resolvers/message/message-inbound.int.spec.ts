import { MessageInboundDocument, WorkflowConversationDocument } from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createCustomer,
  createTestApiKey,
  createTestWorkspace,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, ChannelKind, ConversationStatus } from '../../entities/enums';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message } from '../../entities/message.entity';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;

describe('messageInbound (API channel) and the inbound rules', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);
  let api: ChannelAccount;
  let partnerKey: string;

  beforeEach(async () => {
    api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'Partner CRM' });
    partnerKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
  });

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);

  async function deliver(input: Record<string, unknown>, token = partnerKey, account = api) {
    const result = await t.gql(
      MessageInboundDocument,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', account.id),
          customerChannelUserId: 'crm-user-1',
          externalId: 'm-1',
          text: 'Hola',
          ...input,
        },
      },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.messageInbound;
  }

  const conversationsOf = (channelUserId: string) =>
    deps.dataSource
      .getRepository(Conversation)
      .createQueryBuilder('c')
      .innerJoin(Customer, 'u', 'u.id = c.customer_id')
      .where('u.channel_account_id = :account AND u.channel_user_id = :channelUserId', {
        account: api.id,
        channelUserId,
      })
      .getMany();

  it('a first message creates the customer and a bot-held conversation, opening the window', async () => {
    const sentAt = new Date(NOW.getTime() - 5000);
    const payload = await deliver({
      customerName: 'Ana Pérez',
      customerPhone: '573001112233',
      sentAt: sentAt.toISOString(),
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.duplicate).toBe(false);
    expect(payload.message).toMatchObject({
      direction: 'INBOUND',
      sender: 'CUSTOMER',
      status: 'RECEIVED',
      text: 'Hola',
      externalId: 'm-1',
      sentAt: sentAt.toISOString(),
    });
    expect(payload.conversation).toMatchObject({
      handler: 'BOT',
      status: 'OPEN',
      assignee: null,
      unreadCount: 1,
      lastInboundAt: sentAt.toISOString(),
      windowExpiresAt: new Date(sentAt.getTime() + 24 * HOUR).toISOString(),
      lastMessage: { id: payload.message!.id },
      trays: { classic: null, v2: null },
      customer: { name: 'Ana Pérez', phone: '+573001112233', channelUserId: 'crm-user-1' },
    });
    const history = await t.gql(
      WorkflowConversationDocument,
      { id: payload.conversation!.id },
      w.admin.token,
    );
    expect(history.data!.conversation!.events.nodes).toMatchObject([
      { type: 'CREATED', actorType: 'CUSTOMER' },
    ]);
  });

  it('without a bot the new conversation waits in the queue (CLASSIC NEW)', async () => {
    const noBot = await createTestWorkspace(deps, { botEnabled: false });
    const account = await createChannelAccount(deps, noBot.workspace.id, { kind: ChannelKind.API });
    const key = (await createTestApiKey(deps, noBot.workspace.id, [ApiKeyScope.BOT])).key;
    const payload = await deliver({}, key, account);
    expect(payload.conversation).toMatchObject({
      handler: 'AGENT',
      assignee: null,
      handedOffAt: NOW.toISOString(),
      trays: { classic: 'NEW', v2: null },
    });
  });

  it('later messages join the open conversation: unread grows, header fields follow the channel', async () => {
    const first = await deliver({ customerName: 'Ana' });
    t.clock.advance(60_000);
    const second = await deliver({ externalId: 'm-2', customerName: 'Ana María' });
    expect(second.conversation!.id).toBe(first.conversation!.id);
    expect(second.conversation).toMatchObject({
      unreadCount: 2,
      lastMessage: { id: second.message!.id },
      customer: { name: 'Ana María' },
    });
  });

  it('out-of-order deliveries never move lastInboundAt, the window or the last message backwards', async () => {
    const late = await deliver({
      externalId: 'm-late',
      sentAt: new Date(NOW.getTime() - 1000).toISOString(),
    });
    const early = await deliver({
      externalId: 'm-early',
      sentAt: new Date(NOW.getTime() - 60_000).toISOString(),
    });
    expect(early.conversation).toMatchObject({
      lastInboundAt: new Date(NOW.getTime() - 1000).toISOString(),
      windowExpiresAt: new Date(NOW.getTime() - 1000 + 24 * HOUR).toISOString(),
      lastMessage: { id: late.message!.id },
      unreadCount: 2,
    });
  });

  it('the customer answering a template moves OUTGOING to ACTIVE; an EXPIRED conversation comes back', async () => {
    const customer = await createCustomer(deps, api, { channelUserId: 'crm-user-2' });
    const outgoing = await createConversation(deps, api, {
      customer,
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 3 * 24 * HOUR,
      outgoingAgoMs: HOUR,
    });
    expect(
      (await t.gql(WorkflowConversationDocument, { id: gid(outgoing) }, w.admin.token)).data!.conversation!
        .trays.v2,
    ).toBe('OUTGOING');
    const payload = await deliver({ customerChannelUserId: 'crm-user-2', externalId: 'answer' });
    expect(payload.conversation).toMatchObject({
      id: gid(outgoing),
      outgoingSince: null,
      trays: { v2: 'ACTIVE' },
    });
    const events = (await t.gql(WorkflowConversationDocument, { id: gid(outgoing) }, w.admin.token)).data!
      .conversation!.events.nodes;
    expect(events).toMatchObject([{ type: 'TRAY_MOVED', fromTray: 'OUTGOING', toTray: 'ACTIVE' }]);
  });

  it('a message to a CLOSED conversation starts a new one', async () => {
    const customer = await createCustomer(deps, api, { channelUserId: 'crm-user-3' });
    const closed = await createConversation(deps, api, { customer, status: ConversationStatus.CLOSED });
    const payload = await deliver({ customerChannelUserId: 'crm-user-3', externalId: 'again' });
    expect(payload.conversation!.id).not.toBe(gid(closed));
    expect(payload.conversation!.status).toBe('OPEN');
    expect((await conversationsOf('crm-user-3')).map((c) => c.status).sort()).toEqual(['CLOSED', 'OPEN']);
  });

  it('the same externalId delivered 3 times at once stores one message and counts it once', async () => {
    await deliver({ externalId: 'first' });
    const results = await Promise.all([1, 2, 3].map(() => deliver({ externalId: 'dup' })));
    expect(results.every((result) => result.userErrors.length === 0)).toBe(true);
    expect(new Set(results.map((result) => result.message!.id)).size).toBe(1);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    const [conversation] = await conversationsOf('crm-user-1');
    expect(conversation!.unreadCount).toBe(2);
    const messages = await deps.dataSource
      .getRepository(Message)
      .find({ where: { conversationId: conversation!.id } });
    expect(messages.map((message) => message.externalId).sort()).toEqual(['dup', 'first']);
    const added = (await deps.dataSource.query(
      `SELECT count(*)::int AS n FROM event_log WHERE conversation_id = $1 AND type = 'MESSAGE_ADDED'`,
      [conversation!.id],
    )) as { n: number }[];
    expect(added[0]!.n).toBe(2);
  });

  it('two first messages of a new customer at once create one customer and one conversation', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c'].map((id) => deliver({ customerChannelUserId: 'crm-new', externalId: `new-${id}` })),
    );
    expect(results.every((result) => result.userErrors.length === 0 && !result.duplicate)).toBe(true);
    expect(new Set(results.map((result) => result.conversation!.id)).size).toBe(1);
    const conversations = await conversationsOf('crm-new');
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.unreadCount).toBe(3);
    expect(
      await deps.dataSource
        .getRepository(Customer)
        .count({ where: { channelAccountId: api.id, channelUserId: 'crm-new' } }),
    ).toBe(1);
    const created = (await deps.dataSource.query(
      `SELECT count(*)::int AS n FROM conversation_event WHERE conversation_id = $1 AND type = 'CREATED'`,
      [conversations[0]!.id],
    )) as { n: number }[];
    expect(created[0]!.n).toBe(1);
  });

  it('refuses Meta accounts, empty texts and unknown accounts; agents and read keys may not deliver', async () => {
    const meta = await deliver({}, partnerKey, w.channel);
    expect(meta.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'channelAccountId'] }]);
    expect((await deliver({ text: ' ' })).userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'text'] },
    ]);
    expect((await deliver({ text: 'x'.repeat(4097) })).userErrors).toMatchObject([{ code: 'INVALID_INPUT' }]);
    expect((await deliver({ externalId: '' })).userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'externalId'] },
    ]);

    const other = await createTestWorkspace(deps);
    const foreign = await createChannelAccount(deps, other.workspace.id, { kind: ChannelKind.API });
    const notFound = await t.gql(
      MessageInboundDocument,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', foreign.id),
          customerChannelUserId: 'x',
          externalId: 'x',
          text: 'x',
        },
      },
      partnerKey,
    );
    expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    for (const token of [w.agentA.token, w.admin.token, readKey]) {
      const refused = await t.gql(
        MessageInboundDocument,
        {
          input: {
            channelAccountId: toGlobalId('ChannelAccount', api.id),
            customerChannelUserId: 'x',
            externalId: 'x',
            text: 'x',
          },
        },
        token,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const botKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT])).key;
    expect((await deliver({ externalId: 'from-bot-key' }, botKey)).userErrors).toEqual([]);
  });
});
