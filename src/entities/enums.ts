import { registerEnumType } from 'type-graphql';

export enum AgentRole {
  ADMIN = 'ADMIN',
  AGENT = 'AGENT',
}
export enum ApiKeyScope {
  READ = 'read',
  WRITE = 'write',
  ADMIN = 'admin',
  BOT = 'bot',
}
export enum ChannelKind {
  WHATSAPP = 'WHATSAPP',
  MESSENGER = 'MESSENGER',
  INSTAGRAM = 'INSTAGRAM',
  API = 'API',
}
export enum Locale {
  es = 'es',
  en = 'en',
  pt = 'pt',
}
export enum CustomFieldType {
  TEXT = 'TEXT',
  NUMBER = 'NUMBER',
  DATE = 'DATE',
  BOOLEAN = 'BOOLEAN',
  SELECT = 'SELECT',
}
export enum Handler {
  BOT = 'BOT',
  AGENT = 'AGENT',
}
export enum ConversationStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
export enum Outcome {
  POSITIVE = 'POSITIVE',
  NEGATIVE = 'NEGATIVE',
}
export enum MessageDirection {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
}
export enum MessageSender {
  CUSTOMER = 'CUSTOMER',
  AGENT = 'AGENT',
  BOT = 'BOT',
  SYSTEM = 'SYSTEM',
}
export enum MessageType {
  TEXT = 'TEXT',
  IMAGE = 'IMAGE',
  AUDIO = 'AUDIO',
  VIDEO = 'VIDEO',
  DOCUMENT = 'DOCUMENT',
  STICKER = 'STICKER',
  LOCATION = 'LOCATION',
  CONTACTS = 'CONTACTS',
  INTERACTIVE = 'INTERACTIVE',
  BUTTON = 'BUTTON',
  REACTION = 'REACTION',
  TEMPLATE = 'TEMPLATE',
  UNSUPPORTED = 'UNSUPPORTED',
}
/** Ordered: a status only ever moves to a higher rank, FAILED aside. */
export enum MessageStatus {
  RECEIVED = 'RECEIVED',
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  READ = 'READ',
  FAILED = 'FAILED',
}
export enum TemplateCategory {
  MARKETING = 'MARKETING',
  UTILITY = 'UTILITY',
  AUTHENTICATION = 'AUTHENTICATION',
}
export enum TemplateStatus {
  APPROVED = 'APPROVED',
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
  PAUSED = 'PAUSED',
  DISABLED = 'DISABLED',
}
export enum AiTrigger {
  BOT_HANDOFF = 'BOT_HANDOFF',
  AGENT_TRANSFER = 'AGENT_TRANSFER',
  MANUAL = 'MANUAL',
}
export enum AiSummaryStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  FAILED = 'FAILED',
}
export enum ConversationEventType {
  CREATED = 'CREATED',
  HANDOFF = 'HANDOFF',
  ASSIGNED = 'ASSIGNED',
  TAKEN = 'TAKEN',
  TRANSFERRED = 'TRANSFERRED',
  UNASSIGNED = 'UNASSIGNED',
  CLOSING = 'CLOSING',
  CLOSED = 'CLOSED',
  RETURNED_TO_BOT = 'RETURNED_TO_BOT',
  REOPENED = 'REOPENED',
  TRAY_MOVED = 'TRAY_MOVED',
  /** A label was put on the conversation (data: tagId, name). */
  LABEL_ADDED = 'LABEL_ADDED',
  /** A label was taken off (data: tagId, name). */
  LABEL_REMOVED = 'LABEL_REMOVED',
  /** The conversation's customer was merged into another, who now owns it (data: from and into customer ids). */
  CUSTOMER_MERGED = 'CUSTOMER_MERGED',
  /** The conversation moved to another team's queue (or out of every team). */
  TEAM_CHANGED = 'TEAM_CHANGED',
  PRIORITY_CHANGED = 'PRIORITY_CHANGED',
  /** Out of the trays until a time or the customer's reply. */
  SNOOZED = 'SNOOZED',
  /** Back in the trays: its time came, the customer wrote, or an agent brought it back. */
  UNSNOOZED = 'UNSNOOZED',
  /** An SLA target passed its due time unmet (data: target, dueAt, policyId, assigneeId, teamId). */
  SLA_BREACHED = 'SLA_BREACHED',
  /** The out-of-office reply went out (data: messageId, opensAt). */
  OUT_OF_OFFICE_SENT = 'OUT_OF_OFFICE_SENT',
  /** A macro ran on the conversation (data: macroId, name, runId); its actions' lines follow it. */
  MACRO_RUN = 'MACRO_RUN',
}
/** The clocks of an SLA policy. */
export enum SlaTarget {
  /** The first agent answer, counted from when the customer started waiting. */
  FIRST_RESPONSE = 'FIRST_RESPONSE',
  /** Every later answer, counted from the customer's first unanswered message. */
  NEXT_RESPONSE = 'NEXT_RESPONSE',
  /** The closing, counted from when agents first held the conversation. */
  RESOLUTION = 'RESOLUTION',
}
/** Where an SLA target stands. */
export enum SlaTargetStatus {
  PENDING = 'PENDING',
  MET = 'MET',
  BREACHED = 'BREACHED',
}
/** Days of the week, for business hours. */
export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
/** How urgent a conversation is; ordered, URGENT first when trays sort by priority. */
export enum Priority {
  NONE = 'NONE',
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
/** Who a canned response is for: the whole workspace, one team, or its owner alone. */
export enum CannedScope {
  WORKSPACE = 'WORKSPACE',
  TEAM = 'TEAM',
  PERSONAL = 'PERSONAL',
}
/** What one action of a macro does; each runs as its single mutation would. */
export enum MacroActionType {
  /** Put a label on the conversation (`tagId`). */
  LABEL = 'LABEL',
  /** Tag the conversation's customer (`tagId`). */
  TAG = 'TAG',
  /** Write an internal note (`body`, variables filled). */
  NOTE = 'NOTE',
  /** Assign to an agent (`agentId`), as conversationAssign: admins. */
  ASSIGN = 'ASSIGN',
  /** Transfer to an agent and/or a team (`agentId`, `teamId`, `comment`), as conversationTransfer. */
  TRANSFER = 'TRANSFER',
  SET_PRIORITY = 'SET_PRIORITY',
  /** Snooze for `snoozeMinutes` from the run. */
  SNOOZE = 'SNOOZE',
  /** Close with `outcome` and `reason`. */
  CLOSE = 'CLOSE',
  /** Send a canned response's text to the customer (`cannedResponseId`, variables filled). */
  SEND_CANNED_RESPONSE = 'SEND_CANNED_RESPONSE',
}
/** How the queue is given out: by hand, or automatically to agents with room. */
export enum AssignmentPolicy {
  /** Agents take conversations and admins assign them; nothing is assigned automatically. */
  MANUAL = 'MANUAL',
  /** To the available agent whose last automatic assignment is the oldest. */
  ROUND_ROBIN = 'ROUND_ROBIN',
  /** To the available agent with the fewest conversations, ties by the oldest last automatic assignment. */
  BALANCED = 'BALANCED',
}
/** In which order the queue drains under automatic assignment (the tray orders of the same names). */
export enum AssignmentOrder {
  /** Longest waiting first. */
  WAITING_SINCE = 'WAITING_SINCE',
  /** Highest priority first, then longest waiting. */
  PRIORITY = 'PRIORITY',
}
/** How a list of conversations is sorted. */
export enum ConversationOrder {
  /** Newest activity first (the default). */
  LAST_ACTIVITY = 'LAST_ACTIVITY',
  /** Longest waiting for an agent's answer first; those not waiting last. */
  WAITING_SINCE = 'WAITING_SINCE',
  /** Newest first. */
  CREATED = 'CREATED',
  /** URGENT first, then by waiting time (longest first). */
  PRIORITY = 'PRIORITY',
}
/** When Omnitray tells the customer's app that their messages were read. */
export enum ReadReceipts {
  MANUAL = 'MANUAL',
  ON_REPLY = 'ON_REPLY',
  OFF = 'OFF',
}
export enum ActorType {
  AGENT = 'AGENT',
  API_KEY = 'API_KEY',
  CUSTOMER = 'CUSTOMER',
  SYSTEM = 'SYSTEM',
}
export enum TrayKind {
  NEW = 'NEW',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  OUTGOING = 'OUTGOING',
}
export enum TrayView {
  CLASSIC = 'CLASSIC',
  V2 = 'V2',
}
/** What an agent is available for; OFFLINE agents receive nothing automatically. */
export enum AgentStatus {
  ONLINE = 'ONLINE',
  BUSY = 'BUSY',
  OFFLINE = 'OFFLINE',
}
/** Why an agent's status changed. */
export enum AgentStatusReason {
  /** Set with agentSetStatus. */
  SET = 'SET',
  /** A session opened again: the status the agent had chosen is back. */
  CONNECTED = 'CONNECTED',
  /** Every session ended and the grace period passed. */
  DISCONNECTED = 'DISCONNECTED',
  /** An admin deactivated the agent. */
  DEACTIVATED = 'DEACTIVATED',
}
/** Why a stored webhook body could not be processed (what `inboundFailures` shows). */
export enum InboundFailureCode {
  /** Not JSON, or not the channel's webhook shape: it is never processed. */
  INVALID_BODY = 'INVALID_BODY',
  /** Read, but an event in it could not be applied: retried with backoff. */
  EVENT_FAILED = 'EVENT_FAILED',
}

export enum AttachmentKind {
  IMAGE = 'IMAGE',
  AUDIO = 'AUDIO',
  VIDEO = 'VIDEO',
  DOCUMENT = 'DOCUMENT',
  STICKER = 'STICKER',
}
export enum AttachmentStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}

