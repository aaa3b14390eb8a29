import { getNamedType, isInputObjectType, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { createConversation, createMessage, createTestApiKey, tagCustomer } from '../testing/factories';
import { toGlobalId } from '../entities/global-id';
import { Customer } from '../entities/customer.entity';
import { CustomField } from '../entities/custom-field.entity';
import { Template } from '../entities/template.entity';
import { Campaign, CampaignStatus } from '../entities/campaign.entity';
import { ApiKeyScope, CustomFieldType, TemplateCategory, TemplateStatus } from '../entities/enums';
import { firstSubscriptionResult } from '../testing/fixtures/subscription.fixture';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { EventType } from '../realtime/event-types';

/** Foreign ids by type, from another workspace than the caller's. */
type Foreign = Record<string, string>;

interface Case {
  query: string;
  variables?: Record<string, unknown>;
  /** Call with the caller workspace's API key (scopes admin, write, bot) instead of the admin's token. */
  asApiKey?: boolean;
}

const mutation = (
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  asApiKey = false,
): Case => ({
  query: `mutation($input: ${inputType}!) { ${name}(input: $input) { __typename } }`,
  variables: { input },
  asApiKey,
});

/**
 * One case per root field that takes an id (directly or inside its input). The test enumerates
 * the schema: a new id-taking field without a case here fails it.
 */
const CASES: Record<string, (ids: Foreign) => Case> = {
  'Query.node': (ids) => ({
    query: 'query($id: ID!) { node(id: $id) { id } }',
    variables: { id: ids.Conversation },
  }),
  'Query.conversation': (ids) => ({
    query: 'query($id: ID!) { conversation(id: $id) { id } }',
    variables: { id: ids.Conversation },
  }),
  'Query.customer': (ids) => ({
    query: 'query($id: ID!) { customer(id: $id) { id } }',
    variables: { id: ids.Customer },
  }),
  'Query.conversations': (ids) => ({
    query: 'query($f: ConversationFilter) { conversations(filter: $f, first: 5) { totalCount } }',
    variables: { f: { customerId: ids.Customer } },
  }),
  'Query.trays': (ids) => ({
    query: 'query($a: ID) { trays(agentId: $a) { count } }',
    variables: { a: ids.Agent },
  }),
  'Subscription.messageAdded': (ids) => ({
    query: 'subscription($c: ID) { messageAdded(conversationId: $c) { cursor } }',
    variables: { c: ids.Conversation },
  }),
  'Subscription.messageStatusChanged': (ids) => ({
    query: 'subscription($c: ID) { messageStatusChanged(conversationId: $c) { cursor } }',
    variables: { c: ids.Conversation },
  }),
  'Subscription.aiSummaryReady': (ids) => ({
    query: 'subscription($c: ID) { aiSummaryReady(conversationId: $c) { id } }',
    variables: { c: ids.Conversation },
  }),
  'Query.tray': (ids) => ({
    query: 'query($a: ID) { tray(kind: ACTIVE, agentId: $a) { count } }',
    variables: { a: ids.Agent },
  }),
  'Mutation.agentDeactivate': (ids) =>
    mutation('agentDeactivate', 'AgentDeactivateInput', { agentId: ids.Agent }),
  'Mutation.agentReactivate': (ids) =>
    mutation('agentReactivate', 'AgentReactivateInput', { agentId: ids.Agent }),
  'Mutation.agentPasswordResetLink': (ids) =>
    mutation('agentPasswordResetLink', 'AgentPasswordResetLinkInput', { agentId: ids.Agent }),
  'Mutation.agentUpdate': (ids) =>
    mutation('agentUpdate', 'AgentUpdateInput', { agentId: ids.Agent, name: 'X' }),
  'Mutation.agentSetStatus': (ids) =>
    mutation('agentSetStatus', 'AgentSetStatusInput', { agentId: ids.Agent, status: 'BUSY' }),
  'Mutation.apiKeyRevoke': (ids) => mutation('apiKeyRevoke', 'ApiKeyRevokeInput', { apiKeyId: ids.ApiKey }),
  'Query.auditLog': (ids) => ({
    query: 'query($f: AuditLogFilter) { auditLog(filter: $f, first: 5) { totalCount } }',
    variables: { f: { actorId: ids.Agent } },
  }),
  'Query.webhookDeliveries': (ids) => ({
    query: 'query($e: ID!) { webhookDeliveries(endpointId: $e) { totalCount } }',
    variables: { e: ids.WebhookEndpoint },
  }),
  'Mutation.webhookEndpointUpdate': (ids) =>
    mutation('webhookEndpointUpdate', 'WebhookEndpointUpdateInput', {
      webhookEndpointId: ids.WebhookEndpoint,
      enabled: false,
    }),
  'Mutation.webhookEndpointDelete': (ids) =>
    mutation('webhookEndpointDelete', 'WebhookEndpointIdInput', { webhookEndpointId: ids.WebhookEndpoint }),
  'Mutation.webhookEndpointRotateSecret': (ids) =>
    mutation('webhookEndpointRotateSecret', 'WebhookEndpointIdInput', {
      webhookEndpointId: ids.WebhookEndpoint,
    }),
  'Mutation.webhookRedeliver': (ids) =>
    mutation('webhookRedeliver', 'WebhookRedeliverInput', { deliveryId: ids.WebhookDelivery }),
  'Mutation.conversationAssign': (ids) =>
    mutation('conversationAssign', 'ConversationAssignInput', {
      conversationId: ids.Conversation,
      agentId: null,
    }),
  'Mutation.conversationClose': (ids) =>
    mutation('conversationClose', 'ConversationCloseInput', {
      conversationId: ids.Conversation,
      outcome: 'POSITIVE',
      reason: 'done',
    }),
  'Mutation.conversationHandoff': (ids) =>
    mutation('conversationHandoff', 'ConversationHandoffInput', { conversationId: ids.Conversation }),
  'Mutation.conversationReopen': (ids) =>
    mutation('conversationReopen', 'ConversationReopenInput', { conversationId: ids.Conversation }),
  'Mutation.conversationTake': (ids) => ({
    ...mutation('conversationTake', 'ConversationTakeInput', { conversationId: ids.Conversation }),
    asAgent: true,
  }),
  'Mutation.conversationTransfer': (ids) =>
    mutation('conversationTransfer', 'ConversationTransferInput', {
      conversationId: ids.Conversation,
      agentId: ids.MyAgent,
    }),
  'Mutation.customFieldDelete': (ids) =>
    mutation('customFieldDelete', 'CustomFieldDeleteInput', { customFieldId: ids.CustomField }),
  'Mutation.customFieldUpdate': (ids) =>
    mutation('customFieldUpdate', 'CustomFieldUpdateInput', { customFieldId: ids.CustomField, label: 'X' }),
  'Mutation.customerFieldSet': (ids) =>
    mutation('customerFieldSet', 'CustomerFieldSetInput', {
      customerId: ids.Customer,
      key: 'plan',
      value: 'x',
    }),
  'Mutation.customerTag': (ids) =>
    mutation('customerTag', 'CustomerTagInput', { customerId: ids.Customer, tagId: ids.Tag }),
  'Mutation.customerUntag': (ids) =>
    mutation('customerUntag', 'CustomerTagInput', { customerId: ids.Customer, tagId: ids.Tag }),
  'Mutation.messageInbound': (ids) =>
    mutation(
      'messageInbound',
      'MessageInboundInput',
      { channelAccountId: ids.ChannelAccount, customerChannelUserId: 'u1', externalId: 'e1', text: 'hola' },
      true,
    ),
  'Mutation.messageRetry': (ids) => mutation('messageRetry', 'MessageRetryInput', { messageId: ids.Message }),
  'Mutation.messageSend': (ids) =>
    mutation('messageSend', 'MessageSendInput', { conversationId: ids.Conversation, text: 'hola' }),
  'Mutation.noteCreate': (ids) =>
    mutation('noteCreate', 'NoteCreateInput', { conversationId: ids.Conversation, body: 'x' }),
  'Mutation.tagDelete': (ids) => mutation('tagDelete', 'TagDeleteInput', { tagId: ids.Tag }),
  'Mutation.tagUpdate': (ids) => mutation('tagUpdate', 'TagUpdateInput', { tagId: ids.Tag, name: 'X' }),
  'Mutation.templateCreate': (ids) =>
    mutation('templateCreate', 'TemplateCreateInput', {
      channelAccountId: ids.ChannelAccount,
      name: 'x',
      language: 'es',
      category: 'UTILITY',
      body: 'hola',
    }),
  'Mutation.templateSend': (ids) =>
    mutation('templateSend', 'TemplateSendInput', { templateId: ids.Template, customerId: ids.MyCustomer }),
  'Mutation.templatesSync': (ids) =>
    mutation('templatesSync', 'TemplatesSyncInput', { channelAccountId: ids.ChannelAccount }),
  'Mutation.aiSummaryGenerate': (ids) => ({
    query: 'mutation($c: ID!) { aiSummaryGenerate(input: { conversationId: $c }) { aiSummary { id } } }',
    variables: { c: ids.Conversation },
  }),
  'Query.campaign': (ids) => ({
    query: 'query($id: ID!) { campaign(id: $id) { id } }',
    variables: { id: ids.Campaign },
  }),
  'Subscription.campaignProgress': (ids) => ({
    query: 'subscription($c: ID!) { campaignProgress(campaignId: $c) { id } }',
    variables: { c: ids.Campaign },
  }),
  'Mutation.campaignCancel': (ids) =>
    mutation('campaignCancel', 'CampaignCancelInput', { campaignId: ids.Campaign }),
  'Mutation.campaignCreate': (ids) =>
    mutation('campaignCreate', 'CampaignCreateInput', {
      name: 'X',
      channelAccountId: ids.MyChannelAccount,
      templateId: ids.Template,
      audience: { customerIds: [ids.MyCustomer] },
    }),
  'Mutation.suggestionsRefresh': (ids) => ({
    query: 'mutation($c: ID!) { suggestionsRefresh(input: { conversationId: $c }) { suggestions { id } } }',
    variables: { c: ids.Conversation },
  }),
};

/** Whether an argument's type (through input objects) carries an ID. */
function takesId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => takesId(field.type, seen));
}

