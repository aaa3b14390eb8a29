import { randomBytes, randomUUID } from 'node:crypto';
import { IsNull, Not } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { AgentCredential } from '../../entities/agent-credential.entity';
import { ApiKeyScope } from '../../entities/enums';
import { SessionFamily } from '../../entities/session-family.entity';
import { hashPassword } from '../../auth/password-hashing';
import { runCommand } from '../../cli/commands';
import { toGlobalId } from '../../entities/global-id';
import { createTestApiKey } from '../../testing/factories';
import {
  AgentDeactivateDocument,
  AgentInviteDocument,
  AgentPasswordResetLinkDocument,
  AgentResetRequestsDocument,
  PasswordResetRequestDocument,
  PasswordSetDocument,
  SessionCreateDocument,
  SessionRefreshDocument,
  SessionRevokeDocument,
  ViewerDocument,
} from '../../testing/generated/graphql';
import { testDatabaseUrl, testRedisUrl } from '../../testing/test-environment';
import { useTestApp, useWorkspace, type TestAppHandle } from '../../testing/test-lifecycle';
import { spentCredentialsSweep } from '../../jobs/credential-retention.sweep';

const PASSWORD = 'correct horse battery staple';

/**
 * A public client address of the test's own, reported by the trusted loopback proxy
 * (X-Forwarded-For): counters in a shared Redis never collide.
 */
const newAddress = () => `2001:db8::${randomBytes(8).toString('hex').match(/.{4}/g)!.join(':')}`;

async function givePassword(t: TestAppHandle, agent: Agent, password = PASSWORD): Promise<void> {
  await t.app.deps.dataSource.getRepository(AgentCredential).insert({
    agentId: agent.id,
    workspaceId: agent.workspaceId,
    passwordHash: await hashPassword(password),
    passwordChangedAt: t.clock.now(),
  });
}

function client(t: TestAppHandle) {
  return {
    signIn: (email: string, password: string, address = newAddress()) =>
      t.gql(SessionCreateDocument, { input: { email, password } }, null, { 'x-forwarded-for': address }),
    refresh: (refreshToken: string) => t.gql(SessionRefreshDocument, { input: { refreshToken } }),
    revoke: (refreshToken: string, everywhere?: boolean) =>
      t.gql(SessionRevokeDocument, { input: { refreshToken, everywhere } }),
    viewerCode: async (token: string) =>
      (await t.gql(ViewerDocument, {}, token)).errors?.[0]?.extensions?.code ?? 'OK',
  };
}

const NOW = new Date('2026-04-01T09:00:00Z');

