import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { ruleAllows } from '../auth/access';
import { Allow } from '../schema/access.decorator';
import { authenticate } from '../auth/authenticate';
import { restrictedAgentId, type Viewer } from '../auth/viewer';
import { createLoaders } from '../loaders';
import { conversationReadScope } from '../services/conversation/conversation-visibility';
import { visibilityKey } from '../resolvers/realtime/event-subscription';
import {
  SharedSubscriptionExecutor,
  type SharedExecutionStats,
} from '../resolvers/realtime/shared-execution';
import { ApiError, ApiErrorCode, formatError } from '../schema/errors';
import { assessOperation, QUERY_LIMITS } from '../schema/query-cost';
import { textLiteralRule } from '../schema/request-input';
import { type AppDeps } from '../runtime/app-deps';
import { buildContext, type AuthedContext } from './context';
import { overBudget } from './graphql-limits.plugin';
import { budgetKey, CostBudget } from './rate-limiter';
import { SubscriptionCap, type SubscriptionLease } from './subscription-cap';
import { type Agent } from '../entities/agent.entity';
import { agentSessionClosed, agentSessionOpened } from '../services/agent/agent-presence.service';
import { gatePersistedQuery, persistedQueryNotFound, type GateOutcome } from './persisted-queries';
import { createPersistedQueryStore, type PersistedQueryStore } from './persisted-query-cache';
import { originPolicy, sameHost } from './origin-policy';

const badRequest = (message: string) => new ApiError(ApiErrorCode.BAD_USER_INPUT, message);

export interface WebSocketOptions {
  /** How often every connection's credentials are checked again (revoked keys, deactivated agents, expiry). */
  recheckMs?: number;
  /** Active subscriptions one connection may hold. */
  maxSubscriptionsPerConnection?: number;
  /** How long shutdown waits for clients to answer the close before cutting them. */
  closeGraceMs?: number;
  /** Distinct subscription documents kept parsed and validated. */
  documentCacheSize?: number;
  /** The cost budget shared with HTTP: a subscription is charged its cost when it starts. */
  budget?: CostBudget;
  /** Active subscriptions per credential over every connection (and, on Redis, every process). */
  subscriptionCap?: SubscriptionCap;
  /** The automatic persisted queries, shared with HTTP: a hash registered on one is known on the other. */
  persistedQueries?: PersistedQueryStore;
}

export interface WebSocketServerHandle {
  /** The `attach` hook of `createHttpServer`: serves graphql-ws on `/graphql` of the same server. */
  attach(server: Server, schema: GraphQLSchema): { close(): Promise<void> };
  /** Checks every connection's credentials now; connections that lost access are closed. */
  recheckPrincipals(): Promise<void>;
  connections(): number;
  /** GraphQL executions of subscription events: run, and served shared to another subscriber. */
  executionStats(): SharedExecutionStats;
}

interface Connection {
  socket: WebSocket;
  authorization: string;
  context: AuthedContext;
  /** The subscribe message's payload (graphql-ws hands the same object to onComplete) → its lease. */
  leases: Map<object, SubscriptionLease>;
}

const GOING_AWAY = 1001;
/** Credential checks in flight at once during a periodic recheck. */
const RECHECK_CONCURRENCY = 20;

function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

function principalOf(viewer: Viewer) {
  return viewer.principal.kind === 'agent'
    ? { kind: 'agent' as const, role: viewer.principal.agent.role }
    : { kind: 'apiKey' as const, scopes: viewer.principal.apiKey.scopes };
}

/** The agent or the key behind the credentials: a renewal must keep it. */
function principalIdOf(viewer: Viewer): string {
  return viewer.principal.kind === 'agent'
    ? `agent:${viewer.principal.agent.id}`
    : `apiKey:${viewer.principal.apiKey.id}`;
}

/** Every subscription reads with `Allow.read`; a principal without it has nothing to subscribe to. */
function mayRead(viewer: Viewer): boolean {
  return ruleAllows(Allow.read, principalOf(viewer));
}

/**
 * graphql-ws (protocol graphql-transport-ws) on the HTTP server's `/graphql`. Auth happens once in
 * `onConnect` (4401 for missing or bad credentials, 4403 for a principal without access) and is
 * checked again periodically, so a revoked key or a deactivated agent loses its streams. graphql-ws
 * does not run Apollo's plugins: `onSubscribe` applies the same parse, validation and cost limits.
 *
 * graphql-ws has no re-authentication message, so a client renews its credentials on the open
 * connection with a protocol ping: `{"type":"ping","payload":{"authorization":"Bearer <new token>"}}`.
 * The server checks it before it answers the pong: from then on the connection is checked with the
 * new token, and its subscriptions go on. A token that fails closes 4401; one of another agent or
 * key closes 4403. Without a renewal the connection closes 4401 at the first check after expiry.
 */
