import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '../database/data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { TEST_DATA_DIR, isCi } from './test-environment';

declare global {
  var __omnitrayTeardown: (() => Promise<void>) | undefined;
}

async function redisAnswers(url: string): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * One fresh database per test run (so concurrent runs never collide), migrated once; every test
 * then makes its own workspace. Uses DATABASE_URL's server when set, else an embedded PostgreSQL.
 */
export default async function globalSetup(): Promise<void> {
  const teardown: (() => Promise<void>)[] = [];
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: TEST_DATA_DIR,
      port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54330),
      persistent: false,
      database: 'postgres',
    });
    serverUrl = embedded.url;
    teardown.push(() => embedded.stop());
  }
  const database = `omnitray_test_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const testUrl = url.toString();

  const dataSource = createDataSource(testUrl, { poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  teardown.unshift(async () => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  });
  process.env.OMNITRAY_TEST_DATABASE_URL = testUrl;
  process.env.APP_SECRET ??= randomBytes(32).toString('hex');

  const redisUrl = process.env.REDIS_URL;
  if (redisUrl && (await redisAnswers(redisUrl))) {
    process.env.OMNITRAY_TEST_REDIS_URL = redisUrl;
  } else if (isCi()) {
    throw new Error(
      `CI=true but Redis does not answer at REDIS_URL (${redisUrl ?? 'unset'}): the Redis suites cannot run.`,
    );
  } else {
    console.warn(
      `\nRedis: ${redisUrl ? `no answer at ${redisUrl}` : 'REDIS_URL is unset'} — the suites that need Redis are skipped.\n`,
    );
  }
  globalThis.__omnitrayTeardown = async () => {
    for (const step of teardown) await step();
  };
}
