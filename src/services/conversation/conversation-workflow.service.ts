import { type EntityManager } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Workspace } from '../../entities/workspace.entity';
import {
  AiTrigger,
  ConversationEventType,
  ConversationStatus,
  Handler,
  Outcome,
  type Priority,
} from '../../entities/enums';
import { actorOf, restrictedAgentId, type Viewer } from '../../auth/viewer';
import { JobName } from '../../runtime/job-queue';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { type AppDeps } from '../../runtime/app-deps';
import { requestAiAssist } from '../ai-assist/ai-assist-request';
import {
  type HistoryEntry,
  recordConversationChange,
  snapshotOf,
  SYSTEM_ACTOR,
} from './conversation-changes';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { type Caller } from '../caller';
import { conversationReadScope, mayReadConversation } from './conversation-visibility';
import { isTeamMember, teamInWorkspace } from '../team/team.service';

const MINUTE_MS = 60_000;
const MAX_COMMENT = 2000;

/** The conversation row of the caller's workspace, locked until the transaction ends. */
export async function lockConversation(uow: UnitOfWork, conversationId: string): Promise<Conversation> {
  const conversation = await uow.manager.findOne(Conversation, {
    where: { id: conversationId, workspaceId: uow.workspaceId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

/** Waiting for its pending close to take effect: out of the trays, still OPEN. */
export function isClosing(conversation: Conversation): boolean {
  return conversation.status === ConversationStatus.OPEN && conversation.autoCloseAt !== null;
}

/** Refuses work on a closed or closing conversation. */
export function assertOpen(conversation: Conversation): void {
  if (conversation.status === ConversationStatus.CLOSED) {
    throw new BusinessRuleError(
      UserErrorCode.CONVERSATION_CLOSED,
      'The conversation is closed: reopen it with conversationReopen first.',
    );
  }
  if (isClosing(conversation)) {
    throw new BusinessRuleError(
      UserErrorCode.CONVERSATION_CLOSED,
      'The conversation is closing: reopen it with conversationReopen first.',
    );
  }
}

export function assertWithAgents(conversation: Conversation): void {
  if (conversation.handler === Handler.BOT) {
    throw new BusinessRuleError(
      UserErrorCode.HANDLED_BY_BOT,
      'The bot holds this conversation: hand it off with conversationHandoff first.',
    );
  }
}

/**
 * An agent (not an admin) works only on what the read rule gives them: their own conversations,
 * their teams' queues and the general queue.
 */
export function assertMayAct(viewer: Viewer, conversation: Conversation): void {
  if (mayReadConversation(conversationReadScope(viewer), conversation)) return;
  if (conversation.assigneeId !== null) {
    throw new BusinessRuleError(
      UserErrorCode.NOT_ASSIGNEE,
      'Another agent is assigned to this conversation; ask them or an admin to transfer it to you.',
    );
  }
  throw new BusinessRuleError(
    UserErrorCode.NOT_TEAM_MEMBER,
    "The conversation waits in another team's queue; ask an admin or one of its members to transfer it to you.",
  );
}

/** An active agent of the workspace to give a conversation to. */
export async function targetAgent(
  manager: EntityManager,
  workspaceId: string,
  agentId: string,
  field: string[],
): Promise<Agent> {
  const agent = await manager.findOne(Agent, { where: { id: agentId, workspaceId } });
  if (!agent) throw notFound('Agent');
  if (!agent.active) {
    throw new BusinessRuleError(
      UserErrorCode.AGENT_INACTIVE,
      `${agent.name} is deactivated and cannot receive conversations.`,
      field,
    );
  }
  return agent;
}

function cleanComment(comment: string | null | undefined): string | null {
  const trimmed = comment?.trim() ?? '';
  if (trimmed.length > MAX_COMMENT) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `The comment is longer than ${MAX_COMMENT} characters.`,
      ['input', 'comment'],
    );
  }
  return trimmed === '' ? null : trimmed;
}

/** Gives the conversation to a new owner: it is NEW for them in the CLASSIC view. */
export function handTo(conversation: Conversation, assigneeId: string | null, now: Date): void {
  conversation.handler = Handler.AGENT;
  conversation.assigneeId = assigneeId;
  conversation.handedOffAt = now;
  conversation.firstAgentReplyAt = null;
  if (conversation.lastActivityAt < now) conversation.lastActivityAt = now;
}

/** The history lines of a change; null: nothing changes, nothing is saved or recorded. */
export type StepDecision = (
  conversation: Conversation,
  uow: UnitOfWork,
  now: Date,
) => Promise<HistoryEntry[] | null> | HistoryEntry[] | null;

/** One rule of a conversation change, and what it does once the change is recorded. */
export interface ConversationStep {
  decide: StepDecision;
  after?: (conversation: Conversation, uow: UnitOfWork) => Promise<void>;
}

/**
 * Runs one step on a conversation already locked in `uow` and records it. Single mutations and
 * macros (many steps on many rows of one transaction) share it, so each rule exists once.
 */
export async function applyStep(
  caller: Caller,
  uow: UnitOfWork,
  conversation: Conversation,
  step: ConversationStep,
): Promise<Conversation> {
  const { deps, viewer } = caller;
  const before = snapshotOf(conversation);
  const now = deps.clock.now();
  const entries = await step.decide(conversation, uow, now);
  if (entries === null) return conversation;
  const saved = await uow.manager.save(conversation);
  await recordConversationChange(
    uow,
    { clock: deps.clock, visibleDays: viewer.workspace.visibleDays },
    { before, after: saved, actor: actorOf(viewer), entries },
  );
  if (step.after) await step.after(saved, uow);
  return saved;
}

/** Runs one locked change of a conversation and records it. */
export async function changeConversation(
  caller: Caller,
  conversationId: string,
  decide: StepDecision,
  after?: (conversation: Conversation, uow: UnitOfWork) => Promise<void>,
): Promise<Conversation> {
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const conversation = await lockConversation(uow, conversationId);
    return applyStep(caller, uow, conversation, { decide, after });
  });
}

