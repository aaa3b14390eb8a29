import { Agent } from '../../entities/agent.entity';
import { AgentStatus, AgentStatusReason } from '../../entities/enums';
import { actorOf, isAdmin } from '../../auth/viewer';
import { EventType } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import { JobName } from '../../runtime/job-queue';
import { type Caller } from '../caller';
import { BusinessRuleError, forbidden, invalidInput, notFound, UserErrorCode } from '../errors';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { isRowId } from '../owned-row';
import { type Actor } from '../conversation/conversation-changes';

/**
 * Presence: an agent's `status` is what they chose (agentSetStatus) while they have a live
 * WebSocket session in any process; once every session has ended — or they set a status without
 * one — and the grace period has passed, they are OFFLINE. A new session brings back the status
 * they had chosen. Each change is an AGENT_STATUS_CHANGED event written with it.
 */

export interface StatusChange {
  agentId: string;
  status: AgentStatus;
  previousStatus: AgentStatus;
  reason: AgentStatusReason;
}

function graceMs(deps: AppDeps): number {
  return deps.config.presence.graceSeconds * 1000;
}

/** Writes the new status on the locked row and its event in the unit. */
async function applyStatus(
  uow: UnitOfWork,
  agent: Agent,
  status: AgentStatus,
  reason: AgentStatusReason,
  now: Date,
  actor: Actor | null,
): Promise<StatusChange | null> {
  if (agent.status === status) return null;
  const previousStatus = agent.status;
  await uow.manager.update(Agent, { id: agent.id }, { status, statusChangedAt: now });
  agent.status = status;
  agent.statusChangedAt = now;
  // Available again: the queue may drain to them.
  if (status === AgentStatus.ONLINE) uow.requestQueueDrain();
  uow.emit({
    type: EventType.AGENT_STATUS_CHANGED,
    conversationId: null,
    assigneeId: null,
    payload: {
      agentId: agent.id,
      status,
      previousStatus,
      reason,
      ...(actor ? { actorType: actor.actorType, actorId: actor.actorId } : {}),
    },
  });
  return { agentId: agent.id, status, previousStatus, reason };
}

async function lockAgent(uow: UnitOfWork, agentId: string): Promise<Agent | null> {
  return uow.manager.findOne(Agent, {
    where: { id: agentId, workspaceId: uow.workspaceId },
    lock: { mode: 'pessimistic_write' },
  });
}

/** Asks for a presence check when the grace period after `since` is over (once per instant). */
async function scheduleCheck(
  deps: AppDeps,
  workspaceId: string,
  agentId: string,
  since: Date,
): Promise<void> {
  const due = new Date(since.getTime() + graceMs(deps));
  await deps.jobs.send(
    JobName.PRESENCE_CHECK,
    { workspaceId, agentId },
    { startAfter: due, singletonKey: `presence-check:${agentId}:${due.toISOString()}` },
  );
}

export interface SetStatusInput {
  status: AgentStatus;
  /** Another agent (admins and admin keys); the caller by default. */
  agentId?: string | null;
}

/**
 * An agent sets their own status, or an admin someone else's. It is also the status a new session
 * brings back. Without a live session the agent goes OFFLINE after the grace period.
 */
export async function setAgentStatus(caller: Caller, input: SetStatusInput): Promise<Agent> {
  const { deps, viewer } = caller;
  const principal = viewer.principal;
  const self = principal.kind === 'agent' ? principal.agent.id : null;
  const agentId = input.agentId ?? self;
  if (!agentId) throw invalidInput('An API key sets the status of a given agent: pass `agentId`.', 'agentId');
  if (agentId !== self && !isAdmin(viewer)) throw forbidden('Only admins set the status of another agent.');
  if (!isRowId(agentId)) throw notFound('Agent');
  const now = deps.clock.now();
  const agent = await inTransaction(deps, viewer.workspaceId, async (uow) => {
    const row = await lockAgent(uow, agentId);
    if (!row) throw notFound('Agent');
    if (!row.active) {
      throw new BusinessRuleError(
        UserErrorCode.AGENT_INACTIVE,
        `${row.name} is deactivated; reactivate them first.`,
        ['input', 'agentId'],
      );
    }
    if (row.preferredStatus !== input.status) {
      await uow.manager.update(Agent, { id: row.id }, { preferredStatus: input.status });
      row.preferredStatus = input.status;
    }
    await applyStatus(uow, row, input.status, AgentStatusReason.SET, now, actorOf(viewer));
    return row;
  });
  if (agent.status !== AgentStatus.OFFLINE) await scheduleCheck(deps, viewer.workspaceId, agent.id, now);
  return agent;
}

/**
 * A session of the agent opened in this process: their lease starts, and if a disconnection had
 * made them OFFLINE, the status they chose is back.
 */
export async function agentSessionOpened(
  deps: AppDeps,
  agent: Pick<Agent, 'id' | 'workspaceId'>,
): Promise<StatusChange | null> {
  const first = await deps.presence.open(agent.id);
  if (!first) return null;
  const now = deps.clock.now();
  return inTransaction(deps, agent.workspaceId, async (uow) => {
    const row = await lockAgent(uow, agent.id);
    if (!row || !row.active || row.status !== AgentStatus.OFFLINE) return null;
    if (row.preferredStatus === AgentStatus.OFFLINE) return null;
    return applyStatus(uow, row, row.preferredStatus, AgentStatusReason.CONNECTED, now, null);
  });
}

/** A session of the agent ended in this process: after their last one, check again once the grace is over. */
export async function agentSessionClosed(
  deps: AppDeps,
  agent: Pick<Agent, 'id' | 'workspaceId'>,
): Promise<void> {
  const last = await deps.presence.close(agent.id);
  if (last) await scheduleCheck(deps, agent.workspaceId, agent.id, deps.clock.now());
}

export type PresenceVerdict = 'offline' | 'present' | 'waiting' | 'went-offline';

/**
 * Whether an agent without a session for the grace period goes OFFLINE now. The agent row is
 * locked before presence is read, so a session opening meanwhile either is seen here or finds the
 * row OFFLINE afterwards and brings the chosen status back: the two never cross. Still within the
 * grace period (a lease of a process that died is running out), the check is asked for again.
 */
export async function settlePresence(
  deps: AppDeps,
  workspaceId: string,
  agentId: string,
): Promise<PresenceVerdict> {
  let recheckSince: Date | null = null;
  const verdict = await inTransaction(deps, workspaceId, async (uow): Promise<PresenceVerdict> => {
    const agent = await lockAgent(uow, agentId);
    if (!agent || agent.status === AgentStatus.OFFLINE) return 'offline';
    const now = deps.clock.now();
    const held = (await deps.presence.heldUntil([agentId])).get(agentId) ?? null;
    if (held && held > now) return 'present';
    // Last known there: the end of their last lease, or when the status was set without a session.
    const since = new Date(Math.max(held?.getTime() ?? 0, agent.statusChangedAt?.getTime() ?? 0));
    if (since.getTime() + graceMs(deps) > now.getTime()) {
      recheckSince = since;
      return 'waiting';
    }
    await applyStatus(uow, agent, AgentStatus.OFFLINE, AgentStatusReason.DISCONNECTED, now, null);
    return 'went-offline';
  });
  if (recheckSince) await scheduleCheck(deps, workspaceId, agentId, recheckSince);
  return verdict;
}

/**
 * Agents shown available whose sessions are all gone past the grace period, with no check on its
 * way (a process died, a job was lost): settled here, a page at a time. Returns how many went OFFLINE.
 */
export async function settleLapsedPresence(deps: AppDeps, pageSize = 500): Promise<number> {
  let wentOffline = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await deps.dataSource.query(
      `SELECT id, workspace_id, status_changed_at FROM agent
        WHERE status <> 'OFFLINE' AND id > $1 ORDER BY id LIMIT $2`,
      [after, pageSize],
    )) as { id: string; workspace_id: string; status_changed_at: Date | null }[];
    if (rows.length === 0) return wentOffline;
    after = rows.at(-1)!.id;
    const held = await deps.presence.heldUntil(rows.map((row) => row.id));
    const now = deps.clock.now().getTime();
    for (const row of rows) {
      const until = held.get(row.id)?.getTime() ?? 0;
      const since = Math.max(until, row.status_changed_at ? new Date(row.status_changed_at).getTime() : 0);
      if (until > now || since + graceMs(deps) > now) continue;
      if ((await settlePresence(deps, row.workspace_id, row.id)) === 'went-offline') wentOffline += 1;
    }
    if (rows.length < pageSize) return wentOffline;
  }
}

/** A deactivated agent is OFFLINE at once, in the deactivation's transaction. */
export async function markDeactivatedOffline(uow: UnitOfWork, agentId: string, now: Date): Promise<void> {
  const agent = await lockAgent(uow, agentId);
  if (agent) await applyStatus(uow, agent, AgentStatus.OFFLINE, AgentStatusReason.DEACTIVATED, now, null);
}
