import { type EntityManager } from 'typeorm';
import { type Agent } from '../../entities/agent.entity';
import { AuditAction, AuditEntry, type AuditChange } from '../../entities/audit-entry.entity';
import { ActorType } from '../../entities/enums';
import { actorOf } from '../../auth/viewer';
import { appendEvents } from '../../realtime/event-log';
import { EventType, type NewEvent } from '../../realtime/event-types';
import { currentClientAddress, currentRequestId } from '../../runtime/request-scope';
import { type Caller } from '../caller';
import { UnitOfWork } from '../unit-of-work';

export interface AuditActor {
  actorType: ActorType;
  /** The agent or API key; null for SYSTEM. */
  actorId: string | null;
}

/** The command line and jobs: no signed-in principal. */
export const SYSTEM_ACTOR: AuditActor = { actorType: ActorType.SYSTEM, actorId: null };

export interface AuditRecord {
  action: AuditAction;
  /** The GraphQL type name of the object acted on (`Tag`, `Workspace`…), so its global id can be rebuilt. */
  targetType: string;
  targetId: string;
  changes: Record<string, AuditChange>;
}

/** Field names that hold credentials: never copied into an entry, whatever a caller passes. */
const SECRET_FIELD = /secret|token|hash|password|credential|enc$/i;

function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * The fields of `fields` whose values differ between `before` and `after` (null: the object did not
 * exist yet / no longer exists), as `{ field: { before, after } }`. Credential fields are dropped.
 */
export function changesOf<T extends object>(
  before: Partial<T> | null,
  after: Partial<T> | null,
  fields: readonly (keyof T & string)[],
): Record<string, AuditChange> {
  const changes: Record<string, AuditChange> = {};
  for (const field of fields) {
    if (SECRET_FIELD.test(field)) continue;
    const from = plain(before?.[field]);
    const to = plain(after?.[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { before: from, after: to };
  }
  return changes;
}

function withoutSecrets(changes: Record<string, AuditChange>): Record<string, AuditChange> {
  return Object.fromEntries(Object.entries(changes).filter(([field]) => !SECRET_FIELD.test(field)));
}

/** Writes the entry in `manager`'s transaction and returns the event that announces it. */
async function writeEntry(
  manager: EntityManager,
  workspaceId: string,
  actor: AuditActor,
  record: AuditRecord,
): Promise<NewEvent> {
  const repository = manager.getRepository(AuditEntry);
  const entry = await repository.save(
    repository.create({
      workspaceId,
      actorType: actor.actorType,
      actorId: actor.actorId,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      changes: withoutSecrets(record.changes),
      requestId: currentRequestId() ?? null,
      clientAddress: currentClientAddress(),
    }),
  );
  return {
    type: EventType.AUDIT_RECORDED,
    conversationId: null,
    assigneeId: null,
    // Global ids already: the actor's and target's types vary, so the webhook mapping cannot guess them.
    payload: {
      auditEntryId: entry.globalId,
      action: entry.action,
      actorType: entry.actorType,
      actorId: entry.actorGlobalId,
      targetType: entry.targetType,
      targetId: entry.targetGlobalId,
      changes: entry.changes,
      requestId: entry.requestId,
    },
  };
}

/**
 * Records an admin action of `caller` in the unit's transaction: the entry exists exactly when the
 * change commits, and its AUDIT_RECORDED event is published after commit.
 */
export async function recordAudit(uow: UnitOfWork, caller: Caller, record: AuditRecord): Promise<void> {
  uow.emit(await writeEntry(uow.manager, uow.workspaceId, actorOf(caller.viewer), record));
}

/**
 * Records that a session was issued to `agent` (`method`: how, e.g. `cli-token`, `password`). The
 * actor is the agent signing in unless another is given (the command line issues as SYSTEM). With
 * a bare manager (no unit of work) the event is appended to the log directly; it reaches partner
 * webhooks through the dispatch sweep.
 */
export async function recordSignIn(
  target: UnitOfWork | EntityManager,
  agent: Agent,
  details: { method: string; expiresAt?: Date | null; actor?: AuditActor },
): Promise<void> {
  const actor = details.actor ?? { actorType: ActorType.AGENT, actorId: agent.id };
  const manager = target instanceof UnitOfWork ? target.manager : target;
  const event = await writeEntry(manager, agent.workspaceId, actor, {
    action: AuditAction.SIGNED_IN,
    targetType: 'Agent',
    targetId: agent.id,
    changes: changesOf(null, { method: details.method, expiresAt: details.expiresAt ?? null }, [
      'method',
      'expiresAt',
    ]),
  });
  if (target instanceof UnitOfWork) target.emit(event);
  else await appendEvents(manager, agent.workspaceId, [event]);
}
