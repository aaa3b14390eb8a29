import { Client } from 'pg';
import { testDatabaseUrl } from './test-environment';

export interface HeldRowLock {
  /** Sessions waiting for this lock now (PostgreSQL's own view: `pg_blocking_pids`). */
  waiting(): Promise<number>;
  /** Ends the holding transaction and its connection. */
  release(): Promise<void>;
}

/**
 * Locks one row `FOR UPDATE` in a transaction on a connection of its own, as a slow writer
 * elsewhere would, until `release`: whatever locks that row meanwhile waits for it.
 */
export async function holdRowLock(table: string, id: string): Promise<HeldRowLock> {
  const client = new Client({ connectionString: testDatabaseUrl(), application_name: 'omnitray-test-lock' });
  await client.connect();
  await client.query('BEGIN');
  const locked = await client.query(
    `SELECT 1 FROM ${client.escapeIdentifier(table)} WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (locked.rowCount !== 1) throw new Error(`No ${table} row ${id} to lock.`);
  const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
  // The holder is busy holding: another connection asks who waits for it.
  const probe = new Client({ connectionString: testDatabaseUrl(), application_name: 'omnitray-test-lock' });
  await probe.connect();
  let released = false;
  return {
    waiting: async () => {
      const { rows } = await probe.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
        [pid],
      );
      return (rows[0] as { n: number }).n;
    },
    release: async () => {
      if (released) return;
      released = true;
      await client.query('ROLLBACK').catch(() => undefined);
      await Promise.all([client.end(), probe.end()]);
    },
  };
}

/** Polls `check` until it holds (every 25 ms, at most `attempts` times); then fails naming `what`. */
export async function eventually(check: () => Promise<boolean>, what: string, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Still not the case after ${attempts} checks: ${what}`);
}
