import path from 'node:path';

/** Where the test run's services are; written by the global setup, read by every test file. */
export const TEST_DATA_DIR = path.resolve(__dirname, '..', '..', '.data', 'test');

export function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

export function testDatabaseUrl(): string {
  const url = process.env.OMNITRAY_TEST_DATABASE_URL;
  if (!url) throw new Error('The jest global setup did not prepare a test database.');
  return url;
}

/** Redis for the suites that need it: REDIS_URL, or undefined (those suites then skip, or fail under CI). */
export function testRedisUrl(): string | undefined {
  return process.env.OMNITRAY_TEST_REDIS_URL || undefined;
}
