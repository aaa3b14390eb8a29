import { createHash } from 'node:crypto';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { invalidInput } from './errors';

/** A Relay page request, as the API's page arguments carry it. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfoShape;
  /** Counted only when the client asks for it. */
  countTotal: () => Promise<number>;
}

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ id }), 'utf8').toString('base64url');
}

function invalidCursor(argument: string) {
  return invalidInput(`\`${argument}\` is not a valid cursor.`, argument);
}

function decodeCursor(cursor: string, argument: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown };
    if (typeof parsed.id === 'string' && /^[0-9a-f-]{36}$/i.test(parsed.id)) return parsed.id;
  } catch {
    // fall through
  }
  throw invalidCursor(argument);
}

/** A short digest of what a cursor is valid for: it says nothing of the scope, but tells one from another. */
function scopeTag(scope: string): string {
  // Every cursor of a page has the same scope: one digest per page, not one per row.
  if (lastScope?.scope === scope) return lastScope.tag;
  const tag = createHash('sha256').update(scope).digest('base64url').slice(0, 12);
  lastScope = { scope, tag };
  return tag;
}
let lastScope: { scope: string; tag: string } | null = null;

/**
 * A cursor that carries its row's sort key (for lists merged from several tables, or ranked by a
 * computed score), so it stays valid whatever is inserted or removed around it. `scope` starts with
 * the workspace id: a cursor of another workspace (or another search) is as invalid as garbage.
 */
export function encodeKeyCursor(scope: string, key: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify({ s: scopeTag(scope), k: key }), 'utf8').toString('base64url');
}

/** The sort key of a cursor made by `encodeKeyCursor` for the same scope, checked by `valid` (its shape). */
export function decodeKeyCursor<K extends (string | number | null)[]>(
  cursor: string,
  scope: string,
  argument: string,
  valid: (key: unknown[]) => key is K,
): K {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      s?: unknown;
      k?: unknown;
    };
    if (parsed.s === scopeTag(scope) && Array.isArray(parsed.k) && valid(parsed.k)) return parsed.k;
  } catch {
    // fall through
  }
  throw invalidCursor(argument);
}

export function checkPageArgs(args: PageRequest): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value !== undefined && value !== null && (value < 1 || value > MAX_PAGE)) {
      throw invalidInput(`\`${name}\` must be between 1 and ${MAX_PAGE}.`, name);
    }
  }
  if (args.first != null && args.last != null) throw invalidInput('Use `first` or `last`, not both.', 'last');
}

export interface SortKey {
  /** Column of the sort, qualified with the query alias, e.g. `c.last_activity_at`. */
  column: string;
  /** Id column, qualified, the tie-breaker. */
  idColumn: string;
  /** Table the cursor row is read back from. */
  table: string;
  /** Unqualified sort column in `table`. */
  tableColumn: string;
  /**
   * When `column` is an expression (a nullable column made total with COALESCE), the same expression
   * over the cursor's row, aliased `cursor_row`.
   */
  cursorColumn?: string;
  direction: 'ASC' | 'DESC';
  /** Further sort values after `column`, before the id, each with its own direction. */
  then?: { column: string; cursorColumn: string; direction: 'ASC' | 'DESC' }[];
}

const flipped = (direction: 'ASC' | 'DESC') => (direction === 'DESC' ? 'ASC' : 'DESC');

/** Every sort value of a page in the order it is read, with its value on the cursor row. */
function sortColumns(
  key: SortKey,
  plan: PagePlan,
): { column: string; cursor: string; order: 'ASC' | 'DESC' }[] {
  return [
    { column: key.column, cursor: key.cursorColumn ?? `cursor_row.${key.tableColumn}`, order: plan.order },
    ...(key.then ?? []).map((then) => ({
      column: then.column,
      cursor: then.cursorColumn,
      order: plan.backward ? flipped(then.direction) : then.direction,
    })),
    { column: key.idColumn, cursor: 'cursor_row.id', order: plan.order },
  ];
}

function orderRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, key: SortKey, plan: PagePlan) {
  const [first, ...rest] = sortColumns(key, plan);
  query.orderBy(first!.column, first!.order);
  for (const column of rest) query.addOrderBy(column.column, column.order);
  return query;
}

