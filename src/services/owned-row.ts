import { type EntityTarget, type ObjectLiteral } from 'typeorm';
import { type Caller } from './caller';
import { notFound } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a row id: a malformed one would be a database error (HTTP 500), not "no such row". */
export function isRowId(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

type TenantEntity<T extends ObjectLiteral> = EntityTarget<T> & { name: string };

/**
 * A tenant row by its database id, scoped to the caller's workspace, or null: a row of another
 * workspace and a malformed id read exactly like one that does not exist.
 */
export async function ownedRowOrNull<T extends ObjectLiteral>(
  caller: Caller,
  entity: TenantEntity<T>,
  id: string,
): Promise<T | null> {
  if (!isRowId(id)) return null;
  return caller.deps.dataSource
    .getRepository(entity)
    .findOne({ where: { id, workspaceId: caller.viewer.workspaceId } as never });
}

/** The one way services read a tenant row by id: scoped to the caller's workspace, else NOT_FOUND. */
export async function ownedRow<T extends ObjectLiteral>(
  caller: Caller,
  entity: TenantEntity<T>,
  id: string,
): Promise<T> {
  const row = await ownedRowOrNull(caller, entity, id);
  if (!row) throw notFound(entity.name);
  return row;
}
