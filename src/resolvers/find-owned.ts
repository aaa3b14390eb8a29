import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { type Caller } from '../services/caller';
import { notFound } from '../services/errors';
import { ownedRowOrNull } from '../services/owned-row';
import { fromGlobalId } from '../entities/global-id';

/**
 * A tenant row by global id, for resolvers: the id is decoded here and the row read through the
 * services' workspace-scoped helper, so an id from another workspace behaves exactly like one
 * that does not exist.
 */
export async function findOwned<T extends ObjectLiteral>(
  ctx: Caller,
  entity: EntityTarget<T> & { name: string },
  globalId: string,
): Promise<T> {
  const row = await findOwnedOrNull(ctx, entity, globalId);
  if (!row) throw notFound(entity.name);
  return row;
}

export async function findOwnedOrNull<T extends ObjectLiteral>(
  ctx: Caller,
  entity: EntityTarget<T> & { name: string },
  globalId: string,
): Promise<T | null> {
  const decoded = fromGlobalId(globalId);
  if (!decoded || decoded.type !== entity.name) return null;
  return ownedRowOrNull(ctx, entity, decoded.id);
}

/** Decodes a global id of the expected type to its database id, or fails NOT_FOUND. */
export function localId(globalId: string, typeName: string): string {
  const decoded = fromGlobalId(globalId);
  if (!decoded || decoded.type !== typeName) throw notFound(typeName);
  return decoded.id;
}

/** A referenced id (filter, agent argument) that must exist in the caller's workspace; else NOT_FOUND. */
export async function ownedId(
  ctx: Caller,
  entity: EntityTarget<ObjectLiteral> & { name: string },
  globalId: string,
): Promise<string> {
  const id = localId(globalId, entity.name);
  const exists = await ctx.deps.dataSource
    .getRepository(entity)
    .exists({ where: { id, workspaceId: ctx.viewer.workspaceId } as never });
  if (!exists) throw notFound(entity.name);
  return id;
}

export async function ownedIds(
  ctx: Caller,
  entity: EntityTarget<ObjectLiteral> & { name: string },
  globalIds: string[],
): Promise<string[]> {
  const ids = [...new Set(globalIds.map((globalId) => localId(globalId, entity.name)))];
  const count = await ctx.deps.dataSource
    .getRepository(entity)
    .count({ where: { id: In(ids), workspaceId: ctx.viewer.workspaceId } as never });
  if (count !== ids.length) throw notFound(entity.name);
  return ids;
}
