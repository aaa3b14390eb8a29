import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Everything the process reads from its environment, validated once at start-up. */
export interface Config {
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | undefined;
  /** Unset: in-process pub/sub (one process only). */
  redisUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  /** Signs session tokens and derives the key that encrypts channel secrets at rest. */
  appSecret: string;
  sessionTtlMinutes: number;
  signIn: SignInConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  graphApiBaseUrl: string;
  graphApiVersion: string;
  eventRetentionDays: number;
  maxBodyBytes: number;
  webhookMaxBodyBytes: number;
  rateLimitCostPerMinute: number;
  runJobs: boolean;
  /** PostgreSQL schema of the job queue (tests give each app its own). */
  jobSchema: string;
  seedDemo: boolean;
  openaiApiKey: string | undefined;
  openaiBaseUrl: string | undefined;
  openaiModel: string;
  anthropicApiKey: string | undefined;
  anthropicModel: string;
  ollamaBaseUrl: string | undefined;
  ollamaModel: string;
  aiTimeoutMs: number;
  /** How OpenAI-compatible servers are asked for structured answers (servers differ in what they support). */
  aiStructuredOutput: 'functionCalling' | 'jsonSchema' | 'jsonMode';
  allowPrivateWebhookUrls: boolean;
}

/** Password sign-in: token lifetimes and the brute-force lockout. */
export interface SignInConfig {
  /** Access tokens from sessionCreate/sessionRefresh; short, so a revoked session dies soon everywhere. */
  accessTokenTtlMinutes: number;
  refreshTokenTtlDays: number;
  inviteTtlHours: number;
  passwordResetTtlMinutes: number;
  /** Failed sign-ins per e-mail, then per client address, before LOCKED_OUT. */
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  /** How long failures are counted, and how long a lockout lasts. */
  lockoutSeconds: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

function identifier(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
    throw new ConfigError(name, `must be a lower-case SQL identifier (letters, digits, _), got "${raw}"`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/**
 * Without APP_SECRET a development secret is generated once and kept in the data directory, so
 * tokens survive restarts; production must set it.
 */
function appSecret(env: Env, dataDir: string): string {
  const raw = env.APP_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('APP_SECRET', 'must be at least 32 characters');
    return raw;
  }
  if (env.NODE_ENV === 'production')
    throw new ConfigError('APP_SECRET', 'is required when NODE_ENV=production');
  const file = path.join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || '.data');
  return {
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dataDir,
    embeddedPostgresPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    appSecret: appSecret(env, dataDir),
    sessionTtlMinutes: int(env, 'SESSION_TTL_MINUTES', 12 * 60, 1, 60 * 24 * 30),
    signIn: {
      accessTokenTtlMinutes: int(env, 'ACCESS_TOKEN_TTL_MINUTES', 15, 1, 24 * 60),
      refreshTokenTtlDays: int(env, 'REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
      inviteTtlHours: int(env, 'INVITE_TTL_HOURS', 72, 1, 30 * 24),
      passwordResetTtlMinutes: int(env, 'PASSWORD_RESET_TTL_MINUTES', 60, 5, 24 * 60),
      maxFailuresPerAccount: int(env, 'SIGN_IN_MAX_FAILURES', 5, 1, 100),
      maxFailuresPerAddress: int(env, 'SIGN_IN_MAX_FAILURES_PER_ADDRESS', 20, 1, 100_000),
      lockoutSeconds: int(env, 'SIGN_IN_LOCKOUT_SECONDS', 15 * 60, 1, 24 * 60 * 60),
    },
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    graphApiBaseUrl: url(env, 'GRAPH_API_BASE_URL', ['http:', 'https:']) ?? 'https://graph.facebook.com',
    graphApiVersion: env.GRAPH_API_VERSION || 'v21.0',
    eventRetentionDays: int(env, 'EVENT_RETENTION_DAYS', 7, 1, 365),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1_000_000, 1_000, 50_000_000),
    webhookMaxBodyBytes: int(env, 'WEBHOOK_MAX_BODY_BYTES', 3_000_000, 1_000, 50_000_000),
    rateLimitCostPerMinute: int(env, 'RATE_LIMIT_COST_PER_MINUTE', 50_000, 100, 10_000_000),
    runJobs: bool(env, 'RUN_JOBS', true),
    jobSchema: identifier(env, 'JOB_SCHEMA', 'pgboss'),
    seedDemo: bool(env, 'SEED_DEMO', true),
    openaiApiKey: env.OPENAI_API_KEY || undefined,
    openaiBaseUrl: url(env, 'OPENAI_BASE_URL', ['http:', 'https:']),
    openaiModel: env.OPENAI_MODEL || 'gpt-4o-mini',
    anthropicApiKey: env.ANTHROPIC_API_KEY || undefined,
    anthropicModel: env.ANTHROPIC_MODEL || 'claude-3-5-haiku-latest',
    ollamaBaseUrl: url(env, 'OLLAMA_BASE_URL', ['http:', 'https:']),
    ollamaModel: env.OLLAMA_MODEL || 'llama3.1',
    aiTimeoutMs: int(env, 'AI_TIMEOUT_MS', 20_000, 100, 300_000),
    aiStructuredOutput: oneOf(
      env,
      'AI_STRUCTURED_OUTPUT',
      ['functionCalling', 'jsonSchema', 'jsonMode'] as const,
      'functionCalling',
    ),
    allowPrivateWebhookUrls: bool(env, 'ALLOW_PRIVATE_WEBHOOK_URLS', false),
  };
}
