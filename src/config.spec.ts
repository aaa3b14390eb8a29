import { ConfigError, loadConfig } from './config';

const base = { APP_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/omnitray-config-spec' };

describe('config', () => {
  it('has working defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      redisUrl: undefined,
      embeddedPostgresPort: 54329,
    });
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must use postgres: or postgresql:/],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['RUN_JOBS', 'maybe', /RUN_JOBS must be true or false/],
    ['APP_SECRET', 'short', /APP_SECRET must be at least 32 characters/],
    ['JOB_SCHEMA', 'Bad-Name', /JOB_SCHEMA must be a lower-case SQL identifier/],
  ])('a bad %s=%s stops with a message naming it', (name, value, message) => {
    const attempt = () => loadConfig({ ...base, [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it('serves the Graph API sandbox by default only in development or on the embedded database', () => {
    expect(loadConfig(base).graphSandbox).toBe(true);
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://db/omnitray' }).graphSandbox).toBe(false);
    expect(
      loadConfig({ ...base, DATABASE_URL: 'postgres://db/omnitray', NODE_ENV: 'development' }).graphSandbox,
    ).toBe(true);
    expect(loadConfig({ ...base, GRAPH_SANDBOX: 'false' }).graphSandbox).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).graphSandbox).toBe(false);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', GRAPH_SANDBOX: 'true' })).toThrow(
      /GRAPH_SANDBOX cannot be on when NODE_ENV=production/,
    );
    expect(() => loadConfig({ ...base, GRAPH_SANDBOX_STATUS_DELAY_MS: '-1' })).toThrow(
      /GRAPH_SANDBOX_STATUS_DELAY_MS must be a whole number/,
    );
  });

  it('requires APP_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: base.DATA_DIR })).toThrow(
      /APP_SECRET is required/,
    );
  });
});
