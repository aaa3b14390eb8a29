import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  parse,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DataSource } from 'typeorm';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { createAttachment, createConversation, createCustomer, type FactoryDeps } from '../testing/factories';
import {
  connectWs,
  emitEvents,
  firstSubscriptionResult,
  headCursor,
  subscribe,
  type WsConnection,
} from '../testing/fixtures/subscription.fixture';
import { Team } from '../entities/team.entity';
import { TeamMember } from '../entities/team-member.entity';
import { Message } from '../entities/message.entity';
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
  CannedScope,
  ConversationEventType,
  TemplateCategory,
  TemplateStatus,
  TrayKind,
  TrayView,
} from '../entities/enums';
import { CannedResponse } from '../entities/canned-response.entity';
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
  | 'Attachment'
  | 'CannedResponse',
  string
> & {
  phone: string;
  local: { conversation: string; message: string; summary: string; customer: string; note: string };
};

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
  'Query.cannedResponses': () => ({
    query: '{ cannedResponses(first: 50) { nodes { attachments { id message { id } } } } }',
    variables: {},
    expects: (ids) => [ids.Attachment, ids.Message],
  }),
  'node.CannedResponse': nodeCase(
    'CannedResponse',
    'attachments { id message { id } }',
    (ids) => [ids.Attachment, ids.Message],
    false,
  ),
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
  // A workspace canned response naming the message's file: it must not open the way to it.
  const canned = await dataSource.getRepository(CannedResponse).save({
    workspaceId,
    scope: CannedScope.WORKSPACE,
    teamId: null,
    ownerId: null,
    shortcode: `file${attachment.id.slice(0, 8)}`,
    title: 'File',
    body: 'See the file',
    attachmentIds: [attachment.id],
  });
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
    CannedResponse: toGlobalId('CannedResponse', canned.id),
    phone: customer.phone!,
    local: {
      conversation: conversation.id,
      message: conversation.lastMessageId!,
      summary: summary.id,
      customer: customer.id,
      note: note.id,
    },
  };
}

/** The live-inbox events of one conversation: its view, its customer, a mention in its note. */
function liveInboxEventsAbout(ids: Ids, assigneeId: string | null, mentionedAgentId: string) {
  const { conversation, customer, note } = ids.local;
  return [
    {
      conversationId: conversation,
      assigneeId,
      type: EventType.CONVERSATION_UPDATED,
      payload: { conversationId: conversation },
    },
    {
      conversationId: null,
      assigneeId: null,
      type: EventType.CUSTOMER_UPDATED,
      payload: { customerId: customer, changed: ['name'] },
    },
    // A mention's audience is the mentioned agent (the record's assignee column).
    {
      conversationId: conversation,
      assigneeId: mentionedAgentId,
      type: EventType.NOTE_MENTION,
      payload: { conversationId: conversation, noteId: note, mentionedAgentId, authorId: null },
    },
  ];
}

/** The event of each type a subscription case reads, about one conversation. */
function eventsAbout(ids: Ids, assigneeId: string | null) {
  const { conversation, message } = ids.local;
  const about = { conversationId: conversation, assigneeId };
  return [
    {
      ...about,
      type: EventType.TRAY_CHANGED,
      payload: { conversationId: conversation, view: TrayView.CLASSIC, from: null, to: TrayKind.NEW },
    },
    {
      ...about,
      type: EventType.MESSAGE_ADDED,
      payload: { conversationId: conversation, messageId: message },
    },
    {
      ...about,
      type: EventType.MESSAGE_STATUS_CHANGED,
      payload: {
        conversationId: conversation,
        messageId: message,
        status: 'DELIVERED',
        previousStatus: 'SENT',
      },
    },
    {
      ...about,
      type: EventType.MESSAGE_DELIVERY_FAILED,
      payload: { conversationId: conversation, messageId: message },
    },
  ];
}

interface SubscriptionCase {
  /** `$after` is the cursor before every target's events when the field takes one. */
  query: string;
  /** Live only (no `after`): AI_SUMMARY_READY events are written once the subscription is running. */
  live?: boolean;
  /** Results one readable target yields. */
  perTarget: number;
  /** One subscription per target, with these variables (the field names one object of it). */
  each?: (ids: Ids) => Record<string, unknown>;
  /** With `each`: a hidden target's object cannot be followed at all (NOT_FOUND). */
  hiddenNotFound?: boolean;
}

/**
 * One case per Subscription field that can carry a conversation or a row of one. Each runs as
 * agent A: what arrives names every readable target and none of the hidden ones.
 */