interface PagePlan {
  size: number;
  backward: boolean;
  /** The order rows are read in: the key's direction, reversed when paging backward. */
  order: 'ASC' | 'DESC';
  cursorId: string | null;
  /**
   * The cursor row's sort values (as text, full database precision), when the cursor carries them:
   * the page is then read past those values without touching the cursor row. Null for cursors that
   * name only a row (issued before cursors carried their key), whose values are read back.
   */
  cursorValues: (string | null)[] | null;
}

/** Which way a page reads, how many rows, and from which cursor (still encoded). */
export interface PageWindow {
  size: number;
  backward: boolean;
  cursor: string | null;
  /** The argument the cursor came in, for error messages. */
  argument: 'after' | 'before';
}

export function pageWindow(args: PageRequest): PageWindow {
  checkPageArgs(args);
  const backward = args.last != null || (args.before != null && args.first == null);
  return {
    size: (backward ? args.last : args.first) ?? DEFAULT_PAGE,
    backward,
    cursor: (backward ? args.before : args.after) ?? null,
    argument: backward ? 'before' : 'after',
  };
}

/** What a list's key cursors are valid for: the workspace, the table and the sort. */
function keyScope(key: SortKey, workspaceId: string): string {
  const columns = [key.column, ...(key.then ?? []).map((then) => then.column), key.idColumn];
  return `${workspaceId}|${key.table}|${columns.join(',')}|${key.direction}`;
}

/** Sort values of a row, as the page statement reads them alongside it. */
function sortValueCount(key: SortKey): number {
  return 1 + (key.then?.length ?? 0);
}

const isKeyTuple =
  (length: number) =>
  (values: unknown[]): values is [string, ...(string | null)[]] =>
    values.length === length + 1 &&
    typeof values[0] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(values[0]) &&
    values.slice(1).every((value) => value === null || (typeof value === 'string' && value.length <= 100));

function planPage(key: SortKey, args: PageRequest, workspaceId: string): PagePlan {
  const window = pageWindow(args);
  const order = window.backward ? (key.direction === 'DESC' ? 'ASC' : 'DESC') : key.direction;
  const plan: PagePlan = {
    size: window.size,
    backward: window.backward,
    order,
    cursorId: null,
    cursorValues: null,
  };
  if (!window.cursor) return plan;
  if (isLegacyCursor(window.cursor)) {
    plan.cursorId = decodeCursor(window.cursor, window.argument);
    return plan;
  }
  const [id, ...values] = decodeKeyCursor(
    window.cursor,
    keyScope(key, workspaceId),
    window.argument,
    isKeyTuple(sortValueCount(key)),
  );
  plan.cursorId = id;
  plan.cursorValues = values;
  return plan;
}

/** A cursor of the first format, `{ id }`: still accepted, its sort values read from its row. */
function isLegacyCursor(cursor: string): boolean {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    return typeof parsed === 'object' && parsed !== null && 'id' in parsed && !('k' in parsed);
  } catch {
    return false;
  }
}

/**
 * Narrows to rows past the cursor; its sort value is read back in the same statement, from the
 * caller's workspace only: a cursor naming another workspace's row matches nothing.
 */
function applyCursor<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  key: SortKey,
  plan: PagePlan,
  workspaceId: string,
) {
  if (!plan.cursorId) return;
  if (plan.cursorValues) {
    applyKeyCursor(query, key, plan, plan.cursorValues);
    return;
  }
  const parameters = { cursorId: plan.cursorId, cursorWorkspaceId: workspaceId };
  if (!key.then?.length) {
    const op = plan.order === 'DESC' ? '<' : '>';
    const value = key.cursorColumn ?? `cursor_row.${key.tableColumn}`;
    query.andWhere(
      `(${key.column}, ${key.idColumn}) ${op} (SELECT ${value}, cursor_row.id FROM ${key.table} cursor_row WHERE cursor_row.id = :cursorId AND cursor_row.workspace_id = :cursorWorkspaceId)`,
      parameters,
    );
    return;
  }
  // Mixed directions: past the cursor on the first value that differs, equal on those before it.
  const columns = sortColumns(key, plan);
  const past = columns.map((column, index) => {
    const equal = columns.slice(0, index).map((before) => `${before.column} = ${before.cursor}`);
    const op = column.order === 'DESC' ? '<' : '>';
    return `(${[...equal, `${column.column} ${op} ${column.cursor}`].join(' AND ')})`;
  });
  query.andWhere(
    `EXISTS (SELECT 1 FROM ${key.table} cursor_row WHERE cursor_row.id = :cursorId AND cursor_row.workspace_id = :cursorWorkspaceId AND (${past.join(' OR ')}))`,
    parameters,
  );
}

