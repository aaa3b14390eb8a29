import { type EntityManager } from 'typeorm';
import { Conversation } from '../../entities/conversation.entity';
import { ConversationStatus, Handler, SlaTarget, SlaTargetStatus } from '../../entities/enums';
import { SlaPolicy } from '../../entities/sla-policy.entity';
import { Workspace } from '../../entities/workspace.entity';
import { JobName } from '../../runtime/job-queue';
import { calendarFor } from '../business-hours/business-hours.service';
import { ALWAYS_OPEN } from '../business-hours/business-calendar';
import { type UnitOfWork } from '../unit-of-work';

/** The SLA facts stored on a conversation. */
export type SlaFacts = Pick<
  Conversation,
  | 'slaPolicyId'
  | 'slaStartedAt'
  | 'slaFirstResponseDueAt'
  | 'slaFirstResponseAt'
  | 'slaNextResponseDueAt'
  | 'slaResolutionDueAt'
  | 'slaBreachedAt'
>;

type SlaInputs = Pick<
  Conversation,
  | 'id'
  | 'workspaceId'
  | 'channelAccountId'
  | 'teamId'
  | 'priority'
  | 'status'
  | 'handler'
  | 'snoozedUntil'
  | 'waitingSince'
  | 'closedAt'
> &
  SlaFacts;

/** Whether a policy's conditions hold for the conversation (each empty list: any). */
export function policyMatches(
  policy: SlaPolicy,
  conversation: SlaInputs,
  labelIds: ReadonlySet<string>,
): boolean {
  return (
    (policy.channelAccountIds.length === 0 ||
      policy.channelAccountIds.includes(conversation.channelAccountId)) &&
    (policy.teamIds.length === 0 ||
      (conversation.teamId !== null && policy.teamIds.includes(conversation.teamId))) &&
    (policy.priorities.length === 0 || policy.priorities.includes(conversation.priority)) &&
    (policy.tagIds.length === 0 || policy.tagIds.some((tagId) => labelIds.has(tagId)))
  );
}

export function slaTimerKey(conversationId: string, target: SlaTarget, at: Date): string {
  return `sla-timer:${conversationId}:${target}:${at.toISOString()}`;
}

/** The due time a target has now, when it still runs (not met, not stopped). */
export function pendingDue(conversation: SlaInputs, target: SlaTarget): Date | null {
  if (conversation.status !== ConversationStatus.OPEN) return null;
  switch (target) {
    case SlaTarget.FIRST_RESPONSE:
      return conversation.slaFirstResponseAt === null ? conversation.slaFirstResponseDueAt : null;
    case SlaTarget.NEXT_RESPONSE:
      return conversation.slaNextResponseDueAt;
    case SlaTarget.RESOLUTION:
      return conversation.slaResolutionDueAt;
  }
}

const TARGETS = [SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE, SlaTarget.RESOLUTION];

async function labelsOf(manager: EntityManager, conversationId: string): Promise<Set<string>> {
  const rows = (await manager.query(`SELECT tag_id FROM conversation_label WHERE conversation_id = $1`, [
    conversationId,
  ])) as { tag_id: string }[];
  return new Set(rows.map((row) => row.tag_id));
}

/**
 * Recomputes a conversation's SLA after a change, in the change's transaction (the row locked):
 * the policy that applies now (first match by position), each target's due time in business time,
 * and a timer at each due time still running. `answered`: the change is an agent's answer, which
 * meets the first response (and the waiting answer, as `waitingSince` is cleared with it).
 *
 * - First response: due `firstResponseSeconds` after `waitingSince` until the first answer; kept
 *   afterwards, so the answer's time tells MET from BREACHED.
 * - Next response: due `nextResponseSeconds` after `waitingSince` once the first answer was given.
 * - Resolution: due `resolutionSeconds` after agents first held it, until closed; kept once closed.
 * - Response clocks run only while agents hold the conversation and it is not snoozed.
 */
