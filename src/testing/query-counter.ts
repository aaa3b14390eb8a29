import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** Counts the SQL statements the app sends while `work` runs (every TypeORM query goes through here). */
export async function countStatements<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function (
    this: PostgresQueryRunner,
    query: string,
    ...rest: unknown[]
  ) {
    statements.push(query);
    return (original as (...args: unknown[]) => Promise<unknown>).call(this, query, ...rest);
  } as typeof original;
  try {
    return { result: await work(), statements };
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
}