describe('signing in with a password', () => {
  const t = useTestApp({ now: NOW, resetClock: true, env: { SIGN_IN_MAX_FAILURES: '3' } });
  const w = useWorkspace(t);
  const api = client(t);

  it('sessionCreate returns a 15-minute access token that works and a refresh token', async () => {
    await givePassword(t, w.agentA.agent);
    const signed = await api.signIn(w.agentA.agent.email.toUpperCase(), PASSWORD);
    expect(signed.errors).toBeUndefined();
    const session = signed.data!.sessionCreate;
    expect(session.userErrors).toEqual([]);
    expect(session.agent).toMatchObject({ id: toGlobalId('Agent', w.agentA.agent.id), role: 'AGENT' });
    expect(new Date(session.accessTokenExpiresAt!).getTime()).toBe(NOW.getTime() + 15 * 60_000);
    expect(new Date(session.refreshTokenExpiresAt!).getTime()).toBe(NOW.getTime() + 30 * 24 * 60 * 60_000);
    expect(session.refreshToken).toMatch(/^otr_/);
    expect(await api.viewerCode(session.accessToken!)).toBe('OK');

    t.clock.advance(15 * 60_000 + 1);
    const expired = await t.gql(ViewerDocument, {}, session.accessToken);
    expect(expired.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/expired/),
    });
    // The sign-in mutations stay open to a caller whose old token has expired.
    const refreshed = await t.gql(
      SessionRefreshDocument,
      { input: { refreshToken: session.refreshToken! } },
      session.accessToken,
    );
    expect(refreshed.data!.sessionRefresh.userErrors).toEqual([]);
    expect(await api.viewerCode(refreshed.data!.sessionRefresh.accessToken!)).toBe('OK');
  });

  it('a wrong password, an unknown e-mail and an agent without a password get the same answer', async () => {
    await givePassword(t, w.agentA.agent);
    const answers = await Promise.all([
      api.signIn(w.agentA.agent.email, 'not the password'),
      api.signIn(`nobody-${randomUUID()}@test.omnitray.local`, 'not the password'),
      api.signIn(w.agentB.agent.email, 'not the password'),
    ]);
    const expected = {
      userErrors: [
        { code: 'INVALID_CREDENTIALS', field: null, message: 'The e-mail or the password is wrong.' },
      ],
      accessToken: null,
      accessTokenExpiresAt: null,
      refreshToken: null,
      refreshTokenExpiresAt: null,
      agent: null,
    };
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.sessionCreate).toEqual(expected);
    }
  });

  it('a deactivated agent with the right password is told so; nobody else learns it', async () => {
    await givePassword(t, w.agentA.agent);
    await t.gql(
      AgentDeactivateDocument,
      { input: { agentId: toGlobalId('Agent', w.agentA.agent.id) } },
      w.admin.token,
    );
    const right = await api.signIn(w.agentA.agent.email, PASSWORD);
    expect(right.data!.sessionCreate.userErrors[0]!.code).toBe('AGENT_INACTIVE');
    const wrong = await api.signIn(w.agentA.agent.email, 'not the password');
    expect(wrong.data!.sessionCreate.userErrors[0]!.code).toBe('INVALID_CREDENTIALS');
  });

  it('a malformed request is a clear error, never a 500', async () => {
    const empty = await api.signIn('  ', PASSWORD);
    expect(empty.data!.sessionCreate.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'email'],
    });
    const huge = await api.signIn(w.agentA.agent.email, 'x'.repeat(100_000));
    expect(huge.status).toBe(200);
    expect(huge.data!.sessionCreate.userErrors[0]!.code).toBe('INVALID_CREDENTIALS');
    const missing = await t.gql('mutation { sessionCreate(input: { email: "a@b.c" }) { accessToken } }');
    expect(missing.status).toBe(400);
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('refresh tokens', () => {
    it('rotate: each works once; reusing a spent one revokes the whole family', async () => {
      await givePassword(t, w.agentA.agent);
      const first = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      const second = (await api.refresh(first.refreshToken!)).data!.sessionRefresh;
      expect(second.userErrors).toEqual([]);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      const third = (await api.refresh(second.refreshToken!)).data!.sessionRefresh;
      expect(third.userErrors).toEqual([]);
      // An unrelated sign-in of the same agent is another family.
      const other = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;

      const reused = (await api.refresh(first.refreshToken!)).data!.sessionRefresh;
      expect(reused.userErrors[0]).toMatchObject({
        code: 'SESSION_INVALID',
        field: ['input', 'refreshToken'],
        message: expect.stringMatching(/already used/),
      });
      expect(reused.accessToken).toBeNull();
      // The thief's and the owner's latest tokens die with the family, access tokens included.
      expect((await api.refresh(third.refreshToken!)).data!.sessionRefresh.userErrors[0]!.code).toBe(
        'SESSION_INVALID',
      );
      expect(await api.viewerCode(third.accessToken!)).toBe('UNAUTHENTICATED');
      expect(await api.viewerCode(first.accessToken!)).toBe('UNAUTHENTICATED');
      expect(await api.viewerCode(other.accessToken!)).toBe('OK');
      const family = await t.app.deps.dataSource
        .getRepository(SessionFamily)
        .findOneByOrFail({ agentId: w.agentA.agent.id, revokedAt: Not(IsNull()) });
      expect(family.revokedReason).toBe('REFRESH_TOKEN_REUSED');
    });

    it('two refreshes with one token at once: one wins, the other counts as reuse', async () => {
      await givePassword(t, w.agentA.agent);
      const session = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      const results = await Promise.all([
        api.refresh(session.refreshToken!),
        api.refresh(session.refreshToken!),
      ]);
      const codes = results.map((result) => result.data!.sessionRefresh.userErrors[0]?.code ?? 'OK').sort();
      expect(codes).toEqual(['OK', 'SESSION_INVALID']);
    });

    it('a deactivated agent cannot refresh', async () => {
      await givePassword(t, w.agentA.agent);
      const session = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      await t.gql(
        AgentDeactivateDocument,
        { input: { agentId: toGlobalId('Agent', w.agentA.agent.id) } },
        w.admin.token,
      );
      const refused = (await api.refresh(session.refreshToken!)).data!.sessionRefresh;
      expect(refused.userErrors[0]).toMatchObject({
        code: 'AGENT_INACTIVE',
        field: ['input', 'refreshToken'],
      });
      expect(refused.accessToken).toBeNull();
    });

    it('an expired or unknown refresh token is SESSION_INVALID', async () => {
      await givePassword(t, w.agentA.agent);
      const session = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      expect((await api.refresh('otr_nonsense')).data!.sessionRefresh.userErrors[0]!.code).toBe(
        'SESSION_INVALID',
      );
      t.clock.advance(31 * 24 * 60 * 60_000);
      const expired = (await api.refresh(session.refreshToken!)).data!.sessionRefresh;
      expect(expired.userErrors[0]).toMatchObject({
        code: 'SESSION_INVALID',
        message: expect.stringMatching(/expired/),
      });
    });
  });

  describe('sessionRevoke', () => {
    it('signs one session out; the agent’s other sessions go on', async () => {
      await givePassword(t, w.agentA.agent);
      const phone = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      const laptop = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      const revoked = (await api.revoke(phone.refreshToken!)).data!.sessionRevoke;
      expect(revoked).toEqual({ userErrors: [], revokedSessionCount: 1 });
      expect(await api.viewerCode(phone.accessToken!)).toBe('UNAUTHENTICATED');
      expect((await api.refresh(phone.refreshToken!)).data!.sessionRefresh.userErrors[0]!.code).toBe(
        'SESSION_INVALID',
      );
      expect(await api.viewerCode(laptop.accessToken!)).toBe('OK');
      expect((await api.revoke(phone.refreshToken!)).data!.sessionRevoke.userErrors[0]!.code).toBe(
        'SESSION_INVALID',
      );
    });

    it('everywhere ends every session of the agent and the tokens issued before (CLI, agentCreate)', async () => {
      await givePassword(t, w.agentA.agent);
      const phone = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      const laptop = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      expect(await api.viewerCode(w.agentA.token)).toBe('OK');
      const revoked = (await api.revoke(phone.refreshToken!, true)).data!.sessionRevoke;
      expect(revoked).toEqual({ userErrors: [], revokedSessionCount: 2 });
      for (const token of [phone.accessToken!, laptop.accessToken!, w.agentA.token]) {
        expect(await api.viewerCode(token)).toBe('UNAUTHENTICATED');
      }
      expect((await api.refresh(laptop.refreshToken!)).data!.sessionRefresh.userErrors[0]!.code).toBe(
        'SESSION_INVALID',
      );
      // Another agent is untouched, and the agent can sign in again.
      expect(await api.viewerCode(w.agentB.token)).toBe('OK');
      const again = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      expect(await api.viewerCode(again.accessToken!)).toBe('OK');
    });
  });

  describe('invites and password resets', () => {
    const invite = (email: string, role: 'AGENT' | 'ADMIN' = 'AGENT') =>
      t.gql(AgentInviteDocument, { input: { email, name: 'Invited', role } }, w.admin.token);
    const passwordSet = (token: string, password: string) =>
      t.gql(PasswordSetDocument, { input: { token, password } });

    it('agentInvite → passwordSet → sessionCreate', async () => {
      const email = `invited-${randomUUID()}@test.omnitray.local`;
      const invited = (await invite(email)).data!.agentInvite;
      expect(invited.userErrors).toEqual([]);
      expect(invited.agent).toMatchObject({ email, role: 'AGENT', active: true });
      expect(invited.inviteToken).toMatch(/^otl_/);
      expect(new Date(invited.inviteTokenExpiresAt!).getTime()).toBe(NOW.getTime() + 72 * 60 * 60_000);
      // No password yet: signing in fails like any wrong password.
      expect((await api.signIn(email, PASSWORD)).data!.sessionCreate.userErrors[0]!.code).toBe(
        'INVALID_CREDENTIALS',
      );

      const set = (await passwordSet(invited.inviteToken!, PASSWORD)).data!.passwordSet;
      expect(set.userErrors).toEqual([]);
      expect(set.agent!.id).toBe(invited.agent!.id);
      expect(await api.viewerCode(set.accessToken!)).toBe('OK');

      const signed = (await api.signIn(email, PASSWORD)).data!.sessionCreate;
      expect(signed.userErrors).toEqual([]);
      expect(await api.viewerCode(signed.accessToken!)).toBe('OK');
      // One use only.
      expect(
        (await passwordSet(invited.inviteToken!, 'another good password')).data!.passwordSet.userErrors[0],
      ).toMatchObject({
        code: 'TOKEN_INVALID',
        field: ['input', 'token'],
      });
    });

    it('the password policy refuses short passwords and the e-mail, without spending the token', async () => {
      const email = `policy-${randomUUID()}@test.omnitray.local`;
      const { inviteToken } = (await invite(email)).data!.agentInvite;
      for (const weak of ['short', email.toUpperCase(), email.split('@')[0]!]) {
        const refused = (await passwordSet(inviteToken!, weak)).data!.passwordSet;
        expect(refused.userErrors[0]).toMatchObject({
          code: 'PASSWORD_TOO_WEAK',
          field: ['input', 'password'],
        });
      }
      expect((await passwordSet(inviteToken!, PASSWORD)).data!.passwordSet.userErrors).toEqual([]);
    });

    it('an invite expires, and an admin’s new link replaces it', async () => {
      const email = `late-${randomUUID()}@test.omnitray.local`;
      const invited = (await invite(email)).data!.agentInvite;
      t.clock.advance(72 * 60 * 60_000 + 1);
      expect((await passwordSet(invited.inviteToken!, PASSWORD)).data!.passwordSet.userErrors[0]!.code).toBe(
        'TOKEN_INVALID',
      );
      const link = (
        await t.gql(AgentPasswordResetLinkDocument, { input: { agentId: invited.agent!.id } }, w.admin.token)
      ).data!.agentPasswordResetLink;
      expect(link.userErrors).toEqual([]);
      expect(new Date(link.expiresAt!).getTime()).toBe(t.clock.now().getTime() + 60 * 60_000);
      expect((await passwordSet(link.token!, PASSWORD)).data!.passwordSet.userErrors).toEqual([]);
    });

    it('agentInvite refuses a taken e-mail; only admins invite', async () => {
      expect((await invite(w.agentA.agent.email)).data!.agentInvite.userErrors[0]!.code).toBe('DUPLICATE');
      const byAgent = await t.gql(
        AgentInviteDocument,
        { input: { email: `x-${randomUUID()}@test.omnitray.local`, name: 'X', role: 'AGENT' } },
        w.agentA.token,
      );
      expect(byAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('a reset request answers alike for known and unknown e-mails; the admin sees it and answers it', async () => {
      await givePassword(t, w.agentA.agent);
      const before = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
      const request = (email: string) =>
        t.gql(PasswordResetRequestDocument, { input: { email } }, null, { 'x-forwarded-for': newAddress() });
      const known = await request(w.agentA.agent.email.toUpperCase());
      const unknown = await request(`nobody-${randomUUID()}@test.omnitray.local`);
      const malformed = await request('not an address');
      for (const answer of [known, unknown, malformed]) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual({ passwordResetRequest: { userErrors: [], ok: true } });
      }

      const team = (await t.gql(AgentResetRequestsDocument, {}, w.admin.token)).data!.agents;
      const requested = team.filter((agent) => agent.passwordResetRequestedAt !== null);
      expect(requested.map((agent) => agent.email)).toEqual([w.agentA.agent.email]);
      expect(requested[0]!.passwordResetRequestedAt).toBe(NOW.toISOString());

      const link = (
        await t.gql(
          AgentPasswordResetLinkDocument,
          { input: { agentId: toGlobalId('Agent', w.agentA.agent.id) } },
          w.admin.token,
        )
      ).data!.agentPasswordResetLink;
      expect(link).toMatchObject({
        userErrors: [],
        agent: { passwordResetRequestedAt: null },
        token: expect.stringMatching(/^otl_/),
      });

      const reset = (await passwordSet(link.token!, 'a brand new passphrase')).data!.passwordSet;
      expect(reset.userErrors).toEqual([]);
      // The new password works, the old one does not, and earlier sessions and tokens ended.
      expect((await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate.userErrors[0]!.code).toBe(
        'INVALID_CREDENTIALS',
      );
      expect(
        (await api.signIn(w.agentA.agent.email, 'a brand new passphrase')).data!.sessionCreate.userErrors,
      ).toEqual([]);
      expect(await api.viewerCode(before.accessToken!)).toBe('UNAUTHENTICATED');
      expect(await api.viewerCode(w.agentA.token)).toBe('UNAUTHENTICATED');
      expect((await api.refresh(before.refreshToken!)).data!.sessionRefresh.userErrors[0]!.code).toBe(
        'SESSION_INVALID',
      );
      expect(await api.viewerCode(reset.accessToken!)).toBe('OK');
    });

    it('reset links are for admin agents, for active agents of their own workspace', async () => {
      const link = (agentId: string, token: string) =>
        t.gql(AgentPasswordResetLinkDocument, { input: { agentId } }, token);
      const agentId = toGlobalId('Agent', w.agentA.agent.id);
      const { key } = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.ADMIN]);
      expect((await link(agentId, key)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await link(agentId, w.agentB.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await link('not-an-id', w.admin.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await t.gql(AgentDeactivateDocument, { input: { agentId } }, w.admin.token);
      expect((await link(agentId, w.admin.token)).data!.agentPasswordResetLink.userErrors[0]!.code).toBe(
        'AGENT_INACTIVE',
      );
    });
  });
});

/** The lockout with each store: in-process memory, and Redis when the run has one. */
const stores: [string, Record<string, string>][] = [['memory', { REDIS_URL: '' }]];
const redisUrl = testRedisUrl();
if (redisUrl) stores.push(['Redis', { REDIS_URL: redisUrl }]);

describe.each(stores)('sign-in lockout (%s store)', (_store, env) => {
  const t = useTestApp({
    env: { ...env, SIGN_IN_MAX_FAILURES: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '5' },
  });
  const w = useWorkspace(t);
  const api = client(t);
  const codeOf = (answer: Awaited<ReturnType<typeof api.signIn>>) =>
    answer.data!.sessionCreate.userErrors[0]?.code ?? 'OK';

  it('locks an account after 3 failures, from any address, even for the right password', async () => {
    await givePassword(t, w.agentA.agent);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(codeOf(await api.signIn(w.agentA.agent.email, `wrong ${attempt}`))).toBe('INVALID_CREDENTIALS');
    }
    const locked = await api.signIn(w.agentA.agent.email, PASSWORD);
    expect(locked.data!.sessionCreate.userErrors[0]).toMatchObject({
      code: 'LOCKED_OUT',
      field: null,
      message: expect.stringMatching(/try again in 15 minutes/),
    });
    expect(locked.data!.sessionCreate.accessToken).toBeNull();
    // Another account is not affected.
    await givePassword(t, w.agentB.agent);
    expect(codeOf(await api.signIn(w.agentB.agent.email, PASSWORD))).toBe('OK');
  });

  it('locks an unknown e-mail the same way', async () => {
    const nobody = `nobody-${randomUUID()}@test.omnitray.local`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(codeOf(await api.signIn(nobody, 'guess'))).toBe('INVALID_CREDENTIALS');
    }
    expect(codeOf(await api.signIn(nobody, 'guess'))).toBe('LOCKED_OUT');
  });

  it('a success clears the account’s failures', async () => {
    await givePassword(t, w.agentA.agent);
    const address = newAddress();
    for (const password of ['wrong 1', 'wrong 2', PASSWORD, 'wrong 3', 'wrong 4', PASSWORD]) {
      expect(codeOf(await api.signIn(w.agentA.agent.email, password, address))).toBe(
        password === PASSWORD ? 'OK' : 'INVALID_CREDENTIALS',
      );
    }
  });

  it('locks an address after 5 failures over any accounts; other addresses go on', async () => {
    await givePassword(t, w.agentA.agent);
    const address = newAddress();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const email = `sweep-${attempt}-${randomUUID()}@test.omnitray.local`;
      expect(codeOf(await api.signIn(email, 'guess', address))).toBe('INVALID_CREDENTIALS');
    }
    expect(codeOf(await api.signIn(w.agentA.agent.email, PASSWORD, address))).toBe('LOCKED_OUT');
    expect(codeOf(await api.signIn(w.agentA.agent.email, PASSWORD, newAddress()))).toBe('OK');
  });

  it('parallel guesses cannot slip past the limit', async () => {
    await givePassword(t, w.agentA.agent);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, attempt) => api.signIn(w.agentA.agent.email, `wrong ${attempt}`)),
    );
    const codes = answers.map(codeOf);
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((code) => code === 'LOCKED_OUT')).toHaveLength(5);
  });
});

