import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Agent session token: `ots_<payload>.<hmac>`, payload = base64url JSON {a: agentId, w: workspaceId, v: tokenVersion, e: expiry seconds}. */
export interface SessionClaims {
  agentId: string;
  workspaceId: string;
  tokenVersion: number;
  expiresAt: Date;
}

const SESSION_PREFIX = 'ots_';
export const API_KEY_PREFIX = 'omt_';

function sign(secret: string, data: string): string {
  return createHmac('sha256', secret).update(`session:${data}`).digest('base64url');
}

export function issueSessionToken(secret: string, claims: SessionClaims): string {
  const payload = Buffer.from(
    JSON.stringify({
      a: claims.agentId,
      w: claims.workspaceId,
      v: claims.tokenVersion,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
    }),
  ).toString('base64url');
  return `${SESSION_PREFIX}${payload}.${sign(secret, payload)}`;
}

export type SessionVerdict =
  { ok: true; claims: SessionClaims } | { ok: false; reason: 'malformed' | 'expired' };

export function verifySessionToken(secret: string, token: string, now: Date): SessionVerdict {
  if (!token.startsWith(SESSION_PREFIX)) return { ok: false, reason: 'malformed' };
  const [payload, mac] = token.slice(SESSION_PREFIX.length).split('.');
  if (!payload || !mac) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'malformed' };
  let parsed: { a?: unknown; w?: unknown; v?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    typeof parsed.a !== 'string' ||
    typeof parsed.w !== 'string' ||
    typeof parsed.v !== 'number' ||
    typeof parsed.e !== 'number'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = new Date(parsed.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: { agentId: parsed.a, workspaceId: parsed.w, tokenVersion: parsed.v, expiresAt },
  };
}

/** A new partner key: shown once; only its SHA-256 is stored. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 10) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
