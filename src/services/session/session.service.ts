import { In, IsNull, type EntityManager } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { AgentCredential } from '../../entities/agent-credential.entity';
import { RefreshToken } from '../../entities/refresh-token.entity';
import { SessionFamily, SessionRevokedReason } from '../../entities/session-family.entity';
import {
  generateOpaqueToken,
  hashOpaqueToken,
  issueSessionToken,
  REFRESH_TOKEN_PREFIX,
} from '../../auth/tokens';
import { hashPassword, needsRehash, verifyNoPassword, verifyPassword } from '../../auth/password-hashing';
import { type AppDeps } from '../../runtime/app-deps';
import { type Config } from '../../config';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { PASSWORD_MAX_LENGTH } from './password-policy';

export type SessionDeps = Pick<AppDeps, 'dataSource' | 'config' | 'clock' | 'logger' | 'signInThrottle'>;

/** What a sign-in, a refresh or a new password hands the client. */
export interface IssuedSession {
  agent: Agent;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** RFC 5321's limit on an address. */
export const EMAIL_MAX_LENGTH = 320;

const REFRESH_FIELD = ['input', 'refreshToken'];

const invalidCredentials = () =>
  new BusinessRuleError(UserErrorCode.INVALID_CREDENTIALS, 'The e-mail or the password is wrong.');

const sessionInvalid = (why: string) =>
  new BusinessRuleError(UserErrorCode.SESSION_INVALID, `${why} Sign in again.`, REFRESH_FIELD);

export const agentInactive = (field: string[] | null = null) =>
  new BusinessRuleError(
    UserErrorCode.AGENT_INACTIVE,
    'This agent is deactivated; an admin can reactivate them (agentReactivate).',
    field,
  );

function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

function accessTokenFor(config: Config, agent: Agent, familyId: string, now: Date) {
  const expiresAt = new Date(now.getTime() + config.signIn.accessTokenTtlMinutes * 60_000);
  const token = issueSessionToken(config.appSecret, {
    agentId: agent.id,
    workspaceId: agent.workspaceId,
    tokenVersion: agent.tokenVersion,
    expiresAt,
    familyId,
  });
  return { token, expiresAt };
}

async function addRefreshToken(manager: EntityManager, config: Config, family: SessionFamily, now: Date) {
  const { token, hash } = generateOpaqueToken(REFRESH_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + config.signIn.refreshTokenTtlDays * 24 * 60 * 60_000);
  await manager.getRepository(RefreshToken).insert({
    workspaceId: family.workspaceId,
    familyId: family.id,
    tokenHash: hash,
    expiresAt,
  });
  return { token, expiresAt };
}

/** A new session family for the agent: its first refresh token and an access token. */
export async function startSession(
  manager: EntityManager,
  config: Config,
  agent: Agent,
  now: Date,
): Promise<IssuedSession> {
  const family = await manager.getRepository(SessionFamily).save(
    manager.getRepository(SessionFamily).create({
      workspaceId: agent.workspaceId,
      agentId: agent.id,
      tokenVersion: agent.tokenVersion,
    }),
  );
  const refresh = await addRefreshToken(manager, config, family, now);
  const access = accessTokenFor(config, agent, family.id, now);
  return {
    agent,
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: refresh.token,
    refreshTokenExpiresAt: refresh.expiresAt,
  };
}

/** Ends families; their refresh tokens are refused from now on, their access tokens at their next check. */
export async function revokeFamilies(
  manager: EntityManager,
  familyIds: string[],
  reason: SessionRevokedReason,
  now: Date,
): Promise<number> {
  if (familyIds.length === 0) return 0;
  const result = await manager
    .getRepository(SessionFamily)
    .update({ id: In(familyIds), revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
  return result.affected ?? 0;
}

/** Every live family of the agent, locked. */
async function liveFamilyIds(manager: EntityManager, agentId: string): Promise<string[]> {
  const rows = await manager.getRepository(SessionFamily).find({
    select: { id: true },
    where: { agentId, revokedAt: IsNull() },
    lock: { mode: 'pessimistic_write' },
  });
  return rows.map((row) => row.id);
}

/**
 * Signs everything of the agent out: every family, and (by moving the token version on) every
 * session token, the CLI's and agentCreate's included.
 */
export async function signOutEverywhere(
  manager: EntityManager,
  agentId: string,
  reason: SessionRevokedReason,
  now: Date,
): Promise<number> {
  const revoked = await revokeFamilies(manager, await liveFamilyIds(manager, agentId), reason, now);
  await manager.getRepository(Agent).update({ id: agentId }, { tokenVersion: () => 'token_version + 1' });
  return revoked;
}

type Presented =
  { ok: true; token: RefreshToken; family: SessionFamily } | { ok: false; error: BusinessRuleError };

/**
 * Reads a presented refresh token with its family, both locked (two refreshes with one token run
 * one after the other). A token that was already rotated is a reuse: someone holds a copy, so the
 * whole family is revoked — the write commits even though the caller is refused.
 */
async function presentRefreshToken(
  manager: EntityManager,
  deps: SessionDeps,
  refreshToken: string,
  now: Date,
): Promise<Presented> {
  const token = await manager.getRepository(RefreshToken).findOne({
    where: { tokenHash: hashOpaqueToken(refreshToken.trim()) },
    lock: { mode: 'pessimistic_write' },
  });
  if (!token) return { ok: false, error: sessionInvalid('This refresh token is unknown.') };
  const family = await manager
    .getRepository(SessionFamily)
    .findOne({ where: { id: token.familyId }, lock: { mode: 'pessimistic_write' } });
  if (!family || family.revokedAt) return { ok: false, error: sessionInvalid('This session was revoked.') };
  if (token.rotatedAt) {
    await revokeFamilies(manager, [family.id], SessionRevokedReason.REFRESH_TOKEN_REUSED, now);
    deps.logger.warn('refresh token reused: its session family is revoked', {
      agentId: family.agentId,
      familyId: family.id,
    });
    return {
      ok: false,
      error: sessionInvalid('This refresh token was already used, so every token of its sign-in is revoked.'),
    };
  }
  if (token.expiresAt.getTime() <= now.getTime()) {
    return { ok: false, error: sessionInvalid('This refresh token has expired.') };
  }
  return { ok: true, token, family };
}

/**
 * Password sign-in. The attempt is counted before the password is checked (per e-mail and per
 * client address); an unknown e-mail, one without a password and a wrong password get the same
 * answer after the same argon2 work.
 */
export async function signIn(
  deps: SessionDeps,
  input: { email: string; password: string; clientAddress: string | null },
): Promise<IssuedSession> {
  const email = input.email.trim().toLowerCase();
  if (!email || email.length > EMAIL_MAX_LENGTH) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'Give the e-mail you sign in with.', [
      'input',
      'email',
    ]);
  }
  const attempt = await deps.signInThrottle.begin(email, input.clientAddress);
  if ('lockedForSeconds' in attempt) {
    throw new BusinessRuleError(
      UserErrorCode.LOCKED_OUT,
      `Too many failed sign-ins; try again in ${waitText(attempt.lockedForSeconds)}.`,
    );
  }
  const credential = await deps.dataSource
    .getRepository(AgentCredential)
    .findOne({ where: { agent: { email } }, relations: { agent: true } });
  // No stored password is longer than the policy allows: a longer one cannot match.
  const tooLong = [...input.password].length > PASSWORD_MAX_LENGTH;
  const matches =
    !tooLong &&
    (credential
      ? await verifyPassword(credential.passwordHash, input.password)
      : await verifyNoPassword(input.password));
  if (!matches || !credential?.agent) {
    await attempt.failed();
    throw invalidCredentials();
  }
  await attempt.succeeded();
  const agent = credential.agent;
  // Said only to someone who knows the password.
  if (!agent.active) throw agentInactive();
  if (needsRehash(credential.passwordHash)) {
    await deps.dataSource
      .getRepository(AgentCredential)
      .update({ agentId: agent.id }, { passwordHash: await hashPassword(input.password) });
  }
  const now = deps.clock.now();
  return deps.dataSource.transaction((manager) => startSession(manager, deps.config, agent, now));
}

/**
 * Exchanges a refresh token for a new one and a new access token; the old refresh token is spent.
 * A deactivated agent, or one signed out everywhere since, gets no new tokens.
 */
export async function refreshSession(deps: SessionDeps, refreshToken: string): Promise<IssuedSession> {
  const now = deps.clock.now();
  const outcome = await deps.dataSource.transaction(
    async (manager): Promise<{ session: IssuedSession } | { error: BusinessRuleError }> => {
      const presented = await presentRefreshToken(manager, deps, refreshToken, now);
      if (!presented.ok) return { error: presented.error };
      const { token, family } = presented;
      const agent = await manager.getRepository(Agent).findOneBy({ id: family.agentId });
      if (!agent || !agent.active) return { error: agentInactive(REFRESH_FIELD) };
      if (agent.tokenVersion !== family.tokenVersion) {
        return { error: sessionInvalid('You were signed out everywhere since.') };
      }
      await manager.getRepository(RefreshToken).update({ id: token.id }, { rotatedAt: now });
      await manager.getRepository(SessionFamily).update({ id: family.id }, { lastRefreshedAt: now });
      const refresh = await addRefreshToken(manager, deps.config, family, now);
      const access = accessTokenFor(deps.config, agent, family.id, now);
      return {
        session: {
          agent,
          accessToken: access.token,
          accessTokenExpiresAt: access.expiresAt,
          refreshToken: refresh.token,
          refreshTokenExpiresAt: refresh.expiresAt,
        },
      };
    },
  );
  if ('error' in outcome) throw outcome.error;
  return outcome.session;
}

/**
 * Signs out: the refresh token's family, or with `everywhere` every family of its agent and every
 * session token issued to them before.
 */
export async function revokeSession(
  deps: SessionDeps,
  input: { refreshToken: string; everywhere: boolean },
): Promise<{ revokedSessionCount: number }> {
  const now = deps.clock.now();
  const outcome = await deps.dataSource.transaction(
    async (manager): Promise<{ revokedSessionCount: number } | { error: BusinessRuleError }> => {
      const presented = await presentRefreshToken(manager, deps, input.refreshToken, now);
      if (!presented.ok) return { error: presented.error };
      const { family } = presented;
      if (!input.everywhere) {
        return {
          revokedSessionCount: await revokeFamilies(
            manager,
            [family.id],
            SessionRevokedReason.SIGNED_OUT,
            now,
          ),
        };
      }
      return {
        revokedSessionCount: await signOutEverywhere(
          manager,
          family.agentId,
          SessionRevokedReason.SIGNED_OUT_EVERYWHERE,
          now,
        ),
      };
    },
  );
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
