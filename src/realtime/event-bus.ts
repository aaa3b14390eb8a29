import type { EventRecord } from '../entities/event-record.entity';
import type { Logger } from '../runtime/logger';
import {
  assertCursorRetained,
  currentEventSeq,
  cursorExpiredError,
  readEvents,
  type SqlRunner,
} from './event-log';
import { SubscriberTooSlowError } from './errors';
import { parseEventMessage, toEventMessage, type ParsedEventMessage } from './event-message';
import type { RealtimeEngine, Unsubscribe } from './realtime-engine';

export interface EventStreamOptions {
  workspaceId: string;
  /** Resume after this cursor (replay, then live); absent or null: live from the current head. */
  afterSeq?: bigint | string | null;
  /**
   * What this subscriber may and wants to see; skipped records still advance the position.
   * Records (and their payloads) may be shared with other streams: treat them as read-only.
   */
  filter?: (record: EventRecord) => boolean;
  /** Undelivered records allowed before the stream ends with SubscriberTooSlowError. */
  maxBuffer?: number;
  signal?: AbortSignal;
}

export interface EventStreamStats {
  live: number;
  fromLog: number;
  filtered: number;
  duplicates: number;
  gaps: number;
  logReads: number;
}

export interface EventBusOptions {
  engine: RealtimeEngine;
  /** Where the event log is read (the data source). */
  source: SqlRunner;
  logger: Logger;
  topicPrefix?: string;
  /** Rows per log read while replaying or filling a gap. */
  pageSize?: number;
  defaultMaxBuffer?: number;
  /** Larger payloads are not inlined in the message; readers fetch them from the log. */
  maxInlineBytes?: number;
  /** Streams woken per turn of the event loop when a message reaches many local streams. */
  dispatchChunk?: number;
  /** How long a message that arrives ahead of its predecessors waits for them (see `order`). */
  reorderMs?: number;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };
const noop = () => {};

/** The local streams of one topic behind a single engine listener. */
interface TopicHub {
  streams: Set<EventStream>;
  /** Settles when the topic is live on the wire (or the engine is down). */
  ready: Promise<void>;
  off: Unsubscribe | null;
  closed: boolean;
  /** Messages not yet handed to every stream, oldest first; the first may be part-way through. */
  backlog: ParsedEventMessage[];
  /** Streams the first backlog message goes to, and how many already have it. */
  targets: EventStream[] | null;
  delivered: number;
  draining: boolean;
  /** The seq after the last one handed on; null until the first message. */
  nextSeq: bigint | null;
  /** Messages that came ahead of `nextSeq`, by seq, waiting for the ones before them. */
  held: Map<bigint, ParsedEventMessage>;
  holdTimer: NodeJS.Timeout | null;
}

/**
 * Publishes committed events and serves per-subscriber streams. The log in PostgreSQL is the
 * truth; the engine only says that something new exists, so every gap (a lost message, a
 * reconnect) is filled from the log, and the per-workspace sequence makes gaps visible.
 */
export class EventBus {
  readonly engine: RealtimeEngine;
  readonly source: SqlRunner;
  readonly logger: Logger;
  readonly pageSize: number;
  readonly defaultMaxBuffer: number;
  private readonly topicPrefix: string;
  private readonly maxInlineBytes: number;
  private readonly dispatchChunk: number;
  private readonly reorderMs: number;
  private readonly streams = new Set<EventStream>();
  private readonly hubs = new Map<string, TopicHub>();
  private offState: Unsubscribe | null = null;

  constructor(options: EventBusOptions) {
    this.engine = options.engine;
    this.source = options.source;
    this.logger = options.logger;
    this.topicPrefix = options.topicPrefix ?? 'omnitray:ws:';
    this.pageSize = options.pageSize ?? 500;
    this.defaultMaxBuffer = options.defaultMaxBuffer ?? 1000;
    this.maxInlineBytes = options.maxInlineBytes ?? 64 * 1024;
    this.dispatchChunk = Math.max(1, options.dispatchChunk ?? 256);
    this.reorderMs = options.reorderMs ?? 200;
  }

