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
    ['REDIS_CLUSTER_NODES', '127.0.0.1', /REDIS_CLUSTER_NODES must be a comma-separated list of host:port/],
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
    ['MEDIA_STORAGE', 'disk', /MEDIA_STORAGE must be one of postgres, s3/],
    ['MEDIA_STORAGE', 's3', /MEDIA_S3_BUCKET is required when MEDIA_STORAGE=s3/],
    [
      'MEDIA_S3_ACCESS_KEY_ID',
      'AKIA',
      /MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY must be set together/,
    ],
    ['MEDIA_RETENTION_DAYS', '0', /MEDIA_RETENTION_DAYS must be between 1 and 36500/],
    ['MEDIA_S3_ENDPOINT', 'minio:9000', /MEDIA_S3_ENDPOINT must use http: or https:/],
    ['PUBLIC_URL', 'ftp://api.example.com', /PUBLIC_URL must use http: or https:/],
    ['DB_POOL_SIZE', '1', /DB_POOL_SIZE must be between 2 and 1000/],
    ['DB_JOB_POOL_SIZE', '0', /DB_JOB_POOL_SIZE must be between 1 and 1000/],
    ['DB_STATEMENT_TIMEOUT_MS', '5s', /DB_STATEMENT_TIMEOUT_MS must be a whole number/],
    ['DB_JOB_STATEMENT_TIMEOUT_MS', '-1', /DB_JOB_STATEMENT_TIMEOUT_MS must be a whole number/],
    ['DB_LOCK_TIMEOUT_MS', '86400001', /DB_LOCK_TIMEOUT_MS must be between 0 and 86400000/],
    [
      'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      'never',
      /DB_IDLE_IN_TRANSACTION_TIMEOUT_MS must be a whole number/,
    ],
    ['TENANT_EXPENSIVE_CONCURRENCY', '0', /TENANT_EXPENSIVE_CONCURRENCY must be between 1 and 1000/],
    [
      'TENANT_EXPENSIVE_CONCURRENCY',
      '10',
      /TENANT_EXPENSIVE_CONCURRENCY must be less than DB_POOL_SIZE \(10\), got 10/,
    ],
    ['TENANT_EXPENSIVE_QUEUE', 'many', /TENANT_EXPENSIVE_QUEUE must be a whole number/],
    [
      'TENANT_EXPENSIVE_QUEUE_TIMEOUT_MS',
      '600001',
      /TENANT_EXPENSIVE_QUEUE_TIMEOUT_MS must be between 0 and 600000/,
    ],
    ['TENANT_EXPENSIVE_COST', '0', /TENANT_EXPENSIVE_COST must be between 1 and/],
  ])('a bad %s=%s stops with a message naming it', (name, value, message) => {
    const attempt = () => loadConfig({ ...base, [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it('keeps media in PostgreSQL and forever by default; S3 when asked', () => {
    expect(loadConfig(base).media).toEqual({
      storage: 'postgres',
      urlTtlSeconds: 300,
      retentionDays: undefined,
      s3: null,
    });
    const s3 = loadConfig({
      ...base,
      MEDIA_STORAGE: 's3',
      MEDIA_S3_BUCKET: 'media',
      MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
      MEDIA_RETENTION_DAYS: '90',
      PUBLIC_URL: 'https://api.example.com/',
    });
    expect(s3.media).toMatchObject({
      storage: 's3',
      retentionDays: 90,
      s3: {
        bucket: 'media',
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: undefined,
        prefix: '',
      },
    });
    expect(s3.publicUrl).toBe('https://api.example.com');
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

  it('sizes two pools and gives their sessions time limits: short for requests, longer for jobs', () => {
    expect(loadConfig(base).database).toEqual({
      poolSize: 10,
      jobPoolSize: 10,
      statementTimeoutMs: 5_000,
      jobStatementTimeoutMs: 60_000,
      lockTimeoutMs: 2_000,
      poolWaitMs: 5_000,
      idleInTransactionTimeoutMs: 30_000,
      parallelWorkersPerGather: 0,
    });
    expect(
      loadConfig({
        ...base,
        DB_POOL_SIZE: '40',
        DB_JOB_POOL_SIZE: '5',
        DB_STATEMENT_TIMEOUT_MS: '0',
        DB_JOB_STATEMENT_TIMEOUT_MS: '300000',
        DB_LOCK_TIMEOUT_MS: '500',
        DB_POOL_WAIT_MS: '0',
        DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '10000',
        DB_PARALLEL_WORKERS: '2',
      }).database,
    ).toEqual({
      poolSize: 40,
      jobPoolSize: 5,
      statementTimeoutMs: 0,
      jobStatementTimeoutMs: 300_000,
      lockTimeoutMs: 500,
      poolWaitMs: 0,
      idleInTransactionTimeoutMs: 10_000,
      parallelWorkersPerGather: 2,
    });
  });

  it('gives each workspace a quarter of the API pool for expensive operations unless told otherwise', () => {
    expect(loadConfig(base).tenantShare).toEqual({
      concurrency: 2,
      queueLimit: 20,
      queueTimeoutMs: 5_000,
      timeBudgetMsPerMinute: 30_000,
      expensiveCost: 1_000,
    });
    expect(loadConfig({ ...base, DB_POOL_SIZE: '40' }).tenantShare.concurrency).toBe(10);
    expect(loadConfig({ ...base, DB_POOL_SIZE: '3' }).tenantShare.concurrency).toBe(1);
    expect(
      loadConfig({
        ...base,
        TENANT_EXPENSIVE_CONCURRENCY: '9',
        TENANT_EXPENSIVE_QUEUE: '0',
        TENANT_EXPENSIVE_QUEUE_TIMEOUT_MS: '250',
        TENANT_EXPENSIVE_COST: '400',
        TENANT_EXPENSIVE_SECONDS_PER_MINUTE: '0',
      }).tenantShare,
    ).toEqual({
      concurrency: 9,
      queueLimit: 0,
      queueTimeoutMs: 250,
      timeBudgetMsPerMinute: 0,
      expensiveCost: 400,
    });
    expect(() => loadConfig({ ...base, TENANT_EXPENSIVE_SECONDS_PER_MINUTE: '-1' })).toThrow(
      /TENANT_EXPENSIVE_SECONDS_PER_MINUTE/,
    );
    // The share is checked against the pool it divides.
    expect(() => loadConfig({ ...base, DB_POOL_SIZE: '4', TENANT_EXPENSIVE_CONCURRENCY: '5' })).toThrow(
      /TENANT_EXPENSIVE_CONCURRENCY must be less than DB_POOL_SIZE \(4\)/,
    );
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
  it('reads S3_BUCKET, S3_ENDPOINT and S3_REGION as the MEDIA_S3_ variables when those are unset', () => {
    const config = loadConfig({
      ...base,
      MEDIA_STORAGE: 's3',
      S3_BUCKET: 'files',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_REGION: 'eu-west-1',
      MEDIA_S3_REGION: 'eu-south-2',
    });
    expect(config.media).toMatchObject({ storage: 's3' });
    expect(JSON.stringify(config.media)).toContain('files');
    expect(JSON.stringify(config.media)).toContain('http://127.0.0.1:9000');
    expect(JSON.stringify(config.media)).toContain('eu-south-2');
  });
  it('reads REDIS_CLUSTER_NODES as the seed nodes of the event fan-out cluster', () => {
    expect(loadConfig(base).redisClusterNodes).toEqual([]);
    expect(
      loadConfig({ ...base, REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001' }).redisClusterNodes,
    ).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-b', port: 7001 },
    ]);
  });
});
