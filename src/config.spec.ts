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
    ['OUTBOUND_ALLOW_PRIVATE', 'sometimes', /OUTBOUND_ALLOW_PRIVATE must be true or false/],
    ['OUTBOUND_ALLOWED_HOSTS', 'https://graph.example.com', /OUTBOUND_ALLOWED_HOSTS must list host names/],
    ['OUTBOUND_ALLOWED_HOSTS', 'graph.example.com:443', /OUTBOUND_ALLOWED_HOSTS must list host names/],
  ])('a bad %s=%s stops with a message naming it', (name, value, message) => {
    const attempt = () => loadConfig({ ...base, [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it('keeps outbound requests on public addresses unless switched, and reads the earlier switch name', () => {
    expect(loadConfig(base)).toMatchObject({ outboundAllowPrivate: false, outboundAllowedHosts: [] });
    expect(loadConfig({ ...base, OUTBOUND_ALLOW_PRIVATE: 'true' }).outboundAllowPrivate).toBe(true);
    expect(loadConfig({ ...base, ALLOW_PRIVATE_WEBHOOK_URLS: 'true' }).outboundAllowPrivate).toBe(true);
    expect(
      loadConfig({ ...base, ALLOW_PRIVATE_WEBHOOK_URLS: 'true', OUTBOUND_ALLOW_PRIVATE: 'false' })
        .outboundAllowPrivate,
    ).toBe(false);
    expect(
      loadConfig({ ...base, OUTBOUND_ALLOWED_HOSTS: ' Graph.Example.COM., 203.0.113.7 ' })
        .outboundAllowedHosts,
    ).toEqual(['graph.example.com', '203.0.113.7']);
  });

  it('requires APP_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: base.DATA_DIR })).toThrow(
      /APP_SECRET is required/,
    );
  });
});
