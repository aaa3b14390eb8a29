import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AppDeps } from '../../runtime/app-deps';
import { MediaError, MediaErrorCode } from './media.errors';

/** A key of its own, derived from the app secret, so a download signature can sign nothing else. */
function signingKey(appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update('omnitray:media-download-url').digest();
}

function signatureOf(appSecret: string, attachmentId: string, expires: number): Buffer {
  return createHmac('sha256', signingKey(appSecret)).update(`${attachmentId}.${expires}`).digest();
}

export interface SignedMediaPath {
  /** `/media/<id>?expires=<unix seconds>&signature=<base64url HMAC>`, relative to the server's origin. */
  path: string;
  expiresAt: Date;
}

/** A download path for the attachment, valid MEDIA_URL_TTL_SECONDS from now. */
export function signMediaPath(deps: AppDeps, attachmentId: string): SignedMediaPath {
  const expires = Math.floor(deps.clock.now().getTime() / 1000) + deps.config.media.urlTtlSeconds;
  const signature = signatureOf(deps.config.appSecret, attachmentId, expires).toString('base64url');
  return {
    path: `/media/${attachmentId}?expires=${expires}&signature=${signature}`,
    expiresAt: new Date(expires * 1000),
  };
}

/** Refuses a tampered signature (URL_INVALID) and, once it is known to be ours, an expired one (URL_EXPIRED). */
export function verifyMediaSignature(
  deps: AppDeps,
  attachmentId: string,
  expires: unknown,
  signature: unknown,
): void {
  const invalid = new MediaError(
    MediaErrorCode.URL_INVALID,
    'The download URL is not valid: ask the API for a new one.',
  );
  if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string')
    throw invalid;
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(deps.config.appSecret, attachmentId, Number(expires));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  if (Number(expires) * 1000 <= deps.clock.now().getTime()) {
    throw new MediaError(
      MediaErrorCode.URL_EXPIRED,
      'The download URL has expired: ask the API for a new one.',
    );
  }
}
