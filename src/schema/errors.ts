import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AuthenticationError, AuthorizationError, ArgumentValidationError } from 'type-graphql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import {
  AccessError,
  AccessErrorCode,
  assertNever,
  BusinessRuleError,
  type BusinessWarning,
  UserErrorCode,
  UserWarningCode,
} from '../services/errors';
import { EventCursorError, EventCursorErrorCode, SubscriberTooSlowError } from '../realtime/errors';
import { SafelistError, SafelistErrorCode } from '../services/persisted-query/persisted-query.service';
import { databaseTimeoutOf, DatabaseTimeoutKind } from '../database/database-timeouts';

/** The closed list of top-level error codes (`extensions.code`). */
export enum ApiErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  /** The workspace holds its API keys to registered operations, and the request sent a document. */
  PERSISTED_QUERY_REQUIRED = 'PERSISTED_QUERY_REQUIRED',
  /** The workspace holds its API keys to registered operations, and this one is not registered there. */
  PERSISTED_QUERY_NOT_ALLOWED = 'PERSISTED_QUERY_NOT_ALLOWED',
  /** A resume cursor older than the event log's retention: reload, then subscribe without `after`. */
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  /** A subscriber fell too far behind and its stream was ended: subscribe again with `after`. */
  SUBSCRIBER_TOO_SLOW = 'SUBSCRIBER_TOO_SLOW',
  /**
   * An `Idempotency-Key` already used with another request (`reason: DIFFERENT_REQUEST`: use a new
   * key), or whose first request is still running (`reason: IN_PROGRESS`: try again shortly).
   */
  IDEMPOTENCY_CONFLICT = 'IDEMPOTENCY_CONFLICT',
  /**
   * The database stopped the work at a time limit (`reason`: STATEMENT, LOCK or
   * IDLE_IN_TRANSACTION); the transaction it ran in was rolled back. Try again after `retryAfterSeconds`.
   */
  TIMEOUT = 'TIMEOUT',
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

registerEnumType(UserWarningCode, {
  name: 'UserWarningCode',
  description: 'What a mutation that went through wants you to know.',
});

@ObjectType({ description: 'Something to know about a change that went through, with what to do about it.' })
export class UserWarning {
  @Field(() => UserWarningCode, { description: 'Machine-readable kind.' })
  code: UserWarningCode;

  @Field(() => [String], { nullable: true, description: 'Path of the input field concerned.' })
  field: string[] | null;

  @Field({ description: 'Human-readable explanation.' })
  message: string;
}

export function toUserWarning(warning: BusinessWarning): UserWarning {
  return Object.assign(new UserWarning(), warning);
}

/** The payload form of a business refusal. */
export function toUserError(error: BusinessRuleError): UserError {
  return Object.assign(new UserError(), { code: error.code, field: error.field, message: error.message });
}

/** How long a caller stopped by a database time limit should wait before trying again. */
export const TIMEOUT_RETRY_AFTER_SECONDS = 2;

/** The TIMEOUT error of a statement or transaction the database stopped. */
export function timeoutError(kind: DatabaseTimeoutKind): ApiError {
  const extensions = { retryAfterSeconds: TIMEOUT_RETRY_AFTER_SECONDS };
  switch (kind) {
    case DatabaseTimeoutKind.STATEMENT:
      return new ApiError(
        ApiErrorCode.TIMEOUT,
        `A database statement ran past its time limit and was cancelled. Try again in ${TIMEOUT_RETRY_AFTER_SECONDS} s; if it keeps happening, ask for less (a smaller page, fewer words).`,
        { ...extensions, reason: 'STATEMENT' },
      );
    case DatabaseTimeoutKind.LOCK:
      return new ApiError(
        ApiErrorCode.TIMEOUT,
        `Another change held the rows this request needed for too long. Try again in ${TIMEOUT_RETRY_AFTER_SECONDS} s.`,
        { ...extensions, reason: 'LOCK' },
      );
    case DatabaseTimeoutKind.POOL:
      return new ApiError(
        ApiErrorCode.TIMEOUT,
        `The service is busy: no database connection came free in time. Try again in ${TIMEOUT_RETRY_AFTER_SECONDS} s.`,
        { ...extensions, reason: 'POOL' },
      );
    case DatabaseTimeoutKind.IDLE_IN_TRANSACTION:
      return new ApiError(
        ApiErrorCode.TIMEOUT,
        `The database ended this request's transaction, left idle past its time limit. Try again in ${TIMEOUT_RETRY_AFTER_SECONDS} s.`,
        { ...extensions, reason: 'IDLE_IN_TRANSACTION' },
      );
    default:
      return assertNever(kind);
  }
}

/**
 * The one map from the rules' errors to the API's closed list of codes, exhaustive per enum.
 * Mutations return business refusals as `userErrors` (`toUserError`) before they get here.
 */
export function apiErrorOf(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const timeout = databaseTimeoutOf(error);
  if (timeout) return timeoutError(timeout);
  if (error instanceof AccessError) {
    const field = error.field ? { field: error.field } : {};
    switch (error.code) {
      case AccessErrorCode.NOT_FOUND:
        return new ApiError(ApiErrorCode.NOT_FOUND, error.message);
      case AccessErrorCode.FORBIDDEN:
        return new ApiError(ApiErrorCode.FORBIDDEN, error.message);
      case AccessErrorCode.INVALID_INPUT:
        return new ApiError(ApiErrorCode.BAD_USER_INPUT, error.message, field);
      default:
        return assertNever(error.code);
    }
  }
  if (error instanceof EventCursorError) {
    const field = error.field ? { field: error.field } : {};
    switch (error.code) {
      case EventCursorErrorCode.INVALID:
      case EventCursorErrorCode.AHEAD:
        return new ApiError(ApiErrorCode.BAD_USER_INPUT, error.message, field);
      case EventCursorErrorCode.EXPIRED:
        return new ApiError(ApiErrorCode.CURSOR_EXPIRED, error.message);
      default:
        return assertNever(error.code);
    }
  }
  if (error instanceof SafelistError) {
    switch (error.code) {
      case SafelistErrorCode.REQUIRED:
        return new ApiError(ApiErrorCode.PERSISTED_QUERY_REQUIRED, error.message);
      case SafelistErrorCode.NOT_ALLOWED:
        return new ApiError(ApiErrorCode.PERSISTED_QUERY_NOT_ALLOWED, error.message);
      default:
        return assertNever(error.code);
    }
  }
  if (error instanceof SubscriberTooSlowError) {
    return new ApiError(ApiErrorCode.SUBSCRIBER_TOO_SLOW, error.message, { maxBuffer: error.maxBuffer });
  }
  return undefined;
}

const PASS_THROUGH = new Set<string>(Object.values(ApiErrorCode));

/** Maps graphql-js and framework codes into our closed list. */
function codeOf(error: GraphQLError): ApiErrorCode | undefined {
  const original = error.originalError;
  const mapped = apiErrorOf(original);
  if (mapped) return mapped.code;
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
    const mapped = apiErrorOf(graphqlError?.originalError);
    const extensions: Record<string, unknown> = {
      ...(formatted.extensions ?? {}),
      ...(mapped?.extensions ?? {}),
      code,
    };
    delete extensions.stacktrace;
    delete extensions.exception;
    // The driver's words ("canceling statement due to …") say less than ours.
    const message = code === ApiErrorCode.TIMEOUT && mapped ? mapped.message : formatted.message;
    return { message, locations: formatted.locations, path: formatted.path, extensions };
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
