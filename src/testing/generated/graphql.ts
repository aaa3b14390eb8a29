/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

/** Kind of actor behind a change. */
export type ActorType =
  | 'AGENT'
  | 'API_KEY'
  | 'CUSTOMER'
  | 'SYSTEM';

/** A person who answers conversations. */
export type Agent = Node & {
  __typename?: 'Agent';
  /** False once deactivated: the agent can no longer sign in. */
  active: Scalars['Boolean']['output'];
  /** Sign-in e-mail, unique across Omnitray (lower case). */
  email: Scalars['String']['output'];
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** ADMIN or AGENT. */
  role: AgentRole;
};

/** A new team member. */
export type AgentCreateInput = {
  /** Sign-in e-mail, unique across Omnitray (stored in lower case). */
  email: Scalars['String']['input'];
  /** Display name (1–100 characters). */
  name: Scalars['String']['input'];
  /** ADMIN or AGENT. */
  role: AgentRole;
};

/** Result of agentCreate. */
export type AgentCreatePayload = {
  __typename?: 'AgentCreatePayload';
  /** The new agent. */
  agent?: Maybe<Agent>;
  /** A first session token for the new agent, to hand over to them; shown once. */
  token?: Maybe<Scalars['String']['output']>;
  /** When that token expires. */
  tokenExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** The agent to deactivate. */
export type AgentDeactivateInput = {
  /** The agent; not yourself, nor the last active admin. */
  agentId: Scalars['ID']['input'];
};

/** Result of agentDeactivate. */
export type AgentDeactivatePayload = {
  __typename?: 'AgentDeactivatePayload';
  /** The agent, now inactive. */
  agent?: Maybe<Agent>;
  /** How many of their open conversations went back to the queue. */
  releasedConversationCount?: Maybe<Scalars['Int']['output']>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** What an agent may do: ADMIN manages the workspace and sees every tray. */
export type AgentRole =
  | 'ADMIN'
  | 'AGENT';

/** Changes to an agent; absent or null leaves a property as it is. */
export type AgentUpdateInput = {
  /** The agent. */
  agentId: Scalars['ID']['input'];
  /** New display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New role; the last active admin cannot be demoted (LAST_ADMIN). */
  role?: InputMaybe<AgentRole>;
};

/** Result of agentUpdate. */
export type AgentUpdatePayload = {
  __typename?: 'AgentUpdatePayload';
  /** The agent as stored. */
  agent?: Maybe<Agent>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** What the AI assistant wrote when the conversation changed hands. */
export type AiSummary = Node & {
  __typename?: 'AiSummary';
  /** When it became READY or FAILED. */
  completedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The conversation it summarizes. */
  conversation: Conversation;
  /** What the customer asks for. */
  customerRequest?: Maybe<Scalars['String']['output']>;
  /** Why it failed. */
  error?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Time the generation took, in milliseconds. */
  latencyMs?: Maybe<Scalars['Int']['output']>;
  /** Model used. */
  model?: Maybe<Scalars['String']['output']>;
  /** Customer mood, e.g. calm, frustrated. */
  mood?: Maybe<Scalars['String']['output']>;
  /** Questions still open. */
  openQuestions: Array<Scalars['String']['output']>;
  /** Version of the prompt used. */
  promptVersion?: Maybe<Scalars['String']['output']>;
  /** Provider that wrote it (openai, anthropic, ollama, offline). */
  provider?: Maybe<Scalars['String']['output']>;
  /** PENDING, READY or FAILED. */
  status: AiSummaryStatus;
  /** The summary. */
  text?: Maybe<Scalars['String']['output']>;
  /** Token usage reported by the provider. */
  tokenUsage?: Maybe<Scalars['JSONObject']['output']>;
  /** What asked for it. */
  trigger: AiTrigger;
};

/** Asks the AI assistant for a new summary of a conversation. */
export type AiSummaryGenerateInput = {
  /** The conversation to summarize. */
  conversationId: Scalars['ID']['input'];
};

/** Result of aiSummaryGenerate. */
export type AiSummaryGeneratePayload = {
  __typename?: 'AiSummaryGeneratePayload';
  /** The requested summary, PENDING until `aiSummaryReady` announces it READY or FAILED. */
  aiSummary?: Maybe<AiSummary>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Progress of an AI summary. */
export type AiSummaryStatus =
  | 'FAILED'
  | 'PENDING'
  | 'READY';

/** What asked for an AI summary. */
export type AiTrigger =
  | 'AGENT_TRANSFER'
  | 'BOT_HANDOFF'
  | 'MANUAL';

/** A partner credential. The key itself is shown once, at creation. */
export type ApiKey = Node & {
  __typename?: 'ApiKey';
  /** When the key was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Last time it authenticated a request (minute precision). */
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** What the key is for. */
  name: Scalars['String']['output'];
  /** The first characters of the key, to recognise it. */
  prefix: Scalars['String']['output'];
  /** When it was revoked; a revoked key is refused. */
  revokedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** What the key may do. */
  scopes: Array<ApiKeyScope>;
};

/** A new partner API key. */
export type ApiKeyCreateInput = {
  /** What the key is for (1–100 characters). */
  name: Scalars['String']['input'];
  /** What the key may do, at least one: admin implies write and read; write and bot imply read. */
  scopes: Array<ApiKeyScope>;
};

/** Result of apiKeyCreate: the only time the key itself is shown. */
export type ApiKeyCreatePayload = {
  __typename?: 'ApiKeyCreatePayload';
  /** The key record (no secret). */
  apiKey?: Maybe<ApiKey>;
  /** The key to send as `Authorization: Bearer <key>`. Shown once: only its hash is stored. */
  key?: Maybe<Scalars['String']['output']>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** The API key to revoke. */
export type ApiKeyRevokeInput = {
  /** The key. */
  apiKeyId: Scalars['ID']['input'];
};

/** Result of apiKeyRevoke. */
export type ApiKeyRevokePayload = {
  __typename?: 'ApiKeyRevokePayload';
  /** The key, with when it was revoked. */
  apiKey?: Maybe<ApiKey>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** What a partner API key may do. */
export type ApiKeyScope =
  | 'ADMIN'
  | 'BOT'
  | 'READ'
  | 'WRITE';

/** When a closing conversation really closes, and what happens then. */
export type AutoCloseSettings = {
  __typename?: 'AutoCloseSettings';
  /** Minutes after a NEGATIVE outcome before the conversation closes. */
  negativeMinutes: Scalars['Int']['output'];
  /** Minutes after a POSITIVE outcome before the conversation closes. */
  positiveMinutes: Scalars['Int']['output'];
  /** Whether the closed conversation returns to the bot. */
  returnToBot: Scalars['Boolean']['output'];
};

/** Changes to the closing delays; absent or null leaves a value as it is. */
export type AutoCloseSettingsInput = {
  /** Minutes (0–10080) after a NEGATIVE outcome before closing. */
  negativeMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Minutes (0–10080) after a POSITIVE outcome before closing. */
  positiveMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Whether the closed conversation returns to the bot. */
  returnToBot?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A connected WhatsApp number, Facebook page, Instagram account or API channel. Secrets are never readable. */
export type ChannelAccount = Node & {
  __typename?: 'ChannelAccount';
  /** Graph API base URL the sends go to. */
  apiBaseUrl: Scalars['String']['output'];
  /** phone_number_id, page id, Instagram account id, or the partner channel id. */
  externalId: Scalars['String']['output'];
  /** Messenger/Instagram: agents may answer up to 7 days with the HUMAN_AGENT tag. */
  humanAgentTagEnabled: Scalars['Boolean']['output'];
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Which channel. */
  kind: ChannelKind;
  /** Messages per second the sends are paced at. */
  messagesPerSecond: Scalars['Float']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** WhatsApp Business Account id (templates live there). */
  wabaId?: Maybe<Scalars['String']['output']>;
  /** Path to configure as the webhook URL (GET handshake and POST events). */
  webhookPath: Scalars['String']['output'];
};

/** Connects a WhatsApp number, Facebook page, Instagram account or partner API channel. */
export type ChannelConnectInput = {
  /** Graph API access token (required for Meta channels). Never readable back. */
  accessToken?: InputMaybe<Scalars['String']['input']>;
  /** Graph API base URL; defaults to Meta's. */
  apiBaseUrl?: InputMaybe<Scalars['String']['input']>;
  /** App secret: webhook signatures are checked with it. Never readable back. */
  appSecret?: InputMaybe<Scalars['String']['input']>;
  /** phone_number_id (WhatsApp), page id (Messenger), IG account id, or your channel id (API). */
  externalId: Scalars['String']['input'];
  /** Messenger/Instagram: allow HUMAN_AGENT replies up to 7 days. */
  humanAgentTagEnabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** WHATSAPP, MESSENGER, INSTAGRAM or API. */
  kind: ChannelKind;
  /** Send pace, messages per second (default 80). */
  messagesPerSecond?: InputMaybe<Scalars['Int']['input']>;
  /** Display name, e.g. "WhatsApp Ventas". */
  name: Scalars['String']['input'];
  /** Token Meta echoes in the webhook verification handshake. */
  verifyToken?: InputMaybe<Scalars['String']['input']>;
  /** WhatsApp Business Account id, for templates. */
  wabaId?: InputMaybe<Scalars['String']['input']>;
};

/** Result of channelConnect. */
export type ChannelConnectPayload = {
  __typename?: 'ChannelConnectPayload';
  /** The connected account; point the webhook at its webhookPath. */
  channelAccount?: Maybe<ChannelAccount>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** The messaging channel a conversation runs on. */
export type ChannelKind =
  | 'API'
  | 'INSTAGRAM'
  | 'MESSENGER'
  | 'WHATSAPP';

/** A thread between a customer and the workspace on one channel. */
export type Conversation = Node & {
  __typename?: 'Conversation';
  /** The newest AI summary (PENDING while it is being written); null when none was ever asked for. */
  aiSummary?: Maybe<AiSummary>;
  /** The assigned agent; null while in the queue or with the bot. */
  assignee?: Maybe<Agent>;
  /** When the pending close takes effect. */
  autoCloseAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Channel of the conversation. */
  channel: ChannelKind;
  /** The channel account it runs on. */
  channelAccount: ChannelAccount;
  /** Reason typed with the outcome. */
  closeReason?: Maybe<Scalars['String']['output']>;
  /** When it was closed. */
  closedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The customer. */
  customer: Customer;
  /** History: handoffs, assignments, transfers, closings, reopenings, tray moves; oldest first. */
  events: ConversationEventConnection;
  /** First agent reply since the last handoff or assignment. */
  firstAgentReplyAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Last handoff, assignment or transfer to an agent. */
  handedOffAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** BOT while the bot holds it, AGENT once handed off. */
  handler: Handler;
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Last message or change; trays hide conversations older than `visibleDays`. */
  lastActivityAt: Scalars['DateTimeISO']['output'];
  /** Channel time of the last customer message. */
  lastInboundAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The latest message. */
  lastMessage?: Maybe<Message>;
  /** Messages in channel-time order, oldest first. */
  messages: MessageConnection;
  /** Internal notes, oldest first. */
  notes: NoteConnection;
  /** Outcome typed by the agent when closing. */
  outcome?: Maybe<Outcome>;
  /** Set while a template waits for the customer to answer. */
  outgoingSince?: Maybe<Scalars['DateTimeISO']['output']>;
  /** OPEN or CLOSED. */
  status: ConversationStatus;
  /** The current AI reply suggestions, best first; empty when there are none. */
  suggestions: Array<Suggestion>;
  /** The customer's tags. */
  tags: Array<Tag>;
  /** The tray of each view it is in now. */
  trays: ConversationTrays;
  /** Customer messages since the last agent reply. */
  unreadCount: Scalars['Int']['output'];
  /** When the customer window closes (lastInboundAt + 24h). Outside it only templates may be sent. */
  windowExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Whether free text may be sent now (inside the customer window). */
  windowOpen: Scalars['Boolean']['output'];
};


/** A thread between a customer and the workspace on one channel. */
export type ConversationEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A thread between a customer and the workspace on one channel. */
export type ConversationMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A thread between a customer and the workspace on one channel. */
export type ConversationNotesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** An admin assigns, reassigns or unassigns a conversation. */
export type ConversationAssignInput = {
  /** The agent; null: back to the unassigned queue. */
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** The conversation. */
  conversationId: Scalars['ID']['input'];
};

/** Result of conversationAssign. */
export type ConversationAssignPayload = {
  __typename?: 'ConversationAssignPayload';
  /** The conversation after the change. */
  conversation?: Maybe<Conversation>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** The agent closes a conversation with an outcome. */
export type ConversationCloseInput = {
  /** The conversation. */
  conversationId: Scalars['ID']['input'];
  /** POSITIVE or NEGATIVE. */
  outcome: Outcome;
  /** Why (1 to 500 characters). */
  reason: Scalars['String']['input'];
};

/** Result of conversationClose. */
export type ConversationClosePayload = {
  __typename?: 'ConversationClosePayload';
  /** The conversation after the change. */
  conversation?: Maybe<Conversation>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** A page of conversations. */
export type ConversationConnection = {
  __typename?: 'ConversationConnection';
  /** The page, in order. */
  edges: Array<ConversationEdge>;
  /** The nodes of the page, without cursors. */
  nodes: Array<Conversation>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items match in all (one extra count query). */
  totalCount: Scalars['Int']['output'];
};

/** An edge to a Conversation. */
export type ConversationEdge = {
  __typename?: 'ConversationEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The Conversation. */
  node: Conversation;
};

/** An entry of a conversation history: who did what, and when. */
export type ConversationEvent = Node & {
  __typename?: 'ConversationEvent';
  /** The agent who did it, when an agent did. */
  actorAgent?: Maybe<Agent>;
  /** Kind of actor. */
  actorType: ActorType;
  /** Comment (transfers) or reason (closings). */
  comment?: Maybe<Scalars['String']['output']>;
  /** When it happened; the history sorts by it. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Extra facts of the event. */
  data?: Maybe<Scalars['JSONObject']['output']>;
  /** The agent the conversation left (transfers, reassignments, closings). */
  fromAgent?: Maybe<Agent>;
  /** V2 tray before (tray moves). */
  fromTray?: Maybe<TrayKind>;
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** The agent the conversation went to (handoffs, assignments, takes, transfers). */
  toAgent?: Maybe<Agent>;
  /** V2 tray after (tray moves). */
  toTray?: Maybe<TrayKind>;
  /** What happened. */
  type: ConversationEventType;
};

/** A page of conversation history entries. */
export type ConversationEventConnection = {
  __typename?: 'ConversationEventConnection';
  /** The page, in order. */
  edges: Array<ConversationEventEdge>;
  /** The nodes of the page, without cursors. */
  nodes: Array<ConversationEvent>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items match in all (one extra count query). */
  totalCount: Scalars['Int']['output'];
};

/** An edge to a ConversationEvent. */
export type ConversationEventEdge = {
  __typename?: 'ConversationEventEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The ConversationEvent. */
  node: ConversationEvent;
};

/** Kind of entry in a conversation history. */
export type ConversationEventType =
  | 'ASSIGNED'
  | 'CLOSED'
  | 'CLOSING'
  | 'CREATED'
  | 'HANDOFF'
  | 'REOPENED'
  | 'RETURNED_TO_BOT'
  | 'TAKEN'
  | 'TRANSFERRED'
  | 'TRAY_MOVED'
  | 'UNASSIGNED';

/** Narrows a list of conversations; every given criterion must hold. */
export type ConversationFilter = {
  /** Assigned to this agent (admins and API keys). */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  /** Channel. */
  channel?: InputMaybe<ChannelKind>;
  /** Channel account. */
  channelAccountId?: InputMaybe<Scalars['ID']['input']>;
  /** Created at or after. */
  createdAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Created before. */
  createdBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Conversations of this customer. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** BOT lists what the bot holds. */
  handler?: InputMaybe<Handler>;
  /** Last activity at or after. */
  lastActivityAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Last activity before. */
  lastActivityBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Text in the customer name, phone or channel user id. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** OPEN or CLOSED. */
  status?: InputMaybe<ConversationStatus>;
  /** Customer carries any of these tags. */
  tagIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** true: only the unassigned queue; false: only assigned. */
  unassigned?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The bot hands a conversation to an agent or to the queue. */
export type ConversationHandoffInput = {
  /** The agent to hand it to; null or absent: the queue. */
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** Why, for the agent (kept in the history). */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** The conversation the bot holds. */
  conversationId: Scalars['ID']['input'];
};

/** Result of conversationHandoff. */
export type ConversationHandoffPayload = {
  __typename?: 'ConversationHandoffPayload';
  /** The conversation after the change. */
  conversation?: Maybe<Conversation>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Brings a closing or closed conversation back to the agents. */
export type ConversationReopenInput = {
  /** The closing or closed conversation. */
  conversationId: Scalars['ID']['input'];
};

/** Result of conversationReopen. */
export type ConversationReopenPayload = {
  __typename?: 'ConversationReopenPayload';
  /** The conversation after the change. */
  conversation?: Maybe<Conversation>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Whether the conversation is open or closed. */
export type ConversationStatus =
  | 'CLOSED'
  | 'OPEN';

/** An agent takes a conversation waiting in the queue. */
export type ConversationTakeInput = {
  /** The unassigned conversation. */
  conversationId: Scalars['ID']['input'];
};

/** Result of conversationTake. */
export type ConversationTakePayload = {
  __typename?: 'ConversationTakePayload';
  /** The conversation after the change. */
  conversation?: Maybe<Conversation>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** The assignee (or an admin) gives a conversation to another agent. */
export type ConversationTransferInput = {
  /** The active agent who receives it. */
  agentId: Scalars['ID']['input'];
  /** A note for the receiver, kept in the history. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** The conversation. */
  conversationId: Scalars['ID']['input'];
};

/** Result of conversationTransfer. */
export type ConversationTransferPayload = {
  __typename?: 'ConversationTransferPayload';
  /** The conversation after the change. */
  conversation?: Maybe<Conversation>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Where a conversation sits right now in each tray view. */
export type ConversationTrays = {
  __typename?: 'ConversationTrays';
  /** Tray in the CLASSIC view, if any. */
  classic?: Maybe<TrayKind>;
  /** Tray in the V2 view, if any. */
  v2?: Maybe<TrayKind>;
};

/** A customer field an admin defined; agents fill its values. */
export type CustomField = Node & {
  __typename?: 'CustomField';
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Stable machine name, e.g. `plan`. */
  key: Scalars['String']['output'];
  /** Label shown to agents. */
  label: Scalars['String']['output'];
  /** Allowed values for SELECT fields; empty otherwise. */
  options: Array<Scalars['String']['output']>;
  /** Display order. */
  position: Scalars['Int']['output'];
  /** Whether a value is required on every customer. */
  required: Scalars['Boolean']['output'];
  /** Type values are validated against. */
  type: CustomFieldType;
};

/** A new custom customer field. */
export type CustomFieldCreateInput = {
  /** Stable machine name: a lower-case letter, then up to 39 lower-case letters, digits or _; unique in the workspace and fixed once created. Header names (name, phone, channel…) are reserved. */
  key: Scalars['String']['input'];
  /** Label shown to agents (1–100 characters). */
  label: Scalars['String']['input'];
  /** SELECT only: the allowed values, at least one, unique. */
  options?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Display position from 0; default last. Other fields shift. */
  position?: InputMaybe<Scalars['Int']['input']>;
  /** Whether a value, once set, can no longer be cleared. Default false. */
  required?: InputMaybe<Scalars['Boolean']['input']>;
  /** Type values are validated against. */
  type: CustomFieldType;
};

/** The custom field to delete, with every value of it. */
export type CustomFieldDeleteInput = {
  /** The field. */
  customFieldId: Scalars['ID']['input'];
};

/** Result of customFieldDelete. */
export type CustomFieldDeletePayload = {
  __typename?: 'CustomFieldDeletePayload';
  /** Id of the deleted field. */
  deletedCustomFieldId?: Maybe<Scalars['ID']['output']>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Result of customFieldCreate and customFieldUpdate. */
export type CustomFieldPayload = {
  __typename?: 'CustomFieldPayload';
  /** The field as stored. */
  customField?: Maybe<CustomField>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Type a custom field value is validated against. */
export type CustomFieldType =
  | 'BOOLEAN'
  | 'DATE'
  | 'NUMBER'
  | 'SELECT'
  | 'TEXT';

/** Changes to a custom field; absent or null leaves a property as it is. */
export type CustomFieldUpdateInput = {
  /** The field. */
  customFieldId: Scalars['ID']['input'];
  /** New label. */
  label?: InputMaybe<Scalars['String']['input']>;
  /** SELECT only: the new options (the whole list); an option in use cannot be removed (IN_USE). */
  options?: InputMaybe<Array<Scalars['String']['input']>>;
  /** New display position from 0; other fields shift. */
  position?: InputMaybe<Scalars['Int']['input']>;
  /** Whether a value can no longer be cleared. */
  required?: InputMaybe<Scalars['Boolean']['input']>;
  /** New type; refused with IN_USE once any customer has a value. */
  type?: InputMaybe<CustomFieldType>;
};

/** The person writing. Header fields come from the channel and are read-only. */
export type Customer = Node & {
  __typename?: 'Customer';
  /** Avatar URL when the channel gives one. */
  avatarUrl?: Maybe<Scalars['String']['output']>;
  /** Channel the customer writes from. */
  channel: ChannelKind;
  /** wa_id, PSID, IGSID or the partner user id. */
  channelUserId: Scalars['String']['output'];
  /** Conversation history, newest first, all statuses. */
  conversations: ConversationConnection;
  /** Every custom field of the workspace, in position order, with this customer’s value. */
  fields: Array<CustomerFieldValueEntry>;
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Name the channel reports. */
  name?: Maybe<Scalars['String']['output']>;
  /** Phone number in E.164 digits when the channel has one. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Tags on this customer. */
  tags: Array<Tag>;
};


/** The person writing. Header fields come from the channel and are read-only. */
export type CustomerConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of customers. */
export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  /** The page, in order. */
  edges: Array<CustomerEdge>;
  /** The nodes of the page, without cursors. */
  nodes: Array<Customer>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items match in all (one extra count query). */
  totalCount: Scalars['Int']['output'];
};

/** An edge to a Customer. */
export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The Customer. */
  node: Customer;
};

/** A custom field value to set on a customer. */
export type CustomerFieldSetInput = {
  /** The customer. */
  customerId: Scalars['ID']['input'];
  /** Key of a custom field of the workspace (see `customFields`). */
  key: Scalars['String']['input'];
  /** The value in the field type: TEXT a string (≤ 2000 characters), NUMBER a JSON number (not a quoted string), DATE "YYYY-MM-DD", BOOLEAN true/false, SELECT one of the options. Null clears it, unless the field is required. */
  value?: InputMaybe<Scalars['JSON']['input']>;
};

/** Result of customerFieldSet. */
export type CustomerFieldSetPayload = {
  __typename?: 'CustomerFieldSetPayload';
  /** The customer, with every field value. */
  customer?: Maybe<Customer>;
  /** The field and its value as stored. */
  fieldValue?: Maybe<CustomerFieldValueEntry>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** A custom field with its value on one customer. */
export type CustomerFieldValueEntry = {
  __typename?: 'CustomerFieldValueEntry';
  /** The field definition. */
  field: CustomField;
  /** The field key (same as field.key). */
  key: Scalars['String']['output'];
  /** The value in the field type; null when unset. */
  value?: Maybe<Scalars['JSON']['output']>;
};

/** A tag to put on, or take off, a customer. */
export type CustomerTagInput = {
  /** The customer. */
  customerId: Scalars['ID']['input'];
  /** The tag (see `tags`). */
  tagId: Scalars['ID']['input'];
};

/** Result of customerTag and customerUntag. */
export type CustomerTagPayload = {
  __typename?: 'CustomerTagPayload';
  /** The customer, with its tags. */
  customer?: Maybe<Customer>;
  /** The tag put on or taken off. */
  tag?: Maybe<Tag>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** One record of the workspace event log, as subscriptions carry it. */
export type Event = {
  __typename?: 'Event';
  /** The summary that became ready (AI_SUMMARY_READY). */
  aiSummary?: Maybe<AiSummary>;
  /** History lines the change wrote, e.g. ASSIGNED, TRANSFERRED (CONVERSATION_UPDATED). */
  changes?: Maybe<Array<Scalars['String']['output']>>;
  /** The conversation concerned, if any. */
  conversation?: Maybe<Conversation>;
  /** Resume point, the same cursor subscriptions hand out. */
  cursor: Scalars['String']['output'];
  /** The message change (MESSAGE_* events). */
  messageEvent?: Maybe<MessageEvent>;
  /** When the change was committed. */
  occurredAt: Scalars['DateTimeISO']['output'];
  /** The tray move (TRAY_CHANGED). */
  trayChange?: Maybe<TrayChange>;
  /** What happened. */
  type: EventType;
};

/** A page of the event log, oldest first. */
export type EventConnection = {
  __typename?: 'EventConnection';
  /** The page, in commit order. */
  edges: Array<EventEdge>;
  /** The events of the page, without edges. */
  nodes: Array<Event>;
  /** Where this page sits: poll again with `after: endCursor` (also when `hasNextPage` is false, to see what comes next). */
  pageInfo: PageInfo;
};

/** An edge to an event. */
export type EventEdge = {
  __typename?: 'EventEdge';
  /** The event cursor. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: Event;
};

/** Kinds of events in the workspace event log (what subscriptions carry and `events` replays). */
export type EventType =
  | 'AI_SUMMARY_READY'
  | 'CONVERSATION_UPDATED'
  | 'MESSAGE_ADDED'
  | 'MESSAGE_DELIVERY_FAILED'
  | 'MESSAGE_STATUS_CHANGED'
  | 'TRAY_CHANGED';

/** Who holds the conversation: the bot or the agents. */
export type Handler =
  | 'AGENT'
  | 'BOT';

/** A webhook body that could not be processed, kept with its error. */
export type InboundFailure = {
  __typename?: 'InboundFailure';
  /** Processing attempts so far. */
  attempts: Scalars['Int']['output'];
  /** The body as received (UTF-8). */
  body: Scalars['String']['output'];
  /** Channel it came from. */
  channel: ChannelKind;
  /** Global id of the channel account. */
  channelAccountId: Scalars['String']['output'];
  /** Why it could not be processed. */
  error: Scalars['String']['output'];
  /** Id of the stored webhook. */
  id: Scalars['String']['output'];
  /** When it arrived. */
  receivedAt: Scalars['DateTimeISO']['output'];
};

/** Language of the workspace (AI output, defaults). */
export type Locale =
  | 'en'
  | 'es'
  | 'pt';

/** A message of a conversation, in either direction. */
export type Message = Node & {
  __typename?: 'Message';
  /** INBOUND or OUTBOUND. */
  direction: MessageDirection;
  /** Set when the message failed. */
  error?: Maybe<MessageError>;
  /** The provider message id (wamid, mid). */
  externalId?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Structured content (media ids, location…). */
  payload?: Maybe<Scalars['JSONObject']['output']>;
  /** Provider id of the message this one replies or reacts to. */
  replyToExternalId?: Maybe<Scalars['String']['output']>;
  /** Who wrote it. */
  sender: MessageSender;
  /** Channel time of the message (when it was written or sent). */
  sentAt: Scalars['DateTimeISO']['output'];
  /** Delivery status; never moves backwards. */
  status: MessageStatus;
  /** Text, caption, or a readable rendering of the content. */
  text?: Maybe<Scalars['String']['output']>;
  /** Kind of content. */
  type: MessageType;
};

/** A page of messages, oldest first. */
export type MessageConnection = {
  __typename?: 'MessageConnection';
  /** The page, in order. */
  edges: Array<MessageEdge>;
  /** The nodes of the page, without cursors. */
  nodes: Array<Message>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items match in all (one extra count query). */
  totalCount: Scalars['Int']['output'];
};

/** INBOUND from the customer, OUTBOUND to the customer. */
export type MessageDirection =
  | 'INBOUND'
  | 'OUTBOUND';

/** An edge to a Message. */
export type MessageEdge = {
  __typename?: 'MessageEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The Message. */
  node: Message;
};

/** Why a message failed: the red triangle. */
export type MessageError = {
  __typename?: 'MessageError';
  /** Our code, e.g. WINDOW_CLOSED, RATE_LIMITED, UNDELIVERABLE, INBOUND_UNPROCESSABLE. */
  code: Scalars['String']['output'];
  /** What the provider said, and what to do. */
  detail?: Maybe<Scalars['String']['output']>;
  /** The provider error code, e.g. 131047. */
  providerCode?: Maybe<Scalars['String']['output']>;
  /** Whether `messageRetry` may send it again. */
  retryable: Scalars['Boolean']['output'];
  /** Short explanation. */
  title: Scalars['String']['output'];
};

/** Something happened to a message: added, status changed, delivery failed. */
export type MessageEvent = {
  __typename?: 'MessageEvent';
  /** Its conversation. */
  conversation: Conversation;
  /** Resume point: pass it as `after` to continue right after this event. */
  cursor: Scalars['String']['output'];
  /** The message as it is now (with its error when it failed). */
  message: Message;
  /** When the change was committed. */
  occurredAt: Scalars['DateTimeISO']['output'];
  /** Status before the event (status events only). */
  previousStatus?: Maybe<MessageStatus>;
  /** Status the event set (status events only). */
  status?: Maybe<MessageStatus>;
  /** MESSAGE_ADDED, MESSAGE_STATUS_CHANGED or MESSAGE_DELIVERY_FAILED. */
  type: EventType;
};

/** A customer message pushed by a partner on an API channel account. */
export type MessageInboundInput = {
  /** The API channel account it arrived on. */
  channelAccountId: Scalars['ID']['input'];
  /** The partner's id of the customer (creates the customer on first contact). */
  customerChannelUserId: Scalars['String']['input'];
  /** Customer name, as the partner knows it. */
  customerName?: InputMaybe<Scalars['String']['input']>;
  /** Customer phone in E.164 digits. */
  customerPhone?: InputMaybe<Scalars['String']['input']>;
  /** The partner's message id: a second delivery with the same id stores nothing twice. */
  externalId: Scalars['String']['input'];
  /** When the customer wrote it; default now. */
  sentAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** The text, 1 to 4096 characters. */
  text: Scalars['String']['input'];
};

/** Result of messageInbound. */
export type MessageInboundPayload = {
  __typename?: 'MessageInboundPayload';
  /** The conversation it belongs to. */
  conversation?: Maybe<Conversation>;
  /** True when this externalId was already received: nothing changed. */
  duplicate: Scalars['Boolean']['output'];
  /** The stored message (the first one for a duplicate). */
  message?: Maybe<Message>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Sends a failed message again. */
export type MessageRetryInput = {
  /** The failed message. */
  messageId: Scalars['ID']['input'];
};

/** Result of messageRetry. */
export type MessageRetryPayload = {
  __typename?: 'MessageRetryPayload';
  /** The message, QUEUED again. */
  message?: Maybe<Message>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** A free-text answer to the customer. */
export type MessageSendInput = {
  /** The conversation to answer. */
  conversationId: Scalars['ID']['input'];
  /** Retrying with the same key and body returns the first message instead of sending twice (24 h). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The AI suggestion the text came from (recorded as used, as is or edited). */
  suggestionId?: InputMaybe<Scalars['ID']['input']>;
  /** The text, 1 to 4096 characters. */
  text: Scalars['String']['input'];
};

/** Result of messageSend. */
export type MessageSendPayload = {
  __typename?: 'MessageSendPayload';
  /** The conversation after the answer. */
  conversation?: Maybe<Conversation>;
  /** The outbound message, QUEUED: its status follows the delivery. */
  message?: Maybe<Message>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Who wrote the message. */
export type MessageSender =
  | 'AGENT'
  | 'BOT'
  | 'CUSTOMER'
  | 'SYSTEM';

/** Delivery status; never moves backwards. */
export type MessageStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'QUEUED'
  | 'READ'
  | 'RECEIVED'
  | 'SENT';

/** Kind of content of a message. */
export type MessageType =
  | 'AUDIO'
  | 'BUTTON'
  | 'CONTACTS'
  | 'DOCUMENT'
  | 'IMAGE'
  | 'INTERACTIVE'
  | 'LOCATION'
  | 'REACTION'
  | 'STICKER'
  | 'TEMPLATE'
  | 'TEXT'
  | 'UNSUPPORTED'
  | 'VIDEO';

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds an agent or admin to the team (admins). */
  agentCreate: AgentCreatePayload;
  /** Deactivates an agent (admins): their session tokens stop working and their open conversations go back to the queue. */
  agentDeactivate: AgentDeactivatePayload;
  /** Renames an agent or changes their role (admins). */
  agentUpdate: AgentUpdatePayload;
  /** Asks for a new AI summary now (trigger MANUAL); it is written in the background and announced by `aiSummaryReady`. AI_DISABLED when the workspace turned summaries off. */
  aiSummaryGenerate: AiSummaryGeneratePayload;
  /** Creates a partner API key, shown once (admins). */
  apiKeyCreate: ApiKeyCreatePayload;
  /** Revokes a partner API key at once (admins). */
  apiKeyRevoke: ApiKeyRevokePayload;
  /** Connects a channel account (admins). Secrets are write-only. */
  channelConnect: ChannelConnectPayload;
  /** An admin assigns, reassigns, or (with `agentId: null`) unassigns a conversation. */
  conversationAssign: ConversationAssignPayload;
  /** Closes with an outcome: the conversation leaves the trays now and closes after the workspace's delay for that outcome. */
  conversationClose: ConversationClosePayload;
  /** The bot hands the conversation to an agent, or to the queue without `agentId`. Bot API keys and admins. */
  conversationHandoff: ConversationHandoffPayload;
  /** Reopens a closing or closed conversation to the agents. */
  conversationReopen: ConversationReopenPayload;
  /** The calling agent takes a conversation waiting in the queue (ALREADY_ASSIGNED if taken). */
  conversationTake: ConversationTakePayload;
  /** The assignee or an admin transfers the conversation to another active agent. */
  conversationTransfer: ConversationTransferPayload;
  /** Defines a custom customer field (admins). */
  customFieldCreate: CustomFieldPayload;
  /** Deletes a custom field and every customer's value of it (admins). */
  customFieldDelete: CustomFieldDeletePayload;
  /** Changes a custom field (admins); the key is fixed. */
  customFieldUpdate: CustomFieldPayload;
  /** Sets or clears a custom field value on a customer, validated against the field type. Header fields (name, phone, channel…) come from the channel and are refused with READ_ONLY_FIELD. */
  customerFieldSet: CustomerFieldSetPayload;
  /** Puts a tag on a customer (no-op when already there). */
  customerTag: CustomerTagPayload;
  /** Takes a tag off a customer (no-op when not there). */
  customerUntag: CustomerTagPayload;
  /** A partner delivers a customer message on an API channel account; idempotent by externalId. API keys with the write or bot scope. */
  messageInbound: MessageInboundPayload;
  /** Sends a failed message again when its error is retryable. */
  messageRetry: MessageRetryPayload;
  /** Answers the customer with free text. Outside the customer window on Meta channels it is refused with WINDOW_CLOSED: send a template with templateSend. */
  messageSend: MessageSendPayload;
  /** Adds an internal note to a conversation; it is never sent to the customer. */
  noteCreate: NoteCreatePayload;
  /** Changes workspace settings (admins). */
  settingsUpdate: SettingsUpdatePayload;
  /** Replaces the AI reply suggestions with a new set that repeats none of the recent ones, and returns it. AI_DISABLED when the workspace turned suggestions off; AI_UNAVAILABLE when the provider failed. */
  suggestionsRefresh: SuggestionsRefreshPayload;
  /** Defines a tag (admins). */
  tagCreate: TagPayload;
  /** Deletes a tag, taking it off every customer (admins). */
  tagDelete: TagDeletePayload;
  /** Renames or recolours a tag (admins). */
  tagUpdate: TagPayload;
  /** Defines a template locally (admins). */
  templateCreate: TemplateCreatePayload;
  /** Sends an APPROVED template (the way to write outside the 24 h window). The conversation moves to OUTGOING until the customer answers; a customer without an open conversation gets a new one. */
  templateSend: TemplateSendPayload;
  /** Pulls every page of the WhatsApp templates (admins). */
  templatesSync: TemplatesSyncPayload;
};


export type MutationAgentCreateArgs = {
  input: AgentCreateInput;
};


export type MutationAgentDeactivateArgs = {
  input: AgentDeactivateInput;
};


export type MutationAgentUpdateArgs = {
  input: AgentUpdateInput;
};


export type MutationAiSummaryGenerateArgs = {
  input: AiSummaryGenerateInput;
};


export type MutationApiKeyCreateArgs = {
  input: ApiKeyCreateInput;
};


export type MutationApiKeyRevokeArgs = {
  input: ApiKeyRevokeInput;
};


export type MutationChannelConnectArgs = {
  input: ChannelConnectInput;
};


export type MutationConversationAssignArgs = {
  input: ConversationAssignInput;
};


export type MutationConversationCloseArgs = {
  input: ConversationCloseInput;
};


export type MutationConversationHandoffArgs = {
  input: ConversationHandoffInput;
};


export type MutationConversationReopenArgs = {
  input: ConversationReopenInput;
};


export type MutationConversationTakeArgs = {
  input: ConversationTakeInput;
};


export type MutationConversationTransferArgs = {
  input: ConversationTransferInput;
};


export type MutationCustomFieldCreateArgs = {
  input: CustomFieldCreateInput;
};


export type MutationCustomFieldDeleteArgs = {
  input: CustomFieldDeleteInput;
};


export type MutationCustomFieldUpdateArgs = {
  input: CustomFieldUpdateInput;
};


export type MutationCustomerFieldSetArgs = {
  input: CustomerFieldSetInput;
};


export type MutationCustomerTagArgs = {
  input: CustomerTagInput;
};


export type MutationCustomerUntagArgs = {
  input: CustomerTagInput;
};


export type MutationMessageInboundArgs = {
  input: MessageInboundInput;
};


export type MutationMessageRetryArgs = {
  input: MessageRetryInput;
};


export type MutationMessageSendArgs = {
  input: MessageSendInput;
};


export type MutationNoteCreateArgs = {
  input: NoteCreateInput;
};


export type MutationSettingsUpdateArgs = {
  input: SettingsUpdateInput;
};


export type MutationSuggestionsRefreshArgs = {
  input: SuggestionsRefreshInput;
};


export type MutationTagCreateArgs = {
  input: TagCreateInput;
};


export type MutationTagDeleteArgs = {
  input: TagDeleteInput;
};


export type MutationTagUpdateArgs = {
  input: TagUpdateInput;
};


export type MutationTemplateCreateArgs = {
  input: TemplateCreateInput;
};


export type MutationTemplateSendArgs = {
  input: TemplateSendInput;
};


export type MutationTemplatesSyncArgs = {
  input: TemplatesSyncInput;
};

/** An object with a global id, fetchable with `node(id:)`. */
export type Node = {
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
};

/** An internal note on a conversation; never sent to the customer. */
export type Note = Node & {
  __typename?: 'Note';
  /** The agent who wrote it; null for API keys. */
  author?: Maybe<Agent>;
  /** The note text. */
  body: Scalars['String']['output'];
  /** When it was written. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
};

/** A page of internal notes. */
export type NoteConnection = {
  __typename?: 'NoteConnection';
  /** The page, in order. */
  edges: Array<NoteEdge>;
  /** The nodes of the page, without cursors. */
  nodes: Array<Note>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items match in all (one extra count query). */
  totalCount: Scalars['Int']['output'];
};

/** An internal note on a conversation. */
export type NoteCreateInput = {
  /** The note, 1 to 10000 characters; never sent to the customer. */
  body: Scalars['String']['input'];
  /** The conversation. */
  conversationId: Scalars['ID']['input'];
};

/** Result of noteCreate. */
export type NoteCreatePayload = {
  __typename?: 'NoteCreatePayload';
  /** The conversation it is on. */
  conversation?: Maybe<Conversation>;
  /** The new note. */
  note?: Maybe<Note>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** An edge to a Note. */
export type NoteEdge = {
  __typename?: 'NoteEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The Note. */
  node: Note;
};

/** How the agent judged the conversation when closing it. */
export type Outcome =
  | 'NEGATIVE'
  | 'POSITIVE';

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of the page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** More items exist after `endCursor`. */
  hasNextPage: Scalars['Boolean']['output'];
  /** More items exist before `startCursor`. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of the page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** The team, by name. */
  agents: Array<Agent>;
  /** Partner API keys of the workspace, newest first, without secrets (admins). */
  apiKeys: Array<ApiKey>;
  /** Connected channel accounts of the workspace. */
  channelAccounts: Array<ChannelAccount>;
  /** A conversation by id (NOT_FOUND when it does not exist in your workspace). */
  conversation?: Maybe<Conversation>;
  /** Any conversations by filter, newest activity first: by customer, handler (BOT for bots), status, channel, dates. Agents see their own and the queue. */
  conversations: ConversationConnection;
  /** Custom customer fields, in display order. */
  customFields: Array<CustomField>;
  /** A customer by id (NOT_FOUND when it does not exist in your workspace). */
  customer?: Maybe<Customer>;
  /** Customers, by text in name, phone or channel user id. */
  customers: CustomerConnection;
  /** The event log for partners that poll: the same events, cursors and visibility as the subscriptions, oldest first. Without `after` it starts at the oldest event kept; CURSOR_EXPIRED when `after` is older than that. */
  events: EventConnection;
  /** Webhook bodies that could not be processed (newest first): kept, with their error. */
  inboundFailures: Array<InboundFailure>;
  /** Any object by global id (NOT_FOUND when it does not exist in your workspace). */
  node?: Maybe<Node>;
  /** The workspace's settings. */
  settings: WorkspaceSettings;
  /** Tags of the workspace, by name. */
  tags: Array<Tag>;
  /** WhatsApp templates, optionally of one status (APPROVED ones can be sent). */
  templates: Array<Template>;
  /** One tray, to page through its conversations. */
  tray: Tray;
  /** Every tray of a view with its count. Admins may filter by agent. */
  trays: Array<Tray>;
  /** The caller. */
  viewer: Viewer;
};


export type QueryAgentsArgs = {
  includeInactive?: Scalars['Boolean']['input'];
};


export type QueryConversationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ConversationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryInboundFailuresArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTemplatesArgs = {
  status?: InputMaybe<TemplateStatus>;
};


export type QueryTrayArgs = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  kind: TrayKind;
  view?: TrayView;
};


export type QueryTraysArgs = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  view?: TrayView;
};

/** Changes to the workspace settings; absent or null leaves a setting as it is. */
export type SettingsUpdateInput = {
  /** Redact personal data before text leaves for an AI provider. */
  aiRedactPii?: InputMaybe<Scalars['Boolean']['input']>;
  /** AI reply suggestions when a conversation changes hands (independent of summaries). */
  aiSuggestionsEnabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** AI summaries when a conversation changes hands. */
  aiSummaryEnabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Closing delays per outcome. */
  autoClose?: InputMaybe<AutoCloseSettingsInput>;
  /** Whether a bot holds new conversations first. */
  botEnabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Language of AI output and defaults. */
  locale?: InputMaybe<Locale>;
  /** IANA time zone, e.g. America/Bogota. */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** Days (1–365) a conversation stays in the trays without activity. */
  visibleDays?: InputMaybe<Scalars['Int']['input']>;
};

/** Result of settingsUpdate. */
export type SettingsUpdatePayload = {
  __typename?: 'SettingsUpdatePayload';
  /** The settings as stored. */
  settings?: Maybe<WorkspaceSettings>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** AI summaries as they become ready, for the workspace or one conversation. */
  aiSummaryReady: AiSummary;
  /** New messages, inbound and outbound, of the workspace or of one conversation. */
  messageAdded: MessageEvent;
  /** Messages that failed, with their error: the dashboard feed of red triangles. */
  messageDeliveryFailed: MessageEvent;
  /** Delivery status changes of messages (SENT, DELIVERED, READ, FAILED). */
  messageStatusChanged: MessageEvent;
  /** Conversations moving between trays of a view, as they happen (time-driven moves included). Agents see their own conversations and the queue. */
  trayChanged: TrayChange;
  /** The trays of a view with their counts: once at subscription, then after each burst of tray moves the viewer may see. */
  trayCountsChanged: Array<Tray>;
};


export type SubscriptionAiSummaryReadyArgs = {
  conversationId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionMessageAddedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversationId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionMessageDeliveryFailedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionMessageStatusChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversationId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionTrayChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  view?: TrayView;
};


export type SubscriptionTrayCountsChangedArgs = {
  view?: TrayView;
};

/** A reply the AI assistant suggests; one click sends it. */
export type Suggestion = Node & {
  __typename?: 'Suggestion';
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** 1 is the best. */
  rank: Scalars['Int']['output'];
  /** Where it came from (model, template, past reply). */
  source?: Maybe<Scalars['String']['output']>;
  /** The reply text. */
  text: Scalars['String']['output'];
  /** True when sent as is, false when edited first. */
  usedAsIs?: Maybe<Scalars['Boolean']['output']>;
  /** When an agent sent it. */
  usedAt?: Maybe<Scalars['DateTimeISO']['output']>;
};

/** Asks the AI assistant for new reply suggestions. */
export type SuggestionsRefreshInput = {
  /** The conversation to suggest replies for. */
  conversationId: Scalars['ID']['input'];
};

/** Result of suggestionsRefresh. */
export type SuggestionsRefreshPayload = {
  __typename?: 'SuggestionsRefreshPayload';
  /** The new current suggestions, best first; none repeats the ones shown before. */
  suggestions: Array<Suggestion>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** A label admins define and agents put on customers. */
export type Tag = Node & {
  __typename?: 'Tag';
  /** Hex colour, e.g. #22c55e. */
  color: Scalars['String']['output'];
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Name, unique in the workspace. */
  name: Scalars['String']['output'];
};

/** A new tag. */
export type TagCreateInput = {
  /** Colour as #rrggbb; default #64748b. */
  color?: InputMaybe<Scalars['String']['input']>;
  /** Name (1–50 characters), unique in the workspace without regard to case. */
  name: Scalars['String']['input'];
};

/** The tag to delete; it comes off every customer. */
export type TagDeleteInput = {
  /** The tag. */
  tagId: Scalars['ID']['input'];
};

/** Result of tagDelete. */
export type TagDeletePayload = {
  __typename?: 'TagDeletePayload';
  /** Id of the deleted tag. */
  deletedTagId?: Maybe<Scalars['ID']['output']>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Result of tagCreate and tagUpdate. */
export type TagPayload = {
  __typename?: 'TagPayload';
  /** The tag as stored. */
  tag?: Maybe<Tag>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** Changes to a tag; absent or null leaves a property as it is. */
export type TagUpdateInput = {
  /** New colour as #rrggbb. */
  color?: InputMaybe<Scalars['String']['input']>;
  /** New name, unique without regard to case. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The tag. */
  tagId: Scalars['ID']['input'];
};

/** A WhatsApp message template: the way to write outside the window. */
export type Template = Node & {
  __typename?: 'Template';
  /** MARKETING, UTILITY or AUTHENTICATION. */
  category: TemplateCategory;
  /** HEADER, BODY, FOOTER and BUTTONS components as the provider gives them. */
  components: Array<Scalars['JSONObject']['output']>;
  /** Provider template id when synced. */
  externalId?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Language code, e.g. es or en_US. */
  language: Scalars['String']['output'];
  /** Template name. */
  name: Scalars['String']['output'];
  /** POSITIONAL ({{1}}) or NAMED ({{name}}) placeholders. */
  parameterFormat: Scalars['String']['output'];
  /** Review status; only APPROVED can be sent. */
  status: TemplateStatus;
};

/** WhatsApp template category. */
export type TemplateCategory =
  | 'AUTHENTICATION'
  | 'MARKETING'
  | 'UTILITY';

/** A template defined here (partner channels, or one awaiting review on WhatsApp). */
export type TemplateCreateInput = {
  /** Body text with {{1}}… or {{name}} placeholders. */
  body: Scalars['String']['input'];
  /** MARKETING, UTILITY or AUTHENTICATION. */
  category: TemplateCategory;
  /** The channel account it belongs to. */
  channelAccountId: Scalars['ID']['input'];
  /** Optional footer text. */
  footer?: InputMaybe<Scalars['String']['input']>;
  /** Optional header text. */
  header?: InputMaybe<Scalars['String']['input']>;
  /** Language code, e.g. es or en_US. */
  language: Scalars['String']['input'];
  /** Name: lower-case letters, digits and _. */
  name: Scalars['String']['input'];
};

/** Result of templateCreate. */
export type TemplateCreatePayload = {
  __typename?: 'TemplateCreatePayload';
  /** The new template. */
  template?: Maybe<Template>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** A value for a named template placeholder ({{name}}). */
export type TemplateNamedParameterInput = {
  /** Placeholder name. */
  name: Scalars['String']['input'];
  /** Value. */
  value: Scalars['String']['input'];
};

/** Values for the template placeholders. */
export type TemplateParametersInput = {
  /** Body values for {{1}}, {{2}}… in order. */
  body?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Header values for {{1}}… in order. */
  header?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Values of named placeholders. */
  named?: InputMaybe<Array<TemplateNamedParameterInput>>;
};

/** Sends an APPROVED template to a conversation or to a customer. */
export type TemplateSendInput = {
  /** API keys starting a conversation: the agent who gets the reply. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  /** An existing conversation (or give customerId). */
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  /** A customer: their open conversation, or a new OUTGOING one. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Placeholder values. */
  parameters?: InputMaybe<TemplateParametersInput>;
  /** The template. */
  templateId: Scalars['ID']['input'];
};

/** Result of templateSend. */
export type TemplateSendPayload = {
  __typename?: 'TemplateSendPayload';
  /** The conversation, now OUTGOING. */
  conversation?: Maybe<Conversation>;
  /** The template message, QUEUED for delivery. */
  message?: Maybe<Message>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** WhatsApp template review status; only APPROVED can be sent. */
export type TemplateStatus =
  | 'APPROVED'
  | 'DISABLED'
  | 'PAUSED'
  | 'PENDING'
  | 'REJECTED';

/** Pulls the WhatsApp templates of a channel account, every page. */
export type TemplatesSyncInput = {
  /** The WhatsApp channel account. */
  channelAccountId: Scalars['ID']['input'];
};

/** Result of templatesSync. */
export type TemplatesSyncPayload = {
  __typename?: 'TemplatesSyncPayload';
  /** Every template of the account after the sync. */
  templates: Array<Template>;
  /** Expected refusals; empty when the mutation succeeded. */
  userErrors: Array<UserError>;
};

/** An agent tray: a view over open, agent-handled conversations, with its count. */
export type Tray = {
  __typename?: 'Tray';
  /** Its conversations, newest activity first. Filters: tag, channel, text on customer name and phone. */
  conversations: ConversationConnection;
  /** How many conversations are in it now (for the viewer and the agent filter). */
  count: Scalars['Int']['output'];
  /** Which tray. */
  kind: TrayKind;
  /** Which layout. */
  view: TrayView;
};


/** An agent tray: a view over open, agent-handled conversations, with its count. */
export type TrayConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ConversationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A conversation moved between trays of one view (or into or out of every tray). */
export type TrayChange = {
  __typename?: 'TrayChange';
  /** The conversation as it is now. */
  conversation: Conversation;
  /** Resume point: pass it as `after` to continue right after this event. */
  cursor: Scalars['String']['output'];
  /** Tray it left; null when it was in none. */
  from?: Maybe<TrayKind>;
  /** When the change was committed. */
  occurredAt: Scalars['DateTimeISO']['output'];
  /** Tray it entered; null when it is in none now. */
  to?: Maybe<TrayKind>;
  /** The layout this move belongs to. */
  view: TrayView;
};

/** An agent tray. */
export type TrayKind =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'NEW'
  | 'OUTGOING';

/** Tray layout: CLASSIC (New/Active) or V2 (Active/Expired/Outgoing). */
export type TrayView =
  | 'CLASSIC'
  | 'V2';

/** An expected refusal of a mutation, with what to do about it. */
export type UserError = {
  __typename?: 'UserError';
  /** Machine-readable reason. */
  code: UserErrorCode;
  /** Path of the input field at fault, e.g. ["input", "value"]. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** Human-readable explanation, naming the way out when there is one. */
  message: Scalars['String']['output'];
};

/** Why a mutation was refused. */
export type UserErrorCode =
  | 'AGENT_INACTIVE'
  | 'AI_DISABLED'
  | 'AI_UNAVAILABLE'
  | 'ALREADY_ASSIGNED'
  | 'CHANNEL_ERROR'
  | 'CONVERSATION_CLOSED'
  | 'CONVERSATION_NOT_CLOSED'
  | 'DUPLICATE'
  | 'HANDLED_BY_AGENT'
  | 'HANDLED_BY_BOT'
  | 'INVALID_FIELD_VALUE'
  | 'INVALID_INPUT'
  | 'IN_USE'
  | 'LAST_ADMIN'
  | 'MESSAGE_NOT_RETRYABLE'
  | 'NOT_ASSIGNEE'
  | 'READ_ONLY_FIELD'
  | 'REQUIRED_FIELD'
  | 'SAME_AGENT'
  | 'SUGGESTION_NOT_FOUND'
  | 'TEMPLATE_NOT_APPROVED'
  | 'TEMPLATE_PARAMETERS_INVALID'
  | 'WINDOW_CLOSED';

/** Who is calling: an agent or a partner API key, and their workspace. */
export type Viewer = {
  __typename?: 'Viewer';
  /** The agent, when signed in with a session token. */
  agent?: Maybe<Agent>;
  /** The API key, when called with one. */
  apiKey?: Maybe<ApiKey>;
  /** The workspace the credentials belong to. */
  workspace: Workspace;
};

/** A tenant: one company using Omnitray. */
export type Workspace = Node & {
  __typename?: 'Workspace';
  /** When it was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
};

/** Workspace settings (admins change them with settingsUpdate). */
export type WorkspaceSettings = {
  __typename?: 'WorkspaceSettings';
  /** Redact phones, e-mails, card and id numbers before text leaves for an AI provider. */
  aiRedactPii: Scalars['Boolean']['output'];
  /** Write AI reply suggestions when a conversation changes hands. */
  aiSuggestionsEnabled: Scalars['Boolean']['output'];
  /** Write an AI summary when a conversation changes hands. */
  aiSummaryEnabled: Scalars['Boolean']['output'];
  /** Closing delays per outcome. */
  autoClose: AutoCloseSettings;
  /** Whether a bot holds new conversations first. */
  botEnabled: Scalars['Boolean']['output'];
  /** Language of AI output and defaults. */
  locale: Locale;
  /** IANA time zone, e.g. America/Bogota. */
  timezone: Scalars['String']['output'];
  /** Conversations idle longer than this many days leave the trays. */
  visibleDays: Scalars['Int']['output'];
};

/** Kind of actor behind a change. */
export type ActorType =
  | 'AGENT'
  | 'API_KEY'
  | 'CUSTOMER'
  | 'SYSTEM';

/** A new team member. */
export type AgentCreateInput = {
  /** Sign-in e-mail, unique across Omnitray (stored in lower case). */
  email: string;
  /** Display name (1–100 characters). */
  name: string;
  /** ADMIN or AGENT. */
  role: AgentRole;
};

/** The agent to deactivate. */
export type AgentDeactivateInput = {
  /** The agent; not yourself, nor the last active admin. */
  agentId: string | number;
};

/** What an agent may do: ADMIN manages the workspace and sees every tray. */
export type AgentRole =
  | 'ADMIN'
  | 'AGENT';

/** Changes to an agent; absent or null leaves a property as it is. */
export type AgentUpdateInput = {
  /** The agent. */
  agentId: string | number;
  /** New display name. */
  name?: string | null | undefined;
  /** New role; the last active admin cannot be demoted (LAST_ADMIN). */
  role?: AgentRole | null | undefined;
};

/** Asks the AI assistant for a new summary of a conversation. */
export type AiSummaryGenerateInput = {
  /** The conversation to summarize. */
  conversationId: string | number;
};

/** Progress of an AI summary. */
export type AiSummaryStatus =
  | 'FAILED'
  | 'PENDING'
  | 'READY';

/** What asked for an AI summary. */
export type AiTrigger =
  | 'AGENT_TRANSFER'
  | 'BOT_HANDOFF'
  | 'MANUAL';

/** A new partner API key. */
export type ApiKeyCreateInput = {
  /** What the key is for (1–100 characters). */
  name: string;
  /** What the key may do, at least one: admin implies write and read; write and bot imply read. */
  scopes: Array<ApiKeyScope>;
};

/** The API key to revoke. */
export type ApiKeyRevokeInput = {
  /** The key. */
  apiKeyId: string | number;
};

/** What a partner API key may do. */
export type ApiKeyScope =
  | 'ADMIN'
  | 'BOT'
  | 'READ'
  | 'WRITE';

/** Changes to the closing delays; absent or null leaves a value as it is. */
export type AutoCloseSettingsInput = {
  /** Minutes (0–10080) after a NEGATIVE outcome before closing. */
  negativeMinutes?: number | null | undefined;
  /** Minutes (0–10080) after a POSITIVE outcome before closing. */
  positiveMinutes?: number | null | undefined;
  /** Whether the closed conversation returns to the bot. */
  returnToBot?: boolean | null | undefined;
};

/** The messaging channel a conversation runs on. */
export type ChannelKind =
  | 'API'
  | 'INSTAGRAM'
  | 'MESSENGER'
  | 'WHATSAPP';

/** An admin assigns, reassigns or unassigns a conversation. */
export type ConversationAssignInput = {
  /** The agent; null: back to the unassigned queue. */
  agentId?: string | number | null | undefined;
  /** The conversation. */
  conversationId: string | number;
};

/** The agent closes a conversation with an outcome. */
export type ConversationCloseInput = {
  /** The conversation. */
  conversationId: string | number;
  /** POSITIVE or NEGATIVE. */
  outcome: Outcome;
  /** Why (1 to 500 characters). */
  reason: string;
};

/** Kind of entry in a conversation history. */
export type ConversationEventType =
  | 'ASSIGNED'
  | 'CLOSED'
  | 'CLOSING'
  | 'CREATED'
  | 'HANDOFF'
  | 'REOPENED'
  | 'RETURNED_TO_BOT'
  | 'TAKEN'
  | 'TRANSFERRED'
  | 'TRAY_MOVED'
  | 'UNASSIGNED';

/** Narrows a list of conversations; every given criterion must hold. */
export type ConversationFilter = {
  /** Assigned to this agent (admins and API keys). */
  assigneeId?: string | number | null | undefined;
  /** Channel. */
  channel?: ChannelKind | null | undefined;
  /** Channel account. */
  channelAccountId?: string | number | null | undefined;
  /** Created at or after. */
  createdAfter?: string | null | undefined;
  /** Created before. */
  createdBefore?: string | null | undefined;
  /** Conversations of this customer. */
  customerId?: string | number | null | undefined;
  /** BOT lists what the bot holds. */
  handler?: Handler | null | undefined;
  /** Last activity at or after. */
  lastActivityAfter?: string | null | undefined;
  /** Last activity before. */
  lastActivityBefore?: string | null | undefined;
  /** Text in the customer name, phone or channel user id. */
  search?: string | null | undefined;
  /** OPEN or CLOSED. */
  status?: ConversationStatus | null | undefined;
  /** Customer carries any of these tags. */
  tagIds?: Array<string | number> | null | undefined;
  /** true: only the unassigned queue; false: only assigned. */
  unassigned?: boolean | null | undefined;
};

/** The bot hands a conversation to an agent or to the queue. */
export type ConversationHandoffInput = {
  /** The agent to hand it to; null or absent: the queue. */
  agentId?: string | number | null | undefined;
  /** Why, for the agent (kept in the history). */
  comment?: string | null | undefined;
  /** The conversation the bot holds. */
  conversationId: string | number;
};

/** Brings a closing or closed conversation back to the agents. */
export type ConversationReopenInput = {
  /** The closing or closed conversation. */
  conversationId: string | number;
};

/** Whether the conversation is open or closed. */
export type ConversationStatus =
  | 'CLOSED'
  | 'OPEN';

/** An agent takes a conversation waiting in the queue. */
export type ConversationTakeInput = {
  /** The unassigned conversation. */
  conversationId: string | number;
};

/** The assignee (or an admin) gives a conversation to another agent. */
export type ConversationTransferInput = {
  /** The active agent who receives it. */
  agentId: string | number;
  /** A note for the receiver, kept in the history. */
  comment?: string | null | undefined;
  /** The conversation. */
  conversationId: string | number;
};

/** A new custom customer field. */
export type CustomFieldCreateInput = {
  /** Stable machine name: a lower-case letter, then up to 39 lower-case letters, digits or _; unique in the workspace and fixed once created. Header names (name, phone, channel…) are reserved. */
  key: string;
  /** Label shown to agents (1–100 characters). */
  label: string;
  /** SELECT only: the allowed values, at least one, unique. */
  options?: Array<string> | null | undefined;
  /** Display position from 0; default last. Other fields shift. */
  position?: number | null | undefined;
  /** Whether a value, once set, can no longer be cleared. Default false. */
  required?: boolean | null | undefined;
  /** Type values are validated against. */
  type: CustomFieldType;
};

/** The custom field to delete, with every value of it. */
export type CustomFieldDeleteInput = {
  /** The field. */
  customFieldId: string | number;
};

/** Type a custom field value is validated against. */
export type CustomFieldType =
  | 'BOOLEAN'
  | 'DATE'
  | 'NUMBER'
  | 'SELECT'
  | 'TEXT';

/** Changes to a custom field; absent or null leaves a property as it is. */
export type CustomFieldUpdateInput = {
  /** The field. */
  customFieldId: string | number;
  /** New label. */
  label?: string | null | undefined;
  /** SELECT only: the new options (the whole list); an option in use cannot be removed (IN_USE). */
  options?: Array<string> | null | undefined;
  /** New display position from 0; other fields shift. */
  position?: number | null | undefined;
  /** Whether a value can no longer be cleared. */
  required?: boolean | null | undefined;
  /** New type; refused with IN_USE once any customer has a value. */
  type?: CustomFieldType | null | undefined;
};

/** A custom field value to set on a customer. */
export type CustomerFieldSetInput = {
  /** The customer. */
  customerId: string | number;
  /** Key of a custom field of the workspace (see `customFields`). */
  key: string;
  /** The value in the field type: TEXT a string (≤ 2000 characters), NUMBER a JSON number (not a quoted string), DATE "YYYY-MM-DD", BOOLEAN true/false, SELECT one of the options. Null clears it, unless the field is required. */
  value?: unknown;
};

/** A tag to put on, or take off, a customer. */
export type CustomerTagInput = {
  /** The customer. */
  customerId: string | number;
  /** The tag (see `tags`). */
  tagId: string | number;
};

/** Kinds of events in the workspace event log (what subscriptions carry and `events` replays). */
export type EventType =
  | 'AI_SUMMARY_READY'
  | 'CONVERSATION_UPDATED'
  | 'MESSAGE_ADDED'
  | 'MESSAGE_DELIVERY_FAILED'
  | 'MESSAGE_STATUS_CHANGED'
  | 'TRAY_CHANGED';

/** Who holds the conversation: the bot or the agents. */
export type Handler =
  | 'AGENT'
  | 'BOT';

/** Language of the workspace (AI output, defaults). */
export type Locale =
  | 'en'
  | 'es'
  | 'pt';

/** INBOUND from the customer, OUTBOUND to the customer. */
export type MessageDirection =
  | 'INBOUND'
  | 'OUTBOUND';

/** A customer message pushed by a partner on an API channel account. */
export type MessageInboundInput = {
  /** The API channel account it arrived on. */
  channelAccountId: string | number;
  /** The partner's id of the customer (creates the customer on first contact). */
  customerChannelUserId: string;
  /** Customer name, as the partner knows it. */
  customerName?: string | null | undefined;
  /** Customer phone in E.164 digits. */
  customerPhone?: string | null | undefined;
  /** The partner's message id: a second delivery with the same id stores nothing twice. */
  externalId: string;
  /** When the customer wrote it; default now. */
  sentAt?: string | null | undefined;
  /** The text, 1 to 4096 characters. */
  text: string;
};

/** A free-text answer to the customer. */
export type MessageSendInput = {
  /** The conversation to answer. */
  conversationId: string | number;
  /** Retrying with the same key and body returns the first message instead of sending twice (24 h). */
  idempotencyKey?: string | null | undefined;
  /** The AI suggestion the text came from (recorded as used, as is or edited). */
  suggestionId?: string | number | null | undefined;
  /** The text, 1 to 4096 characters. */
  text: string;
};

/** Who wrote the message. */
export type MessageSender =
  | 'AGENT'
  | 'BOT'
  | 'CUSTOMER'
  | 'SYSTEM';

/** Delivery status; never moves backwards. */
export type MessageStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'QUEUED'
  | 'READ'
  | 'RECEIVED'
  | 'SENT';

/** An internal note on a conversation. */
export type NoteCreateInput = {
  /** The note, 1 to 10000 characters; never sent to the customer. */
  body: string;
  /** The conversation. */
  conversationId: string | number;
};

/** How the agent judged the conversation when closing it. */
export type Outcome =
  | 'NEGATIVE'
  | 'POSITIVE';

/** Changes to the workspace settings; absent or null leaves a setting as it is. */
export type SettingsUpdateInput = {
  /** Redact personal data before text leaves for an AI provider. */
  aiRedactPii?: boolean | null | undefined;
  /** AI reply suggestions when a conversation changes hands (independent of summaries). */
  aiSuggestionsEnabled?: boolean | null | undefined;
  /** AI summaries when a conversation changes hands. */
  aiSummaryEnabled?: boolean | null | undefined;
  /** Closing delays per outcome. */
  autoClose?: AutoCloseSettingsInput | null | undefined;
  /** Whether a bot holds new conversations first. */
  botEnabled?: boolean | null | undefined;
  /** Language of AI output and defaults. */
  locale?: Locale | null | undefined;
  /** IANA time zone, e.g. America/Bogota. */
  timezone?: string | null | undefined;
  /** Days (1–365) a conversation stays in the trays without activity. */
  visibleDays?: number | null | undefined;
};

/** Asks the AI assistant for new reply suggestions. */
export type SuggestionsRefreshInput = {
  /** The conversation to suggest replies for. */
  conversationId: string | number;
};

/** A new tag. */
export type TagCreateInput = {
  /** Colour as #rrggbb; default #64748b. */
  color?: string | null | undefined;
  /** Name (1–50 characters), unique in the workspace without regard to case. */
  name: string;
};

/** The tag to delete; it comes off every customer. */
export type TagDeleteInput = {
  /** The tag. */
  tagId: string | number;
};

/** Changes to a tag; absent or null leaves a property as it is. */
export type TagUpdateInput = {
  /** New colour as #rrggbb. */
  color?: string | null | undefined;
  /** New name, unique without regard to case. */
  name?: string | null | undefined;
  /** The tag. */
  tagId: string | number;
};

/** WhatsApp template review status; only APPROVED can be sent. */
export type TemplateStatus =
  | 'APPROVED'
  | 'DISABLED'
  | 'PAUSED'
  | 'PENDING'
  | 'REJECTED';

/** An agent tray. */
export type TrayKind =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'NEW'
  | 'OUTGOING';

/** Tray layout: CLASSIC (New/Active) or V2 (Active/Expired/Outgoing). */
export type TrayView =
  | 'CLASSIC'
  | 'V2';

/** Why a mutation was refused. */
export type UserErrorCode =
  | 'AGENT_INACTIVE'
  | 'AI_DISABLED'
  | 'AI_UNAVAILABLE'
  | 'ALREADY_ASSIGNED'
  | 'CHANNEL_ERROR'
  | 'CONVERSATION_CLOSED'
  | 'CONVERSATION_NOT_CLOSED'
  | 'DUPLICATE'
  | 'HANDLED_BY_AGENT'
  | 'HANDLED_BY_BOT'
  | 'INVALID_FIELD_VALUE'
  | 'INVALID_INPUT'
  | 'IN_USE'
  | 'LAST_ADMIN'
  | 'MESSAGE_NOT_RETRYABLE'
  | 'NOT_ASSIGNEE'
  | 'READ_ONLY_FIELD'
  | 'REQUIRED_FIELD'
  | 'SAME_AGENT'
  | 'SUGGESTION_NOT_FOUND'
  | 'TEMPLATE_NOT_APPROVED'
  | 'TEMPLATE_PARAMETERS_INVALID'
  | 'WINDOW_CLOSED';

export type UserErrorPartsFragment = { code: UserErrorCode, field: Array<string> | null, message: string };

export type CustomFieldPartsFragment = { id: string, key: string, label: string, type: CustomFieldType, required: boolean, options: Array<string>, position: number };

export type CustomerFieldSetMutationVariables = Exact<{
  input: CustomerFieldSetInput;
}>;


export type CustomerFieldSetMutation = { customerFieldSet: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, fieldValue: { key: string, value: unknown, field: { type: CustomFieldType } } | null, customer: { id: string, name: string | null, fields: Array<{ key: string, value: unknown }> } | null } };

export type CustomerTagMutationVariables = Exact<{
  input: CustomerTagInput;
}>;


export type CustomerTagMutation = { customerTag: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, customer: { id: string, tags: Array<{ id: string, name: string }> } | null, tag: { id: string } | null } };

export type CustomerUntagMutationVariables = Exact<{
  input: CustomerTagInput;
}>;


export type CustomerUntagMutation = { customerUntag: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, customer: { id: string, tags: Array<{ id: string, name: string }> } | null } };

export type CustomFieldCreateMutationVariables = Exact<{
  input: CustomFieldCreateInput;
}>;


export type CustomFieldCreateMutation = { customFieldCreate: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, customField: { id: string, key: string, label: string, type: CustomFieldType, required: boolean, options: Array<string>, position: number } | null } };

export type CustomFieldUpdateMutationVariables = Exact<{
  input: CustomFieldUpdateInput;
}>;


export type CustomFieldUpdateMutation = { customFieldUpdate: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, customField: { id: string, key: string, label: string, type: CustomFieldType, required: boolean, options: Array<string>, position: number } | null } };

export type CustomFieldDeleteMutationVariables = Exact<{
  input: CustomFieldDeleteInput;
}>;


export type CustomFieldDeleteMutation = { customFieldDelete: { deletedCustomFieldId: string | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type CustomFieldListQueryVariables = Exact<{ [key: string]: never; }>;


export type CustomFieldListQuery = { customFields: Array<{ id: string, key: string, label: string, type: CustomFieldType, required: boolean, options: Array<string>, position: number }> };

export type TagCreateMutationVariables = Exact<{
  input: TagCreateInput;
}>;


export type TagCreateMutation = { tagCreate: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, tag: { id: string, name: string, color: string } | null } };

export type TagUpdateMutationVariables = Exact<{
  input: TagUpdateInput;
}>;


export type TagUpdateMutation = { tagUpdate: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, tag: { id: string, name: string, color: string } | null } };

export type TagDeleteMutationVariables = Exact<{
  input: TagDeleteInput;
}>;


export type TagDeleteMutation = { tagDelete: { deletedTagId: string | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type TagListQueryVariables = Exact<{ [key: string]: never; }>;


export type TagListQuery = { tags: Array<{ id: string, name: string, color: string }> };

export type SettingsUpdateMutationVariables = Exact<{
  input: SettingsUpdateInput;
}>;


export type SettingsUpdateMutation = { settingsUpdate: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, settings: { locale: Locale, timezone: string, botEnabled: boolean, aiSummaryEnabled: boolean, aiSuggestionsEnabled: boolean, aiRedactPii: boolean, visibleDays: number, autoClose: { positiveMinutes: number, negativeMinutes: number, returnToBot: boolean } } | null } };

export type ApiKeyCreateMutationVariables = Exact<{
  input: ApiKeyCreateInput;
}>;


export type ApiKeyCreateMutation = { apiKeyCreate: { key: string | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, apiKey: { id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, revokedAt: string | null, lastUsedAt: string | null } | null } };

export type ApiKeyRevokeMutationVariables = Exact<{
  input: ApiKeyRevokeInput;
}>;


export type ApiKeyRevokeMutation = { apiKeyRevoke: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, apiKey: { id: string, revokedAt: string | null } | null } };

export type ApiKeyListQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiKeyListQuery = { apiKeys: Array<{ id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, createdAt: string, revokedAt: string | null, lastUsedAt: string | null }> };

export type AgentCreateMutationVariables = Exact<{
  input: AgentCreateInput;
}>;


export type AgentCreateMutation = { agentCreate: { token: string | null, tokenExpiresAt: string | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, agent: { id: string, email: string, name: string, role: AgentRole, active: boolean } | null } };

export type AgentUpdateMutationVariables = Exact<{
  input: AgentUpdateInput;
}>;


export type AgentUpdateMutation = { agentUpdate: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, agent: { id: string, name: string, role: AgentRole, active: boolean } | null } };

export type AgentDeactivateMutationVariables = Exact<{
  input: AgentDeactivateInput;
}>;


export type AgentDeactivateMutation = { agentDeactivate: { releasedConversationCount: number | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, agent: { id: string, active: boolean } | null } };

export type AgentListQueryVariables = Exact<{
  includeInactive?: boolean | null | undefined;
}>;


export type AgentListQuery = { agents: Array<{ id: string, email: string, name: string, role: AgentRole, active: boolean }> };

export type AiSummaryPartsFragment = { id: string, trigger: AiTrigger, status: AiSummaryStatus, text: string | null, customerRequest: string | null, openQuestions: Array<string>, mood: string | null, provider: string | null, model: string | null, promptVersion: string | null, latencyMs: number | null, tokenUsage: Record<string, unknown> | null, error: string | null, completedAt: string | null };

export type AiSuggestionPartsFragment = { id: string, rank: number, text: string, source: string | null, usedAt: string | null, usedAsIs: boolean | null };

export type AiConversationQueryVariables = Exact<{
  id: string | number;
}>;


export type AiConversationQuery = { conversation: { id: string, assignee: { id: string } | null, aiSummary: { id: string, trigger: AiTrigger, status: AiSummaryStatus, text: string | null, customerRequest: string | null, openQuestions: Array<string>, mood: string | null, provider: string | null, model: string | null, promptVersion: string | null, latencyMs: number | null, tokenUsage: Record<string, unknown> | null, error: string | null, completedAt: string | null } | null, suggestions: Array<{ id: string, rank: number, text: string, source: string | null, usedAt: string | null, usedAsIs: boolean | null }> } | null };

export type AiSummaryGenerateMutationVariables = Exact<{
  input: AiSummaryGenerateInput;
}>;


export type AiSummaryGenerateMutation = { aiSummaryGenerate: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, aiSummary: { id: string, trigger: AiTrigger, status: AiSummaryStatus, text: string | null, customerRequest: string | null, openQuestions: Array<string>, mood: string | null, provider: string | null, model: string | null, promptVersion: string | null, latencyMs: number | null, tokenUsage: Record<string, unknown> | null, error: string | null, completedAt: string | null, conversation: { id: string } } | null } };

export type SuggestionsRefreshMutationVariables = Exact<{
  input: SuggestionsRefreshInput;
}>;


export type SuggestionsRefreshMutation = { suggestionsRefresh: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, suggestions: Array<{ id: string, rank: number, text: string, source: string | null, usedAt: string | null, usedAsIs: boolean | null }> } };

export type ConversationDetailQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ConversationDetailQuery = { conversation: { id: string, handler: Handler, status: ConversationStatus, windowExpiresAt: string | null, windowOpen: boolean, unreadCount: number, trays: { classic: TrayKind | null, v2: TrayKind | null }, customer: { id: string, name: string | null }, assignee: { id: string } | null, tags: Array<{ name: string }>, lastMessage: { id: string } | null, messages: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, text: string | null, direction: MessageDirection, status: MessageStatus, sentAt: string }> }, notes: { nodes: Array<{ id: string, body: string }> }, events: { nodes: Array<{ id: string, type: ConversationEventType, comment: string | null }> } } | null };

export type ConversationsQueryVariables = Exact<{
  filter?: ConversationFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConversationsQuery = { conversations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, handler: Handler, status: ConversationStatus }> } };

export type NodeByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeByIdQuery = { node:
    | { __typename: 'Agent', id: string }
    | { __typename: 'AiSummary', id: string }
    | { __typename: 'ApiKey', id: string }
    | { __typename: 'ChannelAccount', id: string }
    | { __typename: 'Conversation', id: string }
    | { __typename: 'ConversationEvent', id: string }
    | { __typename: 'CustomField', id: string }
    | { __typename: 'Customer', id: string }
    | { __typename: 'Message', id: string }
    | { __typename: 'Note', id: string }
    | { __typename: 'Suggestion', id: string }
    | { __typename: 'Tag', id: string }
    | { __typename: 'Template', id: string }
    | { __typename: 'Workspace', id: string }
   | null };

export type CustomerCardQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerCardQuery = { customer: { id: string, name: string | null, phone: string | null, channel: ChannelKind, channelUserId: string, fields: Array<{ key: string, value: unknown, field: { label: string, type: CustomFieldType } }>, tags: Array<{ name: string }>, conversations: { nodes: Array<{ id: string, status: ConversationStatus }> } } | null };

export type CustomersQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CustomersQuery = { customers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string | null, phone: string | null }> } };

export type TrayChangedSubscriptionVariables = Exact<{
  view?: TrayView | null | undefined;
  after?: string | null | undefined;
}>;


export type TrayChangedSubscription = { trayChanged: { cursor: string, view: TrayView, from: TrayKind | null, to: TrayKind | null, conversation: { id: string, handler: Handler } } };

export type TrayCountsChangedSubscriptionVariables = Exact<{
  view?: TrayView | null | undefined;
}>;


export type TrayCountsChangedSubscription = { trayCountsChanged: Array<{ kind: TrayKind, view: TrayView, count: number }> };

export type MessageAddedSubscriptionVariables = Exact<{
  conversationId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type MessageAddedSubscription = { messageAdded: { cursor: string, type: EventType, message: { id: string, text: string | null }, conversation: { id: string } } };

export type MessageStatusChangedSubscriptionVariables = Exact<{
  conversationId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type MessageStatusChangedSubscription = { messageStatusChanged: { cursor: string, status: MessageStatus | null, previousStatus: MessageStatus | null, message: { id: string } } };

export type MessageDeliveryFailedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type MessageDeliveryFailedSubscription = { messageDeliveryFailed: { cursor: string, status: MessageStatus | null, message: { id: string, status: MessageStatus } } };

export type AiSummaryReadySubscriptionVariables = Exact<{
  conversationId?: string | number | null | undefined;
}>;


export type AiSummaryReadySubscription = { aiSummaryReady: { id: string, status: AiSummaryStatus } };

export type EventsQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type EventsQuery = { events: { edges: Array<{ cursor: string, node: { type: EventType, conversation: { id: string } | null, trayChange: { view: TrayView, from: TrayKind | null, to: TrayKind | null } | null, messageEvent: { message: { id: string } } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TraysQueryVariables = Exact<{
  view?: TrayView | null | undefined;
  agentId?: string | number | null | undefined;
}>;


export type TraysQuery = { trays: Array<{ kind: TrayKind, view: TrayView, count: number }> };

export type TrayPageQueryVariables = Exact<{
  kind: TrayKind;
  view?: TrayView | null | undefined;
  agentId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ConversationFilter | null | undefined;
}>;


export type TrayPageQuery = { tray: { kind: TrayKind, count: number, conversations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, handler: Handler, status: ConversationStatus, windowExpiresAt: string | null, unreadCount: number, customer: { id: string, name: string | null, phone: string | null }, tags: Array<{ id: string, name: string }>, assignee: { id: string, name: string } | null, lastMessage: { id: string, text: string | null, sentAt: string } | null } }> } } };

export type TrayIdsQueryVariables = Exact<{
  kind: TrayKind;
  view?: TrayView | null | undefined;
  agentId?: string | number | null | undefined;
  filter?: ConversationFilter | null | undefined;
}>;


export type TrayIdsQuery = { tray: { count: number, conversations: { nodes: Array<{ id: string }> } } };

export type WorkflowConversationFragment = { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null };

export type WorkflowUserErrorFragment = { code: UserErrorCode, field: Array<string> | null, message: string };

export type ConversationHandoffMutationVariables = Exact<{
  input: ConversationHandoffInput;
}>;


export type ConversationHandoffMutation = { conversationHandoff: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null } };

export type ConversationAssignMutationVariables = Exact<{
  input: ConversationAssignInput;
}>;


export type ConversationAssignMutation = { conversationAssign: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null } };

export type ConversationTakeMutationVariables = Exact<{
  input: ConversationTakeInput;
}>;


export type ConversationTakeMutation = { conversationTake: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null } };

export type ConversationTransferMutationVariables = Exact<{
  input: ConversationTransferInput;
}>;


export type ConversationTransferMutation = { conversationTransfer: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null } };

export type ConversationCloseMutationVariables = Exact<{
  input: ConversationCloseInput;
}>;


export type ConversationCloseMutation = { conversationClose: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null } };

export type ConversationReopenMutationVariables = Exact<{
  input: ConversationReopenInput;
}>;


export type ConversationReopenMutation = { conversationReopen: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null } };

export type MessageSendMutationVariables = Exact<{
  input: MessageSendInput;
}>;


export type MessageSendMutation = { messageSend: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, message: { id: string, direction: MessageDirection, sender: MessageSender, status: MessageStatus, text: string | null, payload: Record<string, unknown> | null, sentAt: string } | null, conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null } };

export type MessageInboundMutationVariables = Exact<{
  input: MessageInboundInput;
}>;


export type MessageInboundMutation = { messageInbound: { duplicate: boolean, userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, message: { id: string, direction: MessageDirection, sender: MessageSender, status: MessageStatus, text: string | null, externalId: string | null, sentAt: string } | null, conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, customer: { id: string, name: string | null, phone: string | null, channelUserId: string }, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null } };

export type NoteCreateMutationVariables = Exact<{
  input: NoteCreateInput;
}>;


export type NoteCreateMutation = { noteCreate: { userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }>, note: { id: string, body: string, createdAt: string, author: { id: string } | null } | null, conversation: { id: string } | null } };

export type WorkflowConversationQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkflowConversationQuery = { conversation: { id: string, handler: Handler, status: ConversationStatus, outcome: Outcome | null, closeReason: string | null, autoCloseAt: string | null, closedAt: string | null, handedOffAt: string | null, firstAgentReplyAt: string | null, unreadCount: number, lastActivityAt: string, lastInboundAt: string | null, windowExpiresAt: string | null, outgoingSince: string | null, messages: { totalCount: number, nodes: Array<{ id: string, direction: MessageDirection, sender: MessageSender, status: MessageStatus, text: string | null }> }, notes: { nodes: Array<{ id: string, body: string }> }, events: { nodes: Array<{ type: ConversationEventType, actorType: ActorType, comment: string | null, fromTray: TrayKind | null, toTray: TrayKind | null, data: Record<string, unknown> | null, createdAt: string, actorAgent: { id: string } | null, fromAgent: { id: string } | null, toAgent: { id: string } | null }> }, assignee: { id: string } | null, trays: { classic: TrayKind | null, v2: TrayKind | null }, lastMessage: { id: string } | null } | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { workspace: { id: string, name: string }, agent: { id: string, name: string, role: AgentRole } | null, apiKey: { id: string, name: string, scopes: Array<ApiKeyScope> } | null } };

export type SettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SettingsQuery = { settings: { locale: Locale, timezone: string, botEnabled: boolean, aiSummaryEnabled: boolean, aiSuggestionsEnabled: boolean, visibleDays: number, autoClose: { positiveMinutes: number, negativeMinutes: number, returnToBot: boolean } } };

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { customFields: Array<{ id: string, key: string, type: CustomFieldType, options: Array<string> }>, tags: Array<{ id: string, name: string, color: string }>, templates: Array<{ id: string, name: string, status: TemplateStatus }> };

export const UserErrorPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UserErrorPartsFragment, unknown>;
export const CustomFieldPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomFieldParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomField"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]} as unknown as DocumentNode<CustomFieldPartsFragment, unknown>;
export const AiSummaryPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AiSummaryParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AiSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"customerRequest"}},{"kind":"Field","name":{"kind":"Name","value":"openQuestions"}},{"kind":"Field","name":{"kind":"Name","value":"mood"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"promptVersion"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUsage"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}}]}}]} as unknown as DocumentNode<AiSummaryPartsFragment, unknown>;
export const AiSuggestionPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AiSuggestionParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Suggestion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"usedAt"}},{"kind":"Field","name":{"kind":"Name","value":"usedAsIs"}}]}}]} as unknown as DocumentNode<AiSuggestionPartsFragment, unknown>;
export const WorkflowConversationFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<WorkflowConversationFragment, unknown>;
export const WorkflowUserErrorFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<WorkflowUserErrorFragment, unknown>;
export const CustomerFieldSetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CustomerFieldSet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerFieldSetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerFieldSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fieldValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"field"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CustomerFieldSetMutation, CustomerFieldSetMutationVariables>;
export const CustomerTagDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CustomerTag"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerTagInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerTag"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CustomerTagMutation, CustomerTagMutationVariables>;
export const CustomerUntagDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CustomerUntag"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerTagInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerUntag"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CustomerUntagMutation, CustomerUntagMutationVariables>;
export const CustomFieldCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CustomFieldCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomFieldCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customFieldCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customField"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomFieldParts"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomFieldParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomField"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]} as unknown as DocumentNode<CustomFieldCreateMutation, CustomFieldCreateMutationVariables>;
export const CustomFieldUpdateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CustomFieldUpdate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomFieldUpdateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customFieldUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customField"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomFieldParts"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomFieldParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomField"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]} as unknown as DocumentNode<CustomFieldUpdateMutation, CustomFieldUpdateMutationVariables>;
export const CustomFieldDeleteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CustomFieldDelete"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomFieldDeleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customFieldDelete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deletedCustomFieldId"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CustomFieldDeleteMutation, CustomFieldDeleteMutationVariables>;
export const CustomFieldListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomFieldList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomFieldParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomFieldParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomField"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]} as unknown as DocumentNode<CustomFieldListQuery, CustomFieldListQueryVariables>;
export const TagCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TagCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TagCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<TagCreateMutation, TagCreateMutationVariables>;
export const TagUpdateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TagUpdate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TagUpdateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<TagUpdateMutation, TagUpdateMutationVariables>;
export const TagDeleteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TagDelete"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TagDeleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagDelete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deletedTagId"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<TagDeleteMutation, TagDeleteMutationVariables>;
export const TagListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TagList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}}]}}]} as unknown as DocumentNode<TagListQuery, TagListQueryVariables>;
export const SettingsUpdateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SettingsUpdate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SettingsUpdateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settingsUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"botEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"aiSummaryEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"aiSuggestionsEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"aiRedactPii"}},{"kind":"Field","name":{"kind":"Name","value":"visibleDays"}},{"kind":"Field","name":{"kind":"Name","value":"autoClose"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positiveMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"negativeMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"returnToBot"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<SettingsUpdateMutation, SettingsUpdateMutationVariables>;
export const ApiKeyCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApiKeyCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ApiKeyCreateMutation, ApiKeyCreateMutationVariables>;
export const ApiKeyRevokeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApiKeyRevoke"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyRevokeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyRevoke"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ApiKeyRevokeMutation, ApiKeyRevokeMutationVariables>;
export const ApiKeyListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeyList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}}]}}]} as unknown as DocumentNode<ApiKeyListQuery, ApiKeyListQueryVariables>;
export const AgentCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AgentCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AgentCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AgentCreateMutation, AgentCreateMutationVariables>;
export const AgentUpdateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AgentUpdate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AgentUpdateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AgentUpdateMutation, AgentUpdateMutationVariables>;
export const AgentDeactivateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AgentDeactivate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AgentDeactivateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentDeactivate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"releasedConversationCount"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AgentDeactivateMutation, AgentDeactivateMutationVariables>;
export const AgentListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeInactive"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeInactive"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<AgentListQuery, AgentListQueryVariables>;
export const AiConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AiConversation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"aiSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AiSummaryParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"suggestions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AiSuggestionParts"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AiSummaryParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AiSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"customerRequest"}},{"kind":"Field","name":{"kind":"Name","value":"openQuestions"}},{"kind":"Field","name":{"kind":"Name","value":"mood"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"promptVersion"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUsage"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AiSuggestionParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Suggestion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"usedAt"}},{"kind":"Field","name":{"kind":"Name","value":"usedAsIs"}}]}}]} as unknown as DocumentNode<AiConversationQuery, AiConversationQueryVariables>;
export const AiSummaryGenerateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AiSummaryGenerate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AiSummaryGenerateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aiSummaryGenerate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"aiSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AiSummaryParts"}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AiSummaryParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AiSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"customerRequest"}},{"kind":"Field","name":{"kind":"Name","value":"openQuestions"}},{"kind":"Field","name":{"kind":"Name","value":"mood"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"promptVersion"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUsage"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}}]}}]} as unknown as DocumentNode<AiSummaryGenerateMutation, AiSummaryGenerateMutationVariables>;
export const SuggestionsRefreshDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SuggestionsRefresh"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SuggestionsRefreshInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suggestionsRefresh"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"suggestions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AiSuggestionParts"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AiSuggestionParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Suggestion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"usedAt"}},{"kind":"Field","name":{"kind":"Name","value":"usedAsIs"}}]}}]} as unknown as DocumentNode<SuggestionsRefreshMutation, SuggestionsRefreshMutationVariables>;
export const ConversationDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConversationDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"notes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConversationDetailQuery, ConversationDetailQueryVariables>;
export const ConversationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Conversations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ConversationsQuery, ConversationsQueryVariables>;
export const NodeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const CustomerCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"channelUserId"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"field"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerCardQuery, CustomerCardQueryVariables>;
export const CustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]}}]} as unknown as DocumentNode<CustomersQuery, CustomersQueryVariables>;
export const TrayChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TrayChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trayChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"view"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}}]}}]}}]}}]} as unknown as DocumentNode<TrayChangedSubscription, TrayChangedSubscriptionVariables>;
export const TrayCountsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TrayCountsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trayCountsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"view"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<TrayCountsChangedSubscription, TrayCountsChangedSubscriptionVariables>;
export const MessageAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<MessageAddedSubscription, MessageAddedSubscriptionVariables>;
export const MessageStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MessageStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<MessageStatusChangedSubscription, MessageStatusChangedSubscriptionVariables>;
export const MessageDeliveryFailedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MessageDeliveryFailed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageDeliveryFailed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<MessageDeliveryFailedSubscription, MessageDeliveryFailedSubscriptionVariables>;
export const AiSummaryReadyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AiSummaryReady"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aiSummaryReady"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AiSummaryReadySubscription, AiSummaryReadySubscriptionVariables>;
export const EventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Events"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trayChange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"view"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messageEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EventsQuery, EventsQueryVariables>;
export const TraysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Trays"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trays"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"view"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<TraysQuery, TraysQueryVariables>;
export const TrayPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrayPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tray"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrayPageQuery, TrayPageQueryVariables>;
export const TrayIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrayIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tray"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrayIdsQuery, TrayIdsQueryVariables>;
export const ConversationHandoffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConversationHandoff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationHandoffInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationHandoff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConversationHandoffMutation, ConversationHandoffMutationVariables>;
export const ConversationAssignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConversationAssign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationAssignInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationAssign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConversationAssignMutation, ConversationAssignMutationVariables>;
export const ConversationTakeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConversationTake"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationTakeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationTake"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConversationTakeMutation, ConversationTakeMutationVariables>;
export const ConversationTransferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConversationTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationTransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConversationTransferMutation, ConversationTransferMutationVariables>;
export const ConversationCloseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConversationClose"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationCloseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationClose"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConversationCloseMutation, ConversationCloseMutationVariables>;
export const ConversationReopenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConversationReopen"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationReopenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationReopen"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConversationReopenMutation, ConversationReopenMutationVariables>;
export const MessageSendDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MessageSend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MessageSendInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageSend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"sender"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<MessageSendMutation, MessageSendMutationVariables>;
export const MessageInboundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MessageInbound"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MessageInboundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageInbound"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"duplicate"}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"sender"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"channelUserId"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<MessageInboundMutation, MessageInboundMutationVariables>;
export const NoteCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NoteCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NoteCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"noteCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowUserError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"note"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<NoteCreateMutation, NoteCreateMutationVariables>;
export const WorkflowConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WorkflowConversation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkflowConversation"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"sender"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"notes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"actorType"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"fromTray"}},{"kind":"Field","name":{"kind":"Name","value":"toTray"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fromAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"toAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkflowConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"closeReason"}},{"kind":"Field","name":{"kind":"Name","value":"autoCloseAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"handedOffAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstAgentReplyAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastInboundAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"outgoingSince"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<WorkflowConversationQuery, WorkflowConversationQueryVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const SettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"botEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"aiSummaryEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"aiSuggestionsEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"visibleDays"}},{"kind":"Field","name":{"kind":"Name","value":"autoClose"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positiveMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"negativeMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"returnToBot"}}]}}]}}]}}]} as unknown as DocumentNode<SettingsQuery, SettingsQueryVariables>;
export const CatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"options"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"templates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CatalogQuery, CatalogQueryVariables>;