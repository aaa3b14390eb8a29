import { type EntityManager } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Workspace } from '../../entities/workspace.entity';
import { AssignmentOrder, AssignmentPolicy, AiTrigger, ConversationEventType } from '../../entities/enums';
import { AuditAction } from '../../entities/audit-entry.entity';
import { type AppDeps } from '../../runtime/app-deps';
import { requestAiAssist } from '../ai-assist/ai-assist-request';
import { changesOf, recordAudit } from '../audit/audit.service';
import { type Caller } from '../caller';
import { recordConversationChange, snapshotOf, SYSTEM_ACTOR } from '../conversation/conversation-changes';
import { handTo } from '../conversation/conversation-workflow.service';
import { visibleSince } from '../conversation/tray-rules';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { ownedRow } from '../owned-row';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { assignmentWindowAt } from './assignment-window';
import { CAPACITY_MAX, isQueued, loadSql, queuedSql } from './queue-rules';
import { scheduleQueueDrain } from './queue-drain-request';

/** Assignments per transaction: the workspace's drain lock and the agents' rows are held that long. */
const ASSIGNMENTS_PER_TRANSACTION = 50;
/** Queued conversations read per transaction, oldest first. */
const QUEUE_PAGE = 500;
/** First key of the advisory lock that makes one drain at a time run per workspace. */
const DRAIN_LOCK_CLASS = 0x0a551;

/** An agent automatic assignment may give conversations to, as the drain sees them. */
interface Candidate {
  id: string;
  capacity: number;
  load: number;
  /** Their place in the workspace's order of automatic assignments; null: never assigned one. */
  turn: number | null;
  teams: Set<string>;
  assigned: boolean;
}