  /** One topic per workspace: one PUBLISH per event, whatever the number of subscribers. */
  topicFor(workspaceId: string): string {
    return `${this.topicPrefix}${workspaceId}`;
  }

  /**
   * Call after commit. Never rejects and need not be awaited: while Redis is down the log still
   * has the events and readers catch up from it.
   */
  async publishCommitted(records: EventRecord[]): Promise<void> {
    await Promise.all(
      records.map(async (record) => {
        try {
          const message = toEventMessage(record, this.maxInlineBytes);
          await this.engine.publish(this.topicFor(record.workspaceId), message);
        } catch (error) {
          this.logger.error('realtime publish failed', { seq: record.seq, error: String(error) });
        }
      }),
    );
  }

  /** A stream that starts at once; setup errors (e.g. CURSOR_EXPIRED) surface on the first `next()`. */
  stream(options: EventStreamOptions): EventStream {
    return new EventStream(this, options);
  }

  /** Like `stream`, but resolves once live and rejects with setup errors, so they can be answered as such. */
  async openStream(options: EventStreamOptions): Promise<EventStream> {
    const stream = this.stream(options);
    try {
      await stream.ready;
    } catch (error) {
      stream.close();
      throw error;
    }
    return stream;
  }

  activeStreams(): number {
    return this.streams.size;
  }

  /** Ends every open stream (they finish as done). */
  close(): void {
    for (const stream of [...this.streams]) stream.close();
  }

  /**
   * @internal Adds `stream` to its topic's hub: one engine listener per topic per bus, and each
   * message is validated and revived once for all local streams (they share the record, read-only).
   * Resolves, like the engine's `subscribe`, once the topic is live; returns the leave function.
   */
  async join(topic: string, stream: EventStream): Promise<Unsubscribe> {
    let hub = this.hubs.get(topic);
    if (!hub) {
      const created: TopicHub = {
        streams: new Set(),
        ready: Promise.resolve(),
        off: null,
        closed: false,
        backlog: [],
        targets: null,
        delivered: 0,
        draining: false,
        nextSeq: null,
        held: new Map(),
        holdTimer: null,
      };
      created.ready = this.engine
        .subscribe(topic, (message) => this.dispatch(created, message))
        .then(
          (off) => {
            if (created.closed) off();
            else created.off = off;
          },
          (error: unknown) => {
            // Let the next joiner try again with a fresh subscription.
            created.closed = true;
            if (this.hubs.get(topic) === created) this.hubs.delete(topic);
            throw error;
          },
        );
      this.hubs.set(topic, created);
      hub = created;
    }
    const own = hub;
    own.streams.add(stream);
    const leave = () => {
      if (!own.streams.delete(stream) || own.streams.size > 0) return;
      own.closed = true;
      if (own.holdTimer) clearTimeout(own.holdTimer);
      if (this.hubs.get(topic) === own) this.hubs.delete(topic);
      own.off?.();
      own.off = null;
    };
    try {
      await own.ready;
    } catch (error) {
      leave();
      throw error;
    }
    return leave;
  }

  private dispatch(hub: TopicHub, message: unknown): void {
    const parsed = parseEventMessage(message);
    if (!parsed) return;
    this.order(hub, parsed);
  }

