import { Agent } from './agent.entity';
import { AgentReadPosition } from './agent-read-position.entity';
import { AgentCredential } from './agent-credential.entity';
import { AiSummary } from './ai-summary.entity';
import { ApiKey } from './api-key.entity';
import { Attachment, AttachmentChunk } from './attachment.entity';
import { AuditEntry } from './audit-entry.entity';
import { BulkJob } from './bulk-job.entity';
import { CannedResponse } from './canned-response.entity';
import { Campaign } from './campaign.entity';
import { CampaignRecipient } from './campaign-recipient.entity';
import { ChannelAccount } from './channel-account.entity';
import { Conversation } from './conversation.entity';
import { ConversationEvent } from './conversation-event.entity';
import { ConversationLabel } from './conversation-label.entity';
import { CustomField } from './custom-field.entity';
import { Customer } from './customer.entity';
import { CustomerFieldValue } from './customer-field-value.entity';
import { CustomerTag } from './customer-tag.entity';
import { EventRecord } from './event-record.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { InboundWebhook } from './inbound-webhook.entity';
import { Macro } from './macro.entity';
import { Message } from './message.entity';
import { MessageReaction } from './message-reaction.entity';
import { Note } from './note.entity';
import { PersistedQuery } from './persisted-query.entity';
import { NoteRevision } from './note-revision.entity';
import { OneTimeToken } from './one-time-token.entity';
import { RefreshToken } from './refresh-token.entity';
import { SessionFamily } from './session-family.entity';
import { SlaBreach } from './sla-breach.entity';
import { SlaPolicy } from './sla-policy.entity';
import { Suggestion } from './suggestion.entity';
import { Tag } from './tag.entity';
import { Team } from './team.entity';
import { TeamMember } from './team-member.entity';
import { Template } from './template.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { Workspace } from './workspace.entity';

/** Every table's entity, for the data source; import entities from their own files. */
export const entities = [
  Agent,
  AgentCredential,
  AgentReadPosition,
  AiSummary,
  ApiKey,
  Attachment,
  AttachmentChunk,
  AuditEntry,
  BulkJob,
  CannedResponse,
  Campaign,
  CampaignRecipient,
  ChannelAccount,
  Conversation,
  ConversationEvent,
  ConversationLabel,
  CustomField,
  Customer,
  CustomerFieldValue,
  CustomerTag,
  EventRecord,
  IdempotencyRecord,
  InboundWebhook,
  Macro,
  Message,
  MessageReaction,
  Note,
  PersistedQuery,
  NoteRevision,
  OneTimeToken,
  RefreshToken,
  SessionFamily,
  SlaBreach,
  SlaPolicy,
  Suggestion,
  Tag,
  Team,
  TeamMember,
  Template,
  WebhookDelivery,
  WebhookEndpoint,
  Workspace,
];
