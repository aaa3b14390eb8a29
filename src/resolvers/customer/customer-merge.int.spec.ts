import {
  ConversationUpdatedDocument,
  CustomerMergeDocument,
  CustomerUpdatedDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createCustomer,
  createCustomField,
  createTestWorkspace,
  tagCustomer,
} from '../../testing/factories';
import {
  connectWs,
  firstSubscriptionResult,
  headCursor,
  subscribe,
  type WsConnection,
} from '../../testing/fixtures/subscription.fixture';
import { metaJson, signBody, whatsAppInboundTextWebhook } from '../../testing/fake-graph-api';
import { toGlobalId } from '../../entities/global-id';
import { Campaign, CampaignStatus } from '../../entities/campaign.entity';
import { CampaignRecipient } from '../../entities/campaign-recipient.entity';
import { Conversation } from '../../entities/conversation.entity';
import { ConversationLabel } from '../../entities/conversation-label.entity';
import { Customer } from '../../entities/customer.entity';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { Message } from '../../entities/message.entity';
import { Note } from '../../entities/note.entity';
import { Tag } from '../../entities/tag.entity';
import { Template } from '../../entities/template.entity';
import {
  ChannelKind,
  ConversationStatus,
  CustomFieldType,
  Handler,
  TemplateCategory,
  TemplateStatus,
} from '../../entities/enums';
import { decodeEventCursor, readEvents } from '../../realtime/event-log';
import { JobName } from '../../runtime/job-queue';
import { webhookPathOf } from '../../services/channel-account/channel-account.service';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;

