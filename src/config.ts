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
  /**
   * The demo's WhatsApp channel talks to a Graph API sandbox served by this process under
   * `/sandbox/graph` (no network). Never in production.
   */
  graphSandbox: boolean;
  /** The sandbox's pause before each delivery status it reports (sent, delivered, read). */
  graphSandboxStatusDelayMs: number;
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

/**
 * On by default in development: NODE_ENV=development, or the embedded database of a bare
 * `npm start`. Refused in production, where the demo channel must not answer for Meta.
 */
function graphSandbox(env: Env): boolean {
  const production = env.NODE_ENV === 'production';
  const development = env.NODE_ENV === 'development' || (!production && !env.DATABASE_URL);
  const enabled = bool(env, 'GRAPH_SANDBOX', development);
  if (enabled && production) throw new ConfigError('GRAPH_SANDBOX', 'cannot be on when NODE_ENV=production');
  return enabled;
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
    graphSandbox: graphSandbox(env),
    graphSandboxStatusDelayMs: int(env, 'GRAPH_SANDBOX_STATUS_DELAY_MS', 1_500, 0, 60_000),
  };
}