export async function refreshSla(
  uow: UnitOfWork,
  now: Date,
  conversation: Conversation,
  options: { answered: boolean },
): Promise<void> {
  const manager = uow.manager;
  // A row just created may lack the columns it did not set.
  const before: SlaFacts = {
    slaPolicyId: conversation.slaPolicyId ?? null,
    slaStartedAt: conversation.slaStartedAt ?? null,
    slaFirstResponseDueAt: conversation.slaFirstResponseDueAt ?? null,
    slaFirstResponseAt: conversation.slaFirstResponseAt ?? null,
    slaNextResponseDueAt: conversation.slaNextResponseDueAt ?? null,
    slaResolutionDueAt: conversation.slaResolutionDueAt ?? null,
    slaBreachedAt: conversation.slaBreachedAt ?? null,
  };
  Object.assign(conversation, before);
  const policies = await manager.find(SlaPolicy, {
    where: { workspaceId: conversation.workspaceId },
    order: { position: 'ASC', createdAt: 'ASC' },
  });
  const started = before.slaStartedAt === null && conversation.handler === Handler.AGENT ? now : null;
  const firstAnswer =
    options.answered && before.slaFirstResponseAt === null && conversation.handler === Handler.AGENT
      ? now
      : null;
  if (policies.length === 0 && before.slaPolicyId === null && before.slaFirstResponseDueAt === null) {
    // No policy in the workspace and none applied before: only the facts a later policy counts from.
    const facts: Partial<SlaFacts> = {
      ...(started ? { slaStartedAt: started } : {}),
      ...(firstAnswer ? { slaFirstResponseAt: firstAnswer } : {}),
    };
    if (Object.keys(facts).length > 0) await save(manager, conversation, facts);
    return;
  }
  const labels = policies.some((policy) => policy.tagIds.length > 0)
    ? await labelsOf(manager, conversation.id)
    : new Set<string>();
  const policy = policies.find((candidate) => policyMatches(candidate, conversation, labels)) ?? null;

  const next: SlaFacts = { ...before, slaPolicyId: policy?.id ?? null };
  if (started) next.slaStartedAt = started;
  if (firstAnswer) next.slaFirstResponseAt = firstAnswer;
  const open = conversation.status === ConversationStatus.OPEN;
  const responding =
    open &&
    conversation.handler === Handler.AGENT &&
    !(conversation.snoozedUntil !== null && conversation.snoozedUntil > now);
  let calendar = ALWAYS_OPEN;
  if (policy?.businessHoursOnly) {
    const workspace = await manager.findOneOrFail(Workspace, {
      where: { id: conversation.workspaceId },
      select: { id: true, businessHours: true },
    });
    calendar = await calendarFor(manager, workspace, conversation.teamId);
  }
  const due = (from: Date | null, seconds: number | null | undefined): Date | null =>
    from && seconds != null ? calendar.addBusinessSeconds(from, seconds) : null;

  if (next.slaFirstResponseAt === null) {
    next.slaFirstResponseDueAt = responding
      ? due(conversation.waitingSince, policy?.firstResponseSeconds)
      : null;
    next.slaNextResponseDueAt = null;
  } else {
    next.slaNextResponseDueAt = responding
      ? due(conversation.waitingSince, policy?.nextResponseSeconds)
      : null;
  }
  if (open) {
    next.slaResolutionDueAt =
      conversation.handler === Handler.AGENT ? due(next.slaStartedAt, policy?.resolutionSeconds) : null;
  }

  const changed = (Object.keys(next) as (keyof SlaFacts)[]).filter(
    (key) => !sameValue(before[key], next[key]),
  );
  if (changed.length === 0) return;
  await save(manager, conversation, Object.fromEntries(changed.map((key) => [key, next[key]])));
  for (const target of TARGETS) {
    const at = pendingDue(conversation, target);
    if (!at) continue;
    await uow.enqueue(
      JobName.SLA_TIMER,
      { conversationId: conversation.id, target, at: at.toISOString() },
      { startAfter: at, singletonKey: slaTimerKey(conversation.id, target, at) },
    );
  }
}

function sameValue(a: Date | string | null, b: Date | string | null): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

async function save(
  manager: EntityManager,
  conversation: Conversation,
  changes: Partial<SlaFacts>,
): Promise<void> {
  // A plain UPDATE: the change that called this already saved the row (and bumped its version).
  await manager
    .createQueryBuilder()
    .update(Conversation)
    .set(changes as never)
    .where('id = :id', { id: conversation.id })
    .updateEntity(false)
    .callListeners(false)
    .execute();
  Object.assign(conversation, changes);
}

/** One target as read: its due time and where it stands at `now`. */
export interface SlaTargetState {
  target: SlaTarget;
  dueAt: Date;
  status: SlaTargetStatus;
}

/**
 * Where each target stands at `now`, exact at read time (a due time just passed reads BREACHED
 * before its timer has run). Targets without a due time are left out.
 */
export function slaTargetsOf(conversation: SlaInputs, now: Date): SlaTargetState[] {
  const states: SlaTargetState[] = [];
  const judge = (dueAt: Date, doneAt: Date | null): SlaTargetStatus => {
    if (doneAt) return doneAt < dueAt ? SlaTargetStatus.MET : SlaTargetStatus.BREACHED;
    return now >= dueAt ? SlaTargetStatus.BREACHED : SlaTargetStatus.PENDING;
  };
  if (conversation.slaFirstResponseDueAt) {
    states.push({
      target: SlaTarget.FIRST_RESPONSE,
      dueAt: conversation.slaFirstResponseDueAt,
      status: judge(conversation.slaFirstResponseDueAt, conversation.slaFirstResponseAt),
    });
  }
  if (conversation.slaNextResponseDueAt) {
    states.push({
      target: SlaTarget.NEXT_RESPONSE,
      dueAt: conversation.slaNextResponseDueAt,
      status: judge(conversation.slaNextResponseDueAt, null),
    });
  }
  if (conversation.slaResolutionDueAt) {
    const closedAt =
      conversation.status === ConversationStatus.CLOSED ? (conversation.closedAt ?? now) : null;
    states.push({
      target: SlaTarget.RESOLUTION,
      dueAt: conversation.slaResolutionDueAt,
      status: judge(conversation.slaResolutionDueAt, closedAt),
    });
  }
  return states;
}

/** The first breach: recorded by a timer, or a due time passed that no timer has reached yet. */
export function slaBreachedAtOf(conversation: SlaInputs, now: Date): Date | null {
  const passed = slaTargetsOf(conversation, now)
    .filter((state) => state.status === SlaTargetStatus.BREACHED)
    .map((state) => state.dueAt.getTime());
  const recorded = conversation.slaBreachedAt?.getTime();
  const all = recorded !== undefined ? [...passed, recorded] : passed;
  return all.length > 0 ? new Date(Math.min(...all)) : null;
}
