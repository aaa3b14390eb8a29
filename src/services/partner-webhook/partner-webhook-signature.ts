import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Header names of a partner webhook delivery. */
export const WEBHOOK_HEADERS = {
  delivery: 'Omnitray-Delivery',
  event: 'Omnitray-Event',
  timestamp: 'Omnitray-Timestamp',
  signature: 'Omnitray-Signature',
} as const;

/** Receivers should refuse deliveries whose timestamp is further than this from their clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** A new signing secret: 32 random bytes, with a prefix that makes it recognisable in a vault. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Hex HMAC-SHA256 of "<timestamp>.<raw body>" with the endpoint's secret. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The `Omnitray-Signature` value: `v1=<hex>`; the version lets the scheme change without ambiguity. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `v1=${webhookSignature(secret, timestamp, body)}`;
}

/**
 * What a receiver does: recompute the HMAC over the timestamp header and the raw body, compare in
 * constant time with any `v1=` value of the header, and refuse stale timestamps (replays).
 */
export function verifyWebhookSignature(input: {
  secret: string;
  timestampHeader: string | undefined;
  signatureHeader: string | undefined;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const { secret, timestampHeader, body, nowSeconds } = input;
  if (!timestampHeader || !/^\d{1,12}$/.test(timestampHeader) || !input.signatureHeader) return false;
  const timestamp = Number(timestampHeader);
  if (Math.abs(nowSeconds - timestamp) > (input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS))
    return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'hex');
  return input.signatureHeader
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .some((part) => {
      const given = Buffer.from(part.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
