import {
  InboxTraysDocument,
  SendReplyDocument,
  TrayCountsDocument,
  TrayMovesDocument,
  TrayPageDocument,
  type InboxConversationFragment,
  type SendReplyMutation,
  type TrayKind,
  type TrayMovesSubscription,
  type TrayView,
} from './generated/graphql';
import { type FetchLike } from './graphql-http';
import { LiveConnection, type LiveEvent, type ResumableSubscription } from './live-connection';
import { Session, type SessionTokens, type SignedInAgent } from './session';

export type InboxConversation = InboxConversationFragment;
export type TrayMove = TrayMovesSubscription['trayChanged'];

export interface TrayState {
  kind: TrayKind;
  count: number;
  /** Newest activity first: the first page, plus what pushes moved in. */
  conversations: InboxConversation[];
  /** Where `loadMore` continues; null when the tray has no further page. */
  endCursor: string | null;
}

/** Everything the inbox reports, in the order it happens. */
export type InboxEvent =
  | { type: 'signed-in'; agent: SignedInAgent; accessTokenExpiresAt: string }
  | { type: 'token-refreshed'; accessTokenExpiresAt: string }
  | { type: 'session-ended'; code: string; message: string }
  | { type: 'trays'; trays: TrayState[] }
  | { type: 'counts'; counts: { kind: TrayKind; count: number }[] }
  | { type: 'moved'; move: TrayMove }
  | {
      type: 'replied';
      conversationId: string;
      message: NonNullable<SendReplyMutation['messageSend']['message']>;
    }
  | { type: 'signed-out'; revokedSessions: number }
  | LiveEvent;

export interface InboxClientOptions {
  /** The GraphQL URL over HTTP, e.g. http://localhost:4000/graphql. */
  url: string;
  /** The WebSocket URL; by default the HTTP one with ws(s). */
  wsUrl?: string;
  view?: TrayView;
  /** Conversations per tray page (1–100). */
  pageSize?: number;
  fetch?: FetchLike;
  /** The browser's WebSocket by default; on Node the `ws` package's. */
  webSocketImpl?: unknown;
  /** The server's clock, for token expiry; `Date.now` by default. */
  now?: () => number;
  refreshAheadMs?: number;
  refreshCheckEveryMs?: number;
  retry?: { initialMs?: number; maxMs?: number };
  onEvent?: (event: InboxEvent) => void;
}

