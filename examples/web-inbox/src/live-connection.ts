import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST } from 'graphql';
import { CloseCode, createClient, type Client } from 'graphql-ws';
import { queryText, type GraphQLErrorShape } from './graphql-http';
import { SessionEndedError, type Session } from './session';

/** What happens to the connection and its subscriptions, for a status bar or a log. */
export type LiveEvent =
  | { type: 'connected'; connections: number }
  | { type: 'disconnected'; code: number | null; reason: string }
  | { type: 'resubscribing'; operation: string; after: string | null; delayMs: number }
  | { type: 'renewed' }
  | { type: 'cursor-expired'; operation: string }
  | { type: 'failed'; operation: string; error: unknown };

export interface LiveConnectionOptions {
  /** ws(s)://…/graphql, the same path as HTTP. */
  url: string;
  session: Session;
  /** The browser's WebSocket by default; on Node pass the `ws` package's. */
  webSocketImpl?: unknown;
  /** Backoff between resubscriptions: doubling from `initialMs` up to `maxMs`, with jitter. */
  retry?: { initialMs?: number; maxMs?: number };
  /** How long to wait for the pong that confirms a renewal (default 10 s). */
  renewalTimeoutMs?: number;
  onEvent?: (event: LiveEvent) => void;
}

export interface ResumableOptions<TData, TVariables> {
  document: TypedDocumentNode<TData, TVariables>;
  /** The variables of each (re)subscription, given the cursor to resume after (null: from now). */
  variables: (after: string | null) => TVariables;
  /** The resume point carried by a result; leave out for subscriptions that resend their whole state. */
  cursorOf?: (data: TData) => string;
  /** Where to start: a cursor kept from before (a reload, another page), or null for "from now". */
  after?: string | null;
  next: (data: TData) => void;
  /** `after` is older than the server's event log keeps: reload what the screen shows; it goes on from now. */
  onCursorExpired?: () => void | Promise<void>;
}

export interface ResumableSubscription {
  /** The cursor of the last result handled: where a resubscription resumes. */
  readonly after: string | null;
  stop(): void;
}

interface RenewableSocket {
  readonly readyState: number;
  send(data: string): void;
}

const OPEN = 1;
const NORMAL_CLOSURE = 1000;
/** Close codes after which trying again cannot help (malformed requests, a client bug). */
const FATAL_CLOSE_CODES = new Set<number>([
  CloseCode.BadRequest,
  CloseCode.InternalClientError,
  CloseCode.BadResponse,
  CloseCode.SubprotocolNotAcceptable,
  CloseCode.SubscriberAlreadyExists,
  CloseCode.TooManyInitialisationRequests,
]);

function closeCodeOf(error: unknown): number | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : null;
}

function graphQLErrorsOf(error: unknown): readonly GraphQLErrorShape[] | null {
  return Array.isArray(error) ? (error as GraphQLErrorShape[]) : null;
}

/**
 * One graphql-ws connection for every subscription of the signed-in agent.
 *
 * Resuming is done here, not by graphql-ws: its retries resend each subscribe message exactly as
 * first sent, with the first `after`, which would replay (or, with no cursor, skip) what happened
 * meanwhile. So its retries are off, and each subscription, when its connection is lost,
 * subscribes again with the cursor of the last event it handled: the server replays what came
 * after it and goes live, with nothing lost and nothing twice.
 *
 * Credentials: `connectionParams` reads the current access token on every connect, and after each
 * refresh the open socket is handed the new token with the ping the server reads as a renewal.
 */
export class LiveConnection {
  private readonly client: Client;
  private socket: RenewableSocket | null = null;
  private connections = 0;
  private closing = false;
  private readonly renewals = new Map<string, (renewed: boolean) => void>();
  private readonly active = new Set<() => void>();
  private readonly offRefreshed: () => void;
  /** Bumped by each new socket: subscriptions reset their backoff. */
  private generation = 0;

  constructor(private readonly options: LiveConnectionOptions) {
    const session = options.session;
    this.client = createClient({
      url: options.url,
      webSocketImpl: options.webSocketImpl,
      lazy: true,
      retryAttempts: 0,
      connectionParams: () => ({ authorization: `Bearer ${session.accessToken()}` }),
      on: {
        connected: (socket) => {
          this.socket = socket as RenewableSocket;
          this.connections += 1;
          this.generation += 1;
          this.emit({ type: 'connected', connections: this.connections });
        },
        closed: (event) => {
          this.socket = null;
          for (const settle of this.renewals.values()) settle(false);
          this.renewals.clear();
          const code = closeCodeOf(event);
          if (this.closing || code === NORMAL_CLOSURE) return;
          const reason = (event as { reason?: unknown } | null)?.reason;
          this.emit({ type: 'disconnected', code, reason: typeof reason === 'string' ? reason : '' });
        },
        pong: (received, payload) => {
          const authorization = payload?.authorization;
          if (received && typeof authorization === 'string') this.renewals.get(authorization)?.(true);
        },
      },
    });
    this.offRefreshed = session.onRefreshed((tokens) => void this.renew(tokens.accessToken));
  }

