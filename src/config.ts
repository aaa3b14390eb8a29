import path from 'node:path';
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

// The messages leave out the variable: ConfigError puts its name in front.
const boundedNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: (issue) => `must be a whole number, got "${String(issue.input)}"` })
    .transform(Number)
    .refine((value) => value >= min && value <= max, {
      error: (issue) => `must be between ${min} and ${max}, got ${String(issue.input)}`,
    });

const wholeNumber = (fallback: number, min: number, max: number) => boundedNumber(min, max).default(fallback);

const trueOrFalse = () =>
  z.stringbool({
    truthy: ['1', 'true', 'yes', 'on'],
    falsy: ['0', 'false', 'no', 'off'],
    error: (issue) => `must be true or false, got "${String(issue.input)}"`,
  });

const flag = (fallback: boolean) => trueOrFalse().default(fallback);

const url = (protocols: string[]) =>
  z
    .string()
    .refine((raw) => URL.canParse(raw), { error: 'must be a URL', abort: true })
    .refine((raw) => protocols.includes(new URL(raw).protocol), {
      error: (issue) => `must use ${protocols.join(' or ')}, got ${new URL(String(issue.input)).protocol}`,
    });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z
    .enum(values, { error: (issue) => `must be one of ${values.join(', ')}, got "${String(issue.input)}"` })
    .default(fallback);

const sqlIdentifier = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      error: (issue) =>
        `must be a lower-case SQL identifier (letters, digits, _), got "${String(issue.input)}"`,
    })
    .default(fallback);

const DAY_MS = 24 * 60 * 60 * 1000;

const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Comma-separated host names or IP addresses, lower-cased, without a trailing dot. */
const hostList = z
  .string()
  .transform((raw, ctx) => {
    const hosts: string[] = [];
    for (const entry of raw.split(',')) {
      const host = entry.trim().toLowerCase().replace(/\.$/, '');
      if (!HOST_NAME.test(host)) {
        ctx.issues.push({
          code: 'custom',
          input: raw,
          message: `must list host names separated by commas (no scheme, port or path), got "${entry.trim()}"`,
        });
        return z.NEVER;
      }
      hosts.push(host);
    }
    return hosts;
  })
  .default([]);

/**
 * Comma-separated browser origins (`scheme://host[:port]`, no path); a port of `*` stands for any
 * port of that scheme and host. Normalised as browsers send them in `Origin`.
 */
const originList = z.string().transform((raw, ctx) => {
  const origins: string[] = [];
  for (const entry of raw.split(',')) {
    const given = entry.trim();
    if (given === '') continue;
    const anyPort = given.endsWith(':*');
    const candidate = anyPort ? given.slice(0, -2) : given;
    const parsed = URL.canParse(candidate) ? new URL(candidate) : null;
    const plain =
      parsed &&
      ['http:', 'https:'].includes(parsed.protocol) &&
      parsed.username === '' &&
      parsed.password === '' &&
      parsed.search === '' &&
      parsed.hash === '' &&
      !parsed.hostname.includes('*') &&
      /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/?$/i.test(candidate) &&
      !(anyPort && parsed.port !== '');
    if (!plain) {
      ctx.issues.push({
        code: 'custom',
        input: raw,
        message: `must list origins like https://app.example.com or http://localhost:* separated by commas (no path, no wildcard host), got "${given}"`,
      });
      return z.NEVER;
    }
    origins.push(anyPort ? `${parsed.origin}:*` : parsed.origin);
  }
  return origins;
});