describe('the lockout window', () => {
  const t = useTestApp({ env: { REDIS_URL: '', SIGN_IN_MAX_FAILURES: '2', SIGN_IN_LOCKOUT_SECONDS: '2' } });
  const w = useWorkspace(t);
  const api = client(t);

  it('ends: after the lockout the right password works again', async () => {
    await givePassword(t, w.agentA.agent);
    await api.signIn(w.agentA.agent.email, 'wrong 1');
    await api.signIn(w.agentA.agent.email, 'wrong 2');
    const locked = await api.signIn(w.agentA.agent.email, PASSWORD);
    expect(locked.data!.sessionCreate.userErrors[0]!.code).toBe('LOCKED_OUT');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate.userErrors).toEqual([]);
  });
});

describe('omnitray password reset-link', () => {
  const t = useTestApp();
  const w = useWorkspace(t);
  const env = { ...process.env };
  beforeAll(() => {
    process.env.DATABASE_URL = testDatabaseUrl();
  });
  afterAll(() => {
    process.env = env;
  });

  it('prints { token, expiresAt } for passwordSet; unknown and deactivated agents are refused', async () => {
    const { result } = await runCommand([
      'password',
      'reset-link',
      '--email',
      w.agentA.agent.email.toUpperCase(),
    ]);
    expect(Object.keys(result).sort()).toEqual(['expiresAt', 'token']);
    expect(result.token).toMatch(/^otl_/);
    expect(new Date(result.expiresAt as string).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    const set = await t.gql(PasswordSetDocument, {
      input: { token: result.token as string, password: PASSWORD },
    });
    expect(set.data!.passwordSet.userErrors).toEqual([]);
    expect((await client(t).signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate.userErrors).toEqual(
      [],
    );

    await expect(
      runCommand(['password', 'reset-link', '--email', 'nobody@cli.omnitray.local']),
    ).rejects.toThrow(/No agent with e-mail/);
    await t.app.deps.dataSource.getRepository(Agent).update({ id: w.agentB.agent.id }, { active: false });
    await expect(runCommand(['password', 'reset-link', '--email', w.agentB.agent.email])).rejects.toThrow(
      /deactivated/,
    );
    await expect(runCommand(['password', 'reset'])).rejects.toThrow(/Usage: password reset-link/);
  });
});

describe('spent credentials', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const w = useWorkspace(t);
  const api = client(t);
  const count = async (table: string, agentId: string) =>
    (
      (await t.app.deps.dataSource.query(
        table === 'refresh_token'
          ? `SELECT count(*)::int AS n FROM refresh_token r JOIN session_family f ON f.id = r.family_id WHERE f.agent_id = $1`
          : `SELECT count(*)::int AS n FROM one_time_token WHERE agent_id = $1`,
        [agentId],
      )) as { n: number }[]
    )[0]!.n;

  it('the maintenance sweep deletes refresh tokens a day past expiry, keeps live and rotated ones', async () => {
    await givePassword(t, w.agentA.agent);
    const first = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
    const rotated = (await api.refresh(first.refreshToken!)).data!.sessionRefresh;
    expect(rotated.userErrors).toEqual([]);
    expect(await count('refresh_token', w.agentA.agent.id)).toBe(2);

    // Within the refresh token's life nothing goes: a spent one must still reveal its reuse.
    t.clock.advance(29 * 24 * 60 * 60_000);
    await spentCredentialsSweep.run(t.app.deps);
    expect(await count('refresh_token', w.agentA.agent.id)).toBe(2);
    expect((await api.refresh(first.refreshToken!)).data!.sessionRefresh.userErrors).toMatchObject([
      { code: 'SESSION_INVALID' },
    ]);

    const second = (await api.signIn(w.agentA.agent.email, PASSWORD)).data!.sessionCreate;
    t.clock.advance(2 * 24 * 60 * 60_000 + 1);
    expect(await spentCredentialsSweep.run(t.app.deps)).toBeGreaterThanOrEqual(2);
    expect(await count('refresh_token', w.agentA.agent.id)).toBe(1);
    const again = (await api.refresh(second.refreshToken!)).data!.sessionRefresh;
    expect(again.userErrors).toEqual([]);
  });

  it('deletes one-time tokens a day after they were used or expired', async () => {
    const link = await t.gql(
      'mutation($id: ID!) { agentPasswordResetLink(input: { agentId: $id }) { token userErrors { code } } }',
      { id: toGlobalId('Agent', w.agentA.agent.id) },
      w.admin.token,
    );
    expect(link.errors).toBeUndefined();
    expect(await count('one_time_token', w.agentA.agent.id)).toBe(1);
    t.clock.advance(60 * 60_000 + 1);
    await spentCredentialsSweep.run(t.app.deps);
    expect(await count('one_time_token', w.agentA.agent.id)).toBe(1);
    t.clock.advance(24 * 60 * 60_000);
    expect(await spentCredentialsSweep.run(t.app.deps)).toBeGreaterThanOrEqual(1);
    expect(await count('one_time_token', w.agentA.agent.id)).toBe(0);
  });
});