  /** Sockets opened so far (1 until the first reconnect). */
  get connectionCount(): number {
    return this.connections;
  }

  /**
   * Hands a new access token to the open socket: `{"type":"ping","payload":{"authorization":…}}`.
   * The server checks it before it answers, so the pong means the socket now lives on the new
   * token. False when no socket is open (the next one connects with the new token anyway) or no
   * pong came in time (a socket on an expired token is closed 4401 and subscribed again).
   */
  async renew(accessToken: string): Promise<boolean> {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    const authorization = `Bearer ${accessToken}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const renewed = await new Promise<boolean>((resolve) => {
      this.renewals.set(authorization, resolve);
      timer = setTimeout(() => resolve(false), this.options.renewalTimeoutMs ?? 10_000);
      socket.send(JSON.stringify({ type: 'ping', payload: { authorization } }));
    });
    clearTimeout(timer);
    this.renewals.delete(authorization);
    if (renewed) this.emit({ type: 'renewed' });
    return renewed;
  }

  /** Subscribes, and keeps the subscription going over lost connections from its last cursor. */
  subscribe<TData, TVariables>(options: ResumableOptions<TData, TVariables>): ResumableSubscription {
    const operation = getOperationAST(options.document)?.name?.value ?? 'subscription';
    const query = queryText(options.document);
    const retry = { initialMs: 500, maxMs: 30_000, ...this.options.retry };
    let after = options.after ?? null;
    let stopped = false;
    let attempts = 0;
    let seenGeneration = this.generation;
    let unsubscribe: (() => void) | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      this.active.delete(stop);
    };
    this.active.add(stop);

    const again = () => {
      if (stopped) return;
      unsubscribe = null;
      if (this.generation !== seenGeneration) attempts = 0;
      seenGeneration = this.generation;
      const delayMs = Math.min(retry.maxMs, retry.initialMs * 2 ** attempts) * (0.75 + Math.random() * 0.5);
      attempts += 1;
      this.emit({ type: 'resubscribing', operation, after, delayMs: Math.round(delayMs) });
      timer = setTimeout(start, delayMs);
    };

    const fail = (error: unknown) => {
      stop();
      this.emit({ type: 'failed', operation, error });
    };

    /** Decides what a refusal from the server means; true when the subscription goes on. */
    const onErrors = (errors: readonly GraphQLErrorShape[]) => {
      const code = errors[0]?.extensions?.code;
      if (code === 'CURSOR_EXPIRED') {
        after = null;
        this.emit({ type: 'cursor-expired', operation });
        void Promise.resolve(options.onCursorExpired?.()).then(start, fail);
      } else if (code === 'RATE_LIMITED') {
        again();
      } else {
        fail(errors);
      }
    };

    const onClosed = (error: unknown) => {
      const closeCode = closeCodeOf(error);
      if (closeCode !== null && FATAL_CLOSE_CODES.has(closeCode)) return fail(error);
      if (closeCode === CloseCode.Unauthorized) {
        // The token expired or was refused: refresh, then connect with the new one.
        this.options.session.refresh().then(
          () => again(),
          (refused: unknown) => (refused instanceof SessionEndedError ? fail(refused) : again()),
        );
        return;
      }
      // Lost connection (1006), server going away (1001), 4403 after an access change…
      again();
    };

    const start = () => {
      timer = null;
      if (stopped) return;
      // Each attempt is decided once: a refusal comes as errors and then a completion.
      let decided = false;
      const decide = (then: () => void) => {
        if (decided || stopped) return;
        decided = true;
        then();
      };
      unsubscribe = this.client.subscribe<TData>(
        { query, operationName: operation, variables: options.variables(after) as Record<string, unknown> },
        {
          next: (result) => {
            if (decided || stopped) return;
            if (result.errors?.length || !result.data) {
              return decide(() => onErrors(result.errors ?? [{ message: 'An empty result.' }]));
            }
            // The cursor moves only once the result is handled: if handling throws, it comes again.
            options.next(result.data as TData);
            if (options.cursorOf) after = options.cursorOf(result.data as TData);
          },
          error: (error) => {
            const errors = graphQLErrorsOf(error);
            decide(() => (errors ? onErrors(errors) : onClosed(error)));
          },
          // The server ended it (it restarts, or the client fell too far behind): go on.
          complete: () => decide(again),
        },
      );
    };

    start();
    return {
      get after() {
        return after;
      },
      stop,
    };
  }

  /** Stops every subscription and closes the socket. */
  async close(): Promise<void> {
    this.closing = true;
    this.offRefreshed();
    for (const stop of [...this.active]) stop();
    await this.client.dispose();
  }

  private emit(event: LiveEvent): void {
    this.options.onEvent?.(event);
  }
}