/** The environment the process reads, by variable name; an empty value counts as unset. */
const variables = z.object({
  PORT: wholeNumber(4000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value) return [];
      const nodes = value.split(',').map((node) => node.trim());
      const parsed = nodes.map((node) => /^([^\s:]+):(\d{1,5})$/.exec(node));
      if (parsed.some((match) => !match || Number(match[2]) > 65535)) {
        context.addIssue({ code: 'custom', message: 'must be a comma-separated list of host:port' });
        return z.NEVER;
      }
      return parsed.map((match) => ({ host: match![1]!, port: Number(match![2]) }));
    }),
  DATA_DIR: z
    .string()
    .default('.data')
    .transform((dir) => path.resolve(dir)),
  EMBEDDED_PG_PORT: wholeNumber(54329, 1, 65535),
  NODE_ENV: z.string().optional(),
  APP_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  SESSION_TTL_MINUTES: wholeNumber(12 * 60, 1, 60 * 24 * 30),
  ACCESS_TOKEN_TTL_MINUTES: wholeNumber(15, 1, 24 * 60),
  REFRESH_TOKEN_TTL_DAYS: wholeNumber(30, 1, 365),
  INVITE_TTL_HOURS: wholeNumber(72, 1, 30 * 24),
  PASSWORD_RESET_TTL_MINUTES: wholeNumber(60, 5, 24 * 60),
  SIGN_IN_MAX_FAILURES: wholeNumber(5, 1, 100),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: wholeNumber(20, 1, 100_000),
  SIGN_IN_LOCKOUT_SECONDS: wholeNumber(15 * 60, 1, 24 * 60 * 60),
  PRESENCE_GRACE_SECONDS: wholeNumber(60, 0, 24 * 60 * 60),
  PRESENCE_HEARTBEAT_SECONDS: wholeNumber(20, 1, 60 * 60),
  LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error', 'silent'], 'info'),
  GRAPH_API_BASE_URL: url(['http:', 'https:']).default('https://graph.facebook.com'),
  GRAPH_API_VERSION: z.string().default('v21.0'),
  EVENT_RETENTION_DAYS: wholeNumber(7, 1, 365),
  MAX_BODY_BYTES: wholeNumber(1_000_000, 1_000, 50_000_000),
  WEBHOOK_MAX_BODY_BYTES: wholeNumber(3_000_000, 1_000, 50_000_000),
  RATE_LIMIT_COST_PER_MINUTE: wholeNumber(50_000, 1, Number.MAX_SAFE_INTEGER),
  MAX_SUBSCRIPTIONS_PER_CREDENTIAL: wholeNumber(100, 1, 1_000_000),
  PERSISTED_QUERY_TTL_SECONDS: wholeNumber(24 * 60 * 60, 1, 365 * 24 * 60 * 60),
  CREDENTIAL_CACHE_SECONDS: wholeNumber(10, 0, 300),
  RUN_JOBS: flag(true),
  JOB_SCHEMA: sqlIdentifier('pgboss'),
  SEED_DEMO: flag(true),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url(['http:', 'https:']).optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_MODEL: z.string().default('claude-3-5-haiku-latest'),
  OLLAMA_BASE_URL: url(['http:', 'https:']).optional(),
  OLLAMA_MODEL: z.string().default('llama3.1'),
  AI_TIMEOUT_MS: wholeNumber(20_000, 100, 300_000),
  AI_STRUCTURED_OUTPUT: oneOf(['functionCalling', 'jsonSchema', 'jsonMode'], 'functionCalling'),
  /** The earlier name of OUTBOUND_ALLOW_PRIVATE, when it covered partner webhooks only. */
  ALLOW_PRIVATE_WEBHOOK_URLS: flag(false),
  OUTBOUND_ALLOW_PRIVATE: trueOrFalse().optional(),
  OUTBOUND_ALLOWED_HOSTS: hostList,
  GRAPH_SANDBOX: trueOrFalse().optional(),
  GRAPH_SANDBOX_STATUS_DELAY_MS: wholeNumber(1_500, 0, 60_000),
  METRICS_TOKEN: z
    .string()
    .min(16, { error: 'must be at least 16 characters' })
    .regex(/^[\x21-\x7e]+$/, {
      error: 'must be printable ASCII without spaces (it is sent as a Bearer token)',
    })
    .optional(),
  METRICS_PORT: boundedNumber(0, 65535).optional(),
  CORS_ORIGINS: originList.optional(),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  MEDIA_STORAGE: oneOf(['postgres', 's3'], 'postgres'),
  MEDIA_URL_TTL_SECONDS: wholeNumber(300, 10, 7 * 24 * 60 * 60),
  MEDIA_RETENTION_DAYS: boundedNumber(1, 36_500).optional(),
  MEDIA_S3_BUCKET: z.string().optional(),
  MEDIA_S3_ENDPOINT: url(['http:', 'https:']).optional(),
  MEDIA_S3_REGION: z.string().default('us-east-1'),
  MEDIA_S3_ACCESS_KEY_ID: z.string().optional(),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().optional(),
  MEDIA_S3_FORCE_PATH_STYLE: flag(false),
  MEDIA_S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()/-]*$/, {
      error: "must be an S3 key prefix (letters, digits, ! _ . * ' ( ) / -)",
    })
    .default(''),
  DB_POOL_SIZE: wholeNumber(10, 2, 1_000),
  DB_JOB_POOL_SIZE: wholeNumber(10, 1, 1_000),
  DB_STATEMENT_TIMEOUT_MS: wholeNumber(5_000, 0, DAY_MS),
  DB_JOB_STATEMENT_TIMEOUT_MS: wholeNumber(60_000, 0, DAY_MS),
  DB_LOCK_TIMEOUT_MS: wholeNumber(2_000, 0, DAY_MS),
  DB_POOL_WAIT_MS: wholeNumber(5_000, 0, DAY_MS),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: wholeNumber(30_000, 0, DAY_MS),
  DB_PARALLEL_WORKERS: wholeNumber(0, 0, 64),
  TENANT_EXPENSIVE_CONCURRENCY: boundedNumber(1, 1_000).optional(),
  TENANT_EXPENSIVE_QUEUE: wholeNumber(20, 0, 100_000),
  TENANT_EXPENSIVE_QUEUE_TIMEOUT_MS: wholeNumber(5_000, 0, 10 * 60_000),
  TENANT_EXPENSIVE_COST: wholeNumber(1_000, 1, Number.MAX_SAFE_INTEGER),
  TENANT_EXPENSIVE_SECONDS_PER_MINUTE: wholeNumber(30, 0, 100_000),
});

