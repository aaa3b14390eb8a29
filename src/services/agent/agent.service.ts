import { QueryFailedError, type EntityManager } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { AgentRole, ConversationEventType, ConversationStatus } from '../../entities/enums';
import { actorOf } from '../../auth/viewer';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { recordConversationChange, snapshotOf } from '../conversation/conversation-changes';
import { inTransaction } from '../unit-of-work';
import { changesOf, recordAudit } from '../audit/audit.service';
import { AuditAction } from '../../entities/audit-entry.entity';
import { normalizeEmail, sessionTokenFor, WorkspaceSetupError } from '../workspace/workspace.service';
import { markDeactivatedOffline } from './agent-presence.service';

const NAME_MAX = 100;
/** What the audit log shows of an agent. */
const AUDITED = ['email', 'name', 'role', 'active'] as const;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > NAME_MAX) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `The name must be 1 to ${NAME_MAX} characters.`,
      ['input', 'name'],
    );
  }
  return trimmed;
}

function duplicateEmail(email: string): BusinessRuleError {
  return new BusinessRuleError(
    UserErrorCode.DUPLICATE,
    `An agent with the e-mail ${email} already exists (e-mails are unique across Omnitray).`,
    ['input', 'email'],
  );
}

/** Active admins of the workspace, locked so two concurrent demotions cannot both pass the check. */
async function lockActiveAdmins(manager: EntityManager, workspaceId: string): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT id FROM agent WHERE workspace_id = $1 AND role = 'ADMIN' AND active ORDER BY id FOR UPDATE`,
    [workspaceId],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

function assertNotLastAdmin(admins: string[], agent: Agent, doing: string, field: string[]): void {
  if (agent.active && agent.role === AgentRole.ADMIN && admins.length <= 1 && admins.includes(agent.id)) {
    throw new BusinessRuleError(
      UserErrorCode.LAST_ADMIN,
      `${agent.name} is the last active admin of the workspace and cannot be ${doing}; make another agent admin first.`,
      field,
    );
  }
}

export interface AgentCreateResult {
  agent: Agent;
  token: string;
  tokenExpiresAt: Date;
}

/**
 * Adds a team member to the workspace: the e-mail is checked and unique across Omnitray, the name
 * trimmed. Used by agentCreate and agentInvite, with the manager of the caller's transaction.
 */
export async function addAgent(
  manager: EntityManager,
  workspaceId: string,
  input: { email: string; name: string; role: AgentRole },
): Promise<Agent> {
  let email: string;
  try {
    email = normalizeEmail(input.email);
  } catch (error) {
    if (!(error instanceof WorkspaceSetupError)) throw error;
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, error.message, ['input', 'email']);
  }
  const name = checkName(input.name);
  const repository = manager.getRepository(Agent);
  if (await repository.exists({ where: { email } })) throw duplicateEmail(email);
  try {
    return await repository.save(repository.create({ workspaceId, email, name, role: input.role }));
  } catch (error) {
    // Two invitations of the same address at once: the unique index decides.
    if (error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505') {
      throw duplicateEmail(email);
    }
    throw error;
  }
}

/** A new team member with a first session token, so whoever invites them can hand it over. */
export async function createAgent(
  caller: Caller,
  input: { email: string; name: string; role: AgentRole },
): Promise<AgentCreateResult> {
  const agent = await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const saved = await addAgent(uow.manager, caller.viewer.workspaceId, input);
    await recordAudit(uow, caller, {
      action: AuditAction.AGENT_CREATED,
      targetType: 'Agent',
      targetId: saved.id,
      changes: changesOf(null, saved, AUDITED),
    });
    return saved;
  });
  const { token, expiresAt } = sessionTokenFor(
    agent,
    caller.deps.config.appSecret,
    caller.deps.config.sessionTtlMinutes,
    caller.deps.clock.now(),
  );
  return { agent, token, tokenExpiresAt: expiresAt };
}

/** Renames or changes the role of an agent; the last active admin keeps the ADMIN role. */
export async function updateAgent(
  caller: Caller,
  input: { agentId: string; name?: string | null; role?: AgentRole | null },
): Promise<Agent> {
  const found = await ownedRow(caller, Agent, input.agentId);
  const name = input.name == null ? null : checkName(input.name);
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const { manager } = uow;
    const admins = await lockActiveAdmins(manager, caller.viewer.workspaceId);
    const agent = await manager.getRepository(Agent).findOneByOrFail({ id: found.id });
    const before = { ...agent };
    if (input.role != null && input.role !== agent.role) {
      if (input.role !== AgentRole.ADMIN) assertNotLastAdmin(admins, agent, 'demoted', ['input', 'role']);
      agent.role = input.role;
    }
    if (name !== null) agent.name = name;
    const saved = await manager.getRepository(Agent).save(agent);
    const changes = changesOf(before, saved, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.AGENT_UPDATED,
      targetType: 'Agent',
      targetId: agent.id,
      changes,
    });
    return saved;
  });
}

export interface AgentDeactivateResult {
  agent: Agent;
  releasedConversationCount: number;
}

/**
 * Deactivates an agent: their session tokens stop working at once (inactive, and the token version
 * moves on), and their open conversations go back to the queue, each with an UNASSIGNED event by
 * the caller. A conversation back in the queue waits for a first reply again, as after a handoff
 * (CLASSIC NEW), since nobody on the team has answered it since it got there.
 */
export async function deactivateAgent(caller: Caller, agentId: string): Promise<AgentDeactivateResult> {
  const found = await ownedRow(caller, Agent, agentId);
  const { principal, workspaceId, workspace } = caller.viewer;
  if (principal.kind === 'agent' && principal.agent.id === found.id) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'You cannot deactivate yourself; ask another admin.',
      ['input', 'agentId'],
    );
  }
  const actor = actorOf(caller.viewer);
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    const { manager } = uow;
    const admins = await lockActiveAdmins(manager, workspaceId);
    const agent = await manager.getRepository(Agent).findOneByOrFail({ id: found.id });
    assertNotLastAdmin(admins, agent, 'deactivated', ['input', 'agentId']);
    if (agent.active) {
      await manager
        .getRepository(Agent)
        .update({ id: agent.id }, { active: false, tokenVersion: () => 'token_version + 1' });
    }

    const conversations = await manager.getRepository(Conversation).find({
      where: { workspaceId, assigneeId: agent.id, status: ConversationStatus.OPEN },
      order: { lastActivityAt: 'DESC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const now = caller.deps.clock.now();
    await markDeactivatedOffline(uow, agent.id, now);
    for (const conversation of conversations) {
      const before = snapshotOf(conversation);
      // Back to the queue as after a handoff to it: NEW again in the CLASSIC view.
      conversation.assigneeId = null;
      conversation.handedOffAt = now;
      conversation.firstAgentReplyAt = null;
      if (conversation.lastActivityAt < now) conversation.lastActivityAt = now;
      const saved = await manager.save(conversation);
      await recordConversationChange(
        uow,
        { clock: caller.deps.clock, visibleDays: workspace.visibleDays },
        {
          before,
          after: saved,
          actor,
          entries: [
            {
              type: ConversationEventType.UNASSIGNED,
              fromAgentId: agent.id,
              data: { reason: 'AGENT_DEACTIVATED' },
            },
          ],
        },
      );
    }
    const updated = await manager.getRepository(Agent).findOneByOrFail({ id: agent.id });
    const changes = changesOf(agent, updated, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.AGENT_DEACTIVATED,
      targetType: 'Agent',
      targetId: agent.id,
      changes,
    });
    return { agent: updated, releasedConversationCount: conversations.length };
  });
}

/** The team, by name; deactivated agents only when asked for. */
export function listAgents(caller: Caller, includeInactive: boolean): Promise<Agent[]> {
  return caller.deps.dataSource.getRepository(Agent).find({
    where: { workspaceId: caller.viewer.workspaceId, ...(includeInactive ? {} : { active: true }) },
    order: { name: 'ASC', id: 'ASC' },
  });
}

/**
 * Brings a deactivated agent back with a fresh session token. Tokens from before the deactivation
 * stay dead (the token version moved on); conversations released to the queue stay there.
 */
export async function reactivateAgent(caller: Caller, agentId: string): Promise<AgentCreateResult> {
  const found = await ownedRow(caller, Agent, agentId);
  if (found.active) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, `${found.name} is already active.`, [
      'input',
      'agentId',
    ]);
  }
  await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    await uow.manager.getRepository(Agent).update({ id: found.id }, { active: true });
    const changes = changesOf(found, { ...found, active: true }, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.AGENT_REACTIVATED,
      targetType: 'Agent',
      targetId: found.id,
      changes,
    });
  });
  const agent = Object.assign(found, { active: true });
  const { token, expiresAt } = sessionTokenFor(
    agent,
    caller.deps.config.appSecret,
    caller.deps.config.sessionTtlMinutes,
    caller.deps.clock.now(),
  );
  return { agent, token, tokenExpiresAt: expiresAt };
}
