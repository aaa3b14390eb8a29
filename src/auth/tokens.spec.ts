import { generateOpaqueToken, hashOpaqueToken, issueSessionToken, verifySessionToken } from './tokens';

const SECRET = 's'.repeat(40);
const base = {
  agentId: '4d6c1b8e-1f6a-4c1e-9d0a-2b5f7e1c3a90',
  workspaceId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  tokenVersion: 3,
  expiresAt: new Date('2026-04-01T09:15:00Z'),
};
const now = new Date('2026-04-01T09:00:00Z');

describe('session tokens', () => {
  it('carry the session family when issued by a sign-in, and none otherwise', () => {
    const withFamily = issueSessionToken(SECRET, { ...base, familyId: 'fam-1' });
    expect(verifySessionToken(SECRET, withFamily, now)).toEqual({
      ok: true,
      claims: { ...base, familyId: 'fam-1' },
    });
    const plain = issueSessionToken(SECRET, base);
    expect(verifySessionToken(SECRET, plain, now)).toEqual({ ok: true, claims: base });
  });

  it('a family cannot be removed or swapped without the secret', () => {
    const token = issueSessionToken(SECRET, { ...base, familyId: 'fam-1' });
    const [payload, mac] = token.slice(4).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    delete claims.f;
    const stripped = `ots_${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
    expect(verifySessionToken(SECRET, stripped, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySessionToken('t'.repeat(40), token, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('opaque tokens are random, prefixed, and stored as their SHA-256', () => {
    const first = generateOpaqueToken('otr_');
    const second = generateOpaqueToken('otr_');
    expect(first.token).toMatch(/^otr_[A-Za-z0-9_-]{43}$/);
    expect(first.token).not.toBe(second.token);
    expect(first.hash).toBe(hashOpaqueToken(first.token));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