/** What a development machine gets without CORS_ORIGINS: pages served from this machine, any port. */
export const DEVELOPMENT_CORS_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

const configSchema = variables.transform((env, ctx) => {
  if (env.APP_SECRET === undefined) {
    ctx.issues.push({
      code: 'custom',
      input: env,
      path: ['APP_SECRET'],
      message:
        env.NODE_ENV === 'production'
          ? 'is required when NODE_ENV=production'
          : 'is required (outside production `npm start` and the CLI generate one into DATA_DIR)',
    });
    return z.NEVER;
  }
  const production = env.NODE_ENV === 'production';
  const media = mediaConfig(env, ctx);
  if (!media) return z.NEVER;
  // Development: NODE_ENV=development, or the embedded database of a bare `npm start`. A server on
  // a real database without NODE_ENV gets the production defaults (no open introspection, no CORS).
  const development = env.NODE_ENV === 'development' || (!production && env.DATABASE_URL === undefined);
  const graphSandbox = env.GRAPH_SANDBOX ?? development;
  if (graphSandbox && production) {
    // The demo channel must never answer for Meta in production.
    ctx.issues.push({
      code: 'custom',
      input: env,
      path: ['GRAPH_SANDBOX'],
      message: 'cannot be on when NODE_ENV=production',
    });
    return z.NEVER;
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    ctx.issues.push({
      code: 'custom',
      input: env,
      path: ['METRICS_PORT'],
      message: 'must differ from PORT (unset it to serve /metrics on PORT)',
    });
    return z.NEVER;
  }
  // Each workspace keeps at least one API connection free for the others.
  const tenantConcurrency = env.TENANT_EXPENSIVE_CONCURRENCY ?? Math.max(1, Math.floor(env.DB_POOL_SIZE / 4));
  if (tenantConcurrency >= env.DB_POOL_SIZE) {
    ctx.issues.push({
      code: 'custom',
      input: env,
      path: ['TENANT_EXPENSIVE_CONCURRENCY'],
      message: `must be less than DB_POOL_SIZE (${env.DB_POOL_SIZE}), got ${tenantConcurrency}`,
    });
    return z.NEVER;
  }
  // Who may read /metrics: the token's holders; anyone reaching its own port; anyone outside
  // production; nobody in production without either (its labels map the deployment).
  const metricsAccess: 'token' | 'open' | 'refused' =
    env.METRICS_TOKEN !== undefined
      ? 'token'
      : env.METRICS_PORT !== undefined || !production
        ? 'open'
        : 'refused';
  return {
    /** The development defaults apply: open introspection, localhost CORS, the explorer's demo token. */
    development,
    port: env.PORT,
    host: env.HOST,
    /** Unset: an embedded PostgreSQL is started under `dataDir`. */
    databaseUrl: env.DATABASE_URL,
    /** Unset: in-process pub/sub (one process only). */
    redisUrl: env.REDIS_URL,
    /** Set: the event fan-out runs on this Redis Cluster with sharded pub/sub (SSUBSCRIBE/SPUBLISH). */
    redisClusterNodes: env.REDIS_CLUSTER_NODES,
    dataDir: env.DATA_DIR,
    embeddedPostgresPort: env.EMBEDDED_PG_PORT,
    /** Signs session tokens and derives the key that encrypts channel secrets at rest. */
    appSecret: env.APP_SECRET,
    sessionTtlMinutes: env.SESSION_TTL_MINUTES,
    /** Password sign-in: token lifetimes and the brute-force lockout. */
    signIn: {
      /** Access tokens from sessionCreate/sessionRefresh; short, so a revoked session dies soon everywhere. */
      accessTokenTtlMinutes: env.ACCESS_TOKEN_TTL_MINUTES,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      inviteTtlHours: env.INVITE_TTL_HOURS,
      passwordResetTtlMinutes: env.PASSWORD_RESET_TTL_MINUTES,
      /** Failed sign-ins per e-mail, then per client address, before LOCKED_OUT. */
      maxFailuresPerAccount: env.SIGN_IN_MAX_FAILURES,
      maxFailuresPerAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      /** How long failures are counted, and how long a lockout lasts. */
      lockoutSeconds: env.SIGN_IN_LOCKOUT_SECONDS,
    },
    /** Agent presence over WebSocket sessions, shared by every process on Redis. */
    presence: {
      /** How long after an agent's last session ends they become OFFLINE. */
      graceSeconds: env.PRESENCE_GRACE_SECONDS,
      /** How often each process renews the leases of its sessions; a lease lasts three beats. */
      heartbeatSeconds: env.PRESENCE_HEARTBEAT_SECONDS,
    },
    logLevel: env.LOG_LEVEL,
    graphApiBaseUrl: env.GRAPH_API_BASE_URL,
    graphApiVersion: env.GRAPH_API_VERSION,
    eventRetentionDays: env.EVENT_RETENTION_DAYS,
    maxBodyBytes: env.MAX_BODY_BYTES,
    webhookMaxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES,
    rateLimitCostPerMinute: env.RATE_LIMIT_COST_PER_MINUTE,
    /** Active subscriptions one credential may hold over all its connections and processes. */
    maxSubscriptionsPerCredential: env.MAX_SUBSCRIPTIONS_PER_CREDENTIAL,
    /** How long an automatic persisted query stays known after it was registered. */
    persistedQueryTtlSeconds: env.PERSISTED_QUERY_TTL_SECONDS,
    /** How long a verified caller is kept per process (0: read on every request); see CredentialCache. */
    credentialCacheSeconds: env.CREDENTIAL_CACHE_SECONDS,
    runJobs: env.RUN_JOBS,
    /** PostgreSQL schema of the job queue (tests give each app its own). */
    jobSchema: env.JOB_SCHEMA,
    seedDemo: env.SEED_DEMO,
    openaiApiKey: env.OPENAI_API_KEY,
    openaiBaseUrl: env.OPENAI_BASE_URL,
    openaiModel: env.OPENAI_MODEL,
    anthropicApiKey: env.ANTHROPIC_API_KEY,
    anthropicModel: env.ANTHROPIC_MODEL,
    ollamaBaseUrl: env.OLLAMA_BASE_URL,
    ollamaModel: env.OLLAMA_MODEL,
    aiTimeoutMs: env.AI_TIMEOUT_MS,
    /** How OpenAI-compatible servers are asked for structured answers (servers differ in what they support). */
    aiStructuredOutput: env.AI_STRUCTURED_OUTPUT,
    /**
     * Development and tests: outbound requests (channel Graph API calls, partner webhooks) may use
     * http and reach loopback and private addresses.
     */
    outboundAllowPrivate: env.OUTBOUND_ALLOW_PRIVATE ?? env.ALLOW_PRIVATE_WEBHOOK_URLS,
    /** Hosts a channel's Graph API base URL may name besides Meta's own (and GRAPH_API_BASE_URL's). */
    outboundAllowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
    /**
     * The demo's WhatsApp channel talks to a Graph API sandbox served by this process under
     * `/sandbox/graph` (no network). Never in production.
     */
    graphSandbox,
    /** The sandbox's pause before each delivery status it reports (sent, delivered, read). */
    graphSandboxStatusDelayMs: env.GRAPH_SANDBOX_STATUS_DELAY_MS,
    /** Prometheus `/metrics`. */
    metrics: {
      /** The Bearer token every scrape must send; unset: none. */
      token: env.METRICS_TOKEN ?? null,
      /** Served on this port (same HOST) instead of PORT; unset: on PORT. 0 picks a free port (tests). */
      port: env.METRICS_PORT ?? null,
      access: metricsAccess,
    },
    /**
     * Browser origins allowed to call the API (CORS) and to open its WebSocket; `host:*` is any
     * port. Unset: this machine's pages in development, none otherwise.
     */
    corsOrigins: env.CORS_ORIGINS ?? (development ? DEVELOPMENT_CORS_ORIGINS : []),
    /** The origin clients reach this server at (behind a proxy); media URLs are built on it. Unset: each request's own. */
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    media,
    /** The two connection pools and the time limits PostgreSQL enforces on their sessions (0: none). */
    database: {
      /** API requests (HTTP, WebSocket, webhooks). */
      poolSize: env.DB_POOL_SIZE,
      /** Job workers of this process, apart so a burst of jobs never takes the requests' connections. */
      jobPoolSize: env.DB_JOB_POOL_SIZE,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      jobStatementTimeoutMs: env.DB_JOB_STATEMENT_TIMEOUT_MS,
      /** Waiting for a free connection of the API pool before TIMEOUT (POOL); jobs wait their turn. */
      poolWaitMs: env.DB_POOL_WAIT_MS,
      /** Waiting for a row or table lock, on both pools. */
      lockTimeoutMs: env.DB_LOCK_TIMEOUT_MS,
      /** A transaction that waits on its client this long is ended by the server, on both pools. */
      idleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      /** Parallel workers a statement of the API pool may start (jobs keep PostgreSQL's setting). */
      parallelWorkersPerGather: env.DB_PARALLEL_WORKERS,
    },
    /**
     * The fair share of the API pool: expensive operations (searches, large pages) one workspace
     * runs at once in this process, how many more may wait, and for how long.
     */
    tenantShare: {
      concurrency: tenantConcurrency,
      queueLimit: env.TENANT_EXPENSIVE_QUEUE,
      queueTimeoutMs: env.TENANT_EXPENSIVE_QUEUE_TIMEOUT_MS,
      /** Time a workspace's expensive operations may run per minute in this process, permits summed; 0: no limit. */
      timeBudgetMsPerMinute: env.TENANT_EXPENSIVE_SECONDS_PER_MINUTE * 1000,
      /** Operations of this query cost or more count as expensive, whatever they select. */
      expensiveCost: env.TENANT_EXPENSIVE_COST,
    },
  };
});