export interface HandoffInput {
  conversationId: string;
  /** Null: to the queue. */
  agentId: string | null;
  /** The team it goes to (its queue, or with `agentId` that member); absent: the team it has. */
  teamId?: string | null;
  /** How urgent the bot found it; absent: unchanged. */
  priority?: Priority | null;
  comment?: string | null;
}

/**
 * The team a handoff or transfer names, and the agent checked against it: an agent given with a
 * team must be one of its members.
 */
async function targetTeam(
  uow: UnitOfWork,
  teamId: string | null | undefined,
  agent: Agent | null,
  field: string[],
): Promise<string | null | undefined> {
  if (!teamId) return undefined;
  const team = await teamInWorkspace(uow, teamId);
  if (agent && !(await isTeamMember(uow, team.id, agent.id))) {
    throw new BusinessRuleError(
      UserErrorCode.NOT_TEAM_MEMBER,
      `${agent.name} is not a member of ${team.name}: hand it to the team's queue, or to one of its members.`,
      field,
    );
  }
  return team.id;
}

/** The bot gives the conversation to an agent, or to the queue. */
export function handoffConversation(caller: Caller, input: HandoffInput): Promise<Conversation> {
  const comment = cleanComment(input.comment);
  return changeConversation(
    caller,
    input.conversationId,
    async (conversation, uow, now) => {
      if (conversation.status === ConversationStatus.CLOSED) assertOpen(conversation);
      if (conversation.handler === Handler.AGENT) {
        throw new BusinessRuleError(
          UserErrorCode.HANDLED_BY_AGENT,
          'The agents already hold this conversation; use conversationTransfer or conversationAssign.',
        );
      }
      const agent = input.agentId
        ? await targetAgent(uow.manager, uow.workspaceId, input.agentId, ['input', 'agentId'])
        : null;
      const teamId = await targetTeam(uow, input.teamId, agent, ['input', 'agentId']);
      // A conversation the bot got back after a closing keeps its outcome until now.
      conversation.outcome = null;
      conversation.closeReason = null;
      conversation.autoCloseAt = null;
      const fromTeamId = conversation.teamId;
      if (teamId !== undefined) conversation.teamId = teamId;
      if (input.priority) conversation.priority = input.priority;
      handTo(conversation, agent?.id ?? null, now);
      // From the handoff on, the customer waits for an agent (if not since an unanswered message).
      conversation.waitingSince ??= now;
      return [
        {
          type: ConversationEventType.HANDOFF,
          toAgentId: agent?.id ?? null,
          comment,
          data: {
            toQueue: agent === null,
            teamId: conversation.teamId,
            ...(input.priority ? { priority: input.priority } : {}),
            ...(fromTeamId !== conversation.teamId ? { fromTeamId } : {}),
          },
        },
      ];
    },
    async (conversation, uow) => {
      await requestAiAssist(
        uow,
        conversation,
        caller.viewer.workspace,
        AiTrigger.BOT_HANDOFF,
        caller.deps.logger,
      );
    },
  );
}

