import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import express, { type Express, type Request } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { type GraphQLSchema } from 'graphql';
import { formatError } from '../schema/errors';
import { QUERY_LIMITS } from '../schema/query-cost';
import { buildContext, type RequestContext } from './context';
import { type AppDeps } from '../runtime/app-deps';
import { currentRequestId, requestScope } from '../runtime/request-scope';
import { graphqlLimitsPlugin } from './graphql-limits.plugin';
import { idempotencyPlugin } from './idempotency.plugin';
import { CostRateLimiter } from './rate-limiter';

export interface HttpServer {
  app: Express;
  server: Server;
  schema: GraphQLSchema;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** Routes mounted before the JSON body parser (webhooks read their raw bytes). */
  mountRaw?: (app: Express) => void;
  /** Called with the HTTP server once created (graphql-ws attaches here); returns its own closer. */
  attach?: (server: Server, schema: GraphQLSchema) => { close(): Promise<void> };
  /** Readiness checks beyond the database (Redis, job queue). */
  readiness?: () => Promise<Record<string, boolean>>;
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export async function createHttpServer(
  deps: AppDeps,
  schema: GraphQLSchema,
  options: HttpServerOptions = {},
): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  const server = createServer(app);
  const attached = options.attach?.(server, schema);

  app.use((request, response, next) => {
    const requestId = header(request, 'x-request-id')?.slice(0, 100) || randomUUID();
    response.setHeader('x-request-id', requestId);
    requestScope.run({ requestId }, next);
  });

  app.use((request, response, next) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = request.path.startsWith('/webhooks/')
        ? `/webhooks/${request.path.split('/')[2] ?? ''}`
        : ['/graphql', '/healthz', '/readyz', '/metrics'].includes(request.path)
          ? request.path
          : 'other';
      deps.metrics.httpRequests.observe(Number(process.hrtime.bigint() - started) / 1e9, {
        method: request.method,
        route,
        status: String(response.statusCode),
      });
    });
    next();
  });
  deps.metrics.gauges.track(() => Math.round(process.uptime()), { fact: 'uptime_seconds' });
  deps.metrics.gauges.track(() => process.memoryUsage().heapUsed, { fact: 'heap_used_bytes' });
  app.get('/metrics', (_request, response) => {
    response.type('text/plain; version=0.0.4').send(deps.metrics.registry.render());
  });

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const checks: Record<string, boolean> = {};
    try {
      await deps.dataSource.query('SELECT 1');
      checks.database = true;
    } catch {
      checks.database = false;
    }
    Object.assign(checks, await options.readiness?.().catch(() => ({ dependencies: false })));
    const ready = Object.values(checks).every(Boolean);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  options.mountRaw?.(app);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    formatError: (formatted, error) => formatError(formatted, error, currentRequestId(), deps.logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      graphqlLimitsPlugin(new CostRateLimiter(deps.config.rateLimitCostPerMinute), deps.clock),
      idempotencyPlugin(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ operation, response }) {
              const failed =
                response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
              deps.metrics.graphqlOperations.inc({
                type: operation?.operation ?? 'unknown',
                outcome: failed ? 'error' : 'ok',
              });
            },
          };
        },
      },
      ...(attached
        ? [
            {
              async serverWillStart() {
                return {
                  async drainServer() {
                    await attached.close();
                  },
                };
              },
            },
          ]
        : []),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: deps.config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        buildContext(deps, header(req, 'authorization'), {
          requestId: currentRequestId(),
          idempotencyKey: header(req, 'idempotency-key') ?? null,
          clientAddress: req.ip ?? null,
        }),
    }),
  );

  // A body over the limit or malformed JSON answers with the same error shape as GraphQL errors.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _request: Request,
      response: express.Response,
      next: express.NextFunction,
    ) => {
      if (response.headersSent) return next(error);
      const status = error.status ?? 500;
      if (status === 413) {
        response
          .status(413)
          .json({ errors: [{ message: 'Request body too large.', extensions: { code: 'BAD_USER_INPUT' } }] });
        return;
      }
      if (status === 400) {
        response
          .status(400)
          .json({ errors: [{ message: 'Malformed request body.', extensions: { code: 'BAD_USER_INPUT' } }] });
        return;
      }
      deps.logger.error('unhandled http error', {
        requestId: currentRequestId(),
        error: error.stack ?? error.message,
      });
      response.status(500).json({
        errors: [
          {
            message: 'Internal server error.',
            extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: currentRequestId() },
          },
        ],
      });
    },
  );

  return {
    app,
    server,
    schema,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const actualPort = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}/graphql`);
        });
      }),
    close: async () => {
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
