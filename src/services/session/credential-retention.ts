import { type DataSource } from 'typeorm';

/** How long a dead token row is kept after its end, for support questions ("was it used?"). */
export const SPENT_CREDENTIAL_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes refresh tokens past their expiry and one-time tokens expired or used, a day after the
 * fact. Nothing live is touched: a rotated refresh token stays until it expires, so its reuse still
 * revokes the family; past expiry it is refused anyway. Returns the rows deleted.
 */
export async function pruneSpentCredentials(dataSource: DataSource, now: Date): Promise<number> {
  const before = new Date(now.getTime() - SPENT_CREDENTIAL_RETENTION_MS);
  const [, refresh] = (await dataSource.query(`DELETE FROM refresh_token WHERE expires_at < $1`, [
    before,
  ])) as [unknown[], number];
  const [, oneTime] = (await dataSource.query(
    `DELETE FROM one_time_token WHERE expires_at < $1 OR used_at < $1`,
    [before],
  )) as [unknown[], number];
  return refresh + oneTime;
}