export interface AssignInput {
  conversationId: string;
  /** Null: back to the queue. */
  agentId: string | null;
}

/** An admin assigns, reassigns or unassigns. */
export function assignConversation(caller: Caller, input: AssignInput): Promise<Conversation> {
  const step = assignStep(caller, input.agentId);
  return changeConversation(caller, input.conversationId, step.decide, step.after);
}

/** The assignment rule as a step (`agentId` null: back to the queue). */
export function assignStep(caller: Caller, agentId: string | null): ConversationStep {
  const input = { agentId };
  let reassigned = false;
  return {
    decide: async (conversation, uow, now) => {
      assertOpen(conversation);
      assertWithAgents(conversation);
      const previous = conversation.assigneeId;
      if (input.agentId === null) {
        if (previous === null) {
          throw new BusinessRuleError(
            UserErrorCode.SAME_AGENT,
            'The conversation is already unassigned, waiting in the queue.',
            ['input', 'agentId'],
          );
        }
        handTo(conversation, null, now);
        return [{ type: ConversationEventType.UNASSIGNED, fromAgentId: previous }];
      }
      const agent = await targetAgent(uow.manager, uow.workspaceId, input.agentId, ['input', 'agentId']);
      if (previous === agent.id) {
        throw new BusinessRuleError(
          UserErrorCode.SAME_AGENT,
          `The conversation is already assigned to ${agent.name}.`,
          ['input', 'agentId'],
        );
      }
      reassigned = previous !== null;
      handTo(conversation, agent.id, now);
      return [{ type: ConversationEventType.ASSIGNED, fromAgentId: previous, toAgentId: agent.id }];
    },
    after: async (conversation, uow) => {
      // Moving between agents is a transfer for the receiver: they get the summary.
      if (reassigned) {
        await requestAiAssist(
          uow,
          conversation,
          caller.viewer.workspace,
          AiTrigger.AGENT_TRANSFER,
          caller.deps.logger,
        );
      }
    },
  };
}

/** The calling agent takes a conversation waiting in the queue. */
export function takeConversation(caller: Caller, input: { conversationId: string }): Promise<Conversation> {
  const principal = caller.viewer.principal;
  if (principal.kind !== 'agent') throw new Error('takeConversation needs an agent');
  const self = principal.agent.id;
  return changeConversation(caller, input.conversationId, (conversation, _uow, now) => {
    assertOpen(conversation);
    assertWithAgents(conversation);
    if (conversation.assigneeId === self) return [];
    if (conversation.assigneeId !== null) {
      throw new BusinessRuleError(
        UserErrorCode.ALREADY_ASSIGNED,
        'Another agent already has this conversation.',
        ['input', 'conversationId'],
      );
    }
    assertMayAct(caller.viewer, conversation);
    handTo(conversation, self, now);
    return [{ type: ConversationEventType.TAKEN, toAgentId: self }];
  });
}

export interface TransferInput {
  conversationId: string;
  /** The agent who gets it; with `toTeamId` only, it waits in that team's queue. */
  agentId?: string | null;
  /** The team it moves to: its queue, or with `agentId` that member. */
  toTeamId?: string | null;
  comment?: string | null;
}

/**
 * The assignee (or an admin) gives the conversation to another active agent, to a team's queue, or
 * to a member of a team (the agent must belong to it).
 */
