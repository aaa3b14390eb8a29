/**
 * The errors of the rules. Services, jobs, channels and the AI throw these; the GraphQL edge maps
 * each code to `userErrors` or `extensions.code` in one exhaustive place (`src/schema/errors.ts`).
 */

/** Expected business refusals, returned in mutation payloads as `userErrors`. */
export enum UserErrorCode {
  WINDOW_CLOSED = 'WINDOW_CLOSED',
  TEMPLATE_NOT_APPROVED = 'TEMPLATE_NOT_APPROVED',
  TEMPLATE_PARAMETERS_INVALID = 'TEMPLATE_PARAMETERS_INVALID',
  INVALID_FIELD_VALUE = 'INVALID_FIELD_VALUE',
  REQUIRED_FIELD = 'REQUIRED_FIELD',
  READ_ONLY_FIELD = 'READ_ONLY_FIELD',
  CONVERSATION_CLOSED = 'CONVERSATION_CLOSED',
  CONVERSATION_NOT_CLOSED = 'CONVERSATION_NOT_CLOSED',
  NOT_ASSIGNEE = 'NOT_ASSIGNEE',
  ALREADY_ASSIGNED = 'ALREADY_ASSIGNED',
  HANDLED_BY_BOT = 'HANDLED_BY_BOT',
  HANDLED_BY_AGENT = 'HANDLED_BY_AGENT',
  AGENT_INACTIVE = 'AGENT_INACTIVE',
  SAME_AGENT = 'SAME_AGENT',
  /** The conversation is already in that team (or its queue). */
  SAME_TEAM = 'SAME_TEAM',
  /** The conversation is not snoozed (or its snooze is over). */
  NOT_SNOOZED = 'NOT_SNOOZED',
  /** The agent is not a member of the team in question (or the conversation waits in another team's queue). */
  NOT_TEAM_MEMBER = 'NOT_TEAM_MEMBER',
  DUPLICATE = 'DUPLICATE',
  /** The customer already has another open conversation on that channel account. */
  OTHER_CONVERSATION_OPEN = 'OTHER_CONVERSATION_OPEN',
  IN_USE = 'IN_USE',
  LAST_ADMIN = 'LAST_ADMIN',
  MESSAGE_NOT_RETRYABLE = 'MESSAGE_NOT_RETRYABLE',
  CHANNEL_ERROR = 'CHANNEL_ERROR',
  SUGGESTION_NOT_FOUND = 'SUGGESTION_NOT_FOUND',
  /** The workspace has turned this AI feature off (settingsUpdate turns it back on). */
  AI_DISABLED = 'AI_DISABLED',
  /** The AI provider failed or timed out; trying again later may work. */
  AI_UNAVAILABLE = 'AI_UNAVAILABLE',
  INVALID_INPUT = 'INVALID_INPUT',
  /** A value over one of the channel's limits (buttons, rows, lengths); the message names the limit. */
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
  /** An attachment that cannot be sent: not READY, or already sent with another message. */
  ATTACHMENT_NOT_SENDABLE = 'ATTACHMENT_NOT_SENDABLE',
  /** No customer matches the campaign audience. */
  AUDIENCE_EMPTY = 'AUDIENCE_EMPTY',
  /** The campaign is already completed or cancelled. */
  CAMPAIGN_FINISHED = 'CAMPAIGN_FINISHED',
  /** A partner webhook URL that is not https or reaches a private, loopback or link-local address. */
  WEBHOOK_URL_NOT_ALLOWED = 'WEBHOOK_URL_NOT_ALLOWED',
  /**
   * A channel's apiBaseUrl that is not an allowed Graph API host (OUTBOUND_ALLOWED_HOSTS), not
   * https, or reaches a private, loopback, link-local or reserved address.
   */
  CHANNEL_URL_NOT_ALLOWED = 'CHANNEL_URL_NOT_ALLOWED',
  /** The webhook endpoint is disabled: re-enable it with webhookEndpointUpdate first. */
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
  /** The e-mail and password do not match an agent who may sign in (the same answer for an unknown e-mail). */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins for this account or from this address: wait, then try again. */
  LOCKED_OUT = 'LOCKED_OUT',
  /** The refresh token is unknown, expired, already used or revoked: sign in again. */
  SESSION_INVALID = 'SESSION_INVALID',
  /** The invite or reset token is unknown, expired or already used: ask an admin for a new one. */
  TOKEN_INVALID = 'TOKEN_INVALID',
  /** The password does not meet the policy (at least 10 characters, not the e-mail). */
  PASSWORD_TOO_WEAK = 'PASSWORD_TOO_WEAK',
  /** Only a note's author or an admin may edit or delete it. */
  NOT_AUTHOR = 'NOT_AUTHOR',
  /** A note mentions an agent who may not read its conversation (assigned to another agent). */
  MENTION_NOT_ALLOWED = 'MENTION_NOT_ALLOWED',
  /** Customers of different channel accounts cannot be merged (each is one identity on one account). */
  MERGE_NOT_ALLOWED = 'MERGE_NOT_ALLOWED',
  /** A variable of a canned response or macro has no value for this conversation (the field names it). */
  MISSING_VARIABLE = 'MISSING_VARIABLE',
  /** One of the conversations of a bulk change does not exist or is hidden from the caller. */
  CONVERSATION_NOT_FOUND = 'CONVERSATION_NOT_FOUND',
  /** The conversation's channel has no such feature (a reaction sent on Messenger). */
  NOT_SUPPORTED_BY_CHANNEL = 'NOT_SUPPORTED_BY_CHANNEL',
  /** Only a FAILED file a channel brought can be copied again (`attachmentRetry`). */
  ATTACHMENT_NOT_RETRYABLE = 'ATTACHMENT_NOT_RETRYABLE',
  /** An upload that cannot go with this message: not READY, already sent, or not the caller's. */
  ATTACHMENT_NOT_USABLE = 'ATTACHMENT_NOT_USABLE',
}

/** Something the caller should know about a change that went through (returned beside its result). */
export enum UserWarningCode {
  /** The snooze ends after the customer window closes: answering then needs a template. */
  SNOOZE_PAST_WINDOW = 'SNOOZE_PAST_WINDOW',
}

export interface BusinessWarning {
  code: UserWarningCode;
  message: string;
  field: string[] | null;
}

/** An expected refusal: the caller can act on it (the message names the way out). */
export class BusinessRuleError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[] | null = null,
  ) {
    super(message);
    this.name = 'BusinessRuleError';
  }
}

/** Refusals that are not a business outcome: the request itself cannot be served. */
export enum AccessErrorCode {
  /** The object does not exist, or belongs to another workspace (the two look the same). */
  NOT_FOUND = 'NOT_FOUND',
  /** The caller is known but may not do this. */
  FORBIDDEN = 'FORBIDDEN',
  /** An argument is malformed (a bad cursor, a page size out of range). */
  INVALID_INPUT = 'INVALID_INPUT',
}

export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
    /** The argument at fault, for INVALID_INPUT. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

export const notFound = (what = 'Object') => new AccessError(AccessErrorCode.NOT_FOUND, `${what} not found.`);
export const forbidden = (message = 'You are not allowed to do this.') =>
  new AccessError(AccessErrorCode.FORBIDDEN, message);
export const invalidInput = (message: string, field?: string) =>
  new AccessError(AccessErrorCode.INVALID_INPUT, message, field ?? null);

/** For exhaustive switches over the code enums. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
