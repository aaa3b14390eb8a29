import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  RefreshSessionDocument,
  SetPasswordDocument,
  SignInDocument,
  SignOutDocument,
  type SessionFieldsFragment,
  type UserErrorCode,
} from './generated/graphql';
import { GraphQLRequestError, postGraphQL, type FetchLike } from './graphql-http';

export type SignedInAgent = NonNullable<SessionFieldsFragment['agent']>;

/** A signed-in session: what sessionCreate, sessionRefresh and passwordSet return. */
export interface SessionTokens {
  accessToken: string;
  /** Server time, ISO 8601. */
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  agent: SignedInAgent;
}

/** Sign-in refused: INVALID_CREDENTIALS (wrong e-mail or password alike), LOCKED_OUT, AGENT_INACTIVE… */
export class SignInError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/** The session cannot go on (revoked, reused refresh token, deactivated agent): sign in again. */
export class SessionEndedError extends Error {
  constructor(
    readonly code: UserErrorCode | 'SIGNED_OUT',
    message: string,
  ) {
    super(message);
    this.name = 'SessionEndedError';
  }
}

export interface SessionOptions {
  /** The GraphQL URL, e.g. http://localhost:4000/graphql. */
  url: string;
  fetch?: FetchLike;
  /** Milliseconds since the epoch on the server's clock; `Date.now` by default. */
  now?: () => number;
  /** Refresh when the access token has less than this left (default 60 s). */
  refreshAheadMs?: number;
  /**
   * How often to look at the expiry (default 5 s). A check every few seconds, rather than one long
   * timer, survives a laptop's sleep and a background tab's throttled timers.
   */
  checkEveryMs?: number;
  /** A refresh that failed for a reason other than the session ending (the network, mostly). */
  onRefreshError?: (error: unknown) => void;
}

function tokensOf(payload: SessionFieldsFragment): SessionTokens {
  const [refusal] = payload.userErrors;
  if (refusal) throw new SignInError(refusal.code, refusal.message);
  const { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, agent } = payload;
  if (!accessToken || !accessTokenExpiresAt || !refreshToken || !refreshTokenExpiresAt || !agent) {
    throw new Error('The session answer lacks its tokens.');
  }
  return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, agent };
}

/**
 * Holds the tokens of one signed-in agent and keeps the access token fresh: it refreshes ahead of
 * expiry, and once more when a request is refused as UNAUTHENTICATED. A refresh token works once
 * and presenting a spent one ends the whole session, so refreshes are single-flight: every caller
 * waits on the same one. (Across browser tabs, elect one tab to refresh, e.g. with
 * `navigator.locks.request`, and share the tokens with a BroadcastChannel.)
 */
export class Session {
  private tokens: SessionTokens | null = null;
  private refreshing: Promise<SessionTokens> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly fetchImpl: FetchLike;
  private readonly now: () => number;
  private readonly refreshedListeners = new Set<(tokens: SessionTokens) => void>();
  private readonly endedListeners = new Set<(error: SessionEndedError) => void>();

  constructor(private readonly options: SessionOptions) {
    this.fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
    this.now = options.now ?? Date.now;
  }

  get agent(): SignedInAgent | null {
    return this.tokens?.agent ?? null;
  }

  get accessTokenExpiresAt(): string | null {
    return this.tokens?.accessTokenExpiresAt ?? null;
  }

  /** The current access token, for `Authorization: Bearer` and the WebSocket's connectionParams. */
  accessToken(): string {
    if (!this.tokens) throw new SessionEndedError('SIGNED_OUT', 'Not signed in.');
    return this.tokens.accessToken;
  }

  async signIn(email: string, password: string): Promise<SignedInAgent> {
    const data = await postGraphQL(this.fetchImpl, this.options.url, SignInDocument, {
      input: { email, password },
    });
    return this.begin(tokensOf(data.sessionCreate));
  }