const SUBSCRIPTION_CASES: Record<string, SubscriptionCase> = {
  'Subscription.trayChanged': {
    query: `subscription($after: String) { trayChanged(view: CLASSIC, after: $after) { conversation { ${CONTENTS} } } }`,
    perTarget: 1,
  },
  'Subscription.messageAdded': {
    query: `subscription($after: String) { messageAdded(after: $after) { message { id } conversation { ${CONTENTS} } } }`,
    perTarget: 1,
  },
  'Subscription.messageStatusChanged': {
    query: `subscription($after: String) { messageStatusChanged(after: $after) { message { id } conversation { ${CONTENTS} } } }`,
    perTarget: 1,
  },
  'Subscription.messageDeliveryFailed': {
    query: `subscription($after: String) { messageDeliveryFailed(after: $after) { message { id } conversation { ${CONTENTS} } } }`,
    perTarget: 1,
  },
  'Subscription.aiSummaryReady': {
    query: `subscription { aiSummaryReady { id conversation { ${CONTENTS} } } }`,
    perTarget: 1,
    live: true,
  },
  // The first result is the campaign as it is, with its recipients' conversations.
  'Subscription.campaignProgress': {
    query: `subscription($id: ID!) { campaignProgress(campaignId: $id) { recipients(first: 5) { nodes { message { id } conversation { ${CONTENTS} } } } } }`,
    perTarget: 1,
    each: (ids) => ({ id: ids.Campaign }),
  },
  'Subscription.conversationUpdated': {
    query: `subscription($id: ID!, $after: String) { conversationUpdated(conversationId: $id, after: $after) { note { id } conversation { ${CONTENTS} } } }`,
    perTarget: 1,
    each: (ids) => ({ id: ids.Conversation }),
    hiddenNotFound: true,
  },
  // A customer is readable; of their conversations (each target's customer has one) only the
  // readable ones show. One per page keeps the live query within the cost limit.
  'Subscription.customerUpdated': {
    query: `subscription($id: ID!, $after: String) { customerUpdated(customerId: $id, after: $after) { customer { conversations(first: 1) { nodes { ${CONTENTS} } } } closedConversation { id } } }`,
    perTarget: 1,
    each: (ids) => ({ id: ids.Customer }),
  },
  'Subscription.agentMentioned': {
    query: `subscription($after: String) { agentMentioned(after: $after) { note { id } conversation { ${CONTENTS} } } }`,
    perTarget: 1,
  },
  // The first result is the current counts, with the trays' conversations.
  'Subscription.trayCountsChanged': {
    query: `subscription { trayCountsChanged(view: CLASSIC) { conversations(first: 20) { nodes { ${CONTENTS} } } } }`,
    perTarget: 0,
  },
};

