// The wallboard at GET /dashboard: a page of this server that signs in with a token or the sign-in
// flow and shows the live figures through the public API only (HTTP for sign-in, graphql-ws for
// the figures). Compiled by the normal build into dist/dashboard/ and served as is.
import type { Client, createClient as CreateClient, Sink } from 'graphql-ws';
import { LANGUAGES, MESSAGES, preferredLanguage, type Language, type MessageKey } from './messages.js';

interface Settings {
  /** The GraphQL path on this origin. */
  graphql: string;
  /** The URL of graphql-ws's browser client, served by this origin. */
  graphqlWs: string;
}

interface Session {
  accessToken: string;
  accessTokenExpiresAt: string | null;
  refreshToken: string | null;
}

interface TrayCount {
  id?: string;
  kind: string;
  count: number;
}
interface StatusCount {
  status: string;
  count: number;
}
interface AgentLoad {
  agent: { id: string };
  name: string;
  status: string;
  count: number;
}
interface QueueChange {
  cursor: string;
  snapshot: boolean;
  waiting: number | null;
  longestWaitingChanged: boolean;
  longestWaitingSince: string | null;
  byTray: TrayCount[];
  agentsByStatus: StatusCount[];
  openByAgent: AgentLoad[];
  removedAgentIds: string[];
}
interface Failure {
  cursor: string;
  occurredAt: string;
  message: { id: string; error: { code: string; title: string; detail: string | null } | null };
  conversation: { id: string; customer: { name: string | null } | null };
}

const TRAYS = `subscription WallboardTrays { trayCountsChanged(view: V2) { id kind count } }`;
const QUEUE = `subscription WallboardQueue($after: String) {
  queueStatsChanged(view: V2, after: $after) {
    cursor snapshot waiting longestWaitingChanged longestWaitingSince
    byTray { kind count } agentsByStatus { status count }
    openByAgent { agent { id } name status count } removedAgentIds
  }
}`;
const FAILURES = `subscription WallboardFailures($after: String) {
  messageDeliveryFailed(after: $after) {
    cursor occurredAt
    message { id error { code title detail } }
    conversation { id customer { name } }
  }
}`;
const SESSION_FIELDS = 'accessToken accessTokenExpiresAt refreshToken userErrors { code message }';
const SIGN_IN = `mutation WallboardSignIn($input: SessionCreateInput!) { sessionCreate(input: $input) { ${SESSION_FIELDS} } }`;
const REFRESH = `mutation WallboardRefresh($input: SessionRefreshInput!) { sessionRefresh(input: $input) { ${SESSION_FIELDS} } }`;
const REVOKE = `mutation WallboardSignOut($input: SessionRevokeInput!) { sessionRevoke(input: $input) { userErrors { code } } }`;
const WHO = `query WallboardViewer { viewer { workspace { name } agent { name } } }`;

const MAX_FAILURES = 50;
const STORAGE = {
  session: 'omnitray.wallboard.session',
  queueCursor: 'omnitray.wallboard.queueCursor',
  failureCursor: 'omnitray.wallboard.failureCursor',
  language: 'omnitray.wallboard.language',
};

const settings = JSON.parse(document.getElementById('wallboard-settings')!.textContent ?? '{}') as Settings;
const graphqlUrl = new URL(settings.graphql, window.location.href);
const wsUrl = graphqlUrl.href.replace(/^http/, 'ws');

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- language ----

let language: Language = (() => {
  const saved = localStorage.getItem(STORAGE.language);
  return (LANGUAGES as readonly string[]).includes(saved ?? '')
    ? (saved as Language)
    : preferredLanguage(navigator.languages ?? [navigator.language]);
})();

