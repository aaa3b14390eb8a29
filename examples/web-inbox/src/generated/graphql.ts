/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What an agent may do: ADMIN manages the workspace and sees every tray. */
export type AgentRole =
  | 'ADMIN'
  | 'AGENT';

/** Whether the conversation is open or closed. */
export type ConversationStatus =
  | 'CLOSED'
  | 'OPEN';

/** A button that opens a web page. */
export type CtaUrlInput = {
  /** The button text, up to 20 characters. */
  displayText: string;
  /** An http or https URL. */
  url: string;
};

/** Who holds the conversation: the bot or the agents. */
export type Handler =
  | 'AGENT'
  | 'BOT';

/** Buttons, a list or a link button, with the message text as their body: exactly one of buttons, list and ctaUrl. Checked against the channel's limits before anything is sent (LIMIT_EXCEEDED names the limit). Messenger and Instagram send buttons as quick replies and ctaUrl as a button template, and have no lists. */
export type InteractiveInput = {
  /** Reply buttons: up to 3 on WhatsApp, up to 13 quick replies on Messenger/Instagram. */
  buttons?: Array<ReplyButtonInput> | null | undefined;
  /** A link button. */
  ctaUrl?: CtaUrlInput | null | undefined;
  /** A footer text, up to 60 characters (Messenger/Instagram: put after the text). */
  footer?: string | null | undefined;
  /** A header text, up to 60 characters (Messenger/Instagram: put before the text). */
  header?: string | null | undefined;
  /** A list (WhatsApp and API channels). */
  list?: ListInput | null | undefined;
};

/** A WhatsApp list message: a button that opens up to 10 rows in up to 10 sections. */
export type ListInput = {
  /** The label of the button that opens the list, up to 20 characters. */
  button: string;
  /** 1 to 10 sections. */
  sections: Array<ListSectionInput>;
};

/** A row of a list message. */
export type ListRowInput = {
  /** Up to 72 characters. */
  description?: string | null | undefined;
  /** What comes back when the customer picks it, up to 200 characters. */
  id: string;
  /** Up to 24 characters. */
  title: string;
};

/** A section of a list message. */
export type ListSectionInput = {
  /** Its rows (at most 10 rows over all sections). */
  rows: Array<ListRowInput>;
  /** Up to 24 characters; required when the list has more than one section. */
  title?: string | null | undefined;
};

/** An answer to the customer: text, files, or buttons and lists. */
export type MessageSendInput = {
  /** Uploads (POST /media) to send, in order: READY, and yours unless you are an admin. At most 10; each goes out as its own provider message. */
  attachmentIds?: Array<string | number> | null | undefined;
  /** The conversation to answer. */
  conversationId: string | number;
  /** Retrying with the same key and body returns the first message instead of sending twice (24 h). */
  idempotencyKey?: string | null | undefined;
  /** Reply buttons, a list or a link button, with `text` as their body. */
  interactive?: InteractiveInput | null | undefined;
  /** A message of this conversation to quote, already on the channel (sent as Meta's `context` / `reply_to`). */
  replyToMessageId?: string | number | null | undefined;
  /** The AI suggestion the text came from (recorded as used, as is or edited). */
  suggestionId?: string | number | null | undefined;
  /** The text, 1 to 4096 characters; optional with attachmentIds (on WhatsApp it is the caption of the first image, video or document, up to 1024), the body of an interactive message. */
  text?: string | null | undefined;
};

/** Delivery status; never moves backwards. */
export type MessageStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'QUEUED'
  | 'READ'
  | 'RECEIVED'
  | 'SENT';

/** A new password, with the invite or reset token that allows it. */
export type PasswordSetInput = {
  /** At least 10 characters, at most 256, and not the e-mail address. */
  password: string;
  /** The invite token (agentInvite) or reset token (agentPasswordResetLink, CLI). */
  token: string;
};

