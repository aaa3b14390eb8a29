import { Client } from 'pg';
import { type Config } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';

const EMBEDDED_USER = 'postgres:postgres';

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in the data directory — reused when
 * another Omnitray process (the server, say) already runs it, started here when not.
 */
export async function resolveDatabase(
  config: Config,
): Promise<{ url: string; stop: () => Promise<void>; embedded: boolean }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  const url = `postgres://${EMBEDDED_USER}@127.0.0.1:${config.embeddedPostgresPort}/omnitray`;
  if (await answers(url)) return { url, stop: async () => undefined, embedded: true };
  const database = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    persistent: true,
  });
  return { url: database.url, stop: database.stop, embedded: true };
}
