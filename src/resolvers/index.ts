import { type NonEmptyArray } from 'type-graphql';
import { AgentResolver } from './agent/agent.resolver';
import { AgentCapacityResolver } from './agent/agent-capacity.resolver';
import { AgentStatusChangeResolver, AgentStatusResolver } from './agent/agent-status.resolver';
import { AiAssistResolver, AiSummaryResolver, ConversationAiResolver } from './ai/ai.resolver';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { AttachmentResolver, MessageAttachmentsResolver } from './media/attachment.resolver';
import { ChannelResolver } from './channel/channel.resolver';
import { CampaignRecipientResolver, CampaignResolver } from './campaign/campaign.resolver';
import { TemplateSendResolver } from './template/template-send.resolver';
import { ConversationResolver } from './conversation/conversation.resolver';
import { ConversationLabelResolver } from './conversation/conversation-label.resolver';
import {
  ConversationEventResolver,
  ConversationWorkflowResolver,
} from './conversation/conversation-workflow.resolver';
import { CustomFieldResolver } from './custom-field/custom-field.resolver';
import { ConversationTriageResolver } from './conversation/conversation-triage.resolver';
import { CustomerCardResolver } from './customer/customer-card.resolver';
import { CustomerResolver } from './customer/customer.resolver';
import { MessageResolver } from './message/message.resolver';
import { MessageReactResolver } from './message/message-react.resolver';
import { MessageFieldsResolver, ReactionResolver } from './message/message-fields.resolver';
import { NodeResolver } from './node/node.resolver';
import { NoteResolver, NoteRevisionResolver } from './note/note.resolver';
import { PersistedQueryResolver } from './persisted-query/persisted-query.resolver';
import { MessageEventResolver, RealtimeResolver, TrayChangeResolver } from './realtime/realtime.resolver';
import { MessageSearchResolver } from './search/message-search.resolver';
import {
  ConversationUpdateResolver,
  CustomerUpdateResolver,
  LiveUpdatesResolver,
  NoteMentionEventResolver,
} from './realtime/live-updates.resolver';
import { AgentLoadResolver, QueueStatsResolver } from './supervisor/queue-stats.resolver';
import { ConversationTimingsResolver, ReportResolver } from './report/report.resolver';
import { ConversationCsatResolver } from './csat/csat.resolver';
import { SessionResolver } from './session/session.resolver';
import { BusinessHoursResolver, TeamBusinessHoursResolver } from './business-hours/business-hours.resolver';
import {
  AgentSlaResolver,
  ConversationSlaResolver,
  SlaPolicyResolver,
  TeamSlaResolver,
} from './sla/sla.resolver';
import { SettingsResolver } from './settings/settings.resolver';
import { TagResolver } from './tag/tag.resolver';
import { TemplateResolver } from './template/template.resolver';
import { TrayResolver } from './tray/tray.resolver';
import { AgentTeamsResolver, TeamResolver } from './team/team.resolver';
import { CannedResponseResolver } from './canned-response/canned-response.resolver';
import { ConversationBulkResolver } from './conversation/conversation-bulk.resolver';
import { MacroResolver } from './macro/macro.resolver';
import { ViewerResolver } from './viewer/viewer.resolver';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhook/webhook.resolver';

/** Every resolver of the public API. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AgentResolver,
  AgentStatusResolver,
  AgentStatusChangeResolver,
  AgentCapacityResolver,
  AiAssistResolver,
  AiSummaryResolver,
  ConversationAiResolver,
  ApiKeyResolver,
  AuditResolver,
  AttachmentResolver,
  MessageAttachmentsResolver,
  CampaignResolver,
  CampaignRecipientResolver,
  ChannelResolver,
  ConversationResolver,
  ConversationLabelResolver,
  TemplateSendResolver,
  ConversationWorkflowResolver,
  ConversationEventResolver,
  ConversationTriageResolver,
  CustomFieldResolver,
  CustomerCardResolver,
  CustomerResolver,
  MessageResolver,
  MessageReactResolver,
  MessageFieldsResolver,
  ReactionResolver,
  NodeResolver,
  NoteResolver,
  PersistedQueryResolver,
  NoteRevisionResolver,
  RealtimeResolver,
  TrayChangeResolver,
  MessageEventResolver,
  MessageSearchResolver,
  LiveUpdatesResolver,
  ConversationUpdateResolver,
  CustomerUpdateResolver,
  NoteMentionEventResolver,
  QueueStatsResolver,
  AgentLoadResolver,
  ReportResolver,
  ConversationTimingsResolver,
  ConversationCsatResolver,
  SessionResolver,
  BusinessHoursResolver,
  TeamBusinessHoursResolver,
  SlaPolicyResolver,
  ConversationSlaResolver,
  AgentSlaResolver,
  TeamSlaResolver,
  SettingsResolver,
  TagResolver,
  TemplateResolver,
  TrayResolver,
  TeamResolver,
  CannedResponseResolver,
  ConversationBulkResolver,
  MacroResolver,
  AgentTeamsResolver,
  ViewerResolver,
  WebhookEndpointResolver,
  WebhookDeliveryResolver,
];