export function transferConversation(caller: Caller, input: TransferInput): Promise<Conversation> {
  const step = transferStep(caller, input);
  return changeConversation(caller, input.conversationId, step.decide, step.after);
}

/** The transfer rule as a step. */
export function transferStep(caller: Caller, input: Omit<TransferInput, 'conversationId'>): ConversationStep {
  const comment = cleanComment(input.comment);
  if (!input.agentId && !input.toTeamId) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'Name the agent (`agentId`), the team (`toTeamId`), or both.',
      ['input', 'agentId'],
    );
  }
  return {
    decide: async (conversation, uow, now) => {
      assertOpen(conversation);
      assertWithAgents(conversation);
      const self = restrictedAgentId(caller.viewer);
      if (self && conversation.assigneeId !== self) {
        throw new BusinessRuleError(
          UserErrorCode.NOT_ASSIGNEE,
          conversation.assigneeId === null
            ? 'Only the assignee or an admin can transfer: take the conversation first.'
            : 'Only the assignee or an admin can transfer this conversation.',
        );
      }
      const agent = input.agentId
        ? await targetAgent(uow.manager, uow.workspaceId, input.agentId, ['input', 'agentId'])
        : null;
      const teamId = await targetTeam(uow, input.toTeamId, agent, ['input', 'agentId']);
      const previous = conversation.assigneeId;
      const fromTeamId = conversation.teamId;
      const toTeamId = teamId === undefined ? fromTeamId : teamId;
      if (agent && previous === agent.id && toTeamId === fromTeamId) {
        throw new BusinessRuleError(
          UserErrorCode.SAME_AGENT,
          `The conversation is already assigned to ${agent.name}.`,
          ['input', 'agentId'],
        );
      }
      if (!agent && previous === null && toTeamId === fromTeamId) {
        throw new BusinessRuleError(
          UserErrorCode.SAME_TEAM,
          "The conversation already waits in that team's queue.",
          ['input', 'toTeamId'],
        );
      }
      conversation.teamId = toTeamId;
      handTo(conversation, agent?.id ?? null, now);
      return [
        {
          type: ConversationEventType.TRANSFERRED,
          fromAgentId: previous,
          toAgentId: agent?.id ?? null,
          comment,
          data: {
            toQueue: agent === null,
            ...(toTeamId !== fromTeamId ? { fromTeamId, toTeamId } : {}),
          },
        },
      ];
    },
    after: async (conversation, uow) => {
      await requestAiAssist(
        uow,
        conversation,
        caller.viewer.workspace,
        AiTrigger.AGENT_TRANSFER,
        caller.deps.logger,
      );
    },
  };
}

/**
 * An admin (or the bot) puts the conversation in a team, or out of every team (null). Its
 * assignee, if any, keeps it; while unassigned it moves to that team's queue.
 */
export function setConversationTeam(
  caller: Caller,
  input: { conversationId: string; teamId: string | null },
): Promise<Conversation> {
  return changeConversation(caller, input.conversationId, async (conversation, uow) => {
    const teamId = input.teamId ? (await teamInWorkspace(uow, input.teamId)).id : null;
    const fromTeamId = conversation.teamId;
    if (teamId === fromTeamId) {
      throw new BusinessRuleError(
        UserErrorCode.SAME_TEAM,
        teamId ? 'The conversation is already in that team.' : 'The conversation is in no team already.',
        ['input', 'teamId'],
      );
    }
    conversation.teamId = teamId;
    return [{ type: ConversationEventType.TEAM_CHANGED, data: { fromTeamId, toTeamId: teamId } }];
  });
}

export interface CloseInput {
  conversationId: string;
  outcome: Outcome;
  reason: string;
}

const MAX_REASON = 500;

/** Data of the AUTO_CLOSE job (plus `workspaceId`). */
export interface AutoCloseJobData {
  conversationId: string;
}

/**
 * The agent types the outcome: the conversation leaves the trays now and closes after the
 * workspace's delay for that outcome (at once with 0 minutes).
 */
export function closeConversation(caller: Caller, input: CloseInput): Promise<Conversation> {
  const step = closeStep(caller, input.outcome, checkCloseReason(input.reason));
  return changeConversation(caller, input.conversationId, step.decide, step.after);
}

