import DataLoader from 'dataloader';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import {
  countEach,
  paginateEach,
  type ConnectionShape,
  type PageRequest,
  type PagePartition,
  type SortKey,
} from '../services/paging';

/** How to read a paged relation for many parents at once. */
export interface PagedRelation<T extends ObjectLiteral, F> {
  /** Every row of these parents matching `filter`, workspace-scoped. */
  rows: (parentIds: readonly string[], filter: F) => SelectQueryBuilder<T>;
  partition: PagePartition<T>;
  order: SortKey;
  /** The caller's workspace: cursors name rows of it only. */
  workspaceId: string;
}

export interface PagesByParent<T extends ObjectLiteral, F> {
  load(parentId: string, filter: F, page: PageRequest): Promise<ConnectionShape<T>>;
}

interface Request<F> {
  parentId: string;
  /** JSON of what the parents must share to be read in one statement. */
  group: string;
  filter: F;
  page: PageRequest;
}

/** Runs `read` once per group of keys; a failing group (bad page arguments) fails only its own keys. */
async function byGroup<K extends { parentId: string; group: string }, V>(
  keys: readonly K[],
  read: (parentIds: string[], sample: K) => Promise<Map<string, V>>,
): Promise<(V | Error)[]> {
  const groups = new Map<string, K[]>();
  for (const key of keys) groups.set(key.group, [...(groups.get(key.group) ?? []), key]);
  const results = new Map<string, Map<string, V> | Error>();
  await Promise.all(
    [...groups].map(async ([group, members]) => {
      const parentIds = [...new Set(members.map((member) => member.parentId))];
      results.set(group, await read(parentIds, members[0]!).catch((error: Error) => error));
    }),
  );
  return keys.map((key) => {
    const result = results.get(key.group)!;
    return result instanceof Error ? result : result.get(key.parentId)!;
  });
}

/**
 * A paged relation (`campaign.recipients(first:)`, `customer.conversations(first:)`) for every
 * parent of a list: the parents asking for the same page share one statement, and `totalCount`
 * one grouped count.
 */
export function pagesByParent<T extends ObjectLiteral & { id: string }, F>(
  relation: PagedRelation<T, F>,
): PagesByParent<T, F> {
  const cacheKeyFn = (key: { parentId: string; group: string }) => `${key.group}|${key.parentId}`;
  const pages = new DataLoader<Request<F>, Omit<ConnectionShape<T>, 'countTotal'>, string>(
    (keys) =>
      byGroup(keys, (parentIds, { filter, page }) =>
        paginateEach(
          relation.rows(parentIds, filter),
          relation.partition,
          parentIds,
          relation.order,
          page,
          relation.workspaceId,
        ),
      ),
    { cacheKeyFn },
  );
  const counts = new DataLoader<Omit<Request<F>, 'page'>, number, string>(
    (keys) =>
      byGroup(keys, (parentIds, { filter }) =>
        countEach(relation.rows(parentIds, filter), relation.partition, relation.order.idColumn, parentIds),
      ),
    { cacheKeyFn },
  );
  return {
    async load(parentId, filter, page) {
      const { first, after, last, before } = page;
      const filterKey = JSON.stringify(filter ?? null);
      const pageKey = JSON.stringify([filterKey, first, after, last, before]);
      const connection = await pages.load({ parentId, group: pageKey, filter, page });
      return {
        ...connection,
        countTotal: () => counts.load({ parentId, group: filterKey, filter }),
      };
    },
  };
}
