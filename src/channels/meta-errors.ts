import { type MessageError } from '../entities/message.entity';
import { isObject, objectOrNull, str } from './webhook-body';

/** Our error codes for channel failures; the agent UI shows `title`/`detail`. */
export type ChannelErrorCode =
  | 'WINDOW_CLOSED'
  | 'RATE_LIMITED'
  | 'TRANSIENT'
  | 'UNDELIVERABLE'
  | 'UNSUPPORTED_MESSAGE'
  | 'MEDIA_FAILED'
  | 'TEMPLATE_PARAMETERS_INVALID'
  | 'TEMPLATE_NOT_APPROVED'
  | 'TEMPLATE_PAUSED'
  | 'TEMPLATE_DISABLED'
  | 'SPAM_LIMITED'
  | 'HELD_FOR_ENGAGEMENT'
  | 'MARKETING_OPT_OUT'
  | 'ACCOUNT_RESTRICTED'
  | 'PROVIDER_ERROR'
  /** The channel's Graph API address is refused by the outbound address policy; nothing was sent. */
  | 'ADDRESS_NOT_ALLOWED';

export interface MappedChannelError {
  error: MessageError;
  /** Set for rate limits: how long the send job should wait before trying again. */
  retryAfterMs?: number;
}

/** A Graph API error object, from a send response (`error`) or a webhook (`errors[]`). */
export interface GraphErrorObject {
  code?: unknown;
  error_subcode?: unknown;
  title?: unknown;
  message?: unknown;
  error_user_msg?: unknown;
  error_data?: unknown;
}

interface Rule {
  code: ChannelErrorCode;
  title: string;
  retryable: boolean;
  /** Replaces the provider's detail when we know better what the agent should do. */
  advice?: string;
  retryAfterMs?: number;
}

const WINDOW_CLOSED_ADVICE =
  'More than 24 hours have passed since the customer last wrote. Send an approved template with `templateSend` to reopen the conversation.';
const MESSAGING_WINDOW_ADVICE =
  'More than 24 hours have passed since the customer last wrote. Reply within 7 days with the human agent tag, or wait for the customer to write again.';

const RATE_LIMIT: Rule = { code: 'RATE_LIMITED', title: 'Rate limit reached', retryable: true };
const TRANSIENT: Rule = { code: 'TRANSIENT', title: 'Temporary provider error', retryable: true };
const ACCOUNT: Rule = {
  code: 'ACCOUNT_RESTRICTED',
  title: 'Channel account token, permission or restriction problem',
  retryable: false,
  advice: 'An administrator must check the channel account (access token, permissions, restrictions).',
};

const BY_CODE: Record<number, Rule> = {
  131047: {
    code: 'WINDOW_CLOSED',
    title: 'Customer service window closed',
    retryable: false,
    advice: WINDOW_CLOSED_ADVICE,
  },
  130429: { ...RATE_LIMIT, title: 'Throughput limit reached', retryAfterMs: 1_000 },
  131056: { ...RATE_LIMIT, title: 'Too many messages to this customer', retryAfterMs: 6_000 },
  4: { ...RATE_LIMIT, title: 'Application rate limit reached', retryAfterMs: 60_000 },
  80007: { ...RATE_LIMIT, title: 'Account rate limit reached', retryAfterMs: 60_000 },
  613: { ...RATE_LIMIT, title: 'Calls to the send API exceeded the rate limit', retryAfterMs: 60_000 },
  1: TRANSIENT,
  2: TRANSIENT,
  131000: TRANSIENT,
  131016: { ...TRANSIENT, title: 'Provider service unavailable' },
  133004: { ...TRANSIENT, title: 'Provider server temporarily unavailable' },
  1200: { ...TRANSIENT, title: 'Temporary send failure' },
  131026: { code: 'UNDELIVERABLE', title: 'Message undeliverable', retryable: false },
  551: { code: 'UNDELIVERABLE', title: 'This person is not available right now', retryable: false },
  131051: { code: 'UNSUPPORTED_MESSAGE', title: 'Unsupported message type', retryable: false },
  131053: { code: 'MEDIA_FAILED', title: 'Media upload failed', retryable: false },
  132000: {
    code: 'TEMPLATE_PARAMETERS_INVALID',
    title: 'Template parameters do not match the template',
    retryable: false,
  },
  132012: {
    code: 'TEMPLATE_PARAMETERS_INVALID',
    title: 'Template parameter format mismatch',
    retryable: false,
  },
  132001: {
    code: 'TEMPLATE_NOT_APPROVED',
    title: 'Template does not exist or is not approved in this language',
    retryable: false,
  },
  132015: { code: 'TEMPLATE_PAUSED', title: 'Template paused for low quality', retryable: false },
  132016: { code: 'TEMPLATE_DISABLED', title: 'Template disabled for low quality', retryable: false },
  131048: { code: 'SPAM_LIMITED', title: 'Spam rate limit hit', retryable: false },
  131049: {
    code: 'HELD_FOR_ENGAGEMENT',
    title: 'Message held to keep a healthy ecosystem engagement',
    retryable: false,
  },
  131050: {
    code: 'MARKETING_OPT_OUT',
    title: 'Customer stopped marketing messages',
    retryable: false,
  },
  190: { ...ACCOUNT, title: 'Access token expired or invalid' },
  0: ACCOUNT,
  3: ACCOUNT,
  10: ACCOUNT,
  368: { ...ACCOUNT, title: 'Account temporarily blocked for policy violations' },
};

