import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import express, { type Express, type Request } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { type GraphQLSchema } from 'graphql';
import { ApiError, ApiErrorCode, apiErrorOf, formatError } from '../schema/errors';
import { assertNever } from '../services/errors';
import { QUERY_LIMITS } from '../schema/query-cost';
import { textLiteralRule } from '../schema/request-input';
import { buildContext, type RequestContext } from './context';
import { type AppDeps } from '../runtime/app-deps';
import { currentRequestId, requestScope } from '../runtime/request-scope';
import { graphqlLimitsPlugin, type FairShare } from './graphql-limits.plugin';
import { idempotencyPlugin } from './idempotency.plugin';
import { mountMetrics } from './metrics.routes';
import { CostBudget } from './rate-limiter';
import { gateHttpRequest, persistedQueryPlugin } from './persisted-query.plugin';
import { createPersistedQueryStore, type PersistedQueryStore } from './persisted-query-cache';
import { corsMiddleware } from './cors';
import { mountDashboard } from './dashboard.routes';
import { mountExplorer, type ExplorerOptions } from './explorer.routes';
import { originPolicy } from './origin-policy';
import { schemaDetailsPlugin } from './schema-access.plugin';

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
  /** The cost budget, shared with the WebSocket server; in-process when not given. */
  budget?: CostBudget;
  /** The automatic persisted queries, shared with the WebSocket server; in-process when not given. */
  persistedQueries?: PersistedQueryStore;
  /** The GraphiQL page at `GET /graphql` (development: the token it fills in). */
  explorer?: ExplorerOptions;
  /** Each workspace's share of expensive operations; unlimited when not given. */
  fairShare?: FairShare;
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * GraphQL over HTTP: a request refused before it ran answers 4xx (a document refused as too
 * complex or invalid 400, an Idempotency-Key conflict 409, an exhausted budget or share 429); one
 * that ran answers 200 with its errors, unless the database stopped it as a whole (TIMEOUT: 503).
 * Undefined keeps the status Apollo chose.
 */
export function refusalStatus(code: ApiErrorCode): number | undefined {
  switch (code) {
    case ApiErrorCode.QUERY_TOO_COMPLEX:
    case ApiErrorCode.BAD_USER_INPUT:
    case ApiErrorCode.PERSISTED_QUERY_REQUIRED:
    case ApiErrorCode.PERSISTED_QUERY_NOT_ALLOWED:
      return 400;
    case ApiErrorCode.RATE_LIMITED:
      return 429;
    case ApiErrorCode.IDEMPOTENCY_CONFLICT:
      return 409;
    case ApiErrorCode.TIMEOUT:
      return 503;
    // Before execution only introspection asks for credentials.
    case ApiErrorCode.UNAUTHENTICATED:
      return 401;
    case ApiErrorCode.FORBIDDEN:
    case ApiErrorCode.NOT_FOUND:
    case ApiErrorCode.PERSISTED_QUERY_NOT_FOUND:
    case ApiErrorCode.CURSOR_EXPIRED:
    case ApiErrorCode.SUBSCRIBER_TOO_SLOW:
    case ApiErrorCode.INTERNAL_SERVER_ERROR:
      return undefined;
    default:
      return assertNever(code);
  }
}

/** Encodings the body parser inflates (Node's zlib); anything else is refused with 415. */
const CONTENT_ENCODINGS = 'identity, gzip, deflate or br';

/**
 * What a client is told when the body parser refuses its request (body-parser's `status` and
 * `type`), or null for a failure of ours. Every 4xx keeps its status: none is masked as a 500.
 */
export function bodyRefusalMessage(status: number, type: string | undefined): string | null {
  if (status === 413) return 'Request body too large.';
  if (type === 'encoding.unsupported') {
    return `Unsupported Content-Encoding; send the body as ${CONTENT_ENCODINGS}.`;
  }
  if (type === 'charset.unsupported') return 'Unsupported charset; send the body as UTF-8.';
  if (status === 415) return 'Unsupported media type.';
  if (status >= 400 && status < 500) return 'Malformed request body.';
  return null;
}

function retryAfterHeader(seconds: number): string {
  return String(Math.max(1, Math.ceil(seconds)));
}

/**
 * A database time limit met while the context was built (signing the caller in) answers 503 with
 * Retry-After, like one met while the operation ran; other failures go on as they were.
 */
function contextFailure(error: unknown): unknown {
  const mapped = apiErrorOf(error);
  if (mapped?.code !== ApiErrorCode.TIMEOUT) return error;
  const { code: _code, ...extensions } = mapped.extensions;
  const retryAfter = typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : 1;
  return new ApiError(mapped.code, mapped.message, {
    ...extensions,
    http: { status: 503, headers: new Map([['retry-after', retryAfterHeader(retryAfter)]]) },
  });
}

function refusalStatusPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          // A timeout fails the whole request when it left no data (a non-null root field, a mutation).
          const timeout =
            data === null
              ? errors?.find((error) => error.extensions?.code === ApiErrorCode.TIMEOUT)
              : undefined;
          const first = timeout ?? (data === undefined ? errors?.[0] : undefined);
          if (!first) return;
          const code = first.extensions?.code;
          if (typeof code !== 'string' || !Object.values<string>(ApiErrorCode).includes(code)) return;
          const status = refusalStatus(code as ApiErrorCode);
          if (!status) return;
          response.http.status = status;
          if (status === 401) response.http.headers.set('www-authenticate', 'Bearer');
          const retryAfter = first.extensions?.retryAfterSeconds;
          if ((status === 429 || status === 503) && typeof retryAfter === 'number') {
            response.http.headers.set('retry-after', retryAfterHeader(retryAfter));
          }
        },
      };
    },
  };
}

export async function createHttpServer(
  deps: AppDeps,
  schema: GraphQLSchema,
  options: HttpServerOptions = {},
): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  // Only proxies on loopback and private networks are believed about the client's address: it is
  // the budget of anonymous callers, which a client-written X-Forwarded-For must not choose.
  app.set('trust proxy', ['loopback', 'linklocal', 'uniquelocal']);
  const server = createServer(app);
  const attached = options.attach?.(server, schema);

  app.use((request, response, next) => {
    const requestId = header(request, 'x-request-id')?.slice(0, 100) || randomUUID();
    response.setHeader('x-request-id', requestId);
    requestScope.run({ requestId, clientAddress: request.ip ?? null }, next);
  });

  app.use((request, response, next) => {
    const started = process.hrtime.bigint();
    // Read now: a mounted router (`app.use('/graphql', …)`) strips its prefix from the path.
    const route = request.path.startsWith('/webhooks/')
      ? `/webhooks/${request.path.split('/')[2] ?? ''}`
      : ['/graphql', '/healthz', '/readyz', '/metrics'].includes(request.path)
        ? request.path
        : 'other';
    response.on('finish', () => {
      deps.metrics.httpRequests.observe(
        { method: request.method, route, status: String(response.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  });
  mountMetrics(app, deps);

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
  mountExplorer(app, options.explorer);
  mountDashboard(app);

  const persistedQueries =
    options.persistedQueries ??
    createPersistedQueryStore({ ttlSeconds: deps.config.persistedQueryTtlSeconds, logger: deps.logger });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    persistedQueries: { cache: persistedQueries.cache, ttl: persistedQueries.ttlSeconds },
    validationRules: [textLiteralRule],
    formatError: (formatted, error) => formatError(formatted, error, currentRequestId(), deps.logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      persistedQueryPlugin(),
      // Browsers get the offline explorer instead (`mountExplorer`), never a page loaded from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are given: the default cache-control plugin only wrapped every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      schemaDetailsPlugin(),
      graphqlLimitsPlugin(
        options.budget ?? new CostBudget(deps.config.rateLimitCostPerMinute),
        options.fairShare,
      ),
      refusalStatusPlugin(),
      idempotencyPlugin(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ operation, response, contextValue }) {
              // What a mutation changed about callers (sign-out, roles, teams, keys) holds for this
              // process's next request already; other processes hear it from the database.
              if (operation?.operation === 'mutation' && deps.credentials) {
                if (contextValue.viewer) deps.credentials.forgetWorkspace(contextValue.viewer.workspaceId);
                else deps.credentials.forgetAll();
              }
              const failed =
                response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
              deps.metrics.graphqlOperations.inc({
                outcome: failed ? 'error' : 'ok',
                type: operation?.operation ?? 'unknown',
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
    ...corsMiddleware(originPolicy(deps.config.corsOrigins)),
    express.json({ limit: deps.config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const context = await buildContext(deps, header(req, 'authorization'), {
            requestId: currentRequestId(),
            idempotencyKey: header(req, 'idempotency-key') ?? null,
            clientAddress: req.ip ?? null,
            // Behind trusted proxies, the scheme and host they report.
            origin: req.host ? `${req.protocol}://${req.host}` : null,
          });
          context.persistedQuery = await gateHttpRequest(context, req, refusalStatus);
          return context;
        } catch (error) {
          throw contextFailure(error);
        }
      },
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
      const message = bodyRefusalMessage(status, error.type);
      if (message) {
        response.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
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