/**
 * Narrows to rows past the sort values a cursor carries: a row comparison when every value reads
 * in one direction (an index in the sort order serves it as a range), else the expanded form.
 */
function applyKeyCursor<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  key: SortKey,
  plan: PagePlan,
  values: (string | null)[],
) {
  const parameters: Record<string, unknown> = { pageCursorId: plan.cursorId };
  values.forEach((value, index) => (parameters[`pageCursorK${index}`] = value));
  const columns = sortColumns(key, plan).map((column, index) => ({
    ...column,
    cursor: index < values.length ? `:pageCursorK${index}` : ':pageCursorId',
  }));
  if (!key.then?.length) {
    const op = plan.order === 'DESC' ? '<' : '>';
    query.andWhere(
      `(${columns.map((column) => column.column).join(', ')}) ${op} (${columns.map((column) => column.cursor).join(', ')})`,
      parameters,
    );
    return;
  }
  const past = columns.map((column, index) => {
    const equal = columns.slice(0, index).map((before) => `${before.column} = ${before.cursor}`);
    const op = column.order === 'DESC' ? '<' : '>';
    return `(${[...equal, `${column.column} ${op} ${column.cursor}`].join(' AND ')})`;
  });
  query.andWhere(`(${past.join(' OR ')})`, parameters);
}

/**
 * An empty page after a cursor may mean the cursor row is not the caller's: then the cursor is as
 * invalid as garbage, and says nothing about the row. (A non-empty page proves the row was found,
 * so this costs a statement only at the end of a list.)
 */
async function checkCursorRow<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  key: SortKey,
  plan: PagePlan,
  workspaceId: string,
): Promise<void> {
  // A key cursor was checked against the caller's workspace when it was decoded.
  if (!plan.cursorId || plan.cursorValues) return;
  const found = await query.connection.query(
    `SELECT 1 FROM ${key.table} WHERE id = $1 AND workspace_id = $2`,
    [plan.cursorId, workspaceId],
  );
  if ((found as unknown[]).length === 0) {
    const argument = plan.backward ? 'before' : 'after';
    throw invalidCursor(argument);
  }
}

/**
 * The page from up to `size + 1` rows read in the page's reading order (the extra row says there
 * are more), each with its cursor.
 */
export function pageFromRows<T>(
  rows: T[],
  plan: Pick<PageWindow, 'size' | 'backward'>,
  args: PageRequest,
  cursorOf: (row: T) => string,
): Omit<ConnectionShape<T>, 'countTotal'> {
  const more = rows.length > plan.size;
  const page = rows.slice(0, plan.size);
  if (plan.backward) page.reverse();
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: plan.backward ? Boolean(args.before) : more,
      hasPreviousPage: plan.backward ? more : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A page's rows, each with its sort values as text, read in one statement. */
async function rowsWithSortValues<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  key: SortKey,
): Promise<{ row: T; values: (string | null)[] }[]> {
  const expressions = [key.column, ...(key.then ?? []).map((then) => then.column)];
  expressions.forEach((expression, index) =>
    query.addSelect(`CAST(${expression} AS text)`, `page_k${index}`),
  );
  const { raw, entities } = await query.getRawAndEntities<Record<string, string | null>>();
  const idField = `${query.alias}_id`;
  const byId = new Map<string, (string | null)[]>();
  for (const rawRow of raw) {
    const id = rawRow[idField];
    if (id && !byId.has(id))
      byId.set(
        id,
        expressions.map((_, index) => rawRow[`page_k${index}`] ?? null),
      );
  }
  return entities.map((row) => ({ row, values: byId.get(row.id) ?? [] }));
}

function pageOf<T extends { id: string }>(
  rows: { row: T; values: (string | null)[] }[],
  plan: PagePlan,
  args: PageRequest,
  scope: string,
) {
  const page = pageFromRows(rows, plan, args, ({ row, values }) =>
    encodeKeyCursor(scope, [row.id, ...values]),
  );
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.row })) };
}

