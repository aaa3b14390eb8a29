import 'reflect-metadata';
import { type Server } from 'node:http';
import { Redis } from 'ioredis';
import { type Config } from '../config';
import { createDataSource, poolOf } from '../database/data-source';
import { SecretBox } from '../auth/secret-box';
import { PgBossJobQueue } from '../jobs/pg-boss.queue';
import { registerJobs } from '../jobs';
import { createAiProvider } from '../ai/provider';
import { buildApiSchema } from '../schema/build-schema';
import { systemClock, type Clock } from '../runtime/clock';
import { type AppDeps } from '../runtime/app-deps';
import { createRealtime } from '../realtime';
import { CredentialCache, listenForCredentialChanges } from '../auth/credential-cache';
import { createHttpServer, type HttpServer } from './http-server';
import { mountWebhooks } from './webhook.routes';
import { createLogger, type Logger } from '../runtime/logger';
import { createMetrics } from '../runtime/metrics';
import { TenantShare } from '../runtime/tenant-share';
import { type DatabaseTimeoutKind } from '../database/database-timeouts';
import { createWebSocketServer, type WebSocketServerHandle } from './websocket';
import { CostBudget } from './rate-limiter';
import { SubscriptionCap } from './subscription-cap';
import { GraphSandbox } from '../demo/graph-sandbox';
import { graphSandboxBaseUrl } from '../demo/demo-channel';
import { mountGraphSandbox, ownOrigin } from './sandbox.routes';
import { createSignInThrottle } from '../auth/sign-in-throttle';
import { MemoryPresenceStore, PresenceTracker, RedisPresenceStore } from '../realtime/presence';
import { createPersistedQueryStore } from './persisted-query-cache';
import { createMetricsServer } from './metrics.routes';
import { demoAdminToken } from '../demo/demo-access';
import { createMediaStores } from '../services/media/storage/media-stores';
import { mountMedia } from './media.routes';

export interface Application {
  /** What requests (HTTP, WebSocket, webhooks) run with: the API pool. */
  deps: AppDeps;
  /** What the job workers run with: the same, on the job pool with its longer statement timeout. */
  jobDeps: AppDeps;
  http: HttpServer;
  /** graphql-ws on the same port, path `/graphql`. */
  websocket: WebSocketServerHandle;
  /** Starts serving (and the metrics port, when configured); returns the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** The URL of `/metrics` on `METRICS_PORT` once listening; null when metrics are served on PORT. */
  metricsUrl(): string | null;
  /** The Graph API base URL of the built-in sandbox once listening; null when it is off. */
  graphSandboxUrl(): string | null;
  /** Drains connections, stops jobs, closes the database pools. */
  stop(): Promise<void>;
}

export interface ApplicationOptions {
  clock?: Clock;
  logger?: Logger;
  /** Run job workers in this process (tests drive jobs by hand instead). */
  workJobs?: boolean;
}

/** Waits (bounded) for the first connection, so the first requests already share the budget. */
function readyOrTimeout(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once('ready', done);
  });
}

