import { type AuditAction, AuditEntry } from '../../entities/audit-entry.entity';
import { type Caller } from '../caller';
import { invalidInput } from '../errors';
import { paginate, type ConnectionShape, type PageRequest } from '../paging';

export interface AuditLogFilter {
  action?: AuditAction | null;
  /** Database id of the acting agent or API key. */
  actorId?: string | null;
  /** Database id of the object acted on. */
  targetId?: string | null;
  /** Entries at or after this time. */
  from?: Date | null;
  /** Entries before this time. */
  to?: Date | null;
}

/** The workspace's audit log, newest first, keyset-paginated on (workspace, created_at, id). */
export function listAuditLog(
  caller: Caller,
  filter: AuditLogFilter,
  page: PageRequest,
): Promise<ConnectionShape<AuditEntry>> {
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw invalidInput('`from` must be earlier than `to`.', 'from');
  }
  const query = caller.deps.dataSource
    .getRepository(AuditEntry)
    .createQueryBuilder('a')
    .where('a.workspace_id = :workspaceId', { workspaceId: caller.viewer.workspaceId });
  if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
  if (filter.actorId) query.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
  if (filter.targetId) query.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
  if (filter.from) query.andWhere('a.created_at >= :from', { from: filter.from });
  if (filter.to) query.andWhere('a.created_at < :to', { to: filter.to });
  return paginate(
    query,
    {
      column: 'a.created_at',
      idColumn: 'a.id',
      table: 'audit_entry',
      tableColumn: 'created_at',
      direction: 'DESC',
    },
    page,
    caller.viewer.workspaceId,
  );
}