/** A reply button: WhatsApp reply button, or a Messenger/Instagram quick reply. */
export type ReplyButtonInput = {
  /** What comes back when the customer taps it (WhatsApp: up to 256 characters; Messenger/Instagram: the quick reply payload, up to 1000). */
  id: string;
  /** The label, up to 20 characters. */
  title: string;
};

/** A password sign-in. */
export type SessionCreateInput = {
  /** The e-mail the agent signs in with (any case). */
  email: string;
  /** The password. */
  password: string;
};

/** The refresh token to exchange. */
export type SessionRefreshInput = {
  /** The latest refresh token of the session; it is spent by this call. */
  refreshToken: string;
};

/** What to sign out. */
export type SessionRevokeInput = {
  /** True: end every session of the token's agent and refuse every session token issued to them before. */
  everywhere?: boolean;
  /** The current refresh token of the session to end. */
  refreshToken: string;
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

/** Why a mutation was refused. */
export type UserErrorCode =
  | 'AGENT_INACTIVE'
  | 'AI_DISABLED'
  | 'AI_UNAVAILABLE'
  | 'ALREADY_ASSIGNED'
  | 'ATTACHMENT_NOT_RETRYABLE'
  | 'ATTACHMENT_NOT_SENDABLE'
  | 'ATTACHMENT_NOT_USABLE'
  | 'AUDIENCE_EMPTY'
  | 'CAMPAIGN_FINISHED'
  | 'CHANNEL_ERROR'
  | 'CHANNEL_URL_NOT_ALLOWED'
  | 'CONVERSATION_CLOSED'
  | 'CONVERSATION_NOT_CLOSED'
  | 'CONVERSATION_NOT_FOUND'
  | 'DUPLICATE'
  | 'HANDLED_BY_AGENT'
  | 'HANDLED_BY_BOT'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_FIELD_VALUE'
  | 'INVALID_INPUT'
  | 'IN_USE'
  | 'LAST_ADMIN'
  | 'LIMIT_EXCEEDED'
  | 'LOCKED_OUT'
  | 'MENTION_NOT_ALLOWED'
  | 'MERGE_NOT_ALLOWED'
  | 'MESSAGE_NOT_RETRYABLE'
  | 'MISSING_VARIABLE'
  | 'NOT_ASSIGNEE'
  | 'NOT_AUTHOR'
  | 'NOT_SNOOZED'
  | 'NOT_SUPPORTED_BY_CHANNEL'
  | 'NOT_TEAM_MEMBER'
  | 'OTHER_CONVERSATION_OPEN'
  | 'PASSWORD_TOO_WEAK'
  | 'READ_ONLY_FIELD'
  | 'REQUIRED_FIELD'
  | 'SAME_AGENT'
  | 'SAME_TEAM'
  | 'SESSION_INVALID'
  | 'SUGGESTION_NOT_FOUND'
  | 'TEMPLATE_NOT_APPROVED'
  | 'TEMPLATE_PARAMETERS_INVALID'
  | 'TOKEN_INVALID'
  | 'WEBHOOK_ENDPOINT_DISABLED'
  | 'WEBHOOK_URL_NOT_ALLOWED'
  | 'WINDOW_CLOSED';

export type SessionFieldsFragment = { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, refreshTokenExpiresAt: string | null, agent: { id: string, name: string, email: string, role: AgentRole } | null, userErrors: Array<{ code: UserErrorCode, message: string }> };

export type SignInMutationVariables = Exact<{
  input: SessionCreateInput;
}>;


export type SignInMutation = { sessionCreate: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, refreshTokenExpiresAt: string | null, agent: { id: string, name: string, email: string, role: AgentRole } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type RefreshSessionMutationVariables = Exact<{
  input: SessionRefreshInput;
}>;


export type RefreshSessionMutation = { sessionRefresh: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, refreshTokenExpiresAt: string | null, agent: { id: string, name: string, email: string, role: AgentRole } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type SetPasswordMutationVariables = Exact<{
  input: PasswordSetInput;
}>;


export type SetPasswordMutation = { passwordSet: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, refreshTokenExpiresAt: string | null, agent: { id: string, name: string, email: string, role: AgentRole } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type SignOutMutationVariables = Exact<{
  input: SessionRevokeInput;
}>;


export type SignOutMutation = { sessionRevoke: { revokedSessionCount: number | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type InboxConversationFragment = { id: string, status: ConversationStatus, handler: Handler, unreadCount: number, windowOpen: boolean, lastActivityAt: string, customer: { id: string, name: string | null, phone: string | null }, assignee: { id: string, name: string } | null, lastMessage: { id: string, text: string | null, sentAt: string } | null };

export type InboxTraysQueryVariables = Exact<{
  view: TrayView;
  first: number;
}>;


export type InboxTraysQuery = { trays: Array<{ kind: TrayKind, view: TrayView, count: number, conversations: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, status: ConversationStatus, handler: Handler, unreadCount: number, windowOpen: boolean, lastActivityAt: string, customer: { id: string, name: string | null, phone: string | null }, assignee: { id: string, name: string } | null, lastMessage: { id: string, text: string | null, sentAt: string } | null } }> } }> };

export type TrayPageQueryVariables = Exact<{
  kind: TrayKind;
  view: TrayView;
  first: number;
  after?: string | null | undefined;
}>;


export type TrayPageQuery = { tray: { kind: TrayKind, count: number, conversations: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, status: ConversationStatus, handler: Handler, unreadCount: number, windowOpen: boolean, lastActivityAt: string, customer: { id: string, name: string | null, phone: string | null }, assignee: { id: string, name: string } | null, lastMessage: { id: string, text: string | null, sentAt: string } | null } }> } } };