describe('customerMerge', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);
  const connections: WsConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });

  const cid = (customer: Customer) => toGlobalId('Customer', customer.id);
  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);
  const merge = (into: Customer, from: Customer, token = w.admin.token) =>
    t.gql(CustomerMergeDocument, { input: { into: cid(into), from: cid(from) } }, token);
  const fieldValues = (customer: Customer) =>
    deps.dataSource.getRepository(CustomerFieldValue).find({ where: { customerId: customer.id } });
  const setField = (customer: Customer, fieldId: string, value: string) =>
    deps.dataSource
      .getRepository(CustomerFieldValue)
      .insert({ customerId: customer.id, fieldId, workspaceId: w.workspace.id, value });
  const feed = async <T, V extends Record<string, unknown>>(
    document: Parameters<typeof subscribe<T, V>>[1],
    variables: V,
  ) => {
    const connection = connectWs(await t.wsUrl(), w.admin.token);
    connections.push(connection);
    return subscribe(connection, document, variables);
  };

  async function postWhatsApp(from: string, text: string) {
    const raw = metaJson(
      whatsAppInboundTextWebhook({ phoneNumberId: w.channel.externalId, from, name: 'Ana', text, at: NOW }),
    );
    const response = await t
      .http()
      .post(webhookPathOf(w.channel))
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody('test-app-secret', raw))
      .send(raw.toString('utf8'));
    expect(response.status).toBe(200);
    expect(await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS)).toBe(1);
  }

  it('two customers with open conversations on one channel, conflicting fields, overlapping tags', async () => {
    const plan = await createCustomField(deps, w.workspace.id, {
      key: 'plan',
      type: CustomFieldType.SELECT,
      options: ['Basic', 'Pro'],
    });
    const city = await createCustomField(deps, w.workspace.id, { key: 'city', type: CustomFieldType.TEXT });
    const into = await createCustomer(deps, w.channel, { name: 'Ana García', phone: '+34600111111' });
    const from = await createCustomer(deps, w.channel, {
      name: 'Ana G.',
      phone: '+34600222222',
      email: 'ana@example.com',
    });
    await setField(into, plan.id, 'Pro');
    await setField(from, plan.id, 'Basic');
    await setField(from, city.id, 'Madrid');
    await tagCustomer(deps, into, 'VIP');
    await tagCustomer(deps, into, 'es');
    await tagCustomer(deps, from, 'VIP');
    await tagCustomer(deps, from, 'churn-risk');

    const intoOpen = await createConversation(deps, w.channel, {
      customer: into,
      assigneeId: w.agentA.agent.id,
    });
    const fromOpen = await createConversation(deps, w.channel, {
      customer: from,
      assigneeId: w.agentB.agent.id,
    });
    const fromOld = await createConversation(deps, w.channel, {
      customer: from,
      status: ConversationStatus.CLOSED,
      lastActivityAgoMs: 48 * HOUR,
    });
    await deps.dataSource.getRepository(Note).save([
      { workspaceId: w.workspace.id, conversationId: fromOpen.id, body: 'asked for a refund' },
      { workspaceId: w.workspace.id, conversationId: fromOld.id, body: 'first contact' },
    ]);
    const refund = await deps.dataSource
      .getRepository(Tag)
      .save({ workspaceId: w.workspace.id, name: 'refund' });
    await deps.dataSource
      .getRepository(ConversationLabel)
      .insert({ conversationId: fromOpen.id, tagId: refund.id, workspaceId: w.workspace.id });

    const after = await headCursor(t.app.deps, w.workspace.id);
    const onFromOpen = await feed(ConversationUpdatedDocument, { conversationId: gid(fromOpen), after });
    const onFrom = await feed(CustomerUpdatedDocument, { customerId: cid(from), after });
    const onInto = await feed(CustomerUpdatedDocument, { customerId: cid(into), after });

    const result = await merge(into, from);
    expect(result.errors).toBeUndefined();
    const payload = result.data!.customerMerge;
    expect(payload).toMatchObject({
      userErrors: [],
      mergedCustomerId: cid(from),
      closedConversation: { id: gid(fromOpen), status: 'CLOSED' },
      customer: {
        id: cid(into),
        // The survivor's values win; its empty e-mail and city are filled from the merged customer.
        name: 'Ana García',
        email: 'ana@example.com',
        phone: '+34600111111',
        channelUserId: into.channelUserId,
      },
    });
    expect(payload.customer!.tags.map((tag) => tag.name).sort()).toEqual(['VIP', 'churn-risk', 'es'].sort());
    expect(payload.customer!.fields).toEqual(
      expect.arrayContaining([
        { key: 'plan', value: 'Pro' },
        { key: 'city', value: 'Madrid' },
      ]),
    );
    const conversations = payload.customer!.conversations.nodes;
    expect(conversations.map((node) => [node.id, node.status, node.assignee?.id ?? null]).sort()).toEqual(
      [
        [gid(intoOpen), 'OPEN', w.agentA.agent.globalId],
        [gid(fromOpen), 'CLOSED', w.agentB.agent.globalId],
        [gid(fromOld), 'CLOSED', null],
      ].sort(),
    );
    expect(conversations.flatMap((node) => node.notes.nodes.map((note) => note.body)).sort()).toEqual([
      'asked for a refund',
      'first contact',
    ]);

    // The rows: one open conversation for the survivor, labels kept, nothing left on the merged one.
    const rows = await deps.dataSource.getRepository(Conversation).find({ where: { customerId: into.id } });
    expect(rows.filter((row) => row.status === ConversationStatus.OPEN).map((row) => row.id)).toEqual([
      intoOpen.id,
    ]);
    expect(
      await deps.dataSource
        .getRepository(ConversationLabel)
        .count({ where: { conversationId: fromOpen.id } }),
    ).toBe(1);
    expect(await fieldValues(from)).toEqual([]);
    const tombstone = await deps.dataSource
      .getRepository(Customer)
      .findOneOrFail({ where: { id: from.id }, withDeleted: true });
    expect([tombstone.mergedIntoId, tombstone.mergedAt?.toISOString()]).toEqual([into.id, NOW.toISOString()]);

    // The closed conversation's history says why and where the customer went on.
    const history = await t.gql(
      'query($id: ID!) { conversation(id: $id) { closeReason events(first: 20) { nodes { type comment data } } } }',
      { id: gid(fromOpen) },
      w.admin.token,
    );
    const lines = (history.data as { conversation: { events: { nodes: { type: string; data: unknown }[] } } })
      .conversation.events.nodes;
    expect(lines.map((line) => line.type)).toEqual(['CLOSED', 'TRAY_MOVED', 'CUSTOMER_MERGED']);
    expect(lines[0]!.data).toEqual({
      cause: 'CUSTOMER_MERGED',
      openConversationId: gid(intoOpen),
      outcome: null,
    });
    expect(lines[2]!.data).toEqual({ fromCustomerId: cid(from), intoCustomerId: cid(into) });

    // The events of the merge, in one transaction.
    const events = await readEvents(deps.dataSource, w.workspace.id, decodeEventCursor(after).seq, 100);
    expect(events.map((event) => event.type)).toEqual([
      'TRAY_CHANGED',
      'TRAY_CHANGED',
      'CONVERSATION_UPDATED',
      'CUSTOMER_MERGED',
      'AUDIT_RECORDED',
    ]);
    expect(events[2]!.payload).toEqual({ conversationId: fromOpen.id, events: ['CLOSED', 'TRAY_MOVED'] });
    expect(events[3]!.payload).toEqual({
      customerId: into.id,
      fromCustomerId: from.id,
      closedConversationId: fromOpen.id,
      conversations: 2,
      taken: ['email', 'fields.city'],
    });
    expect(events[4]!.payload).toMatchObject({ action: 'CUSTOMER_MERGED', targetId: cid(into) });

    // Live: the closed conversation's view, the survivor's feed, and the merged customer's last event.
    expect(await onFromOpen.waitFor(2)).toBe(true);
    expect(onFromOpen.data().map(({ conversationUpdated: update }) => [update.type, update.changes])).toEqual(
      [
        ['CONVERSATION_UPDATED', ['CLOSED', 'TRAY_MOVED']],
        ['CUSTOMER_MERGED', null],
      ],
    );
    expect(onFromOpen.data()[1]!.conversationUpdated.customerChange).toMatchObject({
      type: 'CUSTOMER_MERGED',
      mergedCustomerId: cid(from),
      customer: { id: cid(into) },
      changed: ['email', 'fields.city'],
    });
    expect(await onInto.waitFor(1)).toBe(true);
    expect(onInto.data()[0]!.customerUpdated).toMatchObject({
      type: 'CUSTOMER_MERGED',
      customer: { id: cid(into) },
      closedConversation: { id: gid(fromOpen) },
    });
    expect(await onFrom.ended).toBeNull();
    expect(
      onFrom.data().map((data) => [data.customerUpdated.type, data.customerUpdated.customer.id]),
    ).toEqual([['CUSTOMER_MERGED', cid(into)]]);

    // The merged customer writes again: the survivor's open conversation gets the message.
    await postWhatsApp(from.channelUserId, 'sigo aquí');
    const message = await deps.dataSource.getRepository(Message).findOneByOrFail({ text: 'sigo aquí' });
    expect(message.conversationId).toBe(intoOpen.id);
    expect(
      await deps.dataSource.getRepository(Customer).count({ where: { channelAccountId: w.channel.id } }),
    ).toBe(1);
  });

  it('afterwards the merged id answers NOT_FOUND everywhere, exactly like an id that never existed', async () => {
    const into = await createCustomer(deps, w.channel);
    const from = await createCustomer(deps, w.channel);
    const tag = await tagCustomer(deps, into, 'VIP');
    const template = await deps.dataSource.getRepository(Template).save(
      deps.dataSource.getRepository(Template).create({
        workspaceId: w.workspace.id,
        channelAccountId: w.channel.id,
        name: 'hola',
        language: 'es',
        category: TemplateCategory.UTILITY,
        status: TemplateStatus.APPROVED,
        components: [{ type: 'BODY', text: 'Hola' }],
      }),
    );
    expect((await merge(into, from)).data!.customerMerge.userErrors).toEqual([]);

    const nowhere = toGlobalId('Customer', '00000000-0000-4000-8000-000000000000');
    const reads: [string, (id: string) => Record<string, unknown>][] = [
      ['query($id: ID!) { customer(id: $id) { id } }', (id) => ({ id })],
      ['query($id: ID!) { node(id: $id) { id } }', (id) => ({ id })],
      ['query($id: ID!) { conversations(filter: { customerId: $id }) { totalCount } }', (id) => ({ id })],
      [
        'mutation($id: ID!) { customerFieldSet(input: { customerId: $id, key: "x", value: 1 }) { userErrors { code } } }',
        (id) => ({ id }),
      ],
      [
        'mutation($id: ID!, $t: ID!) { customerTag(input: { customerId: $id, tagId: $t }) { userErrors { code } } }',
        (id) => ({ id, t: tag.globalId }),
      ],
      [
        'mutation($id: ID!) { customerUpdate(input: { customerId: $id, name: "x" }) { userErrors { code } } }',
        (id) => ({ id }),
      ],
      [
        'mutation($id: ID!, $into: ID!) { customerMerge(input: { into: $into, from: $id }) { userErrors { code } } }',
        (id) => ({ id, into: cid(into) }),
      ],
      [
        'mutation($id: ID!, $t: ID!) { templateSend(input: { templateId: $t, customerId: $id }) { userErrors { code } } }',
        (id) => ({ id, t: template.globalId }),
      ],
      [
        'mutation($id: ID!, $a: ID!, $t: ID!) { campaignCreate(input: { name: "x", channelAccountId: $a, templateId: $t, audience: { customerIds: [$id] } }) { userErrors { code } } }',
        (id) => ({ id, a: w.channel.globalId, t: template.globalId }),
      ],
    ];
    for (const [query, variables] of reads) {
      const merged = await t.gql(query, variables(cid(from)), w.admin.token);
      const unknown = await t.gql(query, variables(nowhere), w.admin.token);
      expect({
        query,
        code: merged.errors?.[0]?.extensions?.code,
        message: merged.errors?.[0]?.message,
      }).toEqual({
        query,
        code: 'NOT_FOUND',
        message: unknown.errors?.[0]?.message,
      });
    }
    const subscription = await firstSubscriptionResult(
      await t.wsUrl(),
      w.admin.token,
      'subscription($id: ID!) { customerUpdated(customerId: $id) { cursor } }',
      { id: cid(from) },
    );
    expect(subscription.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    const list = await t.gql(
      'query($s: String) { customers(search: $s) { nodes { id } } }',
      { s: from.channelUserId },
      w.admin.token,
    );
    expect(list.data).toEqual({ customers: { nodes: [] } });
  });

  it('an open conversation of the merged customer alone moves open; tombstones follow later merges', async () => {
    const a = await createCustomer(deps, w.channel);
    const b = await createCustomer(deps, w.channel);
    const c = await createCustomer(deps, w.channel);
    const ofB = await createConversation(deps, w.channel, { customer: b, assigneeId: w.agentB.agent.id });
    expect((await merge(a, b)).data!.customerMerge).toMatchObject({
      userErrors: [],
      closedConversation: null,
    });
    const moved = await deps.dataSource.getRepository(Conversation).findOneByOrFail({ id: ofB.id });
    expect([moved.customerId, moved.status, moved.assigneeId]).toEqual([a.id, 'OPEN', w.agentB.agent.id]);
    expect((await merge(c, a)).data!.customerMerge.userErrors).toEqual([]);
    const tombstones = await deps.dataSource
      .getRepository(Customer)
      .find({ where: [{ id: a.id }, { id: b.id }], withDeleted: true });
    expect(tombstones.map((row) => row.mergedIntoId)).toEqual([c.id, c.id]);
    // B's identity leads to C in one hop; the conversation that moved twice is C's only open one.
    await postWhatsApp(b.channelUserId, 'hola otra vez');
    const message = await deps.dataSource.getRepository(Message).findOneByOrFail({ text: 'hola otra vez' });
    expect(message.conversationId).toBe(ofB.id);
    expect(
      (await deps.dataSource.getRepository(Conversation).findOneByOrFail({ id: ofB.id })).customerId,
    ).toBe(c.id);
  });

  it('campaign recipients move to the survivor; one the survivor already is never gets the campaign twice', async () => {
    const into = await createCustomer(deps, w.channel);
    const from = await createCustomer(deps, w.channel);
    const template = await deps.dataSource.getRepository(Template).save({
      workspaceId: w.workspace.id,
      channelAccountId: w.channel.id,
      name: 'promo',
      language: 'es',
      category: TemplateCategory.MARKETING,
      status: TemplateStatus.APPROVED,
      components: [{ type: 'BODY', text: 'Hola' }],
    });
    const campaigns = deps.dataSource.getRepository(Campaign);
    const campaignNamed = (name: string) =>
      campaigns.save({
        workspaceId: w.workspace.id,
        name,
        status: CampaignStatus.RUNNING,
        channelAccountId: w.channel.id,
        templateId: template.id,
        variables: [],
      });
    const both = await campaignNamed('both');
    const onlyFrom = await campaignNamed('only from');
    const recipients = deps.dataSource.getRepository(CampaignRecipient);
    await recipients.insert([
      { workspaceId: w.workspace.id, campaignId: both.id, customerId: into.id },
      { workspaceId: w.workspace.id, campaignId: both.id, customerId: from.id },
      { workspaceId: w.workspace.id, campaignId: onlyFrom.id, customerId: from.id },
    ]);
    expect((await merge(into, from)).data!.customerMerge.userErrors).toEqual([]);
    const rows = await recipients.find({
      order: { createdAt: 'ASC' },
      where: [{ campaignId: both.id }, { campaignId: onlyFrom.id }],
    });
    const summary = rows
      .map((row) => [row.campaignId, row.customerId, row.stage, row.error?.code ?? null])
      .sort();
    expect(summary).toEqual(
      [
        [both.id, into.id, 'QUEUED', null],
        [both.id, from.id, 'SKIPPED', 'CUSTOMER_MERGED'],
        [onlyFrom.id, into.id, 'QUEUED', null],
      ].sort(),
    );
    // The campaign's list still shows a customer for the skipped recipient: the survivor.
    const campaign = await t.gql(
      'query($id: ID!) { campaign(id: $id) { recipients(first: 10) { nodes { status customer { id } } } } }',
      { id: toGlobalId('Campaign', both.id) },
      w.admin.token,
    );
    expect(campaign.errors).toBeUndefined();
    const nodes = (campaign.data as { campaign: { recipients: { nodes: { customer: { id: string } }[] } } })
      .campaign.recipients.nodes;
    expect(nodes.map((node) => node.customer.id)).toEqual([cid(into), cid(into)]);
  });

  it('refuses customers of different channel accounts, a customer into itself, and agents', async () => {
    const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
    const onWhatsApp = await createCustomer(deps, w.channel);
    const onApi = await createCustomer(deps, api, { channelUserId: 'crm-1', phone: null });
    const across = await merge(onWhatsApp, onApi);
    expect(across.data!.customerMerge.userErrors).toMatchObject([
      { code: 'MERGE_NOT_ALLOWED', field: ['input', 'fromCustomerId'] },
    ]);
    expect((await merge(onWhatsApp, onWhatsApp)).data!.customerMerge.userErrors[0]!.code).toBe(
      'INVALID_INPUT',
    );
    const byAgent = await merge(onWhatsApp, onApi, w.agentA.token);
    expect(byAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await createTestWorkspace(deps);
    const foreign = await createCustomer(deps, other.channel);
    expect((await merge(onWhatsApp, foreign)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Nothing moved or was hidden by the refusals.
    expect(
      await deps.dataSource.getRepository(Customer).count({ where: { workspaceId: w.workspace.id } }),
    ).toBe(2);
  });

  it('two opposite merges at once: one wins, the other finds its customer gone', async () => {
    const a = await createCustomer(deps, w.channel);
    const b = await createCustomer(deps, w.channel);
    await createConversation(deps, w.channel, { customer: a, handler: Handler.AGENT });
    await createConversation(deps, w.channel, { customer: b, handler: Handler.AGENT });
    const [ab, ba] = await Promise.all([merge(a, b), merge(b, a)]);
    const outcomes = [ab, ba].map((result) =>
      result.errors
        ? result.errors[0]!.extensions!.code
        : result.data!.customerMerge.userErrors.length === 0
          ? 'OK'
          : 'REFUSED',
    );
    expect(outcomes.sort()).toEqual(['NOT_FOUND', 'OK']);
    const live = await deps.dataSource
      .getRepository(Customer)
      .find({ where: { workspaceId: w.workspace.id } });
    expect(live).toHaveLength(1);
    const open = await deps.dataSource
      .getRepository(Conversation)
      .find({ where: { customerId: live[0]!.id, status: ConversationStatus.OPEN } });
    expect(open).toHaveLength(1);
  });
});