function t(key: MessageKey | string, values: Record<string, string | number> = {}): string {
  const table = MESSAGES[language] as Record<string, string>;
  const text = table[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

function translateStatic(): void {
  document.documentElement.lang = language;
  document.title = t('title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n!);
  }
  element<HTMLSelectElement>('language').value = language;
}

// ---- state ----

const state = {
  connection: 'connecting' as 'connecting' | 'connected' | 'reconnecting',
  trays: [] as TrayCount[],
  waiting: 0,
  longestWaitingSince: null as string | null,
  agentsByStatus: [] as StatusCount[],
  loads: new Map<string, AgentLoad>(),
  failures: [] as Failure[],
  /** Pushes received, by feed: what a test (or a curious operator) reads from `window.wallboard`. */
  pushes: { trays: 0, queue: 0, failures: 0 },
  connects: 0,
};

// ---- rendering ----

function waitText(since: string | null): string {
  if (!since) return t('nobodyWaits');
  const minutes = Math.max(0, Math.floor((Date.now() - new Date(since).getTime()) / 60_000));
  if (minutes < 1) return t('lessThanAMinute');
  if (minutes < 60) return t('minutes', { n: minutes });
  return t('hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

function render(): void {
  const status = element('connection');
  status.dataset.state = state.connection;
  status.textContent = t(state.connection);

  const trays = element('trays');
  trays.replaceChildren(
    ...state.trays.map((tray) => {
      const tile = make('div', { class: 'tile', 'data-tray': tray.kind });
      tile.append(
        make('span', { class: 'label' }, t(tray.kind)),
        make('span', { class: 'count' }, String(tray.count)),
      );
      return tile;
    }),
  );

  element('queue-waiting').textContent = String(state.waiting);
  const longest = element('queue-longest');
  longest.textContent = waitText(state.longestWaitingSince);
  longest.dataset.since = state.longestWaitingSince ?? '';

  element('agents-by-status').replaceChildren(
    ...state.agentsByStatus.map((entry) => {
      const tile = make('div', {
        class: `tile status-${entry.status.toLowerCase()}`,
        'data-status': entry.status,
      });
      tile.append(
        make('span', { class: 'label' }, t(entry.status)),
        make('span', { class: 'count' }, String(entry.count)),
      );
      return tile;
    }),
  );

  element('agents').replaceChildren(
    ...[...state.loads.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((load) => {
        const row = make('tr', { 'data-agent': load.agent.id });
        row.append(
          make('td', {}, load.name),
          make(
            'td',
            { class: `status-${load.status.toLowerCase()}`, 'data-status': load.status },
            t(load.status),
          ),
          make('td', { class: 'count' }, String(load.count)),
        );
        return row;
      }),
  );

  const failures = element('failures');
  if (state.failures.length === 0) {
    failures.replaceChildren(make('li', { class: 'empty' }, t('noFailures')));
  } else {
    failures.replaceChildren(
      ...state.failures.map((failure) => {
        const item = make('li', { class: 'failure', 'data-message': failure.message.id });
        item.append(
          make('span', { class: 'triangle', 'aria-hidden': 'true' }, '▲'),
          make(
            'strong',
            { class: 'title' },
            failure.message.error?.title ?? failure.message.error?.code ?? '—',
          ),
          make('span', { class: 'customer' }, failure.conversation.customer?.name ?? ''),
          make(
            'time',
            { datetime: failure.occurredAt },
            new Date(failure.occurredAt).toLocaleTimeString(language),
          ),
        );
        if (failure.message.error?.detail) item.title = failure.message.error.detail;
        return item;
      }),
    );
  }
}

// ---- HTTP ----

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

// ---- session ----

let session: Session | null = (() => {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE.session) ?? 'null') as Session | null;
  } catch {
    return null;
  }
})();

function keepSession(next: Session | null): void {
  session = next;
  if (next) sessionStorage.setItem(STORAGE.session, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE.session);
}

interface SessionPayload {
  accessToken: string | null;
  accessTokenExpiresAt: string | null;
  refreshToken: string | null;
  userErrors: { code: string; message: string }[];
}

let refreshing: Promise<boolean> | null = null;

/** Single-flight: a refresh token works once, so two refreshes at once would end the session. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      if (!session?.refreshToken) return false;
      const answer = await gql<{ sessionRefresh: SessionPayload }>(REFRESH, {
        input: { refreshToken: session.refreshToken },
      });
      const payload = answer.data?.sessionRefresh;
      if (!payload?.accessToken || payload.userErrors.length > 0) return false;
      keepSession({
        accessToken: payload.accessToken,
        accessTokenExpiresAt: payload.accessTokenExpiresAt,
        refreshToken: payload.refreshToken,
      });
      // The open socket goes on with the new token (graphql-ws has no re-authentication message).
      socket?.send(
        JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${payload.accessToken}` } }),
      );
      return true;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Checked every few seconds (a timer per check survives sleep and background throttling). */
function refreshWhenDue(): void {
  if (!session?.refreshToken || !session.accessTokenExpiresAt) return;
  if (new Date(session.accessTokenExpiresAt).getTime() - Date.now() < 60_000) void refresh();
}

// ---- live connection ----

let client: Client | null = null;
let socket: WebSocket | null = null;
let attempt = 0;
let reconnectTimer: number | null = null;
const unsubscribers: (() => void)[] = [];

function setConnection(value: typeof state.connection): void {
  state.connection = value;
  render();
}

function feed<T>(query: string, variables: () => Record<string, unknown>, next: (data: T) => void): void {
  const sink: Sink<{ data?: unknown }> = {
    next: (result) => {
      if (result.data) next(result.data as T);
    },
    error: () => lost(),
    complete: () => undefined,
  };
  unsubscribers.push(client!.subscribe({ query, variables: variables() }, sink));
}

function applyQueue(change: QueueChange): void {
  state.pushes.queue += 1;
  if (change.snapshot) state.loads.clear();
  if (change.waiting !== null) state.waiting = change.waiting;
  if (change.longestWaitingChanged) state.longestWaitingSince = change.longestWaitingSince;
  if (change.snapshot) state.agentsByStatus = change.agentsByStatus;
  else {
    for (const entry of change.agentsByStatus) {
      const known = state.agentsByStatus.find((item) => item.status === entry.status);
      if (known) known.count = entry.count;
      else state.agentsByStatus.push(entry);
    }
  }
  for (const load of change.openByAgent) state.loads.set(load.agent.id, load);
  for (const id of change.removedAgentIds) state.loads.delete(id);
  sessionStorage.setItem(STORAGE.queueCursor, change.cursor);
  render();
}

function applyFailure(failure: Failure): void {
  state.pushes.failures += 1;
  if (!state.failures.some((known) => known.message.id === failure.message.id)) {
    state.failures = [failure, ...state.failures].slice(0, MAX_FAILURES);
  }
  sessionStorage.setItem(STORAGE.failureCursor, failure.cursor);
  render();
}

function connect(): void {
  if (!session) return;
  setConnection(state.connects === 0 ? 'connecting' : 'reconnecting');
  const { createClient } = graphqlWs!;
  client = createClient({
    url: wsUrl,
    lazy: false,
    // Resumes itself with the last cursors instead of graphql-ws's retries, which resend the first ones.
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    connectionParams: () => ({ authorization: `Bearer ${session?.accessToken ?? ''}` }),
    on: {
      connected: (opened) => {
        socket = opened as WebSocket;
        attempt = 0;
        state.connects += 1;
        setConnection('connected');
      },
      closed: (event) => {
        socket = null;
        const code = (event as CloseEvent | undefined)?.code ?? 1006;
        if (code === 4401) {
          // The token expired or was refused: refresh when we can, else back to the sign-in.
          void refresh().then((renewed) => (renewed ? lost() : signOut(t('invalidToken'))));
          return;
        }
        lost();
      },
    },
  });
  // Tray counts and queue figures come whole on subscribe; failures resume after the last one seen.
  feed<{ trayCountsChanged: TrayCount[] }>(
    TRAYS,
    () => ({}),
    (data) => {
      state.pushes.trays += 1;
      state.trays = data.trayCountsChanged;
      render();
    },
  );
  feed<{ queueStatsChanged: QueueChange }>(
    QUEUE,
    () => ({ after: sessionStorage.getItem(STORAGE.queueCursor) }),
    (data) => applyQueue(data.queueStatsChanged),
  );
  feed<{ messageDeliveryFailed: Failure }>(
    FAILURES,
    () => ({ after: sessionStorage.getItem(STORAGE.failureCursor) }),
    (data) => applyFailure(data.messageDeliveryFailed),
  );
}

function disconnect(): void {
  for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  const closing = client;
  client = null;
  socket = null;
  void closing?.dispose();
}

/** The connection dropped (network, server restart): again with backoff, 0.5 s doubling to 5 s. */
function lost(): void {
  if (reconnectTimer !== null || !session) return;
  disconnect();
  setConnection('reconnecting');
  const delay = Math.min(5_000, 500 * 2 ** attempt);
  attempt += 1;
  reconnectTimer = window.setTimeout(() => {
    reconnectTimer = null;
    connect();
  }, delay);
}

// ---- sign-in ----

function show(signedIn: boolean): void {
  element('signin').hidden = signedIn;
  element('board').hidden = !signedIn;
  element('signout').hidden = !signedIn;
}

function signInError(message: string): void {
  element('signin-error').textContent = message;
}

async function startBoard(): Promise<void> {
  const who = await gql<{ viewer: { workspace: { name: string }; agent: { name: string } | null } }>(
    WHO,
    {},
    session?.accessToken,
  ).catch(() => null);
  if (!who?.data?.viewer) {
    const code = who?.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED' && (await refresh())) return startBoard();
    keepSession(null);
    show(false);
    signInError(t('invalidToken'));
    return;
  }
  element('workspace').textContent = who.data.viewer.workspace.name;
  show(true);
  connect();
}

async function signInWithPassword(email: string, password: string): Promise<void> {
  signInError('');
  const answer = await gql<{ sessionCreate: SessionPayload }>(SIGN_IN, { input: { email, password } }).catch(
    () => null,
  );
  const payload = answer?.data?.sessionCreate;
  const code = payload?.userErrors[0]?.code;
  if (!payload?.accessToken) {
    signInError(
      code === 'INVALID_CREDENTIALS'
        ? t('invalidCredentials')
        : code === 'LOCKED_OUT'
          ? t('lockedOut')
          : t('failed'),
    );
    return;
  }
  keepSession({
    accessToken: payload.accessToken,
    accessTokenExpiresAt: payload.accessTokenExpiresAt,
    refreshToken: payload.refreshToken,
  });
  await startBoard();
}

async function signInWithToken(token: string): Promise<void> {
  signInError('');
  keepSession({
    accessToken: token.replace(/^Bearer\s+/i, '').trim(),
    accessTokenExpiresAt: null,
    refreshToken: null,
  });
  await startBoard();
}

function signOut(message = ''): void {
  const refreshToken = session?.refreshToken;
  if (refreshToken) void gql(REVOKE, { input: { refreshToken } }).catch(() => undefined);
  if (reconnectTimer !== null) window.clearTimeout(reconnectTimer);
  reconnectTimer = null;
  disconnect();
  keepSession(null);
  sessionStorage.removeItem(STORAGE.queueCursor);
  sessionStorage.removeItem(STORAGE.failureCursor);
  state.failures = [];
  state.loads.clear();
  show(false);
  signInError(message);
}

// ---- start ----

let graphqlWs: { createClient: typeof CreateClient } | null = null;

async function main(): Promise<void> {
  graphqlWs = (await import(settings.graphqlWs)) as { createClient: typeof CreateClient };
  const select = element<HTMLSelectElement>('language');
  select.replaceChildren(...LANGUAGES.map((code) => make('option', { value: code }, code.toUpperCase())));
  select.addEventListener('change', () => {
    language = select.value as Language;
    localStorage.setItem(STORAGE.language, language);
    translateStatic();
    render();
  });
  translateStatic();
  render();
  element<HTMLFormElement>('signin-token').addEventListener('submit', (event) => {
    event.preventDefault();
    void signInWithToken(element<HTMLInputElement>('token').value);
  });
  element<HTMLFormElement>('signin-password').addEventListener('submit', (event) => {
    event.preventDefault();
    void signInWithPassword(
      element<HTMLInputElement>('email').value,
      element<HTMLInputElement>('password').value,
    );
  });
  element('signout').addEventListener('click', () => signOut());
  window.setInterval(() => {
    refreshWhenDue();
    element('queue-longest').textContent = waitText(state.longestWaitingSince);
  }, 5_000);
  (window as unknown as { wallboard: unknown }).wallboard = {
    state,
    get language() {
      return language;
    },
  };
  if (session) await startBoard();
  else show(false);
  document.body.dataset.ready = 'true';
}

void main();
