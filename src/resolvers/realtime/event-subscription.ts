import { effectiveScopes } from '../../auth/access';
import { type Viewer, isAdmin, restrictedAgentId } from '../../auth/viewer';
import { type EventRecord } from '../../entities/event-record.entity';
import { type EventStream } from '../../realtime/event-bus';
import { decodeEventCursorFor, encodeEventCursor } from '../../realtime/event-log';
import { ADMIN_EVENT_TYPES, type EventType } from '../../realtime/event-types';
import { apiErrorOf } from '../../schema/errors';
import {
  conversationReadScope,
  mayReadEvent,
  streamReadScope,
  type StreamReadScope,
} from '../../services/conversation/conversation-visibility';
import { type AuthedContext } from '../../server/context';

/**
 * What a viewer may see of the log: admins and API keys everything of their workspace; an agent
 * what the conversation read rule gives them (`mayReadEvent`: their own conversations, their
 * teams' queues and the general queue, and the move that takes one away from them). Admin events
 * (the audit log) only admins. `scope` is the read rule to apply, by default the viewer's as they
 * signed in; a stream passes its own, kept current as it goes.
 */
export function visibleTo(
  viewer: Viewer,
  scope: Pick<StreamReadScope, 'mayRead'> = {
    mayRead: (record) => mayReadEvent(conversationReadScope(viewer), record),
  },
): (record: EventRecord) => boolean {
  const agentId = restrictedAgentId(viewer);
  // Audit events are workspace administration: admin agents and admin-scoped keys only.
  const admin = isAdmin(viewer);
  if (agentId === null && admin) return () => true;
  return (record) => {
    if (ADMIN_EVENT_TYPES.has(record.type)) return admin;
    return scope.mayRead(record);
  };
}

/**
 * Viewers with one key see the same events and get the same result for each: same workspace, same
 * event filter (the restricted agent, if any) and same field access (the agent's role or the key's
 * effective scopes). Subscription executions are shared by this key.
 */
export function visibilityKey(viewer: Viewer): string {
  const { principal } = viewer;
  const who =
    principal.kind === 'agent'
      ? `agent:${principal.agent.role}:${restrictedAgentId(viewer) ?? '*'}`
      : `key:${[...effectiveScopes(principal.apiKey.scopes)].sort().join(',')}`;
  return `${viewer.workspaceId}|${who}`;
}

export function cursorOf(record: EventRecord): string {
  return encodeEventCursor(record.workspaceId, record.seq);
}

export interface EventSubscriptionOptions {
  /** Event kinds wanted. */
  types: readonly EventType[];
  /** Resume cursor from a previous event (replay, then live). */
  after?: string | null;
  /** Only this conversation (database id, already checked to belong to the workspace). */
  conversationId?: string | null;
  /** Any further condition on the record. */
  where?: (record: EventRecord) => boolean;
}

/** Undelivered events a subscriber may hold before it is ended as too slow. */
const MAX_BUFFER = 1000;

function mapStreamError(error: unknown): unknown {
  return apiErrorOf(error) ?? error;
}

/**
 * The records a subscription delivers, as an async iterator graphql-js can drive: the log stream
 * of the viewer's workspace, filtered by kind and visibility. `return()` ends the stream at once
 * even while it waits. Loaders are not refreshed here: the WebSocket server runs every execution
 * with fresh ones (a subscription lives for hours; loader caches must not serve stale rows).
 */
export class RecordIterator implements AsyncIterableIterator<EventRecord> {
  constructor(
    readonly ctx: AuthedContext,
    readonly stream: EventStream,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<EventRecord, undefined>> {
    try {
      return await this.stream.next();
    } catch (error) {
      throw mapStreamError(error);
    }
  }

  async return(): Promise<IteratorResult<EventRecord, undefined>> {
    return this.stream.return();
  }

  async throw(error?: unknown): Promise<IteratorResult<EventRecord, undefined>> {
    return this.stream.throw(error);
  }
}

/** Opens the viewer's filtered stream; a bad or expired `after` fails here, as the subscription's error. */
export async function subscribeToEvents(
  ctx: AuthedContext,
  options: EventSubscriptionOptions,
): Promise<RecordIterator> {
  const { viewer } = ctx;
  const after = options.after ? decodeEventCursorFor(options.after, viewer.workspaceId) : null;
  const types = new Set<string>(options.types);
  // An agent's teams as of a log position; a live stream starts right there, so no membership
  // change falls between what was read and what the stream goes through.
  const scope = await streamReadScope(ctx.deps.dataSource, viewer);
  const afterSeq = after ?? (scope.agentId !== null ? scope.asOf : null);
  const visible = visibleTo(viewer, scope);
  const { conversationId, where } = options;
  const stream = await ctx.deps.realtime.bus.openStream({
    workspaceId: viewer.workspaceId,
    afterSeq,
    maxBuffer: MAX_BUFFER,
    filter: (record) => {
      scope.observe(record);
      return (
        types.has(record.type) &&
        (!conversationId || record.conversationId === conversationId) &&
        visible(record) &&
        (!where || where(record))
      );
    },
  });
  return new RecordIterator(ctx, stream);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Turns a record stream into "something changed" ticks: one at once (the current state), then at
 * most one per `windowMs` however many records a burst holds, so a mass reassignment costs one
 * recount per subscriber, not one per conversation.
 */
export class CoalescingIterator implements AsyncIterableIterator<number> {
  private first = true;
  private ticks = 0;

  constructor(
    private readonly source: RecordIterator,
    private readonly windowMs: number,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<number, undefined>> {
    if (this.first) {
      this.first = false;
      return { value: this.ticks++, done: false };
    }
    const result = await this.source.next();
    if (result.done) return result;
    // Let the rest of the burst arrive, then take whatever is already buffered without waiting.
    await sleep(this.windowMs);
    while (this.source.stream.buffered > 0 && !this.source.stream.isClosed) {
      const more = await this.source.next();
      if (more.done) break;
    }
    if (this.source.stream.isClosed) return { value: undefined, done: true };
    return { value: this.ticks++, done: false };
  }

  async return(): Promise<IteratorResult<number, undefined>> {
    await this.source.return();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<number, undefined>> {
    await this.source.return();
    throw error;
  }
}