  /** Sets the password with an invite or reset token (`otl_…`); that signs in too. */
  async setPassword(token: string, password: string): Promise<SignedInAgent> {
    const data = await postGraphQL(this.fetchImpl, this.options.url, SetPasswordDocument, {
      input: { token, password },
    });
    return this.begin(tokensOf(data.passwordSet));
  }

  /** Called with the new tokens after every refresh: hand the access token to open sockets. */
  onRefreshed(listener: (tokens: SessionTokens) => void): () => void {
    this.refreshedListeners.add(listener);
    return () => this.refreshedListeners.delete(listener);
  }

  /** Called once when the session ends without a sign-out (revoked elsewhere, refresh token reused). */
  onEnded(listener: (error: SessionEndedError) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** Runs an operation as the agent; refreshes once and retries when the token was refused. */
  async request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    const run = () => postGraphQL(this.fetchImpl, this.options.url, document, variables, this.accessToken());
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof GraphQLRequestError) || error.code !== 'UNAUTHENTICATED') throw error;
      await this.refresh();
      return run();
    }
  }

  /** Exchanges the refresh token for a new pair; concurrent callers share one exchange. */
  refresh(): Promise<SessionTokens> {
    this.refreshing ??= this.exchange().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Signs out this session (or every session of the agent); the tokens are forgotten either way. */
  async signOut(options: { everywhere?: boolean } = {}): Promise<number> {
    const tokens = this.tokens;
    if (!tokens) return 0;
    this.stop();
    this.tokens = null;
    // The refresh token is the credential here: an expired access token must not stop a sign-out.
    const data = await postGraphQL(this.fetchImpl, this.options.url, SignOutDocument, {
      input: { refreshToken: tokens.refreshToken, everywhere: options.everywhere ?? false },
    });
    const [refusal] = data.sessionRevoke.userErrors;
    if (refusal) throw new SessionEndedError(refusal.code, refusal.message);
    return data.sessionRevoke.revokedSessionCount ?? 0;
  }

  /** Stops the expiry checks without signing out. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private begin(tokens: SessionTokens): SignedInAgent {
    this.tokens = tokens;
    this.stop();
    this.timer = setInterval(() => this.refreshIfDue(), this.options.checkEveryMs ?? 5_000);
    return tokens.agent;
  }

  private refreshIfDue(): void {
    const tokens = this.tokens;
    if (!tokens || this.refreshing) return;
    const left = Date.parse(tokens.accessTokenExpiresAt) - this.now();
    if (left > (this.options.refreshAheadMs ?? 60_000)) return;
    // A failed refresh is tried again at the next check, as long as the token lasts.
    this.refresh().catch((error: unknown) => {
      if (!(error instanceof SessionEndedError)) this.options.onRefreshError?.(error);
    });
  }

  private async exchange(): Promise<SessionTokens> {
    const current = this.tokens;
    if (!current) throw new SessionEndedError('SIGNED_OUT', 'Not signed in.');
    const data = await postGraphQL(this.fetchImpl, this.options.url, RefreshSessionDocument, {
      input: { refreshToken: current.refreshToken },
    });
    let next: SessionTokens;
    try {
      next = tokensOf(data.sessionRefresh);
    } catch (error) {
      // SESSION_INVALID (revoked, or the token was spent before) or AGENT_INACTIVE: no way back.
      const ended =
        error instanceof SignInError
          ? new SessionEndedError(error.code, error.message)
          : new SessionEndedError('SESSION_INVALID', String(error));
      if (this.tokens === current) {
        this.tokens = null;
        this.stop();
        for (const listener of this.endedListeners) listener(ended);
      }
      throw ended;
    }
    // Signed out while the exchange was in flight: drop what it brought.
    if (this.tokens !== current) throw new SessionEndedError('SIGNED_OUT', 'Signed out.');
    this.tokens = next;
    for (const listener of this.refreshedListeners) listener(next);
    return next;
  }
}
