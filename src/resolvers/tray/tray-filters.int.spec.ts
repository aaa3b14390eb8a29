import { TrayIdsDocument, ConversationsDocument, CustomersDocument } from '../../testing/generated/graphql';
import { countStatements } from '../../testing/query-counter';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createCustomer,
  tagCustomer,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ChannelKind, ConversationStatus, Handler } from '../../entities/enums';
import { type Conversation } from '../../entities/conversation.entity';

describe('tray and conversation filters', () => {
  const t = useTestApp();
  const deps = t.factories;
  const w = useWorkspace(t, { scope: 'suite' });
  let lucia: Conversation;
  let carlos: Conversation;
  let messenger: Conversation;
  let bot: Conversation;
  let closed: Conversation;
  let vipId: string;

  beforeAll(async () => {
    const luciaCustomer = await createCustomer(deps, w.channel, {
      name: 'Lucía Fernández',
      phone: '+5215512345678',
    });
    vipId = toGlobalId('Tag', (await tagCustomer(deps, luciaCustomer, 'VIP')).id);
    lucia = await createConversation(deps, w.channel, {
      customer: luciaCustomer,
      assigneeId: w.agentA.agent.id,
    });
    carlos = await createConversation(deps, w.channel, {
      customer: await createCustomer(deps, w.channel, { name: 'Carlos Pérez', phone: '+573001112233' }),
      assigneeId: w.agentB.agent.id,
    });
    const page = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.MESSENGER });
    messenger = await createConversation(deps, page, {
      customer: await createCustomer(deps, page, {
        name: 'Ana 100%_off',
        phone: null,
        channelUserId: 'psid-77',
      }),
      assigneeId: w.agentA.agent.id,
    });
    bot = await createConversation(deps, w.channel, { handler: Handler.BOT });
    closed = await createConversation(deps, w.channel, { status: ConversationStatus.CLOSED });
  });

  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);
  const tray = async (filter: Record<string, unknown>) => {
    const result = await t.gql(TrayIdsDocument, { kind: 'ACTIVE', view: 'V2', filter }, w.admin.token);
    expect(result.errors).toBeUndefined();
    return result.data!.tray.conversations.nodes.map((node) => node.id).sort();
  };

  it('filters a tray by tag, channel and text on customer name and phone (accents and LIKE characters literal)', async () => {
    expect(await tray({ tagIds: [vipId] })).toEqual([gid(lucia)]);
    expect(await tray({ channel: 'MESSENGER' })).toEqual([gid(messenger)]);
    expect(await tray({ search: 'lucía' })).toEqual([gid(lucia)]);
    expect(await tray({ search: '3001112' })).toEqual([gid(carlos)]);
    expect(await tray({ search: '100%_' })).toEqual([gid(messenger)]);
    expect(await tray({ search: '%' })).toEqual([gid(messenger)]);
    expect(await tray({ search: 'psid-77' })).toEqual([gid(messenger)]);
  });

  it('conversations(filter) finds what a bot holds and closed ones, by handler and status', async () => {
    const byHandler = await t.gql(
      ConversationsDocument,
      { filter: { handler: 'BOT' }, first: 10 },
      w.admin.token,
    );
    expect(byHandler.data!.conversations.nodes.map((node) => node.id)).toEqual([gid(bot)]);
    const byStatus = await t.gql(
      ConversationsDocument,
      { filter: { status: 'CLOSED' }, first: 10 },
      w.admin.token,
    );
    expect(byStatus.data!.conversations.nodes.map((node) => node.id)).toEqual([gid(closed)]);
    const byCustomer = await t.gql(
      ConversationsDocument,
      { filter: { customerId: toGlobalId('Customer', lucia.customerId) }, first: 10 },
      w.admin.token,
    );
    expect(byCustomer.data!.conversations.nodes.map((node) => node.id)).toEqual([gid(lucia)]);
  });

  it('customers(search) matches name, phone and channel user id', async () => {
    const names = async (search: string) =>
      (await t.gql(CustomersDocument, { search, first: 10 }, w.admin.token)).data!.customers.nodes.map(
        (node) => node.name,
      );
    expect(await names('fernández')).toEqual(['Lucía Fernández']);
    expect(await names('5512345')).toEqual(['Lucía Fernández']);
    expect(await names('psid-77')).toEqual(['Ana 100%_off']);
    // Words in any order and without accents, and phone digits however they are written.
    expect(await names('FERNANDEZ lucia')).toEqual(['Lucía Fernández']);
    expect(await names('+57 300 111')).toEqual(['Carlos Pérez']);
    // Shorter than a trigram: a substring of name, phone or channel user id.
    expect(await names('ez')).toEqual(expect.arrayContaining(['Lucía Fernández', 'Carlos Pérez']));
    expect(await names('_o')).toEqual(['Ana 100%_off']);
    const long = await t.gql(CustomersDocument, { search: '%'.repeat(201), first: 10 }, w.admin.token);
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('customers(search) and conversations(filter: { search }) read the customers through their trigram indexes', async () => {
    const { statements } = await countStatements(() =>
      t.gql(CustomersDocument, { search: 'fernández', first: 10 }, w.admin.token),
    );
    const [customerSql] = statements.filter((sql) => /FROM "customer" "cu"/.test(sql));
    expect(customerSql).toMatch(/omnitray_fold\(COALESCE\("?cu"?\."?name/);
    expect(customerSql).not.toMatch(/ILIKE/);
    const filtered = await countStatements(() =>
      t.gql(ConversationsDocument, { filter: { search: '5512345' }, first: 10 }, w.admin.token),
    );
    const conversationSql = filtered.statements.find((sql) => /FROM "conversation" "c"/.test(sql))!;
    expect(conversationSql).toMatch(/omnitray_digits\("?cu"?\."?phone"?\)/);
    expect(conversationSql).not.toMatch(/ILIKE/);
  });
});