export function createWebSocketServer(deps: AppDeps, options: WebSocketOptions = {}): WebSocketServerHandle {
  const recheckMs = options.recheckMs ?? 30_000;
  const maxSubscriptions = options.maxSubscriptionsPerConnection ?? 100;
  const closeGraceMs = options.closeGraceMs ?? 2_000;
  const documentCacheSize = options.documentCacheSize ?? 500;
  const budget = options.budget ?? new CostBudget(deps.config.rateLimitCostPerMinute);
  const cap =
    options.subscriptionCap ??
    new SubscriptionCap({ limit: deps.config.maxSubscriptionsPerCredential, logger: deps.logger });
  const persistedQueries =
    options.persistedQueries ??
    createPersistedQueryStore({ ttlSeconds: deps.config.persistedQueryTtlSeconds, logger: deps.logger });
  const connections = new Map<WebSocket, Connection>();
  // Each event is executed once per (document, variables, visibility class), not once per
  // subscriber; every execution gets fresh loaders, as a stream lives for hours.
  const executor = new SharedSubscriptionExecutor({
    visibilityOf: (contextValue) => visibilityKey((contextValue as AuthedContext).viewer),
    prepareContext: (contextValue) => {
      const context = contextValue as AuthedContext;
      return {
        ...context,
        loaders: createLoaders(deps.dataSource, conversationReadScope(context.viewer), deps.clock),
      };
    },
  });
  /** Query text → its parsed, schema-valid document: dashboards send the same few documents. */
  const documents = new Map<string, DocumentNode>();

  const format = (error: GraphQLError, requestId?: string) =>
    formatError(error.toJSON(), error, requestId, deps.logger);

  /** Applies one credential check to a connection made with those credentials. */
  function recheck(connection: Connection, result: Awaited<ReturnType<typeof authenticate>>): void {
    const { socket, context } = connection;
    if (socket.readyState !== socket.OPEN) return;
    if (result.ok !== true) {
      const reason = result.ok === false ? result.reason : 'Credentials are missing.';
      socket.close(/expired/i.test(reason) ? CloseCode.Unauthorized : CloseCode.Forbidden, reason);
      return;
    }
    const viewer = result.viewer;
    // Access and visibility were fixed at connect: when they change, the client reconnects.
    if (!mayRead(viewer) || restrictedAgentId(viewer) !== restrictedAgentId(context.viewer)) {
      socket.close(CloseCode.Forbidden, 'Your access changed; connect again.');
      return;
    }
    // Team queues the agent reads: every operation of the connection shares this viewer, so reads
    // by id follow a membership change from this check on (event streams follow it at once).
    context.viewer.teamIds = viewer.teamIds;
  }

  /** Swaps a connection's credentials for renewed ones of the same principal (the ping above). */
  async function renew(connection: Connection, authorization: string): Promise<void> {
    const { socket, context } = connection;
    const result = await authenticate(
      deps.dataSource,
      deps.config.appSecret,
      authorization,
      deps.clock.now(),
    );
    if (socket.readyState !== socket.OPEN) return;
    if (result.ok !== true) {
      socket.close(CloseCode.Unauthorized, result.ok === false ? result.reason : 'Credentials are missing.');
      return;
    }
    if (principalIdOf(result.viewer) !== principalIdOf(context.viewer)) {
      socket.close(
        CloseCode.Forbidden,
        'The renewed credentials belong to someone else; connect again with them.',
      );
      return;
    }
    recheck(connection, result);
    if (socket.readyState !== socket.OPEN) return;
    connection.authorization = authorization;
    connection.context = { ...context, viewer: result.viewer };
  }

  /**
   * One check per distinct credential (a partner's many connections with one key cost one query),
   * a few at a time, so thousands of connections do not turn into one burst of queries that stalls
   * event delivery.
   */
  async function recheckPrincipals(): Promise<void> {
    const byAuthorization = new Map<string, Connection[]>();
    for (const connection of connections.values()) {
      const group = byAuthorization.get(connection.authorization);
      if (group) group.push(connection);
      else byAuthorization.set(connection.authorization, [connection]);
    }
    const groups = [...byAuthorization];
    for (let start = 0; start < groups.length; start += RECHECK_CONCURRENCY) {
      await Promise.all(
        groups.slice(start, start + RECHECK_CONCURRENCY).map(async ([authorization, group]) => {
          try {
            const result = await authenticate(
              deps.dataSource,
              deps.config.appSecret,
              authorization,
              deps.clock.now(),
            );
            for (const connection of group) recheck(connection, result);
          } catch (error) {
            deps.logger.warn('websocket: credential check failed; will retry', { error: String(error) });
          }
        }),
      );
    }
  }

  /**
   * An agent's connection is one of their sessions for presence until its socket closes (whatever
   * closes it: the client, a failed credential check, shutdown). A presence failure never refuses
   * the connection.
   */
  async function openAgentSession(socket: WebSocket, agent: Agent): Promise<void> {
    // Counted at once (synchronously), so the close below always finds the session it ends.
    const opened = agentSessionOpened(deps, agent);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      deps.presence.track(opened.catch(() => null).then(() => agentSessionClosed(deps, agent)));
    };
    socket.once('close', end);
    if (socket.readyState === socket.CLOSED) end();
    try {
      await opened;
    } catch (error) {
      deps.logger.warn('websocket: presence could not be recorded', { error: String(error) });
    }
  }

  function attach(server: Server, schema: GraphQLSchema) {
    const originAllowed = originPolicy(deps.config.corsOrigins);
    const wss = new WebSocketServer({
      server,
      path: '/graphql',
      maxPayload: deps.config.maxBodyBytes,
      // Browsers always send Origin and let any page open a socket: the CORS list decides, at the
      // upgrade, besides this server's own pages. Servers and apps send none and pass; their
      // credentials are checked in onConnect.
      verifyClient: (
        { origin, req }: { origin?: string; req: IncomingMessage },
        done: (allowed: boolean, code?: number, message?: string) => void,
      ) => {
        if (origin === undefined || originAllowed(origin) || sameHost(origin, req.headers.host)) {
          return done(true);
        }
        done(false, 403, 'Origin not allowed');
      },
    });
    const timer = setInterval(() => void recheckPrincipals(), recheckMs);
    timer.unref();

    const disposable = useServer(
      {
        schema,
        onConnect: async (ctx) => {
          const socket = ctx.extra.socket;
          const authorization = authorizationOf(ctx.connectionParams);
          const context = await buildContext(deps, authorization, {
            clientAddress: ctx.extra.request.socket.remoteAddress ?? null,
          });
          if (!context.viewer || !authorization) {
            socket.close(
              CloseCode.Unauthorized,
              context.authFailure ?? 'Send connectionParams.authorization: "Bearer <token>".',
            );
            return false;
          }
          if (!mayRead(context.viewer)) {
            socket.close(CloseCode.Forbidden, 'Your role or API key scopes do not allow subscriptions.');
            return false;
          }
          connections.set(socket, {
            socket,
            authorization,
            context: context as AuthedContext,
            leases: new Map(),
          });
          const principal = context.viewer.principal;
          if (principal.kind === 'agent') await openAgentSession(socket, principal.agent);
          return true;
        },
        onClose: (ctx) => {
          const connection = connections.get(ctx.extra.socket);
          connections.delete(ctx.extra.socket);
          for (const lease of connection?.leases.values() ?? []) lease.release();
        },
        onPing: async (ctx, payload) => {
          const connection = connections.get(ctx.extra.socket);
          const authorization = authorizationOf(payload);
          if (!connection || !authorization) return;
          try {
            await renew(connection, authorization);
          } catch (error) {
            // The old credentials stay in force; the client may ping again.
            deps.logger.warn('websocket: credential renewal failed', { error: String(error) });
          }
        },
        onComplete: (ctx, _id, payload) => {
          const leases = connections.get(ctx.extra.socket)?.leases;
          leases?.get(payload)?.release();
          leases?.delete(payload);
        },
        onSubscribe: async (ctx, _id, payload) => {
          const connection = connections.get(ctx.extra.socket);
          if (!connection)
            return [new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Connect with credentials first.')];
          if (Object.keys(ctx.subscriptions).length > maxSubscriptions) {
            return [
              new ApiError(
                ApiErrorCode.RATE_LIMITED,
                `A connection may hold ${maxSubscriptions} subscriptions; complete some first.`,
              ),
            ];
          }
          // The persisted-query protocol as on HTTP: the same gate, then the APQ store Apollo uses.
          let gate: GateOutcome;
          try {
            gate = await gatePersistedQuery(deps, connection.context.viewer, payload, {
              freshSettings: true,
            });
          } catch (error) {
            if (error instanceof ApiError) return [error];
            throw error;
          }
          let query = gate.query;
          if (query === undefined) {
            if (gate.hash === null) {
              return [
                badRequest(
                  'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.',
                ),
              ];
            }
            query = await persistedQueries.cache.get(gate.hash);
            if (query === undefined) return [persistedQueryNotFound()];
          }
          // A hash sent with its text is stored once the operation passed every check, as Apollo does.
          const register =
            gate.hash !== null && gate.query !== undefined && !gate.registered ? gate.hash : null;
          let document = documents.get(query);
          if (!document) {
            try {
              document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
            } catch (error) {
              return [error instanceof GraphQLError ? error : badRequest('The query does not parse.')];
            }
            const errors = validate(schema, document, [...specifiedRules, textLiteralRule]);
            if (errors.length > 0) return errors;
            documents.set(query, document);
            if (documents.size > documentCacheSize) documents.delete(documents.keys().next().value!);
          }
          const operation = getOperationAST(document, payload.operationName);
          if (!operation) return [badRequest('Name the operation to run (operationName).')];
          if (operation.operation !== 'subscription') {
            return [
              badRequest(
                'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.',
              ),
            ];
          }
          const variables = payload.variables ?? {};
          const { shape, refusal } = assessOperation(document, operation, variables);
          if (refusal) return [refusal];
          // The cap is taken before the charge, so a subscription refused by it costs nothing.
          const viewer = connection.context.viewer;
          const key = budgetKey(viewer, null);
          const lease = await cap.acquire(key);
          if (!lease) {
            return [
              new ApiError(
                ApiErrorCode.RATE_LIMITED,
                `A credential may hold ${cap.limit} subscriptions over all its connections; complete some first.`,
              ),
            ];
          }
          const cost = Math.max(1, shape.cost);
          const verdict = await budget.charge(key, cost).catch((error: unknown) => {
            lease.release();
            throw error;
          });
          if (!verdict.allowed) {
            lease.release();
            return [overBudget(budget, cost, verdict)];
          }
          // Closed while the lease was taken: onClose has already given back the others.
          if (connections.get(ctx.extra.socket) !== connection) {
            lease.release();
            return [new ApiError(ApiErrorCode.UNAUTHENTICATED, 'The connection closed.')];
          }
          connection.leases.set(payload, lease);
          if (register) {
            persistedQueries.cache
              .set(register, query, { ttl: persistedQueries.ttlSeconds })
              .catch((error: unknown) =>
                deps.logger.warn('websocket: persisted query not stored', { error: String(error) }),
              );
          }
          // One context per operation: its loaders are replaced for each event it delivers.
          const contextValue: AuthedContext = {
            ...connection.context,
            requestId: randomUUID(),
            loaders: createLoaders(deps.dataSource, conversationReadScope(viewer), deps.clock),
          };
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: variables,
            contextValue,
          };
        },
        subscribe: executor.subscribe,
        onNext: (_ctx, _id, _payload, args, result) => {
          if (!result.errors || result.errors.length === 0) return;
          const requestId = (args.contextValue as AuthedContext | undefined)?.requestId;
          return { ...result, errors: result.errors.map((error) => format(error, requestId)) };
        },
        // Formatted errors carry our code and never a stack. A client that went away (EPIPE on
        // send) is no error of ours: nothing to format, log or send.
        onError: (ctx, _id, _payload, errors) =>
          ctx.extra.socket.readyState === ctx.extra.socket.OPEN ? errors.map((error) => format(error)) : [],
      },
      wss,
    );

    return {
      async close() {
        clearInterval(timer);
        const sockets = [...wss.clients];
        await Promise.all(
          sockets.map(
            (socket) =>
              new Promise<void>((resolve) => {
                if (socket.readyState === socket.CLOSED) return resolve();
                const cut = setTimeout(() => socket.terminate(), closeGraceMs);
                socket.once('close', () => {
                  clearTimeout(cut);
                  resolve();
                });
                socket.close(GOING_AWAY, 'Server shutting down');
              }),
          ),
        );
        await disposable.dispose();
        executor.clear();
      },
    };
  }

  return {
    attach,
    recheckPrincipals,
    connections: () => connections.size,
    executionStats: () => executor.stats(),
  };
}
