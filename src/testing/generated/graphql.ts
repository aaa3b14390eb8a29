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

/** What an agent may do: ADMIN manages the workspace and sees every tray. */
export type AgentRole =
  | 'ADMIN'
  | 'AGENT';

/** What the AI assistant wrote when the conversation changed hands. */
export type AiSummary = Node & {
  __typename?: 'AiSummary';
  /** When it became READY or FAILED. */
  completedAt?: Maybe<Scalars['DateTimeISO']['output']>;
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
  /** Kind of actor. */
  actorType: ActorType;
  /** Comment (transfers) or reason (closings). */
  comment?: Maybe<Scalars['String']['output']>;
  /** Extra facts of the event. */
  data?: Maybe<Scalars['JSONObject']['output']>;
  /** V2 tray before (tray moves). */
  fromTray?: Maybe<TrayKind>;
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
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

/** Whether the conversation is open or closed. */
export type ConversationStatus =
  | 'CLOSED'
  | 'OPEN';

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

/** Type a custom field value is validated against. */
export type CustomFieldType =
  | 'BOOLEAN'
  | 'DATE'
  | 'NUMBER'
  | 'SELECT'
  | 'TEXT';

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

/** Who holds the conversation: the bot or the agents. */
export type Handler =
  | 'AGENT'
  | 'BOT';

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

/** An object with a global id, fetchable with `node(id:)`. */
export type Node = {
  /** Global, opaque identifier. */
  id: Scalars['ID']['output'];
};

/** An internal note on a conversation; never sent to the customer. */
export type Note = Node & {
  __typename?: 'Note';
  /** The note text. */
  body: Scalars['String']['output'];
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

/** WhatsApp template review status; only APPROVED can be sent. */
export type TemplateStatus =
  | 'APPROVED'
  | 'DISABLED'
  | 'PAUSED'
  | 'PENDING'
  | 'REJECTED';

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

/** What an agent may do: ADMIN manages the workspace and sees every tray. */
export type AgentRole =
  | 'ADMIN'
  | 'AGENT';

/** What a partner API key may do. */
export type ApiKeyScope =
  | 'ADMIN'
  | 'BOT'
  | 'READ'
  | 'WRITE';

/** The messaging channel a conversation runs on. */
export type ChannelKind =
  | 'API'
  | 'INSTAGRAM'
  | 'MESSENGER'
  | 'WHATSAPP';

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

/** Whether the conversation is open or closed. */
export type ConversationStatus =
  | 'CLOSED'
  | 'OPEN';

/** Type a custom field value is validated against. */
export type CustomFieldType =
  | 'BOOLEAN'
  | 'DATE'
  | 'NUMBER'
  | 'SELECT'
  | 'TEXT';

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

/** Delivery status; never moves backwards. */
export type MessageStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'QUEUED'
  | 'READ'
  | 'RECEIVED'
  | 'SENT';

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

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { workspace: { id: string, name: string }, agent: { id: string, name: string, role: AgentRole } | null, apiKey: { id: string, name: string, scopes: Array<ApiKeyScope> } | null } };

export type SettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SettingsQuery = { settings: { locale: Locale, timezone: string, botEnabled: boolean, aiSummaryEnabled: boolean, aiSuggestionsEnabled: boolean, visibleDays: number, autoClose: { positiveMinutes: number, negativeMinutes: number, returnToBot: boolean } } };

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { customFields: Array<{ id: string, key: string, type: CustomFieldType, options: Array<string> }>, tags: Array<{ id: string, name: string, color: string }>, templates: Array<{ id: string, name: string, status: TemplateStatus }> };


export const ConversationDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConversationDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"trays"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classic"}},{"kind":"Field","name":{"kind":"Name","value":"v2"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"notes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConversationDetailQuery, ConversationDetailQueryVariables>;
export const ConversationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Conversations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ConversationsQuery, ConversationsQueryVariables>;
export const NodeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const CustomerCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"channelUserId"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"field"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerCardQuery, CustomerCardQueryVariables>;
export const CustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]}}]} as unknown as DocumentNode<CustomersQuery, CustomersQueryVariables>;
export const TraysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Trays"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trays"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"view"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<TraysQuery, TraysQueryVariables>;
export const TrayPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrayPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tray"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"windowExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrayPageQuery, TrayPageQueryVariables>;
export const TrayIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrayIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConversationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tray"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrayIdsQuery, TrayIdsQueryVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const SettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"botEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"aiSummaryEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"aiSuggestionsEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"visibleDays"}},{"kind":"Field","name":{"kind":"Name","value":"autoClose"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positiveMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"negativeMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"returnToBot"}}]}}]}}]}}]} as unknown as DocumentNode<SettingsQuery, SettingsQueryVariables>;
export const CatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"options"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"templates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CatalogQuery, CatalogQueryVariables>;