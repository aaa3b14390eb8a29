import { QueryFailedError, type EntityManager } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { AuditAction } from '../../entities/audit-entry.entity';
import { Conversation } from '../../entities/conversation.entity';
import { ConversationEventType, ConversationStatus } from '../../entities/enums';
import { Team } from '../../entities/team.entity';
import { TeamMember } from '../../entities/team-member.entity';
import { actorOf } from '../../auth/viewer';
import { EventType } from '../../realtime/event-types';
import { changesOf, recordAudit } from '../audit/audit.service';
import { type Caller } from '../caller';
import { recordConversationChange, snapshotOf } from '../conversation/conversation-changes';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { ownedRow } from '../owned-row';
import { inTransaction, type UnitOfWork } from '../unit-of-work';

const NAME_MAX = 80;
/** What the audit log shows of a team. */
const AUDITED = ['name'] as const;
const UNIQUE_VIOLATION = '23505';

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > NAME_MAX) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `The team name must be 1 to ${NAME_MAX} characters.`,
      ['input', 'name'],
    );
  }
  return trimmed;
}

function duplicateName(name: string): BusinessRuleError {
  return new BusinessRuleError(
    UserErrorCode.DUPLICATE,
    `A team named "${name}" already exists (team names ignore case).`,
    ['input', 'name'],
  );
}

/** Saves the team; the unique index on the lower-cased name decides between concurrent writers. */
async function saveNamed(manager: EntityManager, team: Team): Promise<Team> {
  const taken = await manager
    .getRepository(Team)
    .createQueryBuilder('t')
    .where('t.workspace_id = :workspaceId AND lower(t.name) = lower(:name)', team)
    .andWhere(team.id ? 't.id <> :id' : 'TRUE', team.id ? { id: team.id } : {})
    .getOne();
  if (taken) throw duplicateName(taken.name);
  try {
    return await manager.getRepository(Team).save(team);
  } catch (error) {
    if (
      error instanceof QueryFailedError &&
      (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
    ) {
      throw duplicateName(team.name);
    }
    throw error;
  }
}

export async function createTeam(caller: Caller, input: { name: string }): Promise<Team> {
  const name = checkName(input.name);
  const workspaceId = caller.viewer.workspaceId;
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    const team = await saveNamed(uow.manager, uow.manager.getRepository(Team).create({ workspaceId, name }));
    await recordAudit(uow, caller, {
      action: AuditAction.TEAM_CREATED,
      targetType: 'Team',
      targetId: team.id,
      changes: changesOf(null, team, AUDITED),
    });
    return team;
  });
}

export async function updateTeam(caller: Caller, input: { teamId: string; name: string }): Promise<Team> {
  const found = await ownedRow(caller, Team, input.teamId);
  const name = checkName(input.name);
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const before = { ...found };
    const team = await saveNamed(uow.manager, Object.assign(found, { name }));
    await recordAudit(uow, caller, {
      action: AuditAction.TEAM_UPDATED,
      targetType: 'Team',
      targetId: team.id,
      changes: changesOf(before, team, AUDITED),
    });
    return team;
  });
}

function membershipEvent(uow: UnitOfWork, type: EventType, teamId: string, agentId: string): void {
  uow.emit({ type, conversationId: null, assigneeId: null, payload: { teamId, agentId } });
}

export interface TeamDeleteResult {
  teamId: string;
  /** Open conversations that were in the team, now in the general queue (or with their assignee). */
  movedConversationCount: number;
}

/**
 * Deletes a team: its open conversations leave it (each with a TEAM_CHANGED history line and its
 * events, so its former members see them go and everyone sees the general queue grow), its
 * members leave it, and channel accounts that sent new conversations to it send them to the
 * general queue. Closed conversations simply lose the team.
 */
export async function deleteTeam(caller: Caller, teamId: string): Promise<TeamDeleteResult> {
  const team = await ownedRow(caller, Team, teamId);
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const { manager } = uow;
    const locked = await manager.findOne(Team, {
      where: { id: team.id, workspaceId: viewer.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked) throw notFound('Team');
    const conversations = await manager.find(Conversation, {
      where: { workspaceId: viewer.workspaceId, teamId: team.id, status: ConversationStatus.OPEN },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const conversation of conversations) {
      const before = snapshotOf(conversation);
      conversation.teamId = null;
      const saved = await manager.save(conversation);
      await recordConversationChange(
        uow,
        { clock: deps.clock, visibleDays: viewer.workspace.visibleDays },
        {
          before,
          after: saved,
          actor: actorOf(viewer),
          entries: [
            {
              type: ConversationEventType.TEAM_CHANGED,
              data: { fromTeamId: team.id, toTeamId: null, reason: 'TEAM_DELETED' },
            },
          ],
        },
      );
    }
    const members = await manager.find(TeamMember, { where: { teamId: team.id } });
    for (const member of members) {
      membershipEvent(uow, EventType.TEAM_MEMBER_REMOVED, team.id, member.agentId);
    }
    // Members, closed conversations and channel defaults follow the foreign keys.
    await manager.delete(Team, { id: team.id, workspaceId: viewer.workspaceId });
    await recordAudit(uow, caller, {
      action: AuditAction.TEAM_DELETED,
      targetType: 'Team',
      targetId: team.id,
      changes: changesOf(team, null, AUDITED),
    });
    return { teamId: team.id, movedConversationCount: conversations.length };
  });
}

async function memberParties(
  caller: Caller,
  input: { teamId: string; agentId: string },
): Promise<{ team: Team; agent: Agent }> {
  const team = await ownedRow(caller, Team, input.teamId);
  const agent = await ownedRow(caller, Agent, input.agentId);
  return { team, agent };
}

/** An agent joins a team: from this commit they see its queue (streams from its event on). */
export async function addTeamMember(
  caller: Caller,
  input: { teamId: string; agentId: string },
): Promise<{ team: Team; agent: Agent }> {
  const { team, agent } = await memberParties(caller, input);
  if (!agent.active) {
    throw new BusinessRuleError(
      UserErrorCode.AGENT_INACTIVE,
      `${agent.name} is deactivated; reactivate them first.`,
      ['input', 'agentId'],
    );
  }
  await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const inserted = await uow.manager
      .createQueryBuilder()
      .insert()
      .into(TeamMember)
      .values({ teamId: team.id, agentId: agent.id, workspaceId: caller.viewer.workspaceId })
      .orIgnore()
      .returning('team_id')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) {
      throw new BusinessRuleError(
        UserErrorCode.DUPLICATE,
        `${agent.name} is already a member of ${team.name}.`,
        ['input', 'agentId'],
      );
    }
    membershipEvent(uow, EventType.TEAM_MEMBER_ADDED, team.id, agent.id);
    // The new member may take from the team's queue.
    uow.requestQueueDrain();
    await recordAudit(uow, caller, {
      action: AuditAction.TEAM_MEMBER_ADDED,
      targetType: 'Team',
      targetId: team.id,
      changes: changesOf(null, { agentId: agent.globalId }, ['agentId']),
    });
  });
  return { team, agent };
}

/** An agent leaves a team: its queue is no longer theirs (what is assigned to them stays theirs). */
export async function removeTeamMember(
  caller: Caller,
  input: { teamId: string; agentId: string },
): Promise<{ team: Team; agent: Agent }> {
  const { team, agent } = await memberParties(caller, input);
  await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const removed = await uow.manager.delete(TeamMember, { teamId: team.id, agentId: agent.id });
    if (!removed.affected) {
      throw new BusinessRuleError(
        UserErrorCode.NOT_TEAM_MEMBER,
        `${agent.name} is not a member of ${team.name}.`,
        ['input', 'agentId'],
      );
    }
    membershipEvent(uow, EventType.TEAM_MEMBER_REMOVED, team.id, agent.id);
    await recordAudit(uow, caller, {
      action: AuditAction.TEAM_MEMBER_REMOVED,
      targetType: 'Team',
      targetId: team.id,
      changes: changesOf({ agentId: agent.globalId }, null, ['agentId']),
    });
  });
  return { team, agent };
}

/** The team by database id in the unit's workspace, for rules that move conversations into one. */
export async function teamInWorkspace(uow: UnitOfWork, teamId: string): Promise<Team> {
  const team = await uow.manager.findOne(Team, { where: { id: teamId, workspaceId: uow.workspaceId } });
  if (!team) throw notFound('Team');
  return team;
}

/** Whether the agent is a member of the team. */
export async function isTeamMember(uow: UnitOfWork, teamId: string, agentId: string): Promise<boolean> {
  return uow.manager.exists(TeamMember, { where: { teamId, agentId } });
}
