/** The body is not JSON at all: the caller keeps it as an unprocessable event instead of dropping it. */
export class InvalidWebhookBodyError extends Error {
  override readonly name = 'InvalidWebhookBodyError';

  constructor(
    message: string,
    readonly rawBody: Buffer,
  ) {
    super(message);
  }
}

export type JsonObject = Record<string, unknown>;

/**
 * PostgreSQL text and jsonb cannot hold U+0000 or a lone surrogate, which JSON escapes may carry:
 * a customer's message must not fail on every retry for one bad character, so each becomes U+FFFD.
 */
function storableText(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replaceAll('\u0000', '\uFFFD').toWellFormed() : value;
}

export function parseWebhookJson(rawBody: Buffer): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'), storableText);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new InvalidWebhookBodyError(`Webhook body is not valid JSON (${reason})`, rawBody);
  }
  if (!isObject(parsed)) {
    throw new InvalidWebhookBodyError('Webhook body is JSON but not an object', rawBody);
  }
  return parsed;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectOrNull(value: unknown): JsonObject | null {
  return isObject(value) ? value : null;
}

export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Meta timestamps: WhatsApp sends Unix seconds as strings, Messenger/Instagram milliseconds as
 * numbers, and dashboard test events sometimes seconds. Values below 1e12 are taken as seconds.
 */
export function metaTime(value: unknown): Date | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  return new Date(n < 1e12 ? n * 1000 : n);
}
