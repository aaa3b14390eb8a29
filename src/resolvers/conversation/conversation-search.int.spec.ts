import {
  ConversationSearchDocument,
  MessageInboundDocument,
  MessageSendDocument,
  type ConversationFilter,
  type ConversationOrder,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createCustomer,
  createMessage,
  createTestApiKey,
  createTestWorkspace,
  tagCustomer,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Note } from '../../entities/note.entity';
import { ApiKeyScope, ChannelKind, ConversationStatus } from '../../entities/enums';

const NOW = new Date('2026-03-10T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('conversations(filter: { messageText, tray, unread, windowOpen }, orderBy)', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t, { settings: { botEnabled: false } });

  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);

  async function list(
    filter: ConversationFilter | null,
    token = w.admin.token,
    orderBy?: ConversationOrder,
    page: { first?: number; after?: string; last?: number; before?: string } = {},
  ) {
    const result = await t.gql(ConversationSearchDocument, { filter, orderBy, first: 50, ...page }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.conversations;
  }
  const ids = async (filter: ConversationFilter | null, token?: string) =>
    new Set((await list(filter, token)).nodes.map((node) => node.id));

  it('messageText finds message bodies, notes, customer names, e-mails and phone fragments, accents and case aside', async () => {
    const inMessage = await createConversation(deps, w.channel, {});
    await createMessage(deps, inMessage, { text: 'Mi pedido llegó ROTO' });
    const inNote = await createConversation(deps, w.channel, {});
    await deps.dataSource.getRepository(Note).save({
      workspaceId: w.workspace.id,
      conversationId: inNote.id,
      body: 'Cliente pidió devolución',
    });
    const named = await createConversation(deps, w.channel, {
      customer: await createCustomer(deps, w.channel, { name: 'José Núñez' }),
    });
    const withEmail = await createConversation(deps, w.channel, {
      customer: await createCustomer(deps, w.channel, { email: 'Ana.Perez@Example.com' }),
    });
    const withPhone = await createConversation(deps, w.channel, {
      customer: await createCustomer(deps, w.channel, {
        phone: '+52 55 1234 5678',
        channelUserId: 'psid-77',
      }),
    });
    const unrelated = await createConversation(deps, w.channel, {});

    expect(await ids({ messageText: 'llego roto' })).toEqual(new Set([gid(inMessage)]));
    expect(await ids({ messageText: 'DEVOLUCION' })).toEqual(new Set([gid(inNote)]));
    expect(await ids({ messageText: 'jose nunez' })).toEqual(new Set([gid(named)]));
    expect(await ids({ messageText: 'ana.perez@example' })).toEqual(new Set([gid(withEmail)]));
    // Random factory phones could hold the same digits: the answer is exactly the phones that do.
    const everyone = (await list(null)).nodes;
    const withDigits = (digits: string) =>
      new Set(
        everyone
          .filter((node) => node.customer.phone?.replace(/\D/g, '').includes(digits))
          .map((node) => node.id),
      );
    for (const [fragment, digits] of [
      ['5512', '5512'],
      ['+52 55 12', '525512'],
      ['(55) 1234-5678', '5512345678'],
    ]) {
      const found = await ids({ messageText: fragment });
      expect(found).toContain(gid(withPhone));
      expect(found).toEqual(withDigits(digits!));
    }
    // Every conversation's first message (the factory's) says it.
    expect(await ids({ messageText: 'NECESITO ayuda' })).toEqual(
      new Set([inMessage, inNote, named, withEmail, withPhone, unrelated].map(gid)),
    );
    expect(await ids({ messageText: 'nada de esto' })).toEqual(new Set());
    // Combined with the other criteria, all must hold.
    const customerId = toGlobalId('Customer', named.customerId);
    expect(await ids({ messageText: 'necesito', customerId })).toEqual(new Set([gid(named)]));
    const tagged = await deps.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ id: inMessage.customerId });
    const tag = await tagCustomer(deps, tagged, 'VIP');
    expect(await ids({ messageText: 'necesito', tagIds: [toGlobalId('Tag', tag.id)] })).toEqual(
      new Set([gid(inMessage)]),
    );
  });

  it('an agent never finds by text a conversation they may not read; another workspace’s never shows', async () => {
    const ofA = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const ofB = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    for (const conversation of [ofA, ofB, queued]) {
      await createMessage(deps, conversation, { text: 'garantía vencida' });
    }
    // The text is on agent B's customer too: still hidden from agent A.
    const nameOfB = await createConversation(deps, w.channel, {
      assigneeId: w.agentB.agent.id,
      customer: await createCustomer(deps, w.channel, { name: 'Garantía Express' }),
    });
    const elsewhere = await createTestWorkspace(deps);
    const foreign = await createConversation(deps, elsewhere.channel, {});
    await createMessage(deps, foreign, { text: 'garantía vencida' });

    expect(await ids({ messageText: 'garantia' }, w.agentA.token)).toEqual(new Set([gid(ofA), gid(queued)]));
    expect(await ids({ messageText: 'garantia' }, w.admin.token)).toEqual(
      new Set([gid(ofA), gid(ofB), gid(queued), gid(nameOfB)]),
    );
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    expect((await ids({ messageText: 'garantia' }, readKey)).size).toBe(4);
  });

  it('tray, unread and windowOpen narrow the list as the trays and the conversation say', async () => {
    const active = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      agentReplied: true,
      overrides: { unreadCount: 0, waitingSince: null },
    });
    const expired = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 25 * HOUR,
    });
    const outgoing = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      outgoingAgoMs: HOUR,
      lastInboundAgoMs: 30 * HOUR,
    });
    const queuedNew = await createConversation(deps, w.channel, { assigneeId: null });
    const closed = await createConversation(deps, w.channel, { status: ConversationStatus.CLOSED });

    expect(await ids({ tray: 'ACTIVE' })).toEqual(new Set([gid(active)]));
    expect(await ids({ tray: 'EXPIRED', trayView: 'V2' })).toEqual(new Set([gid(expired)]));
    expect(await ids({ tray: 'OUTGOING' })).toEqual(new Set([gid(outgoing)]));
    expect(await ids({ tray: 'NEW', trayView: 'CLASSIC' })).toEqual(
      new Set([gid(expired), gid(outgoing), gid(queuedNew)]),
    );
    const wrongView = await t.gql(ConversationSearchDocument, { filter: { tray: 'NEW' } }, w.admin.token);
    expect(wrongView.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'The V2 view has no NEW tray; it has ACTIVE, EXPIRED, OUTGOING.'],
    ]);

    expect(await ids({ unread: false })).toEqual(new Set([gid(active)]));
    expect(await ids({ unread: true })).toEqual(
      new Set([gid(expired), gid(outgoing), gid(queuedNew), gid(closed)]),
    );
    expect(await ids({ windowOpen: true })).toEqual(new Set([gid(active), gid(queuedNew), gid(closed)]));
    expect(await ids({ windowOpen: false })).toEqual(new Set([gid(expired), gid(outgoing)]));
    expect(await ids({ windowOpen: true, unread: true, status: 'OPEN' })).toEqual(new Set([gid(queuedNew)]));
    // Exact at read time: a day later every window has closed, without any job having run.
    t.clock.set(new Date(NOW.getTime() + 24 * HOUR));
    expect(await ids({ windowOpen: true })).toEqual(new Set());
  });

  it('orderBy WAITING_SINCE lists the longest wait first and those not waiting last, paging both ways; CREATED newest first', async () => {
    const make = async (waitingAgoMinutes: number | null, createdAgoMinutes: number) =>
      createConversation(deps, w.channel, {
        overrides: {
          waitingSince:
            waitingAgoMinutes === null ? null : new Date(NOW.getTime() - waitingAgoMinutes * MINUTE),
          createdAt: new Date(NOW.getTime() - createdAgoMinutes * MINUTE),
        },
      });
    const waits30 = await make(30, 50);
    const notWaiting1 = await make(null, 10);
    const waits90 = await make(90, 40);
    const notWaiting2 = await make(null, 20);
    const waits5 = await make(5, 30);

    const byWait = await list(null, w.admin.token, 'WAITING_SINCE');
    const waitingOrder = byWait.nodes.map((node) => node.id);
    expect(waitingOrder.slice(0, 3)).toEqual([waits90, waits30, waits5].map(gid));
    expect(new Set(waitingOrder.slice(3))).toEqual(new Set([notWaiting1, notWaiting2].map(gid)));
    expect(byWait.nodes[0]!.waitingSince).toBe(new Date(NOW.getTime() - 90 * MINUTE).toISOString());

    // Two at a time across the end of the waiting ones, then back.
    const forward: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await list(null, w.admin.token, 'WAITING_SINCE', { first: 2, after });
      forward.push(...page.nodes.map((node) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(forward).toEqual(waitingOrder);
    const lastTwo = await list(null, w.admin.token, 'WAITING_SINCE', { first: undefined, last: 2 });
    expect(lastTwo.nodes.map((node) => node.id)).toEqual(waitingOrder.slice(3));
    const before = await list(null, w.admin.token, 'WAITING_SINCE', {
      first: undefined,
      last: 2,
      before: lastTwo.pageInfo.startCursor!,
    });
    expect(before.nodes.map((node) => node.id)).toEqual(waitingOrder.slice(1, 3));

    const byCreation = await list(null, w.admin.token, 'CREATED');
    expect(byCreation.nodes.map((node) => node.id)).toEqual(
      [notWaiting1, notWaiting2, waits5, waits90, waits30].map(gid),
    );
    const byActivity = await list(null, w.admin.token);
    expect(byActivity.nodes).toHaveLength(5);
  });

  it('waitingSince starts with the first customer message after a reply and ends with the reply', async () => {
    const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'Partner' });
    const key = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const deliver = async (externalId: string, agoMs: number) => {
      const result = await t.gql(
        MessageInboundDocument,
        {
          input: {
            channelAccountId: toGlobalId('ChannelAccount', api.id),
            customerChannelUserId: 'crm-9',
            externalId,
            text: 'Hola',
            sentAt: new Date(NOW.getTime() - agoMs).toISOString(),
          },
        },
        key,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.messageInbound.conversation!.id;
    };
    const waitingOf = async (id: string) =>
      (await list(null, w.admin.token, 'WAITING_SINCE')).nodes.find((node) => node.id === id)!.waitingSince;

    const conversationId = await deliver('m-1', 10 * MINUTE);
    await deliver('m-2', 5 * MINUTE);
    expect(await waitingOf(conversationId)).toBe(new Date(NOW.getTime() - 10 * MINUTE).toISOString());
    const reply = await t.gql(
      MessageSendDocument,
      { input: { conversationId, text: 'Con gusto' } },
      w.admin.token,
    );
    expect(reply.data!.messageSend.userErrors).toEqual([]);
    expect(await waitingOf(conversationId)).toBeNull();
    await deliver('m-3', 0);
    expect(await waitingOf(conversationId)).toBe(NOW.toISOString());
  });

  it.each([
    ['ab', '`messageText` needs a word of at least 3 letters or digits.'],
    ['+5 2', '`messageText` needs a word of at least 3 letters or digits.'],
    ['y'.repeat(201), '`messageText` may have at most 200 characters.'],
  ])('refuses messageText %j with BAD_USER_INPUT', async (messageText, message) => {
    const result = await t.gql(ConversationSearchDocument, { filter: { messageText } }, w.admin.token);
    expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', message],
    ]);
  });
});