describe('tenancy: another workspace’s id behaves as one that does not exist', () => {
  const t = useTestApp();
  const deps = t.factories;
  const mine = useWorkspace(t, { scope: 'suite' });
  const theirs = useWorkspace(t, { scope: 'suite' });
  const foreign: Foreign = {};
  let myKey = '';

  beforeAll(async () => {
    const conversation = await createConversation(deps, theirs.channel, {
      assigneeId: theirs.agentA.agent.id,
    });
    const customer = await deps.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ id: conversation.customerId });
    const tag = await tagCustomer(deps, customer, 'VIP');
    const message = await createMessage(deps, conversation);
    const field = await deps.dataSource
      .getRepository(CustomField)
      .save({ workspaceId: theirs.workspace.id, key: 'plan', label: 'Plan', type: CustomFieldType.TEXT });
    const { apiKey } = await createTestApiKey(deps, theirs.workspace.id, [ApiKeyScope.READ]);
    const template = await deps.dataSource.getRepository(Template).save({
      workspaceId: theirs.workspace.id,
      channelAccountId: theirs.channel.id,
      name: 'hola',
      language: 'es',
      category: TemplateCategory.UTILITY,
      status: TemplateStatus.APPROVED,
      components: [{ type: 'BODY', text: 'Hola' }],
    });
    const endpoint = await deps.dataSource.getRepository(WebhookEndpoint).save({
      workspaceId: theirs.workspace.id,
      url: 'https://93.184.216.34/hook',
      eventTypes: [EventType.MESSAGE_ADDED],
      secretEnc: deps.secretBox.seal('whsec_theirs'),
      secretPrefix: 'whsec_theirs',
    });
    const delivery = await deps.dataSource.getRepository(WebhookDelivery).save({
      workspaceId: theirs.workspace.id,
      endpointId: endpoint.id,
      eventSeq: '1',
      eventType: EventType.MESSAGE_ADDED,
      body: '{}',
      status: WebhookDeliveryStatus.FAILED,
    });
    const myConversation = await createConversation(deps, mine.channel, {});
    const campaign = await deps.dataSource.getRepository(Campaign).save({
      workspaceId: theirs.workspace.id,
      name: 'theirs',
      status: CampaignStatus.RUNNING,
      channelAccountId: theirs.channel.id,
      templateId: template.id,
      variables: [],
    });
    myKey = (
      await createTestApiKey(deps, mine.workspace.id, [ApiKeyScope.ADMIN, ApiKeyScope.WRITE, ApiKeyScope.BOT])
    ).key;
    Object.assign(foreign, {
      CustomField: toGlobalId('CustomField', field.id),
      ApiKey: toGlobalId('ApiKey', apiKey.id),
      WebhookEndpoint: toGlobalId('WebhookEndpoint', endpoint.id),
      WebhookDelivery: toGlobalId('WebhookDelivery', delivery.id),
      Template: toGlobalId('Template', template.id),
      Campaign: toGlobalId('Campaign', campaign.id),
      MyChannelAccount: toGlobalId('ChannelAccount', mine.channel.id),
      MyAgent: toGlobalId('Agent', mine.agentA.agent.id),
      MyCustomer: toGlobalId('Customer', myConversation.customerId),
      Conversation: toGlobalId('Conversation', conversation.id),
      Customer: toGlobalId('Customer', customer.id),
      Agent: toGlobalId('Agent', theirs.agentA.agent.id),
      Tag: toGlobalId('Tag', tag.id),
      Message: toGlobalId('Message', message.id),
      ChannelAccount: toGlobalId('ChannelAccount', theirs.channel.id),
      Workspace: toGlobalId('Workspace', theirs.workspace.id),
    });
  });

  it('has a case for every root field that takes an id', () => {
    const schema = t.app.http.schema;
    const idFields: string[] = [];
    for (const root of ['Query', 'Mutation', 'Subscription']) {
      const type = schema.getType(root) as GraphQLObjectType | undefined;
      for (const field of Object.values(type?.getFields() ?? {})) {
        if (field.args.some((arg) => takesId(arg.type))) idFields.push(`${root}.${field.name}`);
      }
    }
    expect(idFields.filter((name) => !CASES[name]).sort()).toEqual([]);
  });

  it.each(Object.keys(CASES))('%s answers NOT_FOUND for a foreign id', async (name) => {
    const { query, variables, asApiKey, asAgent } = CASES[name]!(foreign) as Case & { asAgent?: boolean };
    const token = asApiKey ? myKey : asAgent ? mine.agentA.token : mine.admin.token;
    // Subscriptions are served over WebSocket only.
    const result = query.startsWith('subscription')
      ? await firstSubscriptionResult(await t.wsUrl(), token, query, variables)
      : await t.gql(query, variables, token);
    expect(result.errors?.map((error) => error.extensions?.code)).toContain('NOT_FOUND');
  });

  it.each(['Conversation', 'Customer', 'Agent', 'Tag', 'Message', 'ChannelAccount', 'Workspace'])(
    'node(id) of a foreign %s is NOT_FOUND, like an unknown one',
    async (type) => {
      const query = 'query($id: ID!) { node(id: $id) { id } }';
      const foreignResult = await t.gql(query, { id: foreign[type] }, mine.admin.token);
      const unknown = await t.gql(
        query,
        { id: toGlobalId(type, '00000000-0000-4000-8000-000000000000') },
        mine.admin.token,
      );
      expect(foreignResult.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(foreignResult.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    },
  );

  it('credentials are nodes for admins only, even within the workspace', async () => {
    const query = 'query($id: ID!) { node(id: $id) { id } }';
    const { key } = await createTestApiKey(deps, theirs.workspace.id, [ApiKeyScope.READ]);
    const asAdmin = await t.gql(query, { id: foreign.ApiKey }, theirs.admin.token);
    const asAgent = await t.gql(query, { id: foreign.ApiKey }, theirs.agentA.token);
    const asReadKey = await t.gql(query, { id: foreign.ApiKey }, key);
    expect(asAdmin.data).toEqual({ node: { id: foreign.ApiKey } });
    expect(asAgent.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(asReadKey.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the same id is found by its own workspace', async () => {
    const result = await t.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: foreign.Conversation },
      theirs.admin.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: { id: foreign.Conversation } });
  });
});
