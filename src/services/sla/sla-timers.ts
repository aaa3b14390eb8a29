import { Conversation } from '../../entities/conversation.entity';
import { ConversationEventType, type SlaTarget } from '../../entities/enums';
import { EventType } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import { appendHistory, SYSTEM_ACTOR } from '../conversation/conversation-changes';
import { inTransaction } from '../unit-of-work';
import { pendingDue } from './sla-clock';

/** Job data of an SLA timer: ids, the target and its due time (ISO). */
export interface SlaTimerJob {
  workspaceId: string;
  conversationId: string;
  target: SlaTarget;
  at: string;
}

export class SlaTimerTooEarlyError extends Error {
  constructor(at: Date, now: Date) {
    super(`SLA timer for ${at.toISOString()} ran at ${now.toISOString()}; it will be retried`);
    this.name = 'SlaTimerTooEarlyError';
  }
}

/**
 * Records a breach at the target's due time, once: the conversation is re-read under lock, and the
 * timer applies only if `at` is still the target's due time and the target still runs (an answer,
 * a closing, a snooze or a new policy moved or stopped it). The breach row is unique per
 * conversation, target and due time, so a second run or the sweep records nothing. Returns whether
 * it recorded a breach.
 */
export async function fireSlaTimer(deps: AppDeps, job: SlaTimerJob): Promise<boolean> {
  const at = new Date(job.at);
  if (Number.isNaN(at.getTime())) return false;
  const now = deps.clock.now();
  if (now.getTime() < at.getTime()) throw new SlaTimerTooEarlyError(at, now);
  return inTransaction(deps, job.workspaceId, async (uow) => {
    const conversation = await uow.manager.getRepository(Conversation).findOne({
      where: { id: job.conversationId, workspaceId: job.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!conversation) return false;
    if (pendingDue(conversation, job.target)?.getTime() !== at.getTime()) return false;
    const inserted = (await uow.manager.query(
      `INSERT INTO sla_breach (workspace_id, conversation_id, policy_id, target, due_at, agent_id, team_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (conversation_id, target, due_at) DO NOTHING
       RETURNING id`,
      [
        conversation.workspaceId,
        conversation.id,
        conversation.slaPolicyId,
        job.target,
        at,
        conversation.assigneeId,
        conversation.teamId,
        now,
      ],
    )) as { id: string }[];
    if (inserted.length === 0) return false;
    if (conversation.slaBreachedAt === null) {
      await uow.manager.update(Conversation, { id: conversation.id }, { slaBreachedAt: at });
    }
    const data = {
      target: job.target,
      dueAt: job.at,
      policyId: conversation.slaPolicyId,
      assigneeId: conversation.assigneeId,
      teamId: conversation.teamId,
    };
    await appendHistory(uow, deps.clock, conversation, SYSTEM_ACTOR, [
      { type: ConversationEventType.SLA_BREACHED, data },
    ]);
    uow.emit({
      type: EventType.SLA_BREACHED,
      conversationId: conversation.id,
      assigneeId: conversation.assigneeId,
      payload: { conversationId: conversation.id, ...data },
    });
    return true;
  });
}

/** Due times passed whose breach was never recorded (a timer lost or failed): at most `limit`. */
export async function missedSlaTimers(deps: AppDeps, limit = 200): Promise<SlaTimerJob[]> {
  const rows = (await deps.dataSource.query(
    `SELECT c.workspace_id, c.id, t.target, t.due_at
       FROM conversation c
       CROSS JOIN LATERAL (VALUES
         ('FIRST_RESPONSE', CASE WHEN c.sla_first_response_at IS NULL THEN c.sla_first_response_due_at END),
         ('NEXT_RESPONSE', c.sla_next_response_due_at),
         ('RESOLUTION', c.sla_resolution_due_at)) AS t(target, due_at)
      WHERE c.status = 'OPEN' AND t.due_at IS NOT NULL AND t.due_at <= $1
        AND ((c.sla_first_response_at IS NULL AND c.sla_first_response_due_at <= $1)
             OR c.sla_next_response_due_at <= $1 OR c.sla_resolution_due_at <= $1)
        AND NOT EXISTS (SELECT 1 FROM sla_breach b
                         WHERE b.conversation_id = c.id AND b.target::text = t.target AND b.due_at = t.due_at)
      LIMIT $2`,
    [deps.clock.now(), limit],
  )) as { workspace_id: string; id: string; target: SlaTarget; due_at: Date }[];
  return rows.map((row) => ({
    workspaceId: row.workspace_id,
    conversationId: row.id,
    target: row.target,
    at: new Date(row.due_at).toISOString(),
  }));
}
