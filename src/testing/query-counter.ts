import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Counts the SQL statements the app sends while `work` runs (every TypeORM query goes through
 * here), with the parameters each was sent with, so a statement can be explained as it ran.
 */
export async function countStatements<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[]; parameters: unknown[][] }> {
  const statements: string[] = [];
  const parameters: unknown[][] = [];
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function (
    this: PostgresQueryRunner,
    query: string,
    ...rest: unknown[]
  ) {
    statements.push(query);
    parameters.push(Array.isArray(rest[0]) ? [...(rest[0] as unknown[])] : []);
    return (original as (...args: unknown[]) => Promise<unknown>).call(this, query, ...rest);
  } as typeof original;
  try {
    return { result: await work(), statements, parameters };
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
}
