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

function decodeCursor(cursor: string, argument: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown };
    if (typeof parsed.id === 'string' && /^[0-9a-f-]{36}$/i.test(parsed.id)) return parsed.id;
  } catch {
    // fall through
  }
  throw invalidInput(`\`${argument}\` is not a valid cursor.`, argument);
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
  direction: 'ASC' | 'DESC';
}

/**
 * Keyset pagination. The cursor names a row; its sort value is read back in the same statement,
 * so timestamps keep their full database precision and no row is skipped or repeated.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  key: SortKey,
  args: PageRequest,
): Promise<ConnectionShape<T>> {
  checkPageArgs(args);
  const countQuery = query.clone();
  const backward = args.last != null || (args.before != null && args.first == null);
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE;
  const forwardOrder = key.direction;
  const order = backward ? (forwardOrder === 'DESC' ? 'ASC' : 'DESC') : forwardOrder;
  const cursorArg = backward ? 'before' : 'after';
  const cursor = backward ? args.before : args.after;
  if (cursor) {
    const id = decodeCursor(cursor, cursorArg);
    const op = order === 'DESC' ? '<' : '>';
    query.andWhere(
      `(${key.column}, ${key.idColumn}) ${op} (SELECT cursor_row.${key.tableColumn}, cursor_row.id FROM ${key.table} cursor_row WHERE cursor_row.id = :cursorId)`,
      { cursorId: id },
    );
  }
  const rows = await query
    .orderBy(key.column, order)
    .addOrderBy(key.idColumn, order)
    .limit(size + 1)
    .getMany();
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (backward) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? Boolean(args.before) : more,
      hasPreviousPage: backward ? more : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    countTotal: () => countQuery.getCount(),
  };
}
