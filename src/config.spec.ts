import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { withDevelopmentSecret } from './development-secret';

const base = { APP_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/omnitray-config-spec' };

describe('config', () => {
  it('has working defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      redisUrl: undefined,
      embeddedPostgresPort: 54329,
      signIn: {
        accessTokenTtlMinutes: 15,
        refreshTokenTtlDays: 30,
        inviteTtlHours: 72,
        passwordResetTtlMinutes: 60,
        maxFailuresPerAccount: 5,
        maxFailuresPerAddress: 20,
        lockoutSeconds: 900,
      },
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
    ['RATE_LIMIT_COST_PER_MINUTE', '0', /RATE_LIMIT_COST_PER_MINUTE must be between 1 and 9007199254740991/],
    ['RATE_LIMIT_COST_PER_MINUTE', '9007199254740993', /must be between 1 and 9007199254740991/],
    ['OUTBOUND_ALLOW_PRIVATE', 'sometimes', /OUTBOUND_ALLOW_PRIVATE must be true or false/],
    ['OUTBOUND_ALLOWED_HOSTS', 'https://graph.example.com', /OUTBOUND_ALLOWED_HOSTS must list host names/],
    ['OUTBOUND_ALLOWED_HOSTS', 'graph.example.com:443', /OUTBOUND_ALLOWED_HOSTS must list host names/],
    ['SIGN_IN_MAX_FAILURES', '0', /SIGN_IN_MAX_FAILURES must be between 1 and 100/],
    ['ACCESS_TOKEN_TTL_MINUTES', '15m', /ACCESS_TOKEN_TTL_MINUTES must be a whole number/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN must be at least 16 characters/],
    ['METRICS_TOKEN', 'a token with spaces in it', /METRICS_TOKEN must be printable ASCII without spaces/],
    ['METRICS_PORT', '9090x', /METRICS_PORT must be a whole number/],
    ['METRICS_PORT', '4000', /METRICS_PORT must differ from PORT/],
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

  it('reads CORS_ORIGINS as normalised origins; unset, this machine in development and none otherwise', () => {
    expect(
      loadConfig({
        ...base,
        CORS_ORIGINS: ' https://App.Example.com/ , http://localhost:* ,https://x.test:443',
      }).corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:*', 'https://x.test']);
    expect(loadConfig(base)).toMatchObject({
      development: true,
      corsOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
    });
    const onDatabase = { ...base, DATABASE_URL: 'postgres://db/omnitray' };
    expect(loadConfig(onDatabase)).toMatchObject({ development: false, corsOrigins: [] });
    expect(loadConfig({ ...onDatabase, NODE_ENV: 'development' }).development).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'production' })).toMatchObject({
      development: false,
      corsOrigins: [],
    });
    for (const bad of [
      'app.example.com',
      'https://app.example.com/path',
      'https://*.example.com',
      'ftp://x.test',
      '*',
      'https://x.test:*:1',
    ]) {
      expect(() => loadConfig({ ...base, CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS must list origins/);
    }
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

  it('opens /metrics to a token, to a port of its own, or outside production; refuses it otherwise', () => {
    const token = 'scrape-token-0123456789';
    const production = { ...base, NODE_ENV: 'production' };
    expect(loadConfig(base).metrics).toEqual({ token: null, port: null, access: 'open' });
    expect(loadConfig(production).metrics).toEqual({ token: null, port: null, access: 'refused' });
    expect(loadConfig({ ...production, METRICS_TOKEN: token }).metrics).toEqual({
      token,
      port: null,
      access: 'token',
    });
    expect(loadConfig({ ...production, METRICS_PORT: '9464' }).metrics).toEqual({
      token: null,
      port: 9464,
      access: 'open',
    });
    expect(loadConfig({ ...base, METRICS_PORT: '9464', METRICS_TOKEN: token }).metrics.access).toBe('token');
  });

  it('requires APP_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: base.DATA_DIR })).toThrow(
      /APP_SECRET is required/,
    );
  });

  it('reads empty values as unset and the accepted spellings of true and false', () => {
    const config = loadConfig({ ...base, PORT: '', HOST: '', RUN_JOBS: 'OFF', SEED_DEMO: 'yes' });
    expect(config).toMatchObject({ port: 4000, host: '0.0.0.0', runJobs: false, seedDemo: true });
  });

  it('takes any positive safe integer as the query-cost budget', () => {
    expect(loadConfig({ ...base, RATE_LIMIT_COST_PER_MINUTE: '50000000' }).rateLimitCostPerMinute).toBe(
      50_000_000,
    );
    expect(
      loadConfig({ ...base, RATE_LIMIT_COST_PER_MINUTE: String(Number.MAX_SAFE_INTEGER) })
        .rateLimitCostPerMinute,
    ).toBe(Number.MAX_SAFE_INTEGER);
  });

  describe('files', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'omnitray-config-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('parsing touches no file, with or without APP_SECRET', () => {
      const dataDir = path.join(root, 'data');
      expect(loadConfig({ ...base, DATA_DIR: dataDir }).dataDir).toBe(dataDir);
      expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(/APP_SECRET is required/);
      expect(readdirSync(root)).toEqual([]);
    });

    it('the development secret is generated once into DATA_DIR and kept', () => {
      const dataDir = path.join(root, 'data');
      const first = withDevelopmentSecret({ DATA_DIR: dataDir });
      expect(first.APP_SECRET).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(path.join(dataDir, 'app-secret')).mode & 0o777).toBe(0o600);
      expect(withDevelopmentSecret({ DATA_DIR: dataDir }).APP_SECRET).toBe(first.APP_SECRET);
      expect(loadConfig(first).appSecret).toBe(first.APP_SECRET);
    });

    it('no development secret when APP_SECRET is set or in production', () => {
      const dataDir = path.join(root, 'data');
      expect(withDevelopmentSecret({ ...base, DATA_DIR: dataDir }).APP_SECRET).toBe(base.APP_SECRET);
      expect(withDevelopmentSecret({ NODE_ENV: 'production', DATA_DIR: dataDir }).APP_SECRET).toBeUndefined();
      expect(readdirSync(root)).toEqual([]);
    });
  });
});
