import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AuthenticationError, AuthorizationError, ArgumentValidationError } from 'type-graphql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** The closed list of top-level error codes (`extensions.code`). */
export enum ApiErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  /** A resume cursor older than the event log's retention: reload, then subscribe without `after`. */
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  /** A subscriber fell too far behind and its stream was ended: subscribe again with `after`. */
  SUBSCRIBER_TOO_SLOW = 'SUBSCRIBER_TOO_SLOW',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export class ApiError extends GraphQLError {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const notFound = (what = 'Object') => new ApiError(ApiErrorCode.NOT_FOUND, `${what} not found.`);
export const forbidden = (message = 'You are not allowed to do this.') =>
  new ApiError(ApiErrorCode.FORBIDDEN, message);
export const badInput = (message: string, field?: string) =>
  new ApiError(ApiErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

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
  /** No customer matches the campaign audience. */
  AUDIENCE_EMPTY = 'AUDIENCE_EMPTY',
  /** The campaign is already completed or cancelled. */
  CAMPAIGN_FINISHED = 'CAMPAIGN_FINISHED',
  /** A partner webhook URL that is not https or reaches a private, loopback or link-local address. */
  WEBHOOK_URL_NOT_ALLOWED = 'WEBHOOK_URL_NOT_ALLOWED',
  /** The webhook endpoint is disabled: re-enable it with webhookEndpointUpdate first. */
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation was refused.' });

@ObjectType({ description: 'An expected refusal of a mutation, with what to do about it.' })
export class UserError {
  @Field(() => UserErrorCode, { description: 'Machine-readable reason.' })
  code: UserErrorCode;

  @Field(() => [String], {
    nullable: true,
    description: 'Path of the input field at fault, e.g. ["input", "value"].',
  })
  field: string[] | null;

  @Field({ description: 'Human-readable explanation, naming the way out when there is one.' })
  message: string;
}

/** Thrown by services for an expected refusal; resolvers turn it into `userErrors`. */
export class BusinessRuleError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[] | null = null,
  ) {
    super(message);
    this.name = 'BusinessRuleError';
  }

  toUserError(): UserError {
    return Object.assign(new UserError(), { code: this.code, field: this.field, message: this.message });
  }
}

const PASS_THROUGH = new Set<string>(Object.values(ApiErrorCode));

/** Maps graphql-js and framework codes into our closed list. */
function codeOf(error: GraphQLError): ApiErrorCode | undefined {
  const original = error.originalError;
  if (original instanceof ApiError) return original.code;
  if (original instanceof AuthenticationError) return ApiErrorCode.UNAUTHENTICATED;
  if (original instanceof AuthorizationError) return ApiErrorCode.FORBIDDEN;
  if (original instanceof ArgumentValidationError) return ApiErrorCode.BAD_USER_INPUT;
  const code = error.extensions?.code;
  // The token limit stops the parser itself; it is a complexity refusal, not a syntax mistake.
  if (/Document contains more th(?:an|at) \d+ tokens/.test(error.message))
    return ApiErrorCode.QUERY_TOO_COMPLEX;
  if (typeof code === 'string') {
    if (PASS_THROUGH.has(code) && (original === undefined || original instanceof GraphQLError)) {
      return code as ApiErrorCode;
    }
    if (
      [
        'GRAPHQL_PARSE_FAILED',
        'GRAPHQL_VALIDATION_FAILED',
        'BAD_REQUEST',
        'OPERATION_RESOLUTION_FAILURE',
        'PERSISTED_QUERY_NOT_SUPPORTED',
      ].includes(code)
    ) {
      return ApiErrorCode.BAD_USER_INPUT;
    }
    if (code === 'PERSISTED_QUERY_NOT_FOUND') return ApiErrorCode.PERSISTED_QUERY_NOT_FOUND;
  }
  // Errors raised by graphql-js itself (variable coercion, unknown fields) have no original error.
  if (original === undefined || original instanceof GraphQLError) return ApiErrorCode.BAD_USER_INPUT;
  return undefined;
}

export interface ErrorLogger {
  error(message: string, fields: Record<string, unknown>): void;
}

/**
 * Every error leaves with a code from the closed list; anything unexpected is masked and logged
 * with the request id, which the client gets to quote.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  requestId: string | undefined,
  logger: ErrorLogger,
): GraphQLFormattedError {
  const graphqlError = error instanceof GraphQLError ? error : undefined;
  const code = graphqlError ? codeOf(graphqlError) : undefined;
  if (code && code !== ApiErrorCode.INTERNAL_SERVER_ERROR) {
    const extensions: Record<string, unknown> = { ...(formatted.extensions ?? {}), code };
    delete extensions.stacktrace;
    delete extensions.exception;
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  const cause = graphqlError?.originalError ?? error;
  logger.error('unexpected error', {
    requestId,
    path: formatted.path,
    error: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause),
  });
  return {
    message: `Internal server error. Quote request id ${requestId ?? 'unknown'} when reporting it.`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ApiErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}
