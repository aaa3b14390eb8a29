import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { SIGN_IN_COMMENT } from '../auth/authenticate';

/**
 * Counts the SQL statements the app sends while `work` runs (every TypeORM query goes through
 * here), with the parameters each was sent with, so a statement can be explained as it ran. The
 * statement that reads the caller is counted apart (`signIns`): a request makes it only when its
 * caller is not already verified in this process (CredentialCache), so it says nothing of the page.
 */
export async function countStatements<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[]; parameters: unknown[][]; signIns: string[] }> {
  const statements: string[] = [];
  const parameters: unknown[][] = [];
  const signIns: string[] = [];
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function (
    this: PostgresQueryRunner,
    query: string,
    ...rest: unknown[]
  ) {
    if (query.startsWith(`/* ${SIGN_IN_COMMENT} */`)) signIns.push(query);
    else {
      statements.push(query);
      parameters.push(Array.isArray(rest[0]) ? [...(rest[0] as unknown[])] : []);
    }
    return (original as (...args: unknown[]) => Promise<unknown>).call(this, query, ...rest);
  } as typeof original;
  try {
    return { result: await work(), statements, parameters, signIns };
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
}