  /**
   * Events commit in seq order (the workspace row serializes them) but their messages can arrive
   * out of it: several processes publish, each after its own commit. A message ahead of the next
   * seq waits up to `reorderMs` for the ones before it, so the hub's streams take them all live
   * instead of each stream reading the same gap from the log (a thousand subscribers, a thousand
   * log reads). A gap still open after that is a lost message: what is held goes on and every
   * stream fills the gap from the log. Late and repeated messages go straight on (streams drop
   * what they have).
   */
  private order(hub: TopicHub, parsed: ParsedEventMessage): void {
    if (hub.nextSeq === null || parsed.seq <= hub.nextSeq) {
      if (hub.nextSeq === null || parsed.seq === hub.nextSeq) hub.nextSeq = parsed.seq + 1n;
      this.handOn(hub, parsed);
      for (let next = hub.held.get(hub.nextSeq); next; next = hub.held.get(hub.nextSeq)) {
        hub.held.delete(next.seq);
        hub.nextSeq = next.seq + 1n;
        this.handOn(hub, next);
      }
      if (hub.held.size === 0 && hub.holdTimer) {
        clearTimeout(hub.holdTimer);
        hub.holdTimer = null;
      }
      return;
    }
    hub.held.set(parsed.seq, parsed);
    hub.holdTimer ??= setTimeout(() => this.releaseHeld(hub), this.reorderMs).unref();
  }

  /** @internal A stream of `topic` starts live after `head`: until a message has come, the hub expects the one after it. */
  positioned(topic: string, head: bigint): void {
    const hub = this.hubs.get(topic);
    if (hub && hub.nextSeq === null) hub.nextSeq = head + 1n;
  }

  private releaseHeld(hub: TopicHub): void {
    hub.holdTimer = null;
    const held = [...hub.held.values()].sort((a, b) => (a.seq < b.seq ? -1 : 1));
    hub.held.clear();
    for (const message of held) {
      hub.nextSeq = message.seq + 1n;
      this.handOn(hub, message);
    }
  }

  private handOn(hub: TopicHub, parsed: ParsedEventMessage): void {
    hub.backlog.push(parsed);
    if (!hub.draining) this.drain(hub);
  }

  /**
   * Hands messages to the hub's streams, `dispatchChunk` streams per turn of the event loop. Each
   * woken stream runs its delivery (execution, WebSocket write) before the next chunk is woken, so
   * with thousands of subscribers the first frames leave at once instead of after every stream has
   * gone through every step. Messages keep their order per stream (the next message starts once
   * the previous one reached every stream); a stream that joins mid-way and misses one sees the
   * gap and reads it from the log.
   */
  private drain(hub: TopicHub): void {
    hub.draining = true;
    let budget = this.dispatchChunk;
    while (hub.backlog.length > 0) {
      const message = hub.backlog[0]!;
      const targets = (hub.targets ??= [...hub.streams]);
      while (hub.delivered < targets.length && budget > 0) {
        const stream = targets[hub.delivered]!;
        hub.delivered += 1;
        budget -= 1;
        try {
          stream.receive(message);
        } catch (error) {
          this.logger.error('realtime stream failed to take a message', { error: String(error) });
        }
      }
      if (hub.delivered < targets.length) {
        setImmediate(() => this.drain(hub));
        return;
      }
      hub.backlog.shift();
      hub.targets = null;
      hub.delivered = 0;
    }
    hub.draining = false;
  }

  /** @internal */
  track(stream: EventStream): void {
    this.streams.add(stream);
    // One state listener for all streams, held only while there are streams.
    this.offState ??= this.engine.onStateChange((state) => {
      if (state === 'up') void this.catchUpAfterReconnect();
    });
  }

  /** @internal */
  forget(stream: EventStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) {
      this.offState?.();
      this.offState = null;
    }
  }

  /**
   * Whatever was published while the link was down exists in the log only. One query reads the
   * heads of every workspace with streams, so after a reconnect only the streams that actually
   * missed something read the log (instead of all of them at once).
   */
  private async catchUpAfterReconnect(): Promise<void> {
    const streams = [...this.streams];
    if (streams.length === 0) return;
    const workspaceIds = [...new Set(streams.map((stream) => stream.workspaceId))];
    try {
      const rows = (await this.source.query(
        'SELECT id, event_seq FROM workspace WHERE id = ANY($1::uuid[])',
        [workspaceIds],
      )) as { id: string; event_seq: string }[];
      const heads = new Map(rows.map((row) => [row.id, BigInt(row.event_seq)]));
      for (const stream of streams) {
        const head = heads.get(stream.workspaceId);
        if (head === undefined) stream.requestResync();
        else stream.announceHead(head);
      }
    } catch (error) {
      this.logger.warn('realtime: reading heads after reconnect failed; streams re-read the log', {
        error: String(error),
      });
      for (const stream of streams) stream.requestResync();
    }
  }
}