/** The closing rule as a step (`reason` already checked), with its AUTO_CLOSE job. */
export function closeStep(caller: Caller, outcome: Outcome, reason: string): ConversationStep {
  let scheduled: Date | null = null;
  return {
    decide: (conversation, _uow, now) => {
      const closing = applyClosing(caller.viewer, conversation, outcome, reason, now);
      scheduled = closing.autoCloseAt;
      return closing.entries;
    },
    after: async (conversation, uow) => {
      if (!scheduled) return;
      await uow.enqueue(JobName.AUTO_CLOSE, { conversationId: conversation.id } satisfies AutoCloseJobData, {
        startAfter: scheduled,
        singletonKey: autoCloseKey(conversation.id, scheduled),
      });
    },
  };
}

export function autoCloseKey(conversationId: string, at: Date): string {
  return `auto-close:${conversationId}:${at.getTime()}`;
}

/** A closing reason: 1 to 500 characters, trimmed. */
export function checkCloseReason(raw: string, field: string[] = ['input', 'reason']): string {
  const reason = raw.trim();
  if (reason === '' || reason.length > MAX_REASON) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `Give a reason of 1 to ${MAX_REASON} characters.`,
      field,
    );
  }
  return reason;
}

/**
 * The closing rule on a locked row: the conversation leaves the trays now and closes after the
 * workspace's delay for that outcome (at once with 0 minutes). Returns its history lines and when
 * the AUTO_CLOSE job is due (null: closed now).
 */
export function applyClosing(
  viewer: Viewer,
  conversation: Conversation,
  outcome: Outcome,
  reason: string,
  now: Date,
): { entries: HistoryEntry[]; autoCloseAt: Date | null } {
  const workspace = viewer.workspace;
  assertOpen(conversation);
  assertWithAgents(conversation);
  assertMayAct(viewer, conversation);
  const minutes =
    outcome === Outcome.POSITIVE ? workspace.autoClosePositiveMinutes : workspace.autoCloseNegativeMinutes;
  const autoCloseAt = new Date(now.getTime() + minutes * MINUTE_MS);
  conversation.outcome = outcome;
  conversation.closeReason = reason;
  conversation.autoCloseAt = autoCloseAt;
  conversation.waitingSince = null;
  conversation.snoozedUntil = null;
  const entries: HistoryEntry[] = [
    {
      type: ConversationEventType.CLOSING,
      comment: reason,
      data: { outcome, autoCloseAt: autoCloseAt.toISOString() },
    },
  ];
  if (minutes <= 0) {
    entries.push(finishClosing(conversation, workspace, now));
    return { entries, autoCloseAt: null };
  }
  return { entries, autoCloseAt };
}

/**
 * Ends a closing: back to the bot when the workspace says so (still OPEN, outcome kept for the
 * record), otherwise CLOSED.
 */
function finishClosing(
  conversation: Conversation,
  workspace: Pick<Workspace, 'autoCloseReturnToBot' | 'botEnabled'>,
  now: Date,
): HistoryEntry {
  conversation.autoCloseAt = null;
  const from = conversation.assigneeId;
  if (workspace.autoCloseReturnToBot && workspace.botEnabled) {
    conversation.handler = Handler.BOT;
    conversation.assigneeId = null;
    return {
      type: ConversationEventType.RETURNED_TO_BOT,
      fromAgentId: from,
      actor: SYSTEM_ACTOR,
      data: { outcome: conversation.outcome },
    };
  }
  conversation.status = ConversationStatus.CLOSED;
  conversation.closedAt = now;
  return {
    type: ConversationEventType.CLOSED,
    fromAgentId: from,
    comment: conversation.closeReason,
    actor: SYSTEM_ACTOR,
    data: { outcome: conversation.outcome },
  };
}

/**
 * Finalizes a closing whose time has come; false (and nothing written) when it no longer applies:
 * reopened, cancelled by a customer message, already finalized, or not yet due.
 */
