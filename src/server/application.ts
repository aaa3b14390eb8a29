import 'reflect-metadata';
import { type Config } from '../config';
import { createDataSource } from '../database/data-source';
import { SecretBox } from '../auth/secret-box';
import { PgBossJobQueue } from '../jobs/pg-boss.queue';
import { registerJobs } from '../jobs';
import { createAiProvider } from '../ai/provider';
import { buildApiSchema } from '../schema/build-schema';
import { systemClock, type Clock } from '../runtime/clock';
import { type AppDeps } from '../runtime/app-deps';
import { createRealtime } from '../realtime';
import { createHttpServer, type HttpServer } from './http-server';
import { mountWebhooks } from './webhook.routes';
import { createLogger, type Logger } from '../runtime/logger';
import { createMetrics } from '../runtime/metrics';
import { createWebSocketServer, type WebSocketServerHandle } from './websocket';
import { createSignInThrottle } from '../auth/sign-in-throttle';

export interface Application {
  deps: AppDeps;
  http: HttpServer;
  /** graphql-ws on the same port, path `/graphql`. */
  websocket: WebSocketServerHandle;
  /** Starts serving; returns the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Drains connections, stops jobs, closes the database pool. */
  stop(): Promise<void>;
}

export interface ApplicationOptions {
  clock?: Clock;
  logger?: Logger;
  /** Run job workers in this process (tests drive jobs by hand instead). */
  workJobs?: boolean;
}

/** Wires every long-lived part once; `main`, the CLI and the tests all start the app through here. */
export async function createApplication(
  config: Config,
  databaseUrl: string,
  options: ApplicationOptions = {},
): Promise<Application> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const dataSource = createDataSource(databaseUrl, { poolSize: 10 });
  await dataSource.initialize();
  const metrics = createMetrics();
  const jobs = new PgBossJobQueue(databaseUrl, logger, config.jobSchema, metrics);
  const realtime = createRealtime(config, dataSource, logger);
  const deps: AppDeps = {
    config,
    dataSource,
    clock: options.clock ?? systemClock,
    logger,
    secretBox: new SecretBox(config.appSecret),
    events: realtime.bus,
    realtime,
    metrics,
    jobs,
    // Built once: the SDK clients keep their connection pools.
    ai: createAiProvider(config, { structuredOutputMethod: config.aiStructuredOutput }),
    signInThrottle: createSignInThrottle(config.signIn, config.redisUrl, logger),
  };
  registerJobs(deps);
  await jobs.start({ work: options.workJobs ?? config.runJobs });

  const schema = await buildApiSchema();
  const websocket = createWebSocketServer(deps);
  const http = await createHttpServer(deps, schema, {
    // Apollo's drain closes the sockets (1001) before the streams and jobs stop below.
    attach: websocket.attach,
    mountRaw: (app) => mountWebhooks(app, deps),
    readiness: async () => ({
      jobs: jobs.healthy(),
      ...(config.redisUrl ? { redis: realtime.engine.state === 'up' } : {}),
    }),
  });

  return {
    deps,
    http,
    websocket,
    listen: (port = config.port, host = config.host) => http.listen(port, host),
    stop: async () => {
      await http.close();
      await jobs.stop();
      await realtime.close();
      await deps.signInThrottle.close();
      await dataSource.destroy();
    },
  };
}