/**
 * One subscriber's view: subscribe to the live topic first, then replay from the log after the
 * cursor, then go live. `lastSeen` is the highest seq accounted for; a live record is taken
 * straight from the message only when it is exactly `lastSeen + 1`, anything further ahead only
 * raises `knownHead` and the gap is read from the log when the reader asks for more (pull-driven,
 * so replay never holds more than a page).
 */
export class EventStream implements AsyncIterableIterator<EventRecord> {
  /** Settles once subscribed and positioned; rejects with the setup error. */
  readonly ready: Promise<void>;
  readonly workspaceId: string;
  private readonly topic: string;
  private readonly filter: (record: EventRecord) => boolean;
  private readonly maxBuffer: number;
  private readonly pageLimit: number;
  private readonly signal: AbortSignal | undefined;
  private queue: EventRecord[] = [];
  private lastSeen: bigint | null = null;
  private knownHead = 0n;
  private resyncWanted = 0;
  private resyncDone = 0;
  private failure: unknown = null;
  private closed = false;
  private released = false;
  /** `ready` has settled: later pulls need not wait on it (one promise less per delivery). */
  private isReady = false;
  private wake: (() => void) | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private unsubscribe: Unsubscribe | null = null;
  private readonly counts: EventStreamStats = {
    live: 0,
    fromLog: 0,
    filtered: 0,
    duplicates: 0,
    gaps: 0,
    logReads: 0,
  };

  constructor(
    private readonly bus: EventBus,
    private readonly options: EventStreamOptions,
  ) {
    this.workspaceId = options.workspaceId;
    this.topic = bus.topicFor(options.workspaceId);
    this.filter = options.filter ?? (() => true);
    this.maxBuffer = Math.max(1, options.maxBuffer ?? bus.defaultMaxBuffer);
    this.pageLimit = Math.max(1, Math.min(bus.pageSize, this.maxBuffer));
    this.signal = options.signal;
    bus.track(this);
    if (this.signal?.aborted) this.close();
    else this.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.ready = this.closed ? Promise.resolve() : this.open();
    this.ready.then(
      () => (this.isReady = true),
      () => (this.isReady = true),
    );
  }

  /** The cursor of the last record accounted for (delivered or filtered out); null before setup. */
  get lastSeq(): bigint | null {
    return this.lastSeen;
  }