/** Who the rule picks among the candidates with room (never empty). */
function pick(policy: AssignmentPolicy, candidates: Candidate[]): Candidate {
  const byTurn = (a: Candidate, b: Candidate) =>
    (a.turn ?? -1) - (b.turn ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const order =
    policy === AssignmentPolicy.BALANCED
      ? (a: Candidate, b: Candidate) => a.load - b.load || byTurn(a, b)
      : byTurn;
  return [...candidates].sort(order)[0]!;
}

/** Which AI trigger an automatic assignment asks with; null when entering the queue already asked. */
async function aiTriggerFor(uow: UnitOfWork, conversationId: string): Promise<AiTrigger | null> {
  const [latest] = (await uow.manager.query(
    `SELECT type FROM conversation_event
      WHERE conversation_id = $1 AND type IN ('CREATED', 'HANDOFF', 'TRANSFERRED', 'UNASSIGNED', 'REOPENED', 'ASSIGNED', 'TAKEN')
      ORDER BY created_at DESC LIMIT 1`,
    [conversationId],
  )) as { type: ConversationEventType }[];
  switch (latest?.type) {
    case ConversationEventType.HANDOFF:
    case ConversationEventType.TRANSFERRED:
      return null;
    case ConversationEventType.CREATED:
    case undefined:
      // Its first time with an agent: what a handoff from the bot would have asked.
      return AiTrigger.BOT_HANDOFF;
    default:
      return AiTrigger.AGENT_TRANSFER;
  }
}

interface DrainRound {
  assigned: number;
  /** Another round may assign more (this one stopped at its limits). */
  more: boolean;
  /** A queued conversation was being changed by someone else: drain again after that. */
  skipped: boolean;
}

/**
 * One transaction of the drain. The workspace's advisory lock makes drains of one workspace run one
 * after another, whichever process runs them; the available agents' rows are locked, so a status
 * change waits for the drain (or the drain sees it), and every queued conversation is locked and
 * re-read before it is given out, skipped when another change holds it.
 */
async function drainRound(deps: AppDeps, workspaceId: string): Promise<DrainRound> {
  const idle: DrainRound = { assigned: 0, more: false, skipped: false };
  return inTransaction(deps, workspaceId, async (uow) => {
    const { manager } = uow;
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DRAIN_LOCK_CLASS, workspaceId]);
    const workspace = await manager.findOne(Workspace, { where: { id: workspaceId } });
    if (!workspace || workspace.assignmentPolicy === AssignmentPolicy.MANUAL) return idle;
    const now = deps.clock.now();
    const window = await assignmentWindowAt(uow, workspace, now);
    if (!window.open) return idle;

    const agents = (await manager.query(
      `SELECT id, capacity, auto_assign_turn FROM agent
        WHERE workspace_id = $1 AND active AND status = 'ONLINE'
        ORDER BY id FOR NO KEY UPDATE`,
      [workspaceId],
    )) as { id: string; capacity: number | null; auto_assign_turn: string | null }[];
    if (agents.length === 0) return idle;
    const ids = agents.map((agent) => agent.id);
    const loads = await loadsOf(manager, workspaceId, ids, now);
    const memberships = (await manager.query(
      'SELECT team_id, agent_id FROM team_member WHERE workspace_id = $1 AND agent_id = ANY($2::uuid[])',
      [workspaceId, ids],
    )) as { team_id: string; agent_id: string }[];
    const candidates = agents.map((agent): Candidate => ({
      id: agent.id,
      capacity: agent.capacity ?? workspace.defaultCapacity,
      load: loads.get(agent.id) ?? 0,
      turn: agent.auto_assign_turn === null ? null : Number(agent.auto_assign_turn),
      teams: new Set(memberships.filter((row) => row.agent_id === agent.id).map((row) => row.team_id)),
      assigned: false,
    }));
    const withRoom = () => candidates.filter((candidate) => candidate.load < candidate.capacity);
    if (withRoom().length === 0) return idle;
    const [turnRow] = (await manager.query(
      'SELECT COALESCE(max(auto_assign_turn), 0) AS turn FROM agent WHERE workspace_id = $1',
      [workspaceId],
    )) as { turn: string }[];
    let turn = Number(turnRow?.turn ?? 0);

    const queue = (await manager.query(
      `SELECT c.id, c.team_id FROM conversation c
        WHERE c.workspace_id = $1 AND ${queuedSql('$2')} AND c.last_activity_at > $3
        ORDER BY ${queueOrderSql(workspace.assignmentOrder)}
        LIMIT $4`,
      [workspaceId, now, visibleSince(now, workspace.visibleDays), QUEUE_PAGE],
    )) as { id: string; team_id: string | null }[];

    const round: DrainRound = { assigned: 0, more: false, skipped: false };
    for (const queued of queue) {
      const room = withRoom();
      if (room.length === 0) break;
      // Its queue is outside business hours: it waits for the opening.
      if (!window.allows(queued.team_id)) continue;
      const eligible = room.filter(
        (candidate) => queued.team_id === null || candidate.teams.has(queued.team_id),
      );
      if (eligible.length === 0) continue;
      const conversation = await manager.findOne(Conversation, {
        where: { id: queued.id, workspaceId },
        lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
      });
      if (!conversation) {
        round.skipped = true;
        continue;
      }
      // Changed since the queue was read (taken, moved to another team): judged again next time.
      if (!isQueued(conversation, now) || conversation.teamId !== queued.team_id) {
        round.skipped = true;
        continue;
      }
      const agent = pick(workspace.assignmentPolicy, eligible);
      const asksAi = workspace.aiSummaryEnabled || workspace.aiSuggestionsEnabled;
      const trigger = asksAi ? await aiTriggerFor(uow, conversation.id) : null;
      const before = snapshotOf(conversation);
      handTo(conversation, agent.id, now);
      const saved = await manager.save(conversation);
      await recordConversationChange(
        uow,
        { clock: deps.clock, visibleDays: workspace.visibleDays },
        {
          before,
          after: saved,
          actor: SYSTEM_ACTOR,
          entries: [
            {
              type: ConversationEventType.ASSIGNED,
              fromAgentId: null,
              toAgentId: agent.id,
              data: {
                automatic: true,
                rule: workspace.assignmentPolicy,
                order: workspace.assignmentOrder,
                load: agent.load,
                capacity: agent.capacity,
                ...(saved.teamId ? { teamId: saved.teamId } : {}),
              },
            },
          ],
        },
      );
      if (trigger) await requestAiAssist(uow, saved, workspace, trigger, deps.logger);
      agent.load += 1;
      agent.turn = turn += 1;
      agent.assigned = true;
      round.assigned += 1;
      if (round.assigned >= ASSIGNMENTS_PER_TRANSACTION) {
        round.more = true;
        break;
      }
    }
    if (!round.more && queue.length === QUEUE_PAGE && withRoom().length > 0) round.more = true;
    for (const agent of candidates.filter((candidate) => candidate.assigned)) {
      await manager.update(
        Agent,
        { id: agent.id },
        { autoAssignTurn: String(agent.turn), lastAutoAssignedAt: now },
      );
    }
    return round;
  });
}