const described: [object, string, string][] = [
  [AgentRole, 'AgentRole', 'What an agent may do: ADMIN manages the workspace and sees every tray.'],
  [ApiKeyScope, 'ApiKeyScope', 'What a partner API key may do.'],
  [ChannelKind, 'ChannelKind', 'The messaging channel a conversation runs on.'],
  [Locale, 'Locale', 'Language of the workspace (AI output, defaults).'],
  [CustomFieldType, 'CustomFieldType', 'Type a custom field value is validated against.'],
  [Handler, 'Handler', 'Who holds the conversation: the bot or the agents.'],
  [ConversationStatus, 'ConversationStatus', 'Whether the conversation is open or closed.'],
  [Outcome, 'Outcome', 'How the agent judged the conversation when closing it.'],
  [MessageDirection, 'MessageDirection', 'INBOUND from the customer, OUTBOUND to the customer.'],
  [MessageSender, 'MessageSender', 'Who wrote the message.'],
  [MessageType, 'MessageType', 'Kind of content of a message.'],
  [MessageStatus, 'MessageStatus', 'Delivery status; never moves backwards.'],
  [TemplateCategory, 'TemplateCategory', 'WhatsApp template category.'],
  [TemplateStatus, 'TemplateStatus', 'WhatsApp template review status; only APPROVED can be sent.'],
  [AiTrigger, 'AiTrigger', 'What asked for an AI summary.'],
  [AiSummaryStatus, 'AiSummaryStatus', 'Progress of an AI summary.'],
  [ConversationEventType, 'ConversationEventType', 'Kind of entry in a conversation history.'],
  [ActorType, 'ActorType', 'Kind of actor behind a change.'],
  [
    ReadReceipts,
    'ReadReceipts',
    "When the customer's app is told their messages were read: MANUAL (conversationMarkRead), ON_REPLY (an agent's reply), OFF (never).",
  ],
  [TrayKind, 'TrayKind', 'An agent tray.'],
  [TrayView, 'TrayView', 'Tray layout: CLASSIC (New/Active) or V2 (Active/Expired/Outgoing).'],
  [AgentStatus, 'AgentStatus', 'Whether an agent is available: ONLINE, BUSY or OFFLINE.'],
  [AgentStatusReason, 'AgentStatusReason', 'Why an agent status changed.'],
  [Priority, 'Priority', 'How urgent a conversation is: NONE, LOW, MEDIUM, HIGH, URGENT.'],
  [
    CannedScope,
    'CannedScope',
    'Who sees a canned response: WORKSPACE (everyone), TEAM (its members and admins), PERSONAL (its owner).',
  ],
  [
    MacroActionType,
    'MacroActionType',
    'What a macro action does: LABEL, TAG (the customer), NOTE, ASSIGN, TRANSFER, SET_PRIORITY, SNOOZE, CLOSE, SEND_CANNED_RESPONSE.',
  ],
  [AssignmentPolicy, 'AssignmentPolicy', 'How the queue is given out: MANUAL, ROUND_ROBIN or BALANCED.'],
  [AssignmentOrder, 'AssignmentOrder', 'In which order automatic assignment drains the queue.'],
  [SlaTarget, 'SlaTarget', 'An SLA clock: FIRST_RESPONSE, NEXT_RESPONSE or RESOLUTION.'],
  [
    SlaTargetStatus,
    'SlaTargetStatus',
    'PENDING until its due time, MET when done before it, BREACHED otherwise.',
  ],
  [Weekday, 'Weekday', 'A day of the week, in the business hours time zone.'],
  [InboundFailureCode, 'InboundFailureCode', 'Why a webhook body could not be processed.'],
  [
    AttachmentKind,
    'AttachmentKind',
    'What a file is, as the channels tell media apart (each kind has its size limit).',
  ],
  [
    AttachmentStatus,
    'AttachmentStatus',
    'PENDING while the bytes are being stored, READY to download, FAILED with its error, EXPIRED once the retention removed the bytes.',
  ],
];
for (const [enumRef, name, description] of described) registerEnumType(enumRef, { name, description });
registerEnumType(ConversationOrder, {
  name: 'ConversationOrder',
  description: 'How a list of conversations is sorted.',
  valuesConfig: {
    LAST_ACTIVITY: { description: 'Newest activity first (the default).' },
    WAITING_SINCE: {
      description: 'The customer waiting longest for a reply first (`waitingSince`); those not waiting last.',
    },
    CREATED: { description: 'Newest conversations first.' },
    PRIORITY: { description: 'URGENT first, then the customer waiting longest.' },
  },
});