  get buffered(): number {
    return this.queue.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  stats(): EventStreamStats {
    return { ...this.counts };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<EventRecord, undefined>> {
    // Serialized: concurrent next() calls would otherwise race over the same log page.
    const result = this.tail.then(() => this.pull());
    this.tail = result.catch(noop);
    return result;
  }

  async return(): Promise<IteratorResult<EventRecord, undefined>> {
    this.close();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<EventRecord, undefined>> {
    this.close();
    throw error;
  }

  /** Ends the stream: listener removed, engine reference released, pending `next()` done. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
  }

  /** @internal Records up to `head` exist: read them from the log when the reader asks. */
  announceHead(head: bigint): void {
    if (this.closed || this.failure !== null) return;
    if (head > this.knownHead) this.knownHead = head;
    this.wakeUp();
  }

  /** @internal Re-read the log from the current position, whatever it holds. */
  requestResync(): void {
    if (this.closed || this.failure !== null) return;
    this.resyncWanted += 1;
    this.wakeUp();
  }

  private readonly onAbort = () => this.close();

  /** @internal A message of this stream's topic, parsed once by the bus for every local stream. */
  receive(parsed: ParsedEventMessage): void {
    if (this.closed || this.failure !== null) return;
    if (parsed.workspaceId !== this.workspaceId) return;
    if (this.lastSeen === null) {
      // Before the start point is known: remember that it exists, the log will tell the rest.
      if (parsed.seq > this.knownHead) this.knownHead = parsed.seq;
      return;
    }
    if (parsed.seq <= this.lastSeen) {
      this.counts.duplicates += 1;
      return;
    }
    if (parsed.seq === this.lastSeen + 1n && parsed.record) {
      this.accept(parsed.record, parsed.seq, 'live');
    } else {
      this.counts.gaps += 1;
      if (parsed.seq > this.knownHead) this.knownHead = parsed.seq;
    }
    this.wakeUp();
  }

  private async open(): Promise<void> {
    const { source } = this.bus;
    try {
      if (this.options.afterSeq != null) {
        const after = BigInt(this.options.afterSeq);
        await assertCursorRetained(source, this.workspaceId, after);
        if (this.closed) return;
        this.lastSeen = after;
        this.knownHead = after;
        this.resyncWanted += 1;
      }
      const unsubscribe = await this.bus.join(this.topic, this);
      if (this.closed || this.released) {
        unsubscribe();
        return;
      }
      this.unsubscribe = unsubscribe;
      if (this.lastSeen === null) {
        // Subscribed before reading the head: anything committed later arrives live.
        const head = await currentEventSeq(source, this.workspaceId);
        if (this.closed) return;
        this.lastSeen = head;
        if (head > this.knownHead) this.knownHead = head;
        this.bus.positioned(this.topic, head);
      }
    } catch (error) {
      this.fail(error);
      throw error;
    }
  }

  private async pull(): Promise<IteratorResult<EventRecord, undefined>> {
    if (!this.closed && !this.isReady) await this.ready.catch(noop);
    // Bounded by the log: each turn delivers, reads a page that advances, or waits.
    for (;;) {
      if (this.failure !== null) {
        const error = this.failure;
        this.failure = null;
        this.closed = true;
        throw error;
      }
      if (this.closed || this.lastSeen === null) return DONE;
      const next = this.queue.shift();
      if (next) return { value: next, done: false };
      if (this.resyncDone < this.resyncWanted || this.lastSeen < this.knownHead) {
        await this.readPage();
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private async readPage(): Promise<void> {
    const from = this.lastSeen!;
    const target = this.knownHead;
    const resync = this.resyncWanted;
    this.counts.logReads += 1;
    let records: EventRecord[];
    try {
      records = await readEvents(this.bus.source, this.workspaceId, from, this.pageLimit);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (this.closed || this.failure !== null) return;
    // The log is contiguous and pruned only from the front: a hole means it was pruned under us.
    if (records.length > 0 && BigInt(records[0]!.seq) > from + 1n) return this.fail(cursorExpiredError());
    for (const record of records) {
      const seq = BigInt(record.seq);
      if (seq <= this.lastSeen!) continue;
      if (seq !== this.lastSeen! + 1n) return this.fail(cursorExpiredError());
      this.accept(record, seq, 'fromLog');
      if (this.failure !== null) return;
    }
    if (records.length < this.pageLimit) {
      if (this.resyncDone < resync) this.resyncDone = resync;
      // Announced before this read began, hence committed, yet absent: pruned.
      if (this.lastSeen! < target) this.fail(cursorExpiredError());
    }
  }

  private accept(record: EventRecord, seq: bigint, via: 'live' | 'fromLog'): void {
    this.lastSeen = seq;
    let wanted: boolean;
    try {
      wanted = this.filter(record);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!wanted) {
      this.counts.filtered += 1;
      return;
    }
    this.counts[via] += 1;
    this.queue.push(record);
    if (this.queue.length > this.maxBuffer) this.fail(new SubscriberTooSlowError(this.maxBuffer));
  }

  private fail(error: unknown): void {
    if (this.closed || this.failure !== null) return;
    this.failure = error ?? new Error('event stream failed');
    this.release();
  }

  private release(): void {
    this.queue = [];
    if (!this.released) {
      this.released = true;
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.signal?.removeEventListener('abort', this.onAbort);
      this.bus.forget(this);
    }
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