/** The queue's order under each setting: the tray orders of the same names, then by id. */
function queueOrderSql(order: AssignmentOrder): string {
  const waiting = `COALESCE(c.waiting_since, CAST('infinity' AS timestamptz)), c.handed_off_at NULLS LAST, c.id`;
  return order === AssignmentOrder.PRIORITY ? `c.priority DESC, ${waiting}` : waiting;
}

/**
 * Gives the workspace's queue out to its available agents, oldest first, as far as their capacity
 * goes. Safe to run any number of times, anywhere, at once: it re-reads everything under the
 * workspace's drain lock. Returns how many conversations it assigned.
 */
export async function drainQueue(deps: AppDeps, workspaceId: string): Promise<number> {
  let assigned = 0;
  for (;;) {
    const round = await drainRound(deps, workspaceId);
    assigned += round.assigned;
    if (round.skipped && !round.more) {
      // Whoever held those conversations may leave them queued without asking for a drain.
      await scheduleQueueDrain(deps, workspaceId);
    }
    if (!round.more) return assigned;
  }
}

/** How many conversations count against each agent's capacity at `now` (see `countsAgainstCapacity`). */
export async function loadsOf(
  manager: EntityManager,
  workspaceId: string,
  agentIds: readonly string[],
  now: Date,
): Promise<Map<string, number>> {
  const rows = (await manager.query(
    `SELECT c.assignee_id, count(*)::int AS n FROM conversation c
      WHERE c.workspace_id = $1 AND c.assignee_id = ANY($2::uuid[]) AND ${loadSql('$3')}
      GROUP BY c.assignee_id`,
    [workspaceId, [...agentIds], now],
  )) as { assignee_id: string; n: number }[];
  const result = new Map<string, number>(agentIds.map((id) => [id, 0]));
  for (const row of rows) result.set(row.assignee_id, row.n);
  return result;
}

/** Workspaces that assign automatically with conversations waiting and an agent online (the sweep's list). */
export async function workspacesToDrain(deps: AppDeps, limit = 500): Promise<string[]> {
  const rows = (await deps.dataSource.query(
    `SELECT w.id FROM workspace w
      WHERE w.assignment_policy <> 'MANUAL'
        AND EXISTS (SELECT 1 FROM agent a WHERE a.workspace_id = w.id AND a.active AND a.status = 'ONLINE')
        AND EXISTS (SELECT 1 FROM conversation c WHERE c.workspace_id = w.id AND ${queuedSql('$1')})
      ORDER BY w.id LIMIT $2`,
    [deps.clock.now(), limit],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

/**
 * An admin sets how many conversations automatic assignment gives an agent at most; null: the
 * workspace's default. Conversations they hold above it stay theirs.
 */
export async function setAgentCapacity(
  caller: Caller,
  input: { agentId: string; capacity: number | null },
): Promise<Agent> {
  const found = await ownedRow(caller, Agent, input.agentId);
  const capacity = input.capacity;
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0 || capacity > CAPACITY_MAX)) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `The capacity must be a whole number from 0 to ${CAPACITY_MAX}, or null for the workspace's default.`,
      ['input', 'capacity'],
    );
  }
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    await uow.manager.update(Agent, { id: found.id }, { capacity });
    const after = await uow.manager.findOneByOrFail(Agent, { id: found.id });
    await recordAudit(uow, caller, {
      action: AuditAction.AGENT_UPDATED,
      targetType: 'Agent',
      targetId: found.id,
      changes: changesOf(found, after, ['capacity']),
    });
    // More room, or the default instead: the queue may drain to them.
    if (capacity === null || capacity > (found.capacity ?? -1)) uow.requestQueueDrain();
    return after;
  });
}