/** Messenger/Instagram send errors that share a code but differ by subcode. */
const BY_SUBCODE: Record<number, Rule> = {
  2018278: {
    code: 'WINDOW_CLOSED',
    title: 'Messaging window closed',
    retryable: false,
    advice: MESSAGING_WINDOW_ADVICE,
  },
  2018065: {
    code: 'WINDOW_CLOSED',
    title: 'Messaging window closed',
    retryable: false,
    advice: MESSAGING_WINDOW_ADVICE,
  },
  2018108: { code: 'UNDELIVERABLE', title: 'This person cannot receive messages', retryable: false },
  2018001: { code: 'UNDELIVERABLE', title: 'No matching user found', retryable: false },
  1545041: { code: 'UNDELIVERABLE', title: 'This person is not available right now', retryable: false },
};

function ruleFor(code: number | null, subcode: number | null): Rule | null {
  if (subcode !== null && BY_SUBCODE[subcode]) return BY_SUBCODE[subcode];
  if (code === null) return null;
  if (BY_CODE[code]) return BY_CODE[code];
  if (code >= 200 && code <= 299) return { ...ACCOUNT, title: 'Permission missing for the channel account' };
  return null;
}

function toInt(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) ? n : null;
}

function providerDetail(err: GraphErrorObject): string | null {
  const data = objectOrNull(err.error_data);
  return str(data?.details) ?? str(err.error_user_msg) ?? str(err.message) ?? str(err.title);
}

function build(rule: Rule, err: GraphErrorObject, providerCode: string | null): MappedChannelError {
  const detail = providerDetail(err);
  const mapped: MappedChannelError = {
    error: {
      code: rule.code,
      title: rule.title,
      detail: rule.advice ? joinDetail(detail, rule.advice) : detail,
      providerCode,
      retryable: rule.retryable,
    },
  };
  if (rule.retryAfterMs !== undefined) mapped.retryAfterMs = rule.retryAfterMs;
  return mapped;
}

function joinDetail(provider: string | null, advice: string): string {
  return provider ? `${provider} ${advice}` : advice;
}

/**
 * Maps one Graph API error object (send response `error`, or an entry of a webhook `errors[]`).
 * Decides on `code`/`error_subcode`, never on the HTTP status, which Meta reuses loosely.
 */
export function mapGraphError(err: GraphErrorObject, httpStatus?: number): MappedChannelError {
  const code = toInt(err.code);
  const subcode = toInt(err.error_subcode);
  const providerCode = code === null ? null : subcode === null ? String(code) : `${code}/${subcode}`;
  const rule = ruleFor(code, subcode);
  if (rule) return build(rule, err, providerCode);
  // No known code: fall back on the HTTP status only for throttling and server faults.
  if (httpStatus === 429) return build({ ...RATE_LIMIT, retryAfterMs: 1_000 }, err, providerCode);
  if (httpStatus !== undefined && httpStatus >= 500) return build(TRANSIENT, err, providerCode);
  return build(
    { code: 'PROVIDER_ERROR', title: 'The provider refused the message', retryable: false },
    err,
    providerCode,
  );
}

/** Maps a non-2xx Graph API HTTP response, whatever its body looks like. */
export function mapGraphErrorResponse(
  httpStatus: number,
  body: unknown,
  retryAfterHeader?: string | null,
): MappedChannelError {
  const err = isObject(body) && isObject(body.error) ? (body.error as GraphErrorObject) : null;
  const mapped = err
    ? mapGraphError(err, httpStatus)
    : mapGraphError({ message: `HTTP ${httpStatus} without a Graph API error body` }, httpStatus);
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (mapped.error.code === 'RATE_LIMITED' && retryAfter !== null) mapped.retryAfterMs = retryAfter;
  return mapped;
}

/** The request never got an answer (connection refused, reset, DNS, timeout). */
export function mapNetworkError(cause: unknown): MappedChannelError {
  // AbortSignal.timeout rejects with a DOMException, which is not always an `Error` across realms.
  const name = isObject(cause) || cause instanceof Error ? str((cause as { name?: unknown }).name) : null;
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const reason =
    cause instanceof Error
      ? causeChain(cause)
      : (str((cause as { message?: unknown } | null)?.message) ?? String(cause));
  return {
    error: {
      code: 'TRANSIENT',
      title: timedOut ? 'The provider did not answer in time' : 'Could not reach the provider',
      detail: reason,
      providerCode: null,
      retryable: true,
    },
  };
}

function parseRetryAfter(header: string | null | undefined): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** `fetch failed` alone says little; the underlying cause (ECONNREFUSED…) is what an admin needs. */
function causeChain(error: Error): string {
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${inner}`;
}
