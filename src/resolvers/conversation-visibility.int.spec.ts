import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { type DataSource } from 'typeorm';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { createAttachment, createConversation, createCustomer, type FactoryDeps } from '../testing/factories';
import { Message } from '../entities/message.entity';
import { emitEvents, firstSubscriptionResult } from '../testing/fixtures/subscription.fixture';
import { toGlobalId } from '../entities/global-id';
import { type Conversation } from '../entities/conversation.entity';
import { Customer } from '../entities/customer.entity';
import { Note } from '../entities/note.entity';
import { AiSummary } from '../entities/ai-summary.entity';
import { Suggestion } from '../entities/suggestion.entity';
import { ConversationEvent } from '../entities/conversation-event.entity';
import { Template } from '../entities/template.entity';
import { Campaign, CampaignStatus } from '../entities/campaign.entity';
import { CampaignRecipient, RecipientStage } from '../entities/campaign-recipient.entity';
import {
  ActorType,
  AiSummaryStatus,
  AiTrigger,
  ConversationEventType,
  TemplateCategory,
  TemplateStatus,
  TrayKind,
  TrayView,
} from '../entities/enums';
import { EventType } from '../realtime/event-types';

/** Global ids of one conversation and of everything that belongs to or points at it. */
type Ids = Record<
  | 'Conversation'
  | 'Message'
  | 'Note'
  | 'AiSummary'
  | 'Suggestion'
  | 'ConversationEvent'
  | 'Customer'
  | 'Campaign'
  | 'CampaignRecipient'
  | 'Attachment',
  string
> & { phone: string };

/** The types whose ids `found` may report: the conversation and its own rows. */
const OWNED_KEYS = [
  'Conversation',
  'Message',
  'Note',
  'AiSummary',
  'Suggestion',
  'ConversationEvent',
] as const;

interface Case {
  query: string;
  variables: Record<string, unknown>;
  /** Read by the id of this type: hidden answers NOT_FOUND (lists simply leave it out). */
  byId?: keyof Ids;
  /** What the caller must get when the conversation is readable. */
  expects: (ids: Ids) => string[];
}

/** Every conversation-owned selection a conversation offers, so each of them is checked. */
const CONTENTS = `id
  messages(first: 5) { nodes { id attachments { id } } }
  notes(first: 5) { nodes { id } }
  events(first: 5) { nodes { id } }
  timeline(first: 20) { nodes { ... on Message { id } ... on Note { id } ... on ConversationEvent { id } } }
  aiSummary { id }
  suggestions { id }
  lastMessage { id }`;

const all = (ids: Ids) => OWNED_KEYS.map((key) => ids[key]);

const nodeCase =
  (type: keyof Ids, selection: string, expects: Case['expects'], byId = true) =>
  (ids: Ids): Case => ({
    query: `query($id: ID!) { node(id: $id) { id ... on ${type} { ${selection} } } }`,
    variables: { id: ids[type] },
    byId: byId ? type : undefined,
    expects,
  });

/**
 * One case per Query field and per `node` type that can return a conversation or a row of one.
 * The first test walks the schema: a new such field or type fails it until it has a case here.
 */
const CASES: Record<string, (ids: Ids) => Case> = {
  'Query.conversation': (ids) => ({
    query: `query($id: ID!) { conversation(id: $id) { ${CONTENTS} } }`,
    variables: { id: ids.Conversation },
    byId: 'Conversation',
    expects: all,
  }),
  'Query.conversations': (ids) => ({
    query: `query($c: ID!, $q: String!) { conversations(filter: { customerId: $c, messageText: $q }, first: 5) { nodes { ${CONTENTS} } } }`,
    variables: { c: ids.Customer, q: ids.phone },
    expects: all,
  }),
  'Query.messageSearch': (ids) => ({
    query: `query($q: String!) { messageSearch(query: $q, first: 5) { nodes { item { ... on Message { id } ... on Note { id } } conversation { ${CONTENTS} } } } }`,
    variables: { q: ids.phone },
    expects: all,
  }),
  'Query.customer': (ids) => ({
    query: `query($id: ID!) { customer(id: $id) { conversations(first: 5) { nodes { ${CONTENTS} } } } }`,
    variables: { id: ids.Customer },
    expects: all,
  }),
  'Query.customers': (ids) => ({
    query: `query($s: String) { customers(search: $s, first: 5) { nodes { conversations(first: 5) { nodes { ${CONTENTS} } } } } }`,
    variables: { s: ids.phone },
    expects: all,
  }),
  'Query.campaign': (ids) => ({
    query: `query($id: ID!) { campaign(id: $id) { recipients(first: 5) { nodes { message { id } conversation { ${CONTENTS} } } } } }`,
    variables: { id: ids.Campaign },
    expects: all,
  }),
  'Query.campaigns': () => ({
    query: `{ campaigns(first: 5) { nodes { recipients(first: 5) { nodes { message { id } conversation { id } } } } } }`,
    variables: {},
    expects: (ids) => [ids.Conversation, ids.Message],
  }),
  'Query.events': () => ({
    query: `{ events(first: 20) { nodes { conversation { ${CONTENTS} } } } }`,
    variables: {},
    expects: all,
  }),
  'Query.tray': () => ({
    query: `{ tray(kind: NEW, view: CLASSIC) { conversations(first: 5) { nodes { ${CONTENTS} } } } }`,
    variables: {},
    expects: all,
  }),
  'Query.trays': () => ({
    query: `{ trays(view: CLASSIC) { conversations(first: 5) { nodes { ${CONTENTS} } } } }`,
    variables: {},
    expects: all,
  }),
  'node.Conversation': nodeCase('Conversation', CONTENTS, all),
  'node.Message': nodeCase('Message', 'text', (ids) => [ids.Message]),
  'node.Note': nodeCase('Note', 'body', (ids) => [ids.Note]),
  'node.AiSummary': nodeCase('AiSummary', `conversation { ${CONTENTS} }`, all),
  'node.Suggestion': nodeCase('Suggestion', 'text', (ids) => [ids.Suggestion]),
  'node.ConversationEvent': nodeCase('ConversationEvent', 'type', (ids) => [ids.ConversationEvent]),
  // A file of a message follows its conversation (not a conversation row itself: uploads have none).
  'Query.attachment': (ids) => ({
    query: 'query($id: ID!) { attachment(id: $id) { id url message { id } } }',
    variables: { id: ids.Attachment },
    byId: 'Attachment',
    expects: (ids) => [ids.Attachment, ids.Message],
  }),
  'node.Attachment': nodeCase('Attachment', 'url message { id }', (ids) => [ids.Attachment, ids.Message]),
  'node.Customer': nodeCase('Customer', `conversations(first: 5) { nodes { ${CONTENTS} } }`, all, false),
  'node.Campaign': nodeCase(
    'Campaign',
    `recipients(first: 5) { nodes { message { id } conversation { ${CONTENTS} } } }`,
    all,
    false,
  ),
  'node.CampaignRecipient': nodeCase(
    'CampaignRecipient',
    `message { id } conversation { ${CONTENTS} }`,
    all,
    false,
  ),
};

/**
 * Entities whose rows each belong to one conversation (a non-null `conversationId`) and that the
 * API can return: a join table that is no GraphQL type (the labels of a conversation) is only
 * reached through its conversation.
 */
function ownedTypes(dataSource: DataSource, schema: GraphQLSchema): Set<string> {
  const owned = new Set(['Conversation']);
  for (const metadata of dataSource.entityMetadatas) {
    const column = metadata.findColumnWithPropertyName('conversationId');
    if (column && !column.isNullable && schema.getType(metadata.name)) owned.add(metadata.name);
  }
  return owned;
}

/** Whether a value of `type` can hold (through any field, at any depth) an owned object. */
function reachesOwned(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  owned: Set<string>,
  seen = new Set<string>(),
): boolean {
  if (owned.has(type.name)) return true;
  if (seen.has(type.name)) return false;
  seen.add(type.name);
  const children: GraphQLNamedType[] = [];
  if (isObjectType(type) || isInterfaceType(type)) {
    children.push(...Object.values(type.getFields()).map((field) => getNamedType(field.type)));
  }
  if (isInterfaceType(type)) children.push(...schema.getPossibleTypes(type));
  if (isUnionType(type)) children.push(...type.getTypes());
  return children.some((child) => reachesOwned(schema, child, owned, seen));
}

/** Every global id anywhere in a result. */
function idsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => idsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'id' && typeof child === 'string') found.push(child);
      else idsIn(child, found);
    }
  }
  return found;
}

/** A conversation with one of each row that belongs to it, a campaign that wrote in it and its event. */
async function populate(deps: FactoryDeps, conversation: Conversation, template: Template): Promise<Ids> {
  const { dataSource } = deps;
  const workspaceId = conversation.workspaceId;
  const of = { workspaceId, conversationId: conversation.id };
  const customer = await dataSource.getRepository(Customer).findOneByOrFail({ id: conversation.customerId });
  // The phone in the note lets a text search find this conversation's own rows and nobody else's.
  const note = await dataSource.getRepository(Note).save({ ...of, body: `internal ${customer.phone}` });
  const summary = await dataSource
    .getRepository(AiSummary)
    .save({ ...of, trigger: AiTrigger.MANUAL, status: AiSummaryStatus.READY, text: 'resumen' });
  const suggestion = await dataSource
    .getRepository(Suggestion)
    .save({ ...of, batch: 1, rank: 1, text: 'Hola' });
  const event = await dataSource
    .getRepository(ConversationEvent)
    .save({ ...of, type: ConversationEventType.ASSIGNED, actorType: ActorType.AGENT });
  const campaign = await dataSource.getRepository(Campaign).save({
    workspaceId,
    name: `to ${customer.phone}`,
    status: CampaignStatus.COMPLETED,
    channelAccountId: conversation.channelAccountId,
    templateId: template.id,
    variables: [],
  });
  const message = await dataSource
    .getRepository(Message)
    .findOneByOrFail({ id: conversation.lastMessageId! });
  const attachment = await createAttachment(deps, workspaceId, { message });
  const recipient = await dataSource.getRepository(CampaignRecipient).save({
    workspaceId,
    campaignId: campaign.id,
    customerId: customer.id,
    stage: RecipientStage.READY,
    messageId: conversation.lastMessageId,
    conversationId: conversation.id,
  });
  return {
    Conversation: toGlobalId('Conversation', conversation.id),
    Message: toGlobalId('Message', conversation.lastMessageId!),
    Note: toGlobalId('Note', note.id),
    AiSummary: toGlobalId('AiSummary', summary.id),
    Suggestion: toGlobalId('Suggestion', suggestion.id),
    ConversationEvent: toGlobalId('ConversationEvent', event.id),
    Customer: toGlobalId('Customer', customer.id),
    Campaign: toGlobalId('Campaign', campaign.id),
    CampaignRecipient: toGlobalId('CampaignRecipient', recipient.id),
    Attachment: toGlobalId('Attachment', attachment.id),
    phone: customer.phone!,
  };
}

describe('visibility: an agent reads the conversations assigned to them and the queue, on every path', () => {
  const t = useTestApp();
  const deps = t.factories;
  const w = useWorkspace(t, { scope: 'suite' });
  const targets: Record<'ofA' | 'ofB' | 'queued', Ids> = {} as never;

  beforeAll(async () => {
    const template = await deps.dataSource.getRepository(Template).save({
      workspaceId: w.workspace.id,
      channelAccountId: w.channel.id,
      name: 'hola',
      language: 'es',
      category: TemplateCategory.UTILITY,
      status: TemplateStatus.APPROVED,
      components: [{ type: 'BODY', text: 'Hola' }],
    });
    const assignees = { ofA: w.agentA.agent.id, ofB: w.agentB.agent.id, queued: null };
    for (const [name, assigneeId] of Object.entries(assignees) as [keyof typeof targets, string | null][]) {
      const customer = await createCustomer(deps, w.channel);
      const conversation = await createConversation(deps, w.channel, { assigneeId, customer });
      targets[name] = await populate(deps, conversation, template);
      await emitEvents(t.app.deps, w.workspace.id, [
        {
          type: EventType.TRAY_CHANGED,
          conversationId: conversation.id,
          assigneeId,
          payload: { conversationId: conversation.id, view: TrayView.CLASSIC, from: null, to: TrayKind.NEW },
        },
      ]);
    }
  });

  it('has a case for every Query field and node type that can return a conversation-owned object', () => {
    const schema = t.app.http.schema;
    const owned = ownedTypes(t.app.deps.dataSource, schema);
    expect([...owned].sort()).toEqual([...OWNED_KEYS].sort());
    const needed: string[] = [];
    const query = schema.getQueryType()!;
    for (const field of Object.values(query.getFields())) {
      // `node` is covered type by type below.
      if (field.name !== 'node' && reachesOwned(schema, getNamedType(field.type), owned)) {
        needed.push(`Query.${field.name}`);
      }
    }
    const node = schema.getType('Node');
    for (const type of isInterfaceType(node) ? schema.getPossibleTypes(node) : []) {
      if (reachesOwned(schema, type, owned)) needed.push(`node.${type.name}`);
    }
    expect(needed.filter((name) => !CASES[name]).sort()).toEqual([]);
    expect(Object.keys(CASES).filter((name) => !needed.includes(name))).toEqual([]);
  });

  const run = (name: string, ids: Ids, token: string) => {
    const { query, variables } = CASES[name]!(ids);
    return t.gql(query, variables, token);
  };

  it.each(Object.keys(CASES))(
    '%s: another agent’s conversation is hidden from an agent, like a foreign one',
    async (name) => {
      const hidden = targets.ofB;
      const result = await run(name, hidden, w.agentA.token);
      const found = idsIn(result.data);
      expect(found.filter((id) => [...all(hidden), hidden.Attachment].includes(id))).toEqual([]);
      const { byId, query } = CASES[name]!(hidden);
      if (byId) {
        expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
        // The same answer as an id that exists nowhere.
        const nowhere = toGlobalId(byId, '00000000-0000-4000-8000-000000000000');
        const unknown = await t.gql(query, { id: nowhere }, w.agentA.token);
        expect(result.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
      } else {
        expect(result.errors).toBeUndefined();
      }
    },
  );

  it.each(Object.keys(CASES).flatMap((name) => [[name, 'ofA'] as const, [name, 'queued'] as const]))(
    '%s: the agent reads %s',
    async (name, target) => {
      const ids = targets[target];
      const result = await run(name, ids, w.agentA.token);
      expect(result.errors).toBeUndefined();
      expect(idsIn(result.data)).toEqual(expect.arrayContaining(CASES[name]!(ids).expects(ids)));
    },
  );

  it.each(Object.keys(CASES))('%s: an admin reads every agent’s conversation', async (name) => {
    const ids = targets.ofB;
    const result = await run(name, ids, w.admin.token);
    expect(result.errors).toBeUndefined();
    expect(idsIn(result.data)).toEqual(expect.arrayContaining(CASES[name]!(ids).expects(ids)));
  });

  it('a hidden conversation cannot be followed by id in a message feed either', async () => {
    const result = await firstSubscriptionResult(
      await t.wsUrl(),
      w.agentA.token,
      'subscription($c: ID) { messageAdded(conversationId: $c) { cursor } }',
      { c: targets.ofB.Conversation },
    );
    expect(result.errors?.map((error) => error.extensions?.code)).toContain('NOT_FOUND');
  });
});