describe('visibility: an agent reads their own conversations, their teams’ queues and the general queue, on every path', () => {
  // Every case runs as agent A within a minute: the cost budget must not be what answers.
  const t = useTestApp({ env: { RATE_LIMIT_COST_PER_MINUTE: '10000000' } });
  const deps = t.factories;
  const w = useWorkspace(t, { scope: 'suite' });
  type Target = 'ofA' | 'ofB' | 'queued' | 'ofMyTeam' | 'ofOtherTeam';
  const targets: Record<Target, Ids> = {} as never;
  const assignees: Record<Target, string | null> = {} as never;
  /** Hidden from agent A: another agent's conversation, and the queue of a team A is not in. */
  const HIDDEN: Target[] = ['ofB', 'ofOtherTeam'];
  const READABLE: Target[] = ['ofA', 'queued', 'ofMyTeam'];
  let beforeEvents = '';

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
    const teams = deps.dataSource.getRepository(Team);
    const mine = await teams.save({ workspaceId: w.workspace.id, name: 'Mine' });
    const theirs = await teams.save({ workspaceId: w.workspace.id, name: 'Theirs' });
    await deps.dataSource.getRepository(TeamMember).save([
      { workspaceId: w.workspace.id, teamId: mine.id, agentId: w.agentA.agent.id },
      { workspaceId: w.workspace.id, teamId: theirs.id, agentId: w.agentB.agent.id },
    ]);
    const shapes: Record<Target, { assigneeId: string | null; teamId: string | null }> = {
      ofA: { assigneeId: w.agentA.agent.id, teamId: theirs.id },
      ofB: { assigneeId: w.agentB.agent.id, teamId: mine.id },
      queued: { assigneeId: null, teamId: null },
      ofMyTeam: { assigneeId: null, teamId: mine.id },
      ofOtherTeam: { assigneeId: null, teamId: theirs.id },
    };
    beforeEvents = await headCursor(t.app.deps, w.workspace.id);
    for (const [name, shape] of Object.entries(shapes) as [Target, (typeof shapes)[Target]][]) {
      const customer = await createCustomer(deps, w.channel);
      const conversation = await createConversation(deps, w.channel, {
        assigneeId: shape.assigneeId,
        customer,
        overrides: { teamId: shape.teamId },
      });
      targets[name] = await populate(deps, conversation, template);
      assignees[name] = shape.assigneeId;
      await emitEvents(t.app.deps, w.workspace.id, eventsAbout(targets[name], shape.assigneeId));
    }
    // Mentions go to agents who may read the conversation: A on what A reads, B on the rest.
    for (const [name, shape] of Object.entries(shapes) as [Target, (typeof shapes)[Target]][]) {
      const mentioned = READABLE.includes(name) ? w.agentA.agent.id : w.agentB.agent.id;
      const events = liveInboxEventsAbout(targets[name], shape.assigneeId, mentioned);
      await emitEvents(t.app.deps, w.workspace.id, events);
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

  it.each(Object.keys(CASES).flatMap((name) => HIDDEN.map((target) => [name, target] as const)))(
    '%s: %s is hidden from agent A, like a foreign one',
    async (name, target) => {
      const hidden = targets[target];
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

  it.each(Object.keys(CASES).flatMap((name) => READABLE.map((target) => [name, target] as const)))(
    '%s: agent A reads %s',
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

  it('has a case for every Subscription field that can carry a conversation-owned object', () => {
    const schema = t.app.http.schema;
    const owned = ownedTypes(t.app.deps.dataSource, schema);
    const needed = Object.values(schema.getSubscriptionType()!.getFields())
      .filter((field) => reachesOwned(schema, getNamedType(field.type), owned))
      .map((field) => `Subscription.${field.name}`);
    expect(needed.filter((name) => !SUBSCRIPTION_CASES[name]).sort()).toEqual([]);
    expect(Object.keys(SUBSCRIPTION_CASES).filter((name) => !needed.includes(name))).toEqual([]);
  });

  describe('subscriptions', () => {
    const connections: WsConnection[] = [];
    afterEach(async () => {
      await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
    });

    it.each(Object.keys(SUBSCRIPTION_CASES))(
      '%s: agent A receives what they may read and nothing hidden',
      async (name) => {
        const { query, live, perTarget, each, hiddenNotFound } = SUBSCRIPTION_CASES[name]!;
        const after = query.includes('$after') ? { after: beforeEvents } : {};
        const connection = connectWs(await t.wsUrl(), w.agentA.token);
        connections.push(connection);
        const document = parse(query) as TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>;
        if (each) {
          for (const target of [...READABLE, ...HIDDEN]) {
            const one = subscribe(connection, document, { ...each(targets[target]), ...after });
            expect(await one.waitFor(1)).toBe(true);
            if (hiddenNotFound && HIDDEN.includes(target)) {
              const codes = one.results
                .flatMap((result) => result.errors ?? [])
                .map((e) => e.extensions?.code);
              expect({ target, codes }).toEqual({ target, codes: ['NOT_FOUND'] });
              one.unsubscribe();
              continue;
            }
            expect(one.results.filter((result) => result.errors)).toEqual([]);
            const found = idsIn(one.data()).filter((id) => all(targets[target]).includes(id));
            expect({ target, found: found.length > 0 }).toEqual({ target, found: READABLE.includes(target) });
            one.unsubscribe();
          }
          return;
        }
        const sub = subscribe(connection, document, after);
        // Live only: written until they arrive, since the stream may still be positioning itself.
        for (let round = 0; live && round < 20 && sub.results.length < READABLE.length; round += 1) {
          for (const target of [...READABLE, ...HIDDEN]) {
            await emitEvents(t.app.deps, w.workspace.id, [
              {
                type: EventType.AI_SUMMARY_READY,
                conversationId: targets[target].local.conversation,
                assigneeId: assignees[target],
                payload: {
                  conversationId: targets[target].local.conversation,
                  aiSummaryId: targets[target].local.summary,
                },
              },
            ]);
          }
          await sub.waitFor(READABLE.length, 20);
        }
        expect(await sub.waitFor(Math.max(1, perTarget * READABLE.length))).toBe(true);
        // Anything hidden would have come with (or before) the last readable one; give it a moment.
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(sub.results.filter((result) => result.errors)).toEqual([]);
        const found = idsIn(sub.data());
        for (const target of READABLE) {
          expect({ target, found: found.includes(targets[target].Conversation) }).toEqual({
            target,
            found: true,
          });
        }
        for (const target of HIDDEN) {
          expect({ target, leaked: found.filter((id) => all(targets[target]).includes(id)) }).toEqual({
            target,
            leaked: [],
          });
        }
      },
    );
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