export type SendReplyMutationVariables = Exact<{
  input: MessageSendInput;
}>;


export type SendReplyMutation = { messageSend: { message: { id: string, status: MessageStatus, text: string | null } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type TrayMovesSubscriptionVariables = Exact<{
  view: TrayView;
  after?: string | null | undefined;
}>;


export type TrayMovesSubscription = { trayChanged: { cursor: string, occurredAt: string, from: TrayKind | null, to: TrayKind | null, conversation: { id: string, status: ConversationStatus, handler: Handler, unreadCount: number, windowOpen: boolean, lastActivityAt: string, customer: { id: string, name: string | null, phone: string | null }, assignee: { id: string, name: string } | null, lastMessage: { id: string, text: string | null, sentAt: string } | null } } };

export type TrayCountsSubscriptionVariables = Exact<{
  view: TrayView;
}>;


export type TrayCountsSubscription = { trayCountsChanged: Array<{ kind: TrayKind, count: number }> };

export const SessionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SessionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SessionFieldsFragment, unknown>;
export const InboxConversationFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboxConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}}]} as unknown as DocumentNode<InboxConversationFragment, unknown>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SessionCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SessionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const RefreshSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SessionRefreshInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionRefresh"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SessionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SetPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PasswordSetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"passwordSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SessionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SetPasswordMutation, SetPasswordMutationVariables>;
export const SignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SessionRevokeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionRevoke"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokedSessionCount"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const InboxTraysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InboxTrays"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trays"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"view"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboxConversation"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboxConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}}]} as unknown as DocumentNode<InboxTraysQuery, InboxTraysQueryVariables>;
export const TrayPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrayPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tray"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboxConversation"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboxConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}}]} as unknown as DocumentNode<TrayPageQuery, TrayPageQueryVariables>;
export const SendReplyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MessageSendInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageSend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SendReplyMutation, SendReplyMutationVariables>;
export const TrayMovesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TrayMoves"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trayChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboxConversation"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboxConversation"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"handler"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"windowOpen"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}}]} as unknown as DocumentNode<TrayMovesSubscription, TrayMovesSubscriptionVariables>;
export const TrayCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TrayCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrayView"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trayCountsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<TrayCountsSubscription, TrayCountsSubscriptionVariables>;