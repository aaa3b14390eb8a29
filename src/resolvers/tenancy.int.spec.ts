import {
  getNamedType,
  isInputObjectType,
  Kind,
  parse,
  type GraphQLInputType,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import {
  createAttachment,
  createChannelAccount,
  createConversation,
  createCustomer,
  createMessage,
  createTestApiKey,
  tagCustomer,
} from '../testing/factories';
import { toGlobalId } from '../entities/global-id';
import { Customer } from '../entities/customer.entity';
import { Note } from '../entities/note.entity';
import { CustomField } from '../entities/custom-field.entity';
import { Template } from '../entities/template.entity';
import { Campaign, CampaignStatus } from '../entities/campaign.entity';
import {
  ActorType,
  ApiKeyScope,
  CannedScope,
  ChannelKind,
  CustomFieldType,
  Handler,
  TemplateCategory,
  TemplateStatus,
} from '../entities/enums';
import { Team } from '../entities/team.entity';
import { SlaPolicy } from '../entities/sla-policy.entity';
import { Suggestion } from '../entities/suggestion.entity';
import { fromGlobalId } from '../entities/global-id';
import { firstSubscriptionResult } from '../testing/fixtures/subscription.fixture';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { EventType } from '../realtime/event-types';
import { PersistedQuery } from '../entities/persisted-query.entity';
import { documentSha256 } from '../services/persisted-query/persisted-query.service';
import { CannedResponse } from '../entities/canned-response.entity';
import { Macro } from '../entities/macro.entity';
import { BulkJob, BulkJobKind } from '../entities/bulk-job.entity';

/** Foreign ids by type, from another workspace than the caller's. */
type Foreign = Record<string, string>;

interface Case {
  query: string;
  variables?: Record<string, unknown>;
  /** Call with the caller workspace's API key (scopes admin, write, bot) instead of the admin's token. */
  asApiKey?: boolean;
  /**
   * The field answers an id it cannot find with something else than NOT_FOUND (an empty list, a
   * user error): the foreign id must get exactly the answer an unknown id of its type gets.
   */
  sameAsUnknown?: boolean;
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

/** A campaign of the caller's own workspace, valid but for the id a case replaces. */
const myCampaign = (ids: Foreign) => ({
  name: 'X',
  channelAccountId: ids.MyChannelAccount,
  templateId: ids.MyTemplate,
  audience: { customerIds: [ids.MyCustomer] },
});

const conversationsFiltered = (filter: Record<string, unknown>): Case => ({
  query: 'query($f: ConversationFilter) { conversations(filter: $f, first: 5) { totalCount } }',
  variables: { f: filter },
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
  'Query.attachment': (ids) => ({
    query: 'query($id: ID!) { attachment(id: $id) { id url } }',
    variables: { id: ids.Attachment },
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
  'Query.agentStats': (ids) => ({
    query: 'query($t: ID) { agentStats(from: "2026-03-01", to: "2026-03-31", teamId: $t) { closedCount } }',
    variables: { t: ids.Team },
  }),
  'Mutation.reportExport': (ids) => ({
    query:
      'mutation($t: ID) { reportExport(kind: AGENTS, from: "2026-03-01", to: "2026-03-31", teamId: $t) { attachment { id } } }',
    variables: { t: ids.Team },
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
  'Mutation.agentSetCapacity': (ids) =>
    mutation('agentSetCapacity', 'AgentSetCapacityInput', { agentId: ids.Agent, capacity: 2 }),
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
  'Mutation.messageInbound#uploadId': (ids) =>
    mutation(
      'messageInbound',
      'MessageInboundInput',
      {
        channelAccountId: ids.MyApiChannel,
        customerChannelUserId: 'u1',
        externalId: 'e-upload',
        attachments: [{ uploadId: ids.Attachment }],
      },
      true,
    ),
  'Mutation.attachmentRetry': (ids) =>
    mutation('attachmentRetry', 'AttachmentRetryInput', { attachmentId: ids.Attachment }),
  'Mutation.messageRetry': (ids) => mutation('messageRetry', 'MessageRetryInput', { messageId: ids.Message }),
  'Mutation.messageReact': (ids) =>
    mutation('messageReact', 'MessageReactInput', { messageId: ids.Message, emoji: '👍' }),
  'Mutation.messageStatusReport': (ids) =>
    mutation(
      'messageStatusReport',
      'MessageStatusReportInput',
      { messageId: ids.Message, status: 'READ' },
      true,
    ),
  'Mutation.conversationMarkRead': (ids) =>
    mutation('conversationMarkRead', 'ConversationMarkReadInput', { conversationId: ids.Conversation }),
  'Mutation.conversationTyping': (ids) =>
    mutation('conversationTyping', 'ConversationTypingInput', { conversationId: ids.Conversation }),
  'Mutation.messageSend': (ids) =>
    mutation('messageSend', 'MessageSendInput', { conversationId: ids.Conversation, text: 'hola' }),
  'Mutation.noteCreate': (ids) =>
    mutation('noteCreate', 'NoteCreateInput', { conversationId: ids.Conversation, body: 'x' }),
  'Mutation.persistedQueryDelete': (ids) =>
    mutation('persistedQueryDelete', 'PersistedQueryDeleteInput', { persistedQueryId: ids.PersistedQuery }),
  'Mutation.noteUpdate': (ids) => mutation('noteUpdate', 'NoteUpdateInput', { noteId: ids.Note, body: 'x' }),
  'Mutation.noteDelete': (ids) => mutation('noteDelete', 'NoteDeleteInput', { noteId: ids.Note }),
  'Mutation.conversationLabel': (ids) =>
    mutation('conversationLabel', 'ConversationLabelInput', {
      conversationId: ids.Conversation,
      tagId: ids.Tag,
    }),
  'Mutation.conversationUnlabel': (ids) =>
    mutation('conversationUnlabel', 'ConversationLabelInput', {
      conversationId: ids.Conversation,
      tagId: ids.Tag,
    }),
  'Mutation.customerUpsert': (ids) =>
    mutation('customerUpsert', 'CustomerUpsertInput', {
      channelAccountId: ids.ChannelAccount,
      phone: '+34600123456',
    }),
  'Mutation.customerUpdate': (ids) =>
    mutation('customerUpdate', 'CustomerUpdateInput', { customerId: ids.Customer, name: 'X' }),
  'Mutation.customerMerge': (ids) =>
    mutation('customerMerge', 'CustomerMergeInput', { into: ids.Customer, from: ids.MyCustomer }),
  'Mutation.customerMerge#from': (ids) =>
    mutation('customerMerge', 'CustomerMergeInput', { into: ids.MyLoneCustomer, from: ids.Customer }),
  'Subscription.conversationUpdated': (ids) => ({
    query: 'subscription($c: ID!) { conversationUpdated(conversationId: $c) { cursor } }',
    variables: { c: ids.Conversation },
  }),
  'Subscription.customerUpdated': (ids) => ({
    query: 'subscription($c: ID!) { customerUpdated(customerId: $c) { cursor } }',
    variables: { c: ids.Customer },
  }),
  'Mutation.tagDelete': (ids) => mutation('tagDelete', 'TagDeleteInput', { tagId: ids.Tag }),
  'Mutation.cannedResponseCreate': (ids) =>
    mutation('cannedResponseCreate', 'CannedResponseCreateInput', {
      scope: 'TEAM',
      teamId: ids.Team,
      shortcode: 'x',
      body: 'x',
    }),
  'Mutation.cannedResponseCreate#attachmentIds': (ids) =>
    mutation('cannedResponseCreate', 'CannedResponseCreateInput', {
      scope: 'WORKSPACE',
      shortcode: 'x',
      body: 'x',
      attachmentIds: [ids.MyAttachment, ids.Attachment],
    }),
  'Mutation.cannedResponseUpdate': (ids) =>
    mutation('cannedResponseUpdate', 'CannedResponseUpdateInput', {
      cannedResponseId: ids.CannedResponse,
      body: 'x',
    }),
  'Mutation.cannedResponseUpdate#attachmentIds': (ids) =>
    mutation('cannedResponseUpdate', 'CannedResponseUpdateInput', {
      cannedResponseId: ids.MyCannedResponse,
      attachmentIds: [ids.Attachment],
    }),
  'Mutation.cannedResponseDelete': (ids) =>
    mutation('cannedResponseDelete', 'CannedResponseDeleteInput', { cannedResponseId: ids.CannedResponse }),
  'Mutation.cannedResponseRender': (ids) =>
    mutation('cannedResponseRender', 'CannedResponseRenderInput', {
      cannedResponseId: ids.CannedResponse,
      conversationId: ids.MyConversation,
    }),
  'Mutation.cannedResponseRender#conversationId': (ids) =>
    mutation('cannedResponseRender', 'CannedResponseRenderInput', {
      cannedResponseId: ids.MyCannedResponse,
      conversationId: ids.Conversation,
    }),
  'Mutation.conversationsBulkUpdate': (ids) => ({
    ...mutation('conversationsBulkUpdate', 'ConversationsBulkUpdateInput', {
      conversationIds: [ids.MyConversation, ids.Conversation],
      priority: 'HIGH',
    }),
    sameAsUnknown: true,
  }),
  'Mutation.conversationsBulkUpdate#assignAgentId': (ids) =>
    mutation('conversationsBulkUpdate', 'ConversationsBulkUpdateInput', {
      conversationIds: [ids.MyConversation],
      assignAgentId: ids.Agent,
    }),
  'Mutation.conversationsBulkUpdate#labelId': (ids) =>
    mutation('conversationsBulkUpdate', 'ConversationsBulkUpdateInput', {
      conversationIds: [ids.MyConversation],
      labelId: ids.Tag,
    }),
  'Mutation.macroCreate#teamId': (ids) =>
    mutation('macroCreate', 'MacroCreateInput', {
      scope: 'TEAM',
      teamId: ids.Team,
      name: 'x',
      actions: [{ type: 'SET_PRIORITY', priority: 'HIGH' }],
    }),
  'Mutation.macroCreate#tagId': (ids) =>
    mutation('macroCreate', 'MacroCreateInput', {
      scope: 'WORKSPACE',
      name: 'x',
      actions: [{ type: 'LABEL', tagId: ids.Tag }],
    }),
  'Mutation.macroCreate#agentId': (ids) =>
    mutation('macroCreate', 'MacroCreateInput', {
      scope: 'WORKSPACE',
      name: 'x',
      actions: [{ type: 'ASSIGN', agentId: ids.Agent }],
    }),
  'Mutation.macroCreate#actions.teamId': (ids) =>
    mutation('macroCreate', 'MacroCreateInput', {
      scope: 'WORKSPACE',
      name: 'x',
      actions: [{ type: 'TRANSFER', teamId: ids.Team }],
    }),
  'Mutation.macroCreate#cannedResponseId': (ids) =>
    mutation('macroCreate', 'MacroCreateInput', {
      scope: 'WORKSPACE',
      name: 'x',
      actions: [{ type: 'SEND_CANNED_RESPONSE', cannedResponseId: ids.CannedResponse }],
    }),
  'Mutation.macroUpdate': (ids) =>
    mutation('macroUpdate', 'MacroUpdateInput', { macroId: ids.Macro, name: 'x' }),
  'Mutation.macroUpdate#tagId': (ids) =>
    mutation('macroUpdate', 'MacroUpdateInput', {
      macroId: ids.MyMacro,
      actions: [{ type: 'TAG', tagId: ids.Tag }],
    }),
  'Mutation.macroUpdate#agentId': (ids) =>
    mutation('macroUpdate', 'MacroUpdateInput', {
      macroId: ids.MyMacro,
      actions: [{ type: 'TRANSFER', agentId: ids.Agent }],
    }),
  'Mutation.macroUpdate#teamId': (ids) =>
    mutation('macroUpdate', 'MacroUpdateInput', {
      macroId: ids.MyMacro,
      actions: [{ type: 'TRANSFER', teamId: ids.Team }],
    }),
  'Mutation.macroUpdate#cannedResponseId': (ids) =>
    mutation('macroUpdate', 'MacroUpdateInput', {
      macroId: ids.MyMacro,
      actions: [{ type: 'SEND_CANNED_RESPONSE', cannedResponseId: ids.CannedResponse }],
    }),
  'Mutation.macroDelete': (ids) => mutation('macroDelete', 'MacroDeleteInput', { macroId: ids.Macro }),
  'Mutation.macroRun': (ids) =>
    mutation('macroRun', 'MacroRunInput', { macroId: ids.Macro, conversationIds: [ids.MyConversation] }),
  'Mutation.macroRun#conversationIds': (ids) => ({
    ...mutation('macroRun', 'MacroRunInput', {
      macroId: ids.MyMacro,
      conversationIds: [ids.MyConversation, ids.Conversation],
    }),
    sameAsUnknown: true,
  }),
  'Query.bulkJob': (ids) => ({
    query: 'query($id: ID!) { bulkJob(id: $id) { id } }',
    variables: { id: ids.BulkJob },
  }),
  'Subscription.bulkJobProgress': (ids) => ({
    query: 'subscription($j: ID!) { bulkJobProgress(bulkJobId: $j) { id } }',
    variables: { j: ids.BulkJob },
  }),
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

  // Every further id path: the field's own case names one id; these name the others.
  'Mutation.campaignCreate#assigneeId': (ids) =>
    mutation('campaignCreate', 'CampaignCreateInput', {
      ...myCampaign(ids),
      assigneeId: ids.Agent,
    }),
  'Mutation.campaignCreate#customerIds': (ids) =>
    mutation('campaignCreate', 'CampaignCreateInput', {
      ...myCampaign(ids),
      audience: { customerIds: [ids.Customer] },
    }),
  'Mutation.campaignCreate#tagIds': (ids) =>
    mutation('campaignCreate', 'CampaignCreateInput', {
      ...myCampaign(ids),
      audience: { tagIds: [ids.Tag] },
    }),
  'Mutation.campaignCreate#channelAccountId': (ids) =>
    mutation('campaignCreate', 'CampaignCreateInput', {
      ...myCampaign(ids),
      channelAccountId: ids.ChannelAccount,
    }),
  'Mutation.campaignCreate#headerMedia.attachmentId': (ids) =>
    mutation('campaignCreate', 'CampaignCreateInput', {
      ...myCampaign(ids),
      headerMedia: { attachmentId: ids.Attachment },
    }),
  'Mutation.campaignCreate#optOut': (ids) =>
    mutation('campaignCreate', 'CampaignCreateInput', { ...myCampaign(ids), optOut: { tagId: ids.Tag } }),
  'Mutation.channelConnect': (ids) =>
    mutation('channelConnect', 'ChannelConnectInput', {
      kind: 'API',
      name: 'Partner',
      externalId: 'tenancy-partner',
      appSecret: 'secret',
      defaultTeamId: ids.Team,
    }),
  'Mutation.channelUpdate': (ids) =>
    mutation('channelUpdate', 'ChannelUpdateInput', { channelAccountId: ids.ChannelAccount, name: 'X' }),
  'Mutation.channelUpdate#defaultTeamId': (ids) =>
    mutation('channelUpdate', 'ChannelUpdateInput', {
      channelAccountId: ids.MyChannelAccount,
      defaultTeamId: ids.Team,
    }),
  'Mutation.conversationAssign#agentId': (ids) =>
    mutation('conversationAssign', 'ConversationAssignInput', {
      conversationId: ids.MyConversation,
      agentId: ids.Agent,
    }),
  'Mutation.conversationHandoff#agentId': (ids) =>
    mutation('conversationHandoff', 'ConversationHandoffInput', {
      conversationId: ids.MyBotConversation,
      agentId: ids.Agent,
    }),
  'Mutation.conversationHandoff#teamId': (ids) =>
    mutation('conversationHandoff', 'ConversationHandoffInput', {
      conversationId: ids.MyBotConversation,
      teamId: ids.Team,
    }),
  'Mutation.conversationSetPriority': (ids) =>
    mutation('conversationSetPriority', 'ConversationSetPriorityInput', {
      conversationId: ids.Conversation,
      priority: 'HIGH',
    }),
  'Mutation.conversationSnooze': (ids) =>
    mutation('conversationSnooze', 'ConversationSnoozeInput', {
      conversationId: ids.Conversation,
      until: new Date(Date.now() + 60 * 60_000).toISOString(),
    }),
  'Mutation.conversationUnsnooze': (ids) =>
    mutation('conversationUnsnooze', 'ConversationUnsnoozeInput', { conversationId: ids.Conversation }),
  'Mutation.conversationSetTeam': (ids) =>
    mutation('conversationSetTeam', 'ConversationSetTeamInput', {
      conversationId: ids.Conversation,
      teamId: null,
    }),
  'Mutation.conversationSetTeam#teamId': (ids) =>
    mutation('conversationSetTeam', 'ConversationSetTeamInput', {
      conversationId: ids.MyConversation,
      teamId: ids.Team,
    }),
  'Mutation.conversationTransfer#agentId': (ids) =>
    mutation('conversationTransfer', 'ConversationTransferInput', {
      conversationId: ids.MyConversation,
      agentId: ids.Agent,
    }),
  'Mutation.conversationTransfer#toTeamId': (ids) =>
    mutation('conversationTransfer', 'ConversationTransferInput', {
      conversationId: ids.MyConversation,
      toTeamId: ids.Team,
    }),
  'Mutation.messageSend#replyToMessageId': (ids) => ({
    ...mutation('messageSend', 'MessageSendInput', {
      conversationId: ids.MyConversation,
      text: 'hola',
      replyToMessageId: ids.Message,
    }),
    sameAsUnknown: true,
  }),
  'Mutation.messageSend#suggestionId': (ids) => ({
    ...mutation('messageSend', 'MessageSendInput', {
      conversationId: ids.MyConversation,
      text: 'hola',
      suggestionId: ids.Suggestion,
    }),
    sameAsUnknown: true,
  }),
  'Mutation.messageSend#attachmentIds': (ids) => ({
    ...mutation('messageSend', 'MessageSendInput', {
      conversationId: ids.MyConversation,
      attachmentIds: [ids.Attachment],
    }),
    sameAsUnknown: true,
  }),
  'Mutation.teamUpdate': (ids) => mutation('teamUpdate', 'TeamUpdateInput', { teamId: ids.Team, name: 'X' }),
  'Mutation.teamDelete': (ids) => mutation('teamDelete', 'TeamDeleteInput', { teamId: ids.Team }),
  'Mutation.teamMemberAdd': (ids) =>
    mutation('teamMemberAdd', 'TeamMemberInput', { teamId: ids.Team, agentId: ids.MyAgent }),
  'Mutation.teamMemberAdd#agentId': (ids) =>
    mutation('teamMemberAdd', 'TeamMemberInput', { teamId: ids.MyTeam, agentId: ids.Agent }),
  'Mutation.teamMemberRemove': (ids) =>
    mutation('teamMemberRemove', 'TeamMemberInput', { teamId: ids.Team, agentId: ids.MyAgent }),
  'Mutation.teamMemberRemove#agentId': (ids) =>
    mutation('teamMemberRemove', 'TeamMemberInput', { teamId: ids.MyTeam, agentId: ids.Agent }),
  'Mutation.templateSend#assigneeId': (ids) =>
    mutation('templateSend', 'TemplateSendInput', {
      templateId: ids.MyTemplate,
      // Without an open conversation: the assignee is who the new one goes to.
      customerId: ids.MyLoneCustomer,
      assigneeId: ids.Agent,
    }),
  'Mutation.templateSend#conversationId': (ids) =>
    mutation('templateSend', 'TemplateSendInput', {
      templateId: ids.MyTemplate,
      conversationId: ids.Conversation,
    }),
  'Mutation.templateSend#parameters.headerMedia.attachmentId': (ids) =>
    mutation('templateSend', 'TemplateSendInput', {
      templateId: ids.MyTemplate,
      customerId: ids.MyCustomer,
      parameters: { headerMedia: { attachmentId: ids.Attachment } },
    }),
  'Mutation.templateSend#customerId': (ids) =>
    mutation('templateSend', 'TemplateSendInput', { templateId: ids.MyTemplate, customerId: ids.Customer }),
  'Query.auditLog#targetId': (ids) => ({
    query: 'query($f: AuditLogFilter) { auditLog(filter: $f, first: 5) { totalCount } }',
    variables: { f: { targetId: ids.Tag } },
    sameAsUnknown: true,
  }),
  'Query.conversations#assigneeId': (ids) => conversationsFiltered({ assigneeId: ids.Agent }),
  'Query.conversations#channelAccountId': (ids) =>
    conversationsFiltered({ channelAccountId: ids.ChannelAccount }),
  'Query.conversations#tagIds': (ids) => conversationsFiltered({ tagIds: [ids.Tag] }),
  'Query.conversations#labelIds': (ids) => conversationsFiltered({ labelIds: [ids.Tag] }),
  'Query.conversations#teamId': (ids) => conversationsFiltered({ teamId: ids.Team }),
  'Query.tray#teamId': (ids) => ({
    query: 'query($t: ID) { tray(kind: ACTIVE, teamId: $t) { count } }',
    variables: { t: ids.Team },
  }),
  'Query.trays#teamId': (ids) => ({
    query: 'query($t: ID) { trays(teamId: $t) { count } }',
    variables: { t: ids.Team },
  }),
  'Subscription.trayCountsChanged': (ids) => ({
    query: 'subscription($t: ID) { trayCountsChanged(teamId: $t) { count } }',
    variables: { t: ids.Team },
  }),
  'Subscription.trayCountsChanged#agentId': (ids) => ({
    query: 'subscription($a: ID) { trayCountsChanged(agentId: $a) { count } }',
    variables: { a: ids.Agent },
  }),
  'Query.queueStats': (ids) => ({
    query: 'query($t: ID) { queueStats(teamId: $t) { waiting } }',
    variables: { t: ids.Team },
  }),
  'Subscription.queueStatsChanged': (ids) => ({
    query: 'subscription($t: ID) { queueStatsChanged(teamId: $t) { waiting } }',
    variables: { t: ids.Team },
  }),
  'Mutation.businessHoursSet': (ids) =>
    mutation('businessHoursSet', 'BusinessHoursSetInput', { teamId: ids.Team, businessHours: { week: [] } }),
  'Mutation.slaPolicyCreate#channelAccountIds': (ids) =>
    mutation('slaPolicyCreate', 'SlaPolicyCreateInput', {
      name: 'X',
      firstResponseSeconds: 60,
      conditions: { channelAccountIds: [ids.MyChannelAccount, ids.ChannelAccount] },
    }),
  'Mutation.slaPolicyCreate#teamIds': (ids) =>
    mutation('slaPolicyCreate', 'SlaPolicyCreateInput', {
      name: 'X',
      firstResponseSeconds: 60,
      conditions: { teamIds: [ids.Team] },
    }),
  'Mutation.slaPolicyCreate#tagIds': (ids) =>
    mutation('slaPolicyCreate', 'SlaPolicyCreateInput', {
      name: 'X',
      firstResponseSeconds: 60,
      conditions: { tagIds: [ids.Tag] },
    }),
  'Mutation.slaPolicyUpdate': (ids) =>
    mutation('slaPolicyUpdate', 'SlaPolicyUpdateInput', { slaPolicyId: ids.SlaPolicy, name: 'X' }),
  'Mutation.slaPolicyUpdate#conditions': (ids) =>
    mutation('slaPolicyUpdate', 'SlaPolicyUpdateInput', {
      slaPolicyId: ids.MySlaPolicy,
      conditions: { channelAccountIds: [ids.ChannelAccount], teamIds: [ids.Team], tagIds: [ids.Tag] },
    }),
  'Mutation.slaPolicyDelete': (ids) =>
    mutation('slaPolicyDelete', 'SlaPolicyDeleteInput', { slaPolicyId: ids.SlaPolicy }),
};

/** Every path to an ID inside an argument's type (through input objects), e.g. `filter.teamId`. */
function idPaths(type: GraphQLInputType, prefix: string, seen = new Set<string>()): string[] {
  const named = getNamedType(type);
  if (named.name === 'ID') return [prefix];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const inner = new Set(seen).add(named.name);
  return Object.values(named.getFields()).flatMap((field) =>
    idPaths(field.type, `${prefix}.${field.name}`, inner),
  );
}

/** The id paths of every root field: `Query.trays(teamId)`, `Mutation.conversationTransfer(input.toTeamId)`. */
function schemaIdPaths(schema: import('graphql').GraphQLSchema): string[] {
  const paths: string[] = [];
  for (const root of ['Query', 'Mutation', 'Subscription']) {
    const type = schema.getType(root) as GraphQLObjectType | undefined;
    for (const field of Object.values(type?.getFields() ?? {})) {
      for (const arg of field.args) {
        for (const path of idPaths(arg.type, arg.name)) paths.push(`${root}.${field.name}(${path})`);
      }
    }
  }
  return paths;
}

/** The argument paths of a case's root field that carry one of `values`, read from its document and variables. */
function pathsCarrying(testCase: Case, values: Set<string>): string[] {
  const operation = parse(testCase.query).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0]!;
  if (field.kind !== Kind.FIELD) return [];
  const root =
    operation.operation === 'query'
      ? 'Query'
      : operation.operation === 'mutation'
        ? 'Mutation'
        : 'Subscription';
  const found: string[] = [];
  const walkValue = (value: unknown, path: string) => {
    if (typeof value === 'string' && values.has(value)) found.push(path);
    else if (Array.isArray(value)) value.forEach((item) => walkValue(item, path));
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walkValue(child, `${path}.${key}`);
    }
  };
  const walkNode = (node: ValueNode, path: string) => {
    if (node.kind === Kind.VARIABLE) walkValue(testCase.variables?.[node.name.value], path);
    else if (node.kind === Kind.STRING) walkValue(node.value, path);
    else if (node.kind === Kind.LIST) node.values.forEach((item) => walkNode(item, path));
    else if (node.kind === Kind.OBJECT)
      node.fields.forEach((child) => walkNode(child.value, `${path}.${child.name.value}`));
  };
  for (const arg of field.arguments ?? []) walkNode(arg.value, arg.name.value);
  return found.map((path) => `${root}.${field.name.value}(${path})`);
}

/** The same variables with every foreign id replaced by an id of its type that exists nowhere. */
function withUnknownIds(value: unknown, foreignIds: Set<string>): Record<string, unknown> {
  const swap = (item: unknown): unknown => {
    if (typeof item === 'string' && foreignIds.has(item)) {
      const decoded = fromGlobalId(item);
      return decoded ? toGlobalId(decoded.type, '00000000-0000-4000-8000-000000000000') : item;
    }
    if (Array.isArray(item)) return item.map(swap);
    if (item && typeof item === 'object')
      return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, swap(v)]));
    return item;
  };
  return swap(value) as Record<string, unknown>;
}

describe('tenancy: another workspace’s id behaves as one that does not exist', () => {
  const t = useTestApp();
  const deps = t.factories;
  const mine = useWorkspace(t, { scope: 'suite' });
  const theirs = useWorkspace(t, { scope: 'suite' });
  const foreign: Foreign = {};
  let myKey = '';
  /** The other workspace's ids (ids of the caller's own, `My…`, only complete an input). */
  const foreignValues = () =>
    new Set(
      Object.entries(foreign)
        .filter(([type]) => !type.startsWith('My'))
        .map(([, id]) => id),
    );

  beforeAll(async () => {
    const conversation = await createConversation(deps, theirs.channel, {
      assigneeId: theirs.agentA.agent.id,
    });
    const customer = await deps.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ id: conversation.customerId });
    const tag = await tagCustomer(deps, customer, 'VIP');
    const message = await createMessage(deps, conversation);
    const note = await deps.dataSource
      .getRepository(Note)
      .save({ workspaceId: theirs.workspace.id, conversationId: conversation.id, body: 'theirs' });
    const attachment = await createAttachment(deps, theirs.workspace.id, { message });
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
    const myBotConversation = await createConversation(deps, mine.channel, { handler: Handler.BOT });
    const myTemplate = await deps.dataSource.getRepository(Template).save({
      workspaceId: mine.workspace.id,
      channelAccountId: mine.channel.id,
      name: 'hola',
      language: 'es',
      category: TemplateCategory.UTILITY,
      status: TemplateStatus.APPROVED,
      components: [{ type: 'BODY', text: 'Hola' }],
    });
    const teams = deps.dataSource.getRepository(Team);
    const team = await teams.save({ workspaceId: theirs.workspace.id, name: 'Theirs' });
    const myTeam = await teams.save({ workspaceId: mine.workspace.id, name: 'Mine' });
    const suggestion = await deps.dataSource.getRepository(Suggestion).save({
      workspaceId: theirs.workspace.id,
      conversationId: conversation.id,
      batch: 1,
      rank: 1,
      text: 'Hola',
    });
    const campaign = await deps.dataSource.getRepository(Campaign).save({
      workspaceId: theirs.workspace.id,
      name: 'theirs',
      status: CampaignStatus.RUNNING,
      channelAccountId: theirs.channel.id,
      templateId: template.id,
      variables: [],
    });
    const registered = await deps.dataSource.getRepository(PersistedQuery).save({
      workspaceId: theirs.workspace.id,
      name: 'theirs',
      query: '{ viewer { workspace { id } } }',
      sha256: documentSha256('{ viewer { workspace { id } } }'),
    });
    const policies = deps.dataSource.getRepository(SlaPolicy);
    const slaPolicy = await policies.save({
      workspaceId: theirs.workspace.id,
      name: 'Theirs',
      position: 1,
      firstResponseSeconds: 60,
    });
    const mySlaPolicy = await policies.save({
      workspaceId: mine.workspace.id,
      name: 'Mine',
      position: 1,
      firstResponseSeconds: 60,
    });
    myKey = (
      await createTestApiKey(deps, mine.workspace.id, [ApiKeyScope.ADMIN, ApiKeyScope.WRITE, ApiKeyScope.BOT])
    ).key;
    const cannedResponses = deps.dataSource.getRepository(CannedResponse);
    const cannedResponse = await cannedResponses.save({
      workspaceId: theirs.workspace.id,
      scope: CannedScope.WORKSPACE,
      shortcode: 'theirs',
      title: 'theirs',
      body: 'Hola',
    });
    const myCannedResponse = await cannedResponses.save({
      workspaceId: mine.workspace.id,
      scope: CannedScope.WORKSPACE,
      shortcode: 'mine',
      title: 'mine',
      body: 'Hola',
    });
    const myAttachment = await createAttachment(deps, mine.workspace.id);
    const macros = deps.dataSource.getRepository(Macro);
    const macroOf = (workspaceId: string) =>
      macros.save({
        workspaceId,
        scope: CannedScope.WORKSPACE,
        name: 'Triage',
        actions: [{ type: 'SET_PRIORITY', priority: 'HIGH' }],
      });
    const [macro, myMacro] = [await macroOf(theirs.workspace.id), await macroOf(mine.workspace.id)];
    const bulkJob = await deps.dataSource.getRepository(BulkJob).save({
      workspaceId: theirs.workspace.id,
      kind: BulkJobKind.UPDATE,
      requestedByType: ActorType.AGENT,
      requestedById: theirs.admin.agent.id,
      params: { priority: 'HIGH' },
      conversationIds: [],
      chunkSize: 100,
    });
    Object.assign(foreign, {
      Macro: toGlobalId('Macro', macro.id),
      MyMacro: toGlobalId('Macro', myMacro.id),
      BulkJob: toGlobalId('BulkJob', bulkJob.id),
      CannedResponse: toGlobalId('CannedResponse', cannedResponse.id),
      MyCannedResponse: toGlobalId('CannedResponse', myCannedResponse.id),
      MyAttachment: toGlobalId('Attachment', myAttachment.id),
      CustomField: toGlobalId('CustomField', field.id),
      ApiKey: toGlobalId('ApiKey', apiKey.id),
      WebhookEndpoint: toGlobalId('WebhookEndpoint', endpoint.id),
      WebhookDelivery: toGlobalId('WebhookDelivery', delivery.id),
      Template: toGlobalId('Template', template.id),
      Campaign: toGlobalId('Campaign', campaign.id),
      PersistedQuery: toGlobalId('PersistedQuery', registered.id),
      MyChannelAccount: toGlobalId('ChannelAccount', mine.channel.id),
      MyApiChannel: toGlobalId(
        'ChannelAccount',
        (await createChannelAccount(deps, mine.workspace.id, { kind: ChannelKind.API })).id,
      ),
      MyAgent: toGlobalId('Agent', mine.agentA.agent.id),
      MyCustomer: toGlobalId('Customer', myConversation.customerId),
      MyConversation: toGlobalId('Conversation', myConversation.id),
      MyLoneCustomer: toGlobalId('Customer', (await createCustomer(deps, mine.channel)).id),
      MyBotConversation: toGlobalId('Conversation', myBotConversation.id),
      MyTemplate: toGlobalId('Template', myTemplate.id),
      MyTeam: toGlobalId('Team', myTeam.id),
      MySlaPolicy: toGlobalId('SlaPolicy', mySlaPolicy.id),
      SlaPolicy: toGlobalId('SlaPolicy', slaPolicy.id),
      Team: toGlobalId('Team', team.id),
      Suggestion: toGlobalId('Suggestion', suggestion.id),
      Conversation: toGlobalId('Conversation', conversation.id),
      Customer: toGlobalId('Customer', customer.id),
      Agent: toGlobalId('Agent', theirs.agentA.agent.id),
      Tag: toGlobalId('Tag', tag.id),
      Message: toGlobalId('Message', message.id),
      Note: toGlobalId('Note', note.id),
      Attachment: toGlobalId('Attachment', attachment.id),
      ChannelAccount: toGlobalId('ChannelAccount', theirs.channel.id),
      Workspace: toGlobalId('Workspace', theirs.workspace.id),
    });
  });

  it('has a case for every id a root field takes, at every path of its arguments', () => {
    // A case covers the paths where its arguments carry a foreign id (ids of the caller's own
    // workspace, `My…`, only complete the input).
    const foreignValues = new Set(
      Object.entries(foreign)
        .filter(([type]) => !type.startsWith('My'))
        .map(([, id]) => id),
    );
    const covered = new Set(
      Object.values(CASES).flatMap((build) => pathsCarrying(build(foreign), foreignValues)),
    );
    expect(
      schemaIdPaths(t.app.http.schema)
        .filter((path) => !covered.has(path))
        .sort(),
    ).toEqual([]);
  });

  it.each(Object.keys(CASES))('%s answers a foreign id as one that does not exist', async (name) => {
    const { query, variables, asApiKey, asAgent, sameAsUnknown } = CASES[name]!(foreign) as Case & {
      asAgent?: boolean;
    };
    const token = asApiKey ? myKey : asAgent ? mine.agentA.token : mine.admin.token;
    // Subscriptions are served over WebSocket only.
    const run = async (values: Record<string, unknown> | undefined) => {
      const result = query.startsWith('subscription')
        ? await firstSubscriptionResult(await t.wsUrl(), token, query, values)
        : await t.gql(query, values, token);
      return { data: result.data, errors: result.errors?.map((error) => error.extensions?.code) };
    };
    const result = await run(variables);
    if (!sameAsUnknown) {
      expect(result.errors).toContain('NOT_FOUND');
      return;
    }
    expect(result).toEqual(await run(withUnknownIds(variables, foreignValues())));
  });

  it.each([
    'Conversation',
    'Customer',
    'Agent',
    'Tag',
    'Message',
    'Note',
    'Attachment',
    'ChannelAccount',
    'Workspace',
    'PersistedQuery',
    'CannedResponse',
    'Macro',
    'BulkJob',
    'SlaPolicy',
  ])('node(id) of a foreign %s is NOT_FOUND, like an unknown one', async (type) => {
    const query = 'query($id: ID!) { node(id: $id) { id } }';
    const foreignResult = await t.gql(query, { id: foreign[type] }, mine.admin.token);
    const unknown = await t.gql(
      query,
      { id: toGlobalId(type, '00000000-0000-4000-8000-000000000000') },
      mine.admin.token,
    );
    expect(foreignResult.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreignResult.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('a customer merged into another answers NOT_FOUND on every field that takes a customer id', async () => {
    const survivor = await createCustomer(deps, mine.channel);
    const merged = await createCustomer(deps, mine.channel);
    const conversation = await createConversation(deps, mine.channel, { customer: survivor });
    const tag = await tagCustomer(deps, survivor, 'VIP');
    const done = await t.gql(
      'mutation($i: ID!, $f: ID!) { customerMerge(input: { into: $i, from: $f }) { userErrors { code } } }',
      { i: toGlobalId('Customer', survivor.id), f: toGlobalId('Customer', merged.id) },
      mine.admin.token,
    );
    expect(done.data).toEqual({ customerMerge: { userErrors: [] } });
    const mergedId = toGlobalId('Customer', merged.id);
    // The caller's own ids everywhere, so a NOT_FOUND can only come from the merged customer.
    const own: Foreign = {
      ...foreign,
      Customer: mergedId,
      MyCustomer: toGlobalId('Customer', survivor.id),
      Conversation: toGlobalId('Conversation', conversation.id),
      Tag: tag.globalId,
      ChannelAccount: foreign.MyChannelAccount!,
    };
    const checked: string[] = [];
    for (const name of Object.keys(CASES)) {
      const { query, variables, asApiKey, asAgent } = CASES[name]!(own) as Case & { asAgent?: boolean };
      if (!JSON.stringify(variables ?? {}).includes(mergedId)) continue;
      checked.push(name);
      const token = asApiKey ? myKey : asAgent ? mine.agentA.token : mine.admin.token;
      const result = query.startsWith('subscription')
        ? await firstSubscriptionResult(await t.wsUrl(), token, query, variables)
        : await t.gql(query, variables, token);
      expect({ name, codes: result.errors?.map((error) => error.extensions?.code) }).toEqual({
        name,
        codes: ['NOT_FOUND'],
      });
    }
    expect(checked.sort()).toEqual(
      [
        'Query.customer',
        'Query.conversations',
        'Mutation.customerFieldSet',
        'Mutation.customerTag',
        'Mutation.customerUntag',
        'Mutation.customerUpdate',
        'Mutation.customerMerge',
        'Mutation.customerMerge#from',
        'Mutation.campaignCreate#customerIds',
        'Mutation.templateSend#customerId',
        'Subscription.customerUpdated',
      ].sort(),
    );
    const node = await t.gql('query($id: ID!) { node(id: $id) { id } }', { id: mergedId }, mine.admin.token);
    const unknown = await t.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: toGlobalId('Customer', '00000000-0000-4000-8000-000000000000') },
      mine.admin.token,
    );
    expect(node.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(node.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

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
