import { IsNull, type EntityManager } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { AgentCredential } from '../../entities/agent-credential.entity';
import { type AgentRole } from '../../entities/enums';
import { OneTimeToken, OneTimeTokenPurpose } from '../../entities/one-time-token.entity';
import { SessionRevokedReason } from '../../entities/session-family.entity';
import { generateOpaqueToken, hashOpaqueToken, ONE_TIME_TOKEN_PREFIX } from '../../auth/tokens';
import { hashPassword } from '../../auth/password-hashing';
import { type Config } from '../../config';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { addAgent } from '../agent/agent.service';
import { assertPasswordAllowed } from './password-policy';
import {
  agentInactive,
  EMAIL_MAX_LENGTH,
  signOutEverywhere,
  startSession,
  type IssuedSession,
  type SessionDeps,
} from './session.service';

export interface IssuedOneTimeToken {
  agent: Agent;
  token: string;
  expiresAt: Date;
}

const tokenInvalid = () =>
  new BusinessRuleError(
    UserErrorCode.TOKEN_INVALID,
    'This invite or reset token is unknown, expired or already used; ask an admin for a new one.',
    ['input', 'token'],
  );

/** A new one-time token for the agent; the agent's earlier unused ones stop working. */
async function issueOneTimeToken(
  manager: EntityManager,
  agent: Agent,
  purpose: OneTimeTokenPurpose,
  ttlMs: number,
  now: Date,
): Promise<IssuedOneTimeToken> {
  const repository = manager.getRepository(OneTimeToken);
  await repository.update({ agentId: agent.id, usedAt: IsNull() }, { usedAt: now });
  const { token, hash } = generateOpaqueToken(ONE_TIME_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + ttlMs);
  await repository.insert({
    workspaceId: agent.workspaceId,
    agentId: agent.id,
    purpose,
    tokenHash: hash,
    expiresAt,
  });
  return { agent, token, expiresAt };
}

/** A new agent without a password, and the invite token that lets them choose one (shown once). */
export function inviteAgent(
  caller: Caller,
  input: { email: string; name: string; role: AgentRole },
): Promise<IssuedOneTimeToken> {
  const { deps, viewer } = caller;
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    const agent = await addAgent(manager, viewer.workspaceId, input);
    return issueOneTimeToken(
      manager,
      agent,
      OneTimeTokenPurpose.INVITE,
      deps.config.signIn.inviteTtlHours * 60 * 60_000,
      now,
    );
  });
}

/**
 * A password-reset token for an active agent, for an admin (agentPasswordResetLink) or the CLI to
 * hand over; it answers the agent's pending request, if any.
 */
export async function issuePasswordReset(
  manager: EntityManager,
  config: Pick<Config, 'signIn'>,
  agent: Agent,
  now: Date,
): Promise<IssuedOneTimeToken> {
  if (!agent.active) throw agentInactive(['input', 'agentId']);
  const issued = await issueOneTimeToken(
    manager,
    agent,
    OneTimeTokenPurpose.PASSWORD_RESET,
    config.signIn.passwordResetTtlMinutes * 60_000,
    now,
  );
  await manager.getRepository(Agent).update({ id: agent.id }, { passwordResetRequestedAt: null });
  agent.passwordResetRequestedAt = null;
  return issued;
}

/** The admin's way: an agent of their workspace, by local id (NOT_FOUND otherwise). */
export async function issuePasswordResetInWorkspace(
  caller: Caller,
  agentId: string,
): Promise<IssuedOneTimeToken> {
  const found = await ownedRow(caller, Agent, agentId);
  const now = caller.deps.clock.now();
  return caller.deps.dataSource.transaction(async (manager) => {
    const agent = await manager
      .getRepository(Agent)
      .findOneOrFail({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
    return issuePasswordReset(manager, caller.deps.config, agent, now);
  });
}

/**
 * Sets the password with an invite or reset token and signs in. Every earlier sign-in and session
 * token of the agent ends (a reset is often about a leaked password).
 */
export async function setPassword(
  deps: SessionDeps,
  input: { token: string; password: string },
): Promise<IssuedSession> {
  const tokenHash = hashOpaqueToken(input.token.trim());
  const now = deps.clock.now();
  const usable = (row: OneTimeToken | null): row is OneTimeToken =>
    row !== null && row.usedAt === null && row.expiresAt.getTime() > now.getTime();

  const found = await deps.dataSource.getRepository(OneTimeToken).findOneBy({ tokenHash });
  if (!usable(found)) throw tokenInvalid();
  const owner = await deps.dataSource.getRepository(Agent).findOneBy({ id: found.agentId });
  if (!owner || !owner.active) throw agentInactive();
  assertPasswordAllowed(input.password, owner.email, ['input', 'password']);
  // Hashed before the transaction, so no row stays locked for the hashing's 30–50 ms.
  const passwordHash = await hashPassword(input.password);

  return deps.dataSource.transaction(async (manager) => {
    // Checked again under lock: two uses of one token at once, only one wins.
    const token = await manager
      .getRepository(OneTimeToken)
      .findOne({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
    if (!usable(token)) throw tokenInvalid();
    await manager
      .getRepository(OneTimeToken)
      .update({ agentId: token.agentId, usedAt: IsNull() }, { usedAt: now });
    await manager
      .getRepository(AgentCredential)
      .upsert(
        { agentId: token.agentId, workspaceId: token.workspaceId, passwordHash, passwordChangedAt: now },
        ['agentId'],
      );
    await signOutEverywhere(manager, token.agentId, SessionRevokedReason.PASSWORD_CHANGED, now);
    await manager.getRepository(Agent).update({ id: token.agentId }, { passwordResetRequestedAt: null });
    const agent = await manager.getRepository(Agent).findOneByOrFail({ id: token.agentId });
    if (!agent.active) throw agentInactive();
    return startSession(manager, deps.config, agent, now);
  });
}

/**
 * Records that the agent asks for a new password, for admins to see (Agent.passwordResetRequestedAt)
 * and answer with a reset token. One statement whatever the e-mail, and no answer about it: the
 * caller cannot tell whether the address belongs to an agent.
 */
export async function requestPasswordReset(deps: SessionDeps, email: string): Promise<void> {
  const normalized = email.trim().toLowerCase();
  if (!normalized || normalized.length > EMAIL_MAX_LENGTH) return;
  const rows = (await deps.dataSource.query(
    `UPDATE agent SET password_reset_requested_at = $2 WHERE email = $1 AND active RETURNING id, workspace_id`,
    [normalized, deps.clock.now()],
  )) as [{ id: string; workspace_id: string }[], number];
  const [agent] = rows[0];
  if (agent) {
    deps.logger.info('password reset requested', { agentId: agent.id, workspaceId: agent.workspace_id });
  }
}