type Variables = z.output<typeof variables>;

/** Where attachments keep their bytes, how long download URLs live and how long media is kept. */
function mediaConfig(env: Variables, ctx: z.RefinementCtx<Variables>) {
  const credentials = [env.MEDIA_S3_ACCESS_KEY_ID, env.MEDIA_S3_SECRET_ACCESS_KEY];
  const problem =
    env.MEDIA_STORAGE === 's3' && !env.MEDIA_S3_BUCKET
      ? (['MEDIA_S3_BUCKET', 'is required when MEDIA_STORAGE=s3'] as const)
      : credentials.filter(Boolean).length === 1
        ? (['MEDIA_S3_ACCESS_KEY_ID', 'and MEDIA_S3_SECRET_ACCESS_KEY must be set together'] as const)
        : null;
  if (problem) {
    ctx.issues.push({ code: 'custom', input: env, path: [problem[0]], message: problem[1] });
    return null;
  }
  return {
    storage: env.MEDIA_STORAGE,
    /** Lifetime of the signed download URLs the API hands out. */
    urlTtlSeconds: env.MEDIA_URL_TTL_SECONDS,
    /** Days an attachment's bytes are kept; undefined keeps them forever. */
    retentionDays: env.MEDIA_RETENTION_DAYS,
    s3: env.MEDIA_S3_BUCKET
      ? {
          bucket: env.MEDIA_S3_BUCKET,
          endpoint: env.MEDIA_S3_ENDPOINT,
          region: env.MEDIA_S3_REGION,
          /** Unset: the AWS SDK's own chain (environment, profile, instance role). */
          credentials:
            env.MEDIA_S3_ACCESS_KEY_ID && env.MEDIA_S3_SECRET_ACCESS_KEY
              ? { accessKeyId: env.MEDIA_S3_ACCESS_KEY_ID, secretAccessKey: env.MEDIA_S3_SECRET_ACCESS_KEY }
              : undefined,
          forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE,
          prefix: env.MEDIA_S3_PREFIX,
        }
      : null,
  };
}

