import { type GraphQLResponse } from '../../testing/test-app';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createCustomer,
  createTestApiKey,
  type TestAgent,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { type Customer } from '../../entities/customer.entity';
import { Message } from '../../entities/message.entity';
import { Template } from '../../entities/template.entity';
import {
  ApiKeyScope,
  ChannelKind,
  ConversationStatus,
  TemplateCategory,
  TemplateStatus,
} from '../../entities/enums';
import { MessageInboundDocument } from '../../testing/generated/graphql';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const ROUNDS = 6;

const TEMPLATE_SEND = `mutation($input: TemplateSendInput!) {
  templateSend(input: $input) {
    message { id status }
    conversation { id }
    userErrors { code message field }
  }
}`;

interface TemplateSendData {
  templateSend: {
    message: { id: string; status: string } | null;
    conversation: { id: string } | null;
    userErrors: { code: string; message: string }[];
  };
}

/** Real races over HTTP on the one-open-conversation-per-customer index: never a 500, one conversation. */
describe('opening a conversation for a customer', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t, { settings: { botEnabled: false } });

  async function approvedTemplate(account: ChannelAccount): Promise<Template> {
    return deps.dataSource.getRepository(Template).save({
      workspaceId: account.workspaceId,
      channelAccountId: account.id,
      name: `seguimiento_${account.id.slice(0, 8)}`,
      language: 'es',
      category: TemplateCategory.UTILITY,
      status: TemplateStatus.APPROVED,
      components: [{ type: 'BODY', text: '¿Seguimos con tu pedido?' }],
    });
  }

  function templateSend(template: Template, customer: Customer, agent: TestAgent) {
    return t.gql<TemplateSendData>(
      TEMPLATE_SEND,
      {
        input: {
          templateId: toGlobalId('Template', template.id),
          customerId: toGlobalId('Customer', customer.id),
        },
      },
      agent.token,
    );
  }

  /** A race answers in the payload or not at all, never with a top-level error. */
  function payloadOf(result: GraphQLResponse<TemplateSendData>) {
    expect([result.status, result.errors]).toEqual([200, undefined]);
    return result.data!.templateSend;
  }

  const openConversations = (customer: Customer) =>
    deps.dataSource.getRepository(Conversation).find({
      where: { customerId: customer.id, status: ConversationStatus.OPEN },
    });

  const messagesOf = (conversation: Conversation) =>
    deps.dataSource.getRepository(Message).find({ where: { conversationId: conversation.id } });

  it('two templateSend by one agent at once: one new conversation holding both templates', async () => {
    const template = await approvedTemplate(w.channel);
    for (let round = 0; round < ROUNDS; round += 1) {
      const customer = await createCustomer(deps, w.channel);
      const results = await Promise.all([1, 2].map(() => templateSend(template, customer, w.agentA)));
      const payloads = results.map(payloadOf);
      expect(payloads.map((payload) => payload.userErrors)).toEqual([[], []]);
      const open = await openConversations(customer);
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ assigneeId: w.agentA.agent.id });
      expect(new Set(payloads.map((payload) => payload.conversation!.id))).toEqual(
        new Set([toGlobalId('Conversation', open[0]!.id)]),
      );
      expect(await messagesOf(open[0]!)).toHaveLength(2);
    }
  });

  it('two agents templateSend at once: one conversation for the winner, NOT_ASSIGNEE for the other', async () => {
    const template = await approvedTemplate(w.channel);
    for (let round = 0; round < ROUNDS; round += 1) {
      const customer = await createCustomer(deps, w.channel);
      const results = await Promise.all(
        [w.agentA, w.agentB].map((agent) => templateSend(template, customer, agent)),
      );
      const payloads = results.map(payloadOf);
      const winners = payloads.filter((payload) => payload.userErrors.length === 0);
      expect(winners).toHaveLength(1);
      expect(payloads.flatMap((payload) => payload.userErrors.map((error) => error.code))).toEqual([
        'NOT_ASSIGNEE',
      ]);
      const open = await openConversations(customer);
      expect(open).toHaveLength(1);
      expect(winners[0]!.conversation!.id).toBe(toGlobalId('Conversation', open[0]!.id));
      expect(await messagesOf(open[0]!)).toHaveLength(1);
    }
  });

  it('a first customer message and a templateSend at once: one conversation with both messages', async () => {
    const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
    const template = await approvedTemplate(api);
    const partnerKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    for (let round = 0; round < ROUNDS; round += 1) {
      const customer = await createCustomer(deps, api, { channelUserId: `crm-${round}-${api.id}` });
      const [inbound, sent] = await Promise.all([
        t.gql(
          MessageInboundDocument,
          {
            input: {
              channelAccountId: toGlobalId('ChannelAccount', api.id),
              customerChannelUserId: customer.channelUserId,
              externalId: `m-${round}`,
              text: 'Hola',
            },
          },
          partnerKey,
        ),
        templateSend(template, customer, w.agentA),
      ]);
      expect([inbound.status, inbound.errors]).toEqual([200, undefined]);
      expect(inbound.data!.messageInbound.userErrors).toEqual([]);
      expect(payloadOf(sent).userErrors).toEqual([]);
      const open = await openConversations(customer);
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ assigneeId: w.agentA.agent.id, unreadCount: expect.any(Number) });
      expect((await messagesOf(open[0]!)).map((message) => message.direction).sort()).toEqual([
        'INBOUND',
        'OUTBOUND',
      ]);
    }
  });

  it('a new conversation carries the customer window over from the earlier ones', async () => {
    const template = await approvedTemplate(w.channel);
    const earlier = await createConversation(deps, w.channel, {
      status: ConversationStatus.CLOSED,
      lastInboundAgoMs: 2 * HOUR,
    });
    const customer = (
      await deps.dataSource
        .getRepository(Conversation)
        .findOneOrFail({ where: { id: earlier.id }, relations: { customer: true } })
    ).customer!;
    const payload = payloadOf(await templateSend(template, customer, w.agentA));
    expect(payload.userErrors).toEqual([]);
    const [open] = await openConversations(customer);
    expect(open!.id).not.toBe(earlier.id);
    expect(open).toMatchObject({
      lastInboundAt: earlier.lastInboundAt,
      windowExpiresAt: new Date(earlier.lastInboundAt!.getTime() + 24 * HOUR),
    });
  });

  it('a template for another channel account than the customer’s is refused', async () => {
    const other = await createChannelAccount(deps, w.workspace.id, { name: 'Second number' });
    const template = await approvedTemplate(other);
    const customer = await createCustomer(deps, w.channel);
    const payload = payloadOf(await templateSend(template, customer, w.agentA));
    expect(payload.userErrors).toMatchObject([{ code: 'INVALID_INPUT' }]);
    expect(await openConversations(customer)).toEqual([]);
  });
});
