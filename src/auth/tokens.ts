import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Agent session token: `ots_<payload>.<hmac>`, payload = base64url JSON {a: agentId, w: workspaceId,
 * v: tokenVersion, e: expiry seconds, f?: session family id}. Tokens from a password sign-in carry
 * their family, so revoking the family refuses them too; CLI and agentCreate tokens carry none.
 */
export interface SessionClaims {
  agentId: string;
  workspaceId: string;
  tokenVersion: number;
  expiresAt: Date;
  familyId?: string;
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
      ...(claims.familyId ? { f: claims.familyId } : {}),
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
  let parsed: { a?: unknown; w?: unknown; v?: unknown; e?: unknown; f?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    typeof parsed.a !== 'string' ||
    typeof parsed.w !== 'string' ||
    typeof parsed.v !== 'number' ||
    typeof parsed.e !== 'number' ||
    (parsed.f !== undefined && typeof parsed.f !== 'string')
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = new Date(parsed.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: {
      agentId: parsed.a,
      workspaceId: parsed.w,
      tokenVersion: parsed.v,
      expiresAt,
      ...(typeof parsed.f === 'string' ? { familyId: parsed.f } : {}),
    },
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

export const REFRESH_TOKEN_PREFIX = 'otr_';
/** Invite and password-reset tokens (one use each). */
export const ONE_TIME_TOKEN_PREFIX = 'otl_';

/**
 * A random bearer secret (refresh or one-time token) and the SHA-256 that is stored instead: 256
 * random bits need no slow hash, and a fixed hash lets the row be found by it.
 */
export function generateOpaqueToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