/** Everything the process reads from its environment, validated once at start-up. */
export type Config = z.output<typeof configSchema>;

export type SignInConfig = Config['signIn'];

export type MediaConfig = Config['media'];
export type S3MediaConfig = NonNullable<MediaConfig['s3']>;
export type DatabaseConfig = Config['database'];

export type TenantShareConfig = Config['tenantShare'];

function present(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

/** The data directory `loadConfig` would use, for the start-up steps that run before it. */
export function dataDirOf(env: Env): string {
  return variables.shape.DATA_DIR.parse(present(env).DATA_DIR);
}

/** Parses and checks the environment; reads and writes nothing else (see `withDevelopmentSecret`). */
/** DESIGN's names for the S3 store (`S3_BUCKET`…) read as their `MEDIA_S3_*` twins when those are unset. */
const S3_ALIASES = [
  'BUCKET',
  'ENDPOINT',
  'REGION',
  'ACCESS_KEY_ID',
  'SECRET_ACCESS_KEY',
  'FORCE_PATH_STYLE',
  'PREFIX',
];

function withS3Aliases(env: Env): Env {
  const aliased: Env = { ...env };
  for (const name of S3_ALIASES) {
    if (aliased[`MEDIA_S3_${name}`] === undefined && env[`S3_${name}`] !== undefined) {
      aliased[`MEDIA_S3_${name}`] = env[`S3_${name}`];
    }
  }
  return aliased;
}

export function loadConfig(env: Env = process.env): Config {
  const parsed = configSchema.safeParse(present(withS3Aliases(env)));
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
}
