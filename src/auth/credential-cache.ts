import { Client } from 'pg';
import { type Logger } from '../runtime/logger';
import { type Viewer } from './viewer';

/** The channel the credential triggers notify (migration CredentialChangeNotify): a workspace id, or `*`. */
export const CREDENTIAL_CHANNEL = 'omnitray_credentials';

interface Entry {
  viewer: Viewer;
  expiresAt: number;
}

/** A copy of an entity with its class: a request may change its viewer's rows without touching the cache's. */
function copy<T extends object>(value: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(value) as object) as T, value);
}

function copyViewer(viewer: Viewer): Viewer {
  return {
    ...viewer,
    workspace: copy(viewer.workspace),
    principal:
      viewer.principal.kind === 'agent'
        ? { kind: 'agent', agent: copy(viewer.principal.agent) }
        : { kind: 'apiKey', apiKey: copy(viewer.principal.apiKey) },
  };
}

/**
 * Verified callers of this process by token hash, so a page does not re-read its agent (or key),
 * workspace and teams. Served only while the change listener is connected; every write to an
 * agent, team membership, session family, API key or workspace notifies at its commit and drops
 * that workspace's entries in every process, and a mutation answered here drops its workspace's
 * entries before its response leaves. An entry lives `ttlMs` at most whatever happens.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private live = false;
  /** Bumped by every drop: a read that started before one is not stored. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get serving(): boolean {
    return this.live;
  }

  /** The generation a read starts in, for `remember`. */
  begin(): number {
    return this.generation;
  }

  lookup(key: string, now: number): Viewer | null {
    if (!this.live) return null;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return null;
    }
    return copyViewer(entry.viewer);
  }

  remember(key: string, viewer: Viewer, startedIn: number, now: number): void {
    if (!this.live || startedIn !== this.generation) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { viewer: copyViewer(viewer), expiresAt: now + this.ttlMs });
  }

  /** An API key's `lastUsedAt` as just written, so its entry does not write it again. */
  keyUsed(key: string, at: Date): void {
    const entry = this.entries.get(key);
    if (entry?.viewer.principal.kind === 'apiKey') entry.viewer.principal.apiKey.lastUsedAt = at;
  }

  forgetWorkspace(workspaceId: string): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) {
      if (entry.viewer.workspaceId === workspaceId) this.entries.delete(key);
    }
  }

  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Whether changes are being heard: off, nothing is served or stored. */
  setLive(live: boolean): void {
    this.forgetAll();
    this.live = live;
  }

  /** How many callers of a workspace are kept. */
  keptOf(workspaceId: string): number {
    let kept = 0;
    for (const entry of this.entries.values()) if (entry.viewer.workspaceId === workspaceId) kept += 1;
    return kept;
  }
}

/**
 * LISTENs on its own connection and drops what each notification names; while the connection is
 * down the cache serves nothing, and it reconnects every `retryMs`.
 */
export function listenForCredentialChanges(
  databaseUrl: string,
  cache: CredentialCache,
  logger: Logger,
  retryMs = 1_000,
): { ready: Promise<void>; close: () => Promise<void> } {
  let client: Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async () => {
    const next = new Client({ connectionString: databaseUrl, application_name: 'omnitray-credentials' });
    client = next;
    const lost = (error?: Error) => {
      if (client !== next) return;
      client = null;
      cache.setLive(false);
      next.removeAllListeners();
      void next.end().catch(() => undefined);
      if (closed) return;
      if (error)
        logger.warn('credential cache: change listener lost; serving none', { error: error.message });
      timer = setTimeout(() => void connect(), retryMs);
    };
    next.on('error', lost);
    next.on('end', () => lost(new Error('connection ended')));
    next.on('notification', (message) => {
      if (message.channel !== CREDENTIAL_CHANNEL) return;
      if (!message.payload || message.payload === '*') cache.forgetAll();
      else cache.forgetWorkspace(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CREDENTIAL_CHANNEL}`);
      if (client === next && !closed) cache.setLive(true);
    } catch (error) {
      lost(error as Error);
    }
    markReady();
  };
  void connect();
  return {
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      cache.setLive(false);
      if (current) {
        current.removeAllListeners();
        await current.end().catch(() => undefined);
      }
    },
  };
}