/**
 * Keyset pagination. A cursor carries its row's id and sort values, read as text in the page's own
 * statement (timestamps keep their full database precision), scoped to the workspace and the sort:
 * the next page reads past those values and never the cursor row itself, so no row is skipped or
 * repeated, even when the cursor's row has moved since. `countTotal` counts on demand; `count`
 * replaces it when the caller has a cheaper or shared count.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  key: SortKey,
  args: PageRequest,
  workspaceId: string,
  count?: () => Promise<number>,
): Promise<ConnectionShape<T>> {
  const plan = planPage(key, args, workspaceId);
  const countQuery = count ? null : query.clone();
  applyCursor(query, key, plan, workspaceId);
  const rows = await rowsWithSortValues(orderRows(query, key, plan).limit(plan.size + 1), key);
  if (rows.length === 0) await checkCursorRow(query, key, plan, workspaceId);
  return {
    ...pageOf(rows, plan, args, keyScope(key, workspaceId)),
    countTotal: count ?? (() => countQuery!.getCount()),
  };
}

/** Where each row of a partitioned page belongs: the column and the same value on the entity. */
export interface PagePartition<T> {
  /** Qualified column, e.g. `r.campaign_id`. */
  column: string;
  parentOf: (row: T) => string;
}

/**
 * The same page for many parents in one statement: `query` reads the rows of all `parentIds`, and
 * each parent gets what `paginate` would give it alone (a LATERAL read per parent, limited to its
 * page, so a large parent costs its page, not its size). Without `countTotal`: counts are batched
 * apart, see `countEach`.
 */
export async function paginateEach<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  partition: PagePartition<T>,
  parentIds: readonly string[],
  key: SortKey,
  args: PageRequest,
  workspaceId: string,
): Promise<Map<string, Omit<ConnectionShape<T>, 'countTotal'>>> {
  const plan = planPage(key, args, workspaceId);
  applyCursor(query, key, plan, workspaceId);
  const perParent = orderRows(
    query.clone().select(key.idColumn, 'id').andWhere(`${partition.column} = page_parent.id`),
    key,
    plan,
  ).limit(plan.size + 1);
  const rows = await rowsWithSortValues(
    orderRows(
      query.andWhere(
        `${key.idColumn} IN (SELECT paged.id FROM unnest(CAST(:pageParents AS uuid[])) page_parent(id) CROSS JOIN LATERAL (${perParent.getQuery()}) paged)`,
        { pageParents: [...parentIds] },
      ),
      key,
      plan,
    ),
    key,
  );
  if (rows.length === 0) await checkCursorRow(query, key, plan, workspaceId);
  const byParent = new Map<string, { row: T; values: (string | null)[] }[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) byParent.get(partition.parentOf(row.row))?.push(row);
  const scope = keyScope(key, workspaceId);
  return new Map(
    [...byParent].map(([parentId, parentRows]) => [parentId, pageOf(parentRows, plan, args, scope)]),
  );
}

/** How many rows of `query` each parent has, in one grouped statement (a parent without rows: 0). */
export async function countEach<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  partition: Pick<PagePartition<T>, 'column'>,
  idColumn: string,
  parentIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await query
    .select(partition.column, 'parent')
    .addSelect(`count(DISTINCT ${idColumn})::int`, 'count')
    .groupBy(partition.column)
    .getRawMany<{ parent: string; count: number }>();
  const counts = new Map(parentIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.parent, row.count);
  return counts;
}

/**
 * A Relay page over a list already read in order (small, bounded lists such as a team's members):
 * the same cursors and arguments as `paginate`. A cursor that names no item of the list is invalid.
 */
export function pageOfList<T extends { id: string }>(
  items: readonly T[],
  args: PageRequest,
): ConnectionShape<T> {
  checkPageArgs(args);
  const backward = args.last != null || (args.before != null && args.first == null);
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE;
  const cursor = backward ? args.before : args.after;
  let start = 0;
  let end = items.length;
  if (cursor) {
    const argument = backward ? 'before' : 'after';
    const index = items.findIndex((item) => item.id === decodeCursor(cursor, argument));
    if (index < 0) throw invalidInput(`\`${argument}\` is not a valid cursor.`, argument);
    if (backward) end = index;
    else start = index + 1;
  }
  const page = backward ? items.slice(Math.max(start, end - size), end) : items.slice(start, start + size);
  const first = items.indexOf(page[0]!);
  const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? end < items.length : start + size < end,
      hasPreviousPage: backward ? page.length > 0 && first > start : start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    countTotal: async () => items.length,
  };
}