/** Wires every long-lived part once; `main`, the CLI and the tests all start the app through here. */
export async function createApplication(
  config: Config,
  databaseUrl: string,
  options: ApplicationOptions = {},
): Promise<Application> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const limits = config.database;
  const countTimeouts = (pool: 'api' | 'jobs') => (kind: DatabaseTimeoutKind) =>
    metrics.databaseTimeouts.inc({ kind, pool });
  const dataSource = createDataSource(databaseUrl, {
    poolSize: limits.poolSize,
    // A request queued behind a full pool is refused in time instead of waiting for minutes.
    poolWaitMs: limits.poolWaitMs,
    limits: {
      statementTimeoutMs: limits.statementTimeoutMs,
      lockTimeoutMs: limits.lockTimeoutMs,
      idleInTransactionTimeoutMs: limits.idleInTransactionTimeoutMs,
      // A request's statement takes one core at most: the share of a tenant then bounds its CPU too.
      parallelWorkersPerGather: limits.parallelWorkersPerGather,
    },
    onTimeout: countTimeouts('api'),
  });
  // Jobs run batch work: longer statements, and connections of their own.
  const jobDataSource = createDataSource(databaseUrl, {
    poolSize: limits.jobPoolSize,
    applicationName: 'omnitray-worker',
    limits: {
      statementTimeoutMs: limits.jobStatementTimeoutMs,
      lockTimeoutMs: limits.lockTimeoutMs,
      idleInTransactionTimeoutMs: limits.idleInTransactionTimeoutMs,
    },
    onTimeout: countTimeouts('jobs'),
  });
  await dataSource.initialize();
  try {
    await jobDataSource.initialize();
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  metrics.watchPool('api', () => poolOf(dataSource));
  metrics.watchPool('jobs', () => poolOf(jobDataSource));
  const jobs = new PgBossJobQueue(databaseUrl, logger, config.jobSchema, metrics);
  const realtime = createRealtime(config, dataSource, logger);
  // Known once the HTTP server exists; jobs may ask for the sandbox's address before it listens
  // (sends queued before a restart), and then get the configured port.
  let server: Server | null = null;
  const graphSandboxUrl = () => {
    const own = config.graphSandbox ? ownOrigin(server, config) : null;
    return own ? graphSandboxBaseUrl(own) : null;
  };
  // One budget, one subscription count and one sign-in lockout per caller across processes. Fail
  // fast while Redis is away: the limiters then fall back to per-process counts instead of holding
  // requests.
  const limitsRedis = config.redisUrl
    ? new Redis(config.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectionName: `omnitray:${process.pid}:limits`,
      })
    : undefined;
  let limitsOutageLogged = false;
  limitsRedis?.on('error', (error: Error) => {
    if (limitsOutageLogged) return;
    limitsOutageLogged = true;
    logger.warn('limits: Redis unreachable; budgets count per process until it is back', {
      error: error.message,
    });
  });
  limitsRedis?.on('ready', () => (limitsOutageLogged = false));
  // The persisted queries every process shares; its own connection, failing fast like the limits'
  // (a lookup that fails is a miss, and the client sends the document).
  const persistedQueryRedis = config.redisUrl
    ? new Redis(config.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectionName: `omnitray:${process.pid}:apq`,
      })
    : undefined;
  persistedQueryRedis?.on('error', () => {
    // Reported by the store when a lookup fails; ioredis reconnects by itself.
  });
  await Promise.all(
    [limitsRedis, persistedQueryRedis].map((redis) => (redis ? readyOrTimeout(redis, 5_000) : undefined)),
  );
  const clock = options.clock ?? systemClock;
  const leaseMs = 3 * config.presence.heartbeatSeconds * 1000;
  // Entries outlive their instant by the grace period and more, so a lapse is still known when it is judged.
  const presenceTiming = { leaseMs, keepMs: leaseMs + config.presence.graceSeconds * 1000 + 60_000 };
  const presence = new PresenceTracker({
    store: limitsRedis
      ? new RedisPresenceStore(limitsRedis, clock, presenceTiming)
      : new MemoryPresenceStore(clock, presenceTiming),
    clock,
    logger,
    leaseMs,
    heartbeatMs: config.presence.heartbeatSeconds * 1000,
  });
  const credentials =
    config.credentialCacheSeconds > 0
      ? new CredentialCache(config.credentialCacheSeconds * 1000, 10_000)
      : null;
  const credentialListener = credentials
    ? listenForCredentialChanges(databaseUrl, credentials, logger)
    : null;
  await credentialListener?.ready;
  const deps: AppDeps = {
    config,
    dataSource,
    clock,
    logger,
    secretBox: new SecretBox(config.appSecret),
    events: realtime.bus,
    realtime,
    metrics,
    jobs,
    // Built once: the SDK clients keep their connection pools.
    ai: createAiProvider(config, { structuredOutputMethod: config.aiStructuredOutput }),
    signInThrottle: createSignInThrottle(config.signIn, limitsRedis, logger),
    graphSandboxUrl,
    media: createMediaStores(config.media, dataSource),
    presence,
    ...(credentials ? { credentials } : {}),
  };
  const jobDeps: AppDeps = { ...deps, dataSource: jobDataSource };
  registerJobs(jobDeps);
  presence.start();
  await jobs.start({ work: options.workJobs ?? config.runJobs });

  const schema = await buildApiSchema();
  const budget = new CostBudget(config.rateLimitCostPerMinute, limitsRedis);
  const subscriptionCap = new SubscriptionCap({
    limit: config.maxSubscriptionsPerCredential,
    redis: limitsRedis,
    logger,
  });
  const persistedQueries = createPersistedQueryStore({
    ttlSeconds: config.persistedQueryTtlSeconds,
    redis: persistedQueryRedis,
    logger,
  });
  const websocket = createWebSocketServer(deps, { budget, subscriptionCap, persistedQueries });
  // Development only (config refuses it in production): the demo channel's Graph API, in-process.
  const sandbox = config.graphSandbox
    ? new GraphSandbox(deps, {
        // Statuses go only to where this server really listens.
        origin: () => ownOrigin(server),
        statusDelayMs: config.graphSandboxStatusDelayMs,
      })
    : null;
  const http = await createHttpServer(deps, schema, {
    budget,
    fairShare: {
      share: new TenantShare(config.tenantShare, metrics),
      expensiveCost: config.tenantShare.expensiveCost,
    },
    persistedQueries,
    // Apollo's drain closes the sockets (1001) before the streams and jobs stop below.
    attach: websocket.attach,
    mountRaw: (app) => {
      mountWebhooks(app, deps);
      mountMedia(app, deps);
      if (sandbox) mountGraphSandbox(app, sandbox, { maxBodyBytes: config.maxBodyBytes, logger });
    },
    // Development: the explorer opens signed in as the demo admin.
    explorer: config.development
      ? {
          developmentToken: async () =>
            (await demoAdminToken(dataSource, config, deps.clock.now()))?.token ?? null,
        }
      : {},
    readiness: async () => ({
      jobs: jobs.healthy(),
      ...(config.redisUrl ? { redis: realtime.engine.state === 'up' } : {}),
    }),
  });
  server = http.server;
  const metricsServer = config.metrics.port !== null ? createMetricsServer(deps) : null;
  let metricsUrl: string | null = null;
  const listenMetrics = async (host: string) => {
    if (!metricsServer || metricsServer.listening) return;
    await new Promise<void>((resolve, reject) => {
      metricsServer.once('error', reject);
      metricsServer.listen(config.metrics.port!, host, () => resolve());
    });
    const address = metricsServer.address();
    const port = typeof address === 'object' && address ? address.port : config.metrics.port;
    metricsUrl = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/metrics`;
  };

  return {
    deps,
    jobDeps,
    http,
    websocket,
    listen: async (port = config.port, host = config.host) => {
      const url = await http.listen(port, host);
      await listenMetrics(host);
      return url;
    },
    metricsUrl: () => metricsUrl,
    graphSandboxUrl,
    stop: async () => {
      sandbox?.close();
      if (metricsServer?.listening)
        await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      await http.close();
      // The sessions just closed schedule their presence checks before the queue stops.
      await presence.stop();
      await jobs.stop();
      await realtime.close();
      await subscriptionCap.close();
      limitsRedis?.disconnect();
      persistedQueryRedis?.disconnect();
      await deps.media.close();
      await credentialListener?.close();
      await Promise.all([dataSource.destroy(), jobDataSource.destroy()]);
    },
  };
}