export async function finalizeDueClosing(
  deps: AppDeps,
  workspaceId: string,
  conversationId: string,
): Promise<boolean> {
  return inTransaction(deps, workspaceId, async (uow) => {
    const conversation = await uow.manager.findOne(Conversation, {
      where: { id: conversationId, workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    const now = deps.clock.now();
    if (!conversation || !isClosing(conversation) || conversation.autoCloseAt! > now) return false;
    const workspace = await uow.manager.findOneOrFail(Workspace, { where: { id: workspaceId } });
    const before = snapshotOf(conversation);
    const entry = finishClosing(conversation, workspace, now);
    const saved = await uow.manager.save(conversation);
    await recordConversationChange(
      uow,
      { clock: deps.clock, visibleDays: workspace.visibleDays },
      { before, after: saved, actor: SYSTEM_ACTOR, entries: [entry] },
    );
    return true;
  });
}

/** Conversations whose closing is overdue (their job was lost or has not run yet). */
export async function overdueClosings(
  deps: AppDeps,
  limit = 500,
): Promise<{ id: string; workspaceId: string }[]> {
  const rows = (await deps.dataSource.query(
    `SELECT id, workspace_id FROM conversation
      WHERE status = 'OPEN' AND auto_close_at IS NOT NULL AND auto_close_at <= $1
      ORDER BY auto_close_at LIMIT $2`,
    [deps.clock.now(), limit],
  )) as { id: string; workspace_id: string }[];
  return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id }));
}

const UNIQUE_VIOLATION = '23505';

/**
 * Brings a closing or closed conversation back to the agents. A CLOSED one reopens only when the
 * customer has no other open conversation on that channel account.
 */
export function reopenConversation(caller: Caller, input: { conversationId: string }): Promise<Conversation> {
  return changeConversation(caller, input.conversationId, async (conversation, uow, now) => {
    const closing = isClosing(conversation);
    const closed = conversation.status === ConversationStatus.CLOSED;
    if (!closing && !closed) {
      throw new BusinessRuleError(
        UserErrorCode.CONVERSATION_NOT_CLOSED,
        conversation.handler === Handler.BOT
          ? 'The conversation is open with the bot: use conversationHandoff to bring it to the agents.'
          : 'The conversation is open and not closing; there is nothing to reopen.',
      );
    }
    assertMayAct(caller.viewer, conversation);
    const outcome = conversation.outcome;
    conversation.outcome = null;
    conversation.closeReason = null;
    conversation.autoCloseAt = null;
    if (closed) {
      await assertNoOtherOpen(uow, conversation);
      let assigneeId = conversation.assigneeId;
      if (assigneeId) {
        const assignee = await uow.manager.findOne(Agent, { where: { id: assigneeId } });
        if (!assignee?.active) assigneeId = null;
      }
      conversation.status = ConversationStatus.OPEN;
      conversation.closedAt = null;
      handTo(conversation, assigneeId, now);
      // A customer's first message may have opened another conversation since the check.
      try {
        await uow.manager.transaction((manager) =>
          manager.update(
            Conversation,
            { id: conversation.id },
            { status: ConversationStatus.OPEN, closedAt: null },
          ),
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw otherOpenError();
        throw error;
      }
    }
    return [
      {
        type: ConversationEventType.REOPENED,
        toAgentId: conversation.assigneeId,
        data: { from: closed ? 'CLOSED' : 'CLOSING', outcome },
      },
    ];
  });
}

function otherOpenError(conversationId?: string): BusinessRuleError {
  return new BusinessRuleError(
    UserErrorCode.OTHER_CONVERSATION_OPEN,
    'The customer already has another open conversation on this channel' +
      (conversationId ? ` (${conversationId})` : '') +
      ': continue there instead of reopening this one.',
    ['input', 'conversationId'],
  );
}

async function assertNoOtherOpen(uow: UnitOfWork, conversation: Conversation): Promise<void> {
  const other = await uow.manager.findOne(Conversation, {
    where: {
      workspaceId: conversation.workspaceId,
      customerId: conversation.customerId,
      channelAccountId: conversation.channelAccountId,
      status: ConversationStatus.OPEN,
    },
  });
  if (other && other.id !== conversation.id) {
    throw otherOpenError(other.globalId);
  }
}
