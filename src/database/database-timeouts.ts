/** Which time limit of PostgreSQL stopped a statement or a session. */
export enum DatabaseTimeoutKind {
  /** `statement_timeout`: the statement ran longer than its pool allows (57014). */
  STATEMENT = 'statement',
  /** `lock_timeout`: the statement waited too long for a lock another session holds (55P03). */
  LOCK = 'lock',
  /** `idle_in_transaction_session_timeout`: a transaction waited on its client too long (25P03). */
  IDLE_IN_TRANSACTION = 'idle_in_transaction',
  /** The pool had no connection free for the pool's wait limit (pg-pool's `connectionTimeoutMillis`). */
  POOL = 'pool',
}

/** What pg-pool rejects a checkout with once its wait limit is over; it carries no code. */
const POOL_WAIT_MESSAGE = 'timeout exceeded when trying to connect';

/** The limits a pool's sessions start with; 0 turns one off, as in PostgreSQL. */
export interface SessionLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /**
   * `max_parallel_workers_per_gather`: with 0 a statement runs in its own backend only, so a pool
   * of N connections (and a tenant's share of it) takes at most N cores. Absent: PostgreSQL's own.
   */
  parallelWorkersPerGather?: number;
}

const KIND_BY_SQLSTATE: Readonly<Record<string, DatabaseTimeoutKind>> = {
  // query_canceled: statement_timeout, and a cancel request.
  '57014': DatabaseTimeoutKind.STATEMENT,
  // lock_not_available: lock_timeout (nothing here asks for NOWAIT).
  '55P03': DatabaseTimeoutKind.LOCK,
  '25P03': DatabaseTimeoutKind.IDLE_IN_TRANSACTION,
};

/**
 * The time limit behind an error, or null: the SQLSTATE of the driver's error, read through
 * TypeORM's `QueryFailedError` (`driverError`) and `cause` chains.
 */
export function databaseTimeoutOf(error: unknown): DatabaseTimeoutKind | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const { code, driverError, cause } = current as {
      code?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && Object.hasOwn(KIND_BY_SQLSTATE, code)) return KIND_BY_SQLSTATE[code]!;
    if (current instanceof Error && current.message === POOL_WAIT_MESSAGE) return DatabaseTimeoutKind.POOL;
    current = driverError ?? cause;
  }
  return null;
}

/**
 * The limits as the `options` startup parameter (`-c name=value`), so every session of the pool
 * has them from its first statement, without a round trip per connection.
 */
export function sessionOptions(limits: SessionLimits): string {
  return [
    `-c statement_timeout=${limits.statementTimeoutMs}`,
    `-c lock_timeout=${limits.lockTimeoutMs}`,
    `-c idle_in_transaction_session_timeout=${limits.idleInTransactionTimeoutMs}`,
    ...(limits.parallelWorkersPerGather === undefined
      ? []
      : [`-c max_parallel_workers_per_gather=${limits.parallelWorkersPerGather}`]),
  ].join(' ');
}