function randomKey(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * A web inbox's data layer without a framework: sign-in with a fresh token, the trays with their
 * counts and first pages, live moves between trays that resume after a lost connection, replies,
 * sign-out. A UI renders `trays()` whenever `onEvent` reports a change.
 */
export class InboxClient {
  readonly session: Session;
  private live: LiveConnection | null = null;
  private readonly subscriptions: ResumableSubscription[] = [];
  private readonly state = new Map<TrayKind, TrayState>();
  private readonly view: TrayView;
  private readonly pageSize: number;

  constructor(private readonly options: InboxClientOptions) {
    this.view = options.view ?? 'V2';
    this.pageSize = options.pageSize ?? 10;
    this.session = new Session({
      url: options.url,
      fetch: options.fetch,
      now: options.now,
      refreshAheadMs: options.refreshAheadMs,
      checkEveryMs: options.refreshCheckEveryMs,
    });
    this.session.onRefreshed((tokens: SessionTokens) =>
      this.emit({ type: 'token-refreshed', accessTokenExpiresAt: tokens.accessTokenExpiresAt }),
    );
    this.session.onEnded((ended) => {
      this.emit({ type: 'session-ended', code: ended.code, message: ended.message });
      void this.disconnect();
    });
  }

  async signIn(email: string, password: string): Promise<SignedInAgent> {
    const agent = await this.session.signIn(email, password);
    this.emit({ type: 'signed-in', agent, accessTokenExpiresAt: this.session.accessTokenExpiresAt! });
    return agent;
  }

  /** First sign-in of an invited agent, or after a reset: sets the password and signs in. */
  async acceptInvite(token: string, password: string): Promise<SignedInAgent> {
    const agent = await this.session.setPassword(token, password);
    this.emit({ type: 'signed-in', agent, accessTokenExpiresAt: this.session.accessTokenExpiresAt! });
    return agent;
  }

  /** What the screen shows, tray by tray. */
  trays(): TrayState[] {
    return [...this.state.values()];
  }

  /** Every tray with its count and first page (replaces what was shown). */
  async loadTrays(): Promise<TrayState[]> {
    const data = await this.session.request(InboxTraysDocument, { view: this.view, first: this.pageSize });
    this.state.clear();
    for (const tray of data.trays) {
      this.state.set(tray.kind, {
        kind: tray.kind,
        count: tray.count,
        conversations: tray.conversations.edges.map((edge) => edge.node),
        endCursor: tray.conversations.pageInfo.hasNextPage ? tray.conversations.pageInfo.endCursor : null,
      });
    }
    const trays = this.trays();
    this.emit({ type: 'trays', trays });
    return trays;
  }

  /** The next page of one tray, appended. */
  async loadMore(kind: TrayKind): Promise<TrayState | null> {
    const tray = this.state.get(kind);
    if (!tray?.endCursor) return tray ?? null;
    const data = await this.session.request(TrayPageDocument, {
      kind,
      view: this.view,
      first: this.pageSize,
      after: tray.endCursor,
    });
    const known = new Set(tray.conversations.map((conversation) => conversation.id));
    const page = data.tray.conversations;
    tray.conversations.push(...page.edges.map((edge) => edge.node).filter((node) => !known.has(node.id)));
    tray.endCursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    tray.count = data.tray.count;
    return tray;
  }

  /**
   * Live updates: tray moves (resumable, from `after` when given, e.g. the cursor kept before a
   * reload) and counts. Call before `loadTrays`, so that nothing committed while the trays load
   * is missed; moves are applied idempotently, whatever the list already shows.
   */
  watch(options: { after?: string | null } = {}): void {
    if (this.live) return;
    const base = this.options.url.replace(/^http/, 'ws');
    this.live = new LiveConnection({
      url: this.options.wsUrl ?? base,
      session: this.session,
      webSocketImpl: this.options.webSocketImpl,
      retry: this.options.retry,
      onEvent: (event) => this.emit(event),
    });
    this.subscriptions.push(
      this.live.subscribe({
        document: TrayMovesDocument,
        variables: (after) => ({ view: this.view, after }),
        cursorOf: (data) => data.trayChanged.cursor,
        after: options.after ?? null,
        next: (data) => this.applyMove(data.trayChanged),
        // Away longer than the event log keeps: what is on screen may be stale.
        onCursorExpired: async () => void (await this.loadTrays()),
      }),
      this.live.subscribe({
        document: TrayCountsDocument,
        variables: () => ({ view: this.view }),
        next: (data) => this.applyCounts(data.trayCountsChanged),
      }),
    );
  }

  /** The cursor of the last move applied: keep it (e.g. in sessionStorage) to resume after a reload. */
  get lastCursor(): string | null {
    return this.subscriptions[0]?.after ?? null;
  }

  /** Sockets opened so far. */
  get connectionCount(): number {
    return this.live?.connectionCount ?? 0;
  }

  /** Answers the customer; the idempotency key makes a retry after a lost answer safe. */
  async reply(conversationId: string, text: string, idempotencyKey = randomKey()) {
    const data = await this.session.request(SendReplyDocument, {
      input: { conversationId, text, idempotencyKey },
    });
    const { message, userErrors } = data.messageSend;
    if (userErrors.length > 0 || !message) {
      throw new Error(userErrors.map((error) => `${error.code}: ${error.message}`).join('; '));
    }
    this.emit({ type: 'replied', conversationId, message });
    return message;
  }

  /** Signs out (this session, or all of the agent's) and closes the socket. */
  async signOut(options: { everywhere?: boolean } = {}): Promise<number> {
    await this.disconnect();
    const revokedSessions = await this.session.signOut(options);
    this.emit({ type: 'signed-out', revokedSessions });
    return revokedSessions;
  }

  private async disconnect(): Promise<void> {
    const live = this.live;
    this.live = null;
    this.subscriptions.length = 0;
    await live?.close();
  }

  /** A move is applied the same way whether or not the list already shows it. */
  private applyMove(move: TrayMove): void {
    for (const tray of this.state.values()) {
      tray.conversations = tray.conversations.filter(
        (conversation) => conversation.id !== move.conversation.id,
      );
    }
    const target = move.to ? this.state.get(move.to) : undefined;
    target?.conversations.unshift(move.conversation);
    this.emit({ type: 'moved', move });
  }

  private applyCounts(counts: { kind: TrayKind; count: number }[]): void {
    for (const { kind, count } of counts) {
      const tray = this.state.get(kind);
      if (tray) tray.count = count;
    }
    this.emit({ type: 'counts', counts });
  }

  private emit(event: InboxEvent): void {
    this.options.onEvent?.(event);
  }
}
