import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../runtime/logger';
import type {
  EngineState,
  EngineStats,
  MessageListener,
  RealtimeEngine,
  Unsubscribe,
} from './realtime-engine';

export interface RedisEngineOptions {
  url: string;
  logger: Logger;
  /** Prefix of the connections' CLIENT SETNAME, so operators (and tests) can tell them apart. */
  name?: string;
  /** Extra ioredis options for both connections (e.g. `retryStrategy`); ours win where they matter. */
  redisOptions?: RedisOptions;
}

interface TopicEntry {
  listeners: Set<MessageListener>;
  /** Settles when the SUBSCRIBE that opened the topic is answered (or failed). */
  ready: Promise<void>;
}

/** Keeps the failure log to one line per outage and the republish map bounded. */
const MAX_UNSENT_TOPICS = 10_000;
const SUBSCRIBE_CHUNK = 500;

const noop = () => {};

/**
 * Redis pub/sub with one publisher and one subscriber connection per process. Each topic is
 * SUBSCRIBEd once however many local listeners it has (UNSUBSCRIBEd when the last leaves); never
 * PSUBSCRIBE, which makes every PUBLISH on the server dearer.
 *
 * Resubscription after a reconnect is ours rather than ioredis's, so `up` is announced only once
 * Redis has answered the SUBSCRIBE: a reader that catches up from the log at `up` then misses
 * nothing published afterwards.
 */
export class RedisEngine implements RealtimeEngine {
  readonly kind = 'redis';
  readonly publisherName: string;
  readonly subscriberName: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly logger: Logger;
  private readonly topics = new Map<string, TopicEntry>();
  private readonly stateListeners = new Set<(state: EngineState) => void>();
  /** Topic → the last message that could not be published; sent again when the publisher is back. */
  private readonly unsent = new Map<string, string>();
  private readonly inFlight = new Set<Promise<void>>();
  private currentState: EngineState = 'down';
  /** Resolved while down: subscribers waiting on a SUBSCRIBE stop waiting when the link drops. */
  private downGate = Promise.resolve();
  private openDownGate: () => void = noop;
  private epoch = 0;
  private closing = false;
  private outageLogged = { publisher: false, subscriber: false };
  private counters = { subscribeCommands: 0, unsubscribeCommands: 0, publishFailures: 0 };

  constructor(options: RedisEngineOptions) {
    this.logger = options.logger;
    const name = options.name ?? `omnitray:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.publisherName = `${name}:pub`;
    this.subscriberName = `${name}:sub`;
    // No offline queue and no retries: a publish while Redis is down fails at once instead of
    // holding the caller, and a command in flight when the link drops is rejected, never left hanging.
    const common: RedisOptions = {
      ...options.redisOptions,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    };
    this.publisher = new Redis(options.url, { ...common, connectionName: this.publisherName });
    this.subscriber = new Redis(options.url, {
      ...common,
      connectionName: this.subscriberName,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
    });

    this.publisher.on('ready', () => {
      this.outageLogged.publisher = false;
      this.flushUnsent();
    });
    this.publisher.on('error', (error: Error) => this.connectionError('publisher', error));
    this.subscriber.on('message', (channel: string, text: string) => this.dispatch(channel, text));
    this.subscriber.on('ready', () => {
      this.outageLogged.subscriber = false;
      void this.resubscribe();
    });
    this.subscriber.on('close', () => {
      this.epoch += 1;
      this.setState('down');
    });
    this.subscriber.on('error', (error: Error) => this.connectionError('subscriber', error));
  }

  get state(): EngineState {
    return this.currentState;
  }

  async publish(topic: string, message: unknown): Promise<void> {
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      this.counters.publishFailures += 1;
      this.logger.error('realtime publish failed: message is not JSON', { topic, error: String(error) });
      return;
    }
    if (this.closing) return;
    try {
      await this.publisher.publish(topic, text);
    } catch (error) {
      this.publishFailed(topic, text, error);
    }
  }

  async subscribe(topic: string, listener: MessageListener): Promise<Unsubscribe> {
    if (this.closing) return noop;
    let entry = this.topics.get(topic);
    if (!entry) {
      entry = { listeners: new Set(), ready: Promise.resolve() };
      this.topics.set(topic, entry);
      // While not ready the next `ready` resubscribes every topic in the map, this one included.
      if (this.subscriber.status === 'ready') entry.ready = this.send('subscribe', [topic]);
    }
    const own: MessageListener = (message) => listener(message);
    entry.listeners.add(own);
    let done = false;
    const unsubscribe = () => {
      if (done) return;
      done = true;
      const current = this.topics.get(topic);
      if (!current?.listeners.delete(own) || current.listeners.size > 0) return;
      this.topics.delete(topic);
      // A new connection starts with no subscriptions, so while down there is nothing to undo.
      if (this.subscriber.status === 'ready') void this.send('unsubscribe', [topic]);
    };
    await Promise.race([entry.ready, this.downGate]);
    return unsubscribe;
  }

  onStateChange(listener: (state: EngineState) => void): Unsubscribe {
    const own = (state: EngineState) => listener(state);
    this.stateListeners.add(own);
    return () => void this.stateListeners.delete(own);
  }

  /** ioredis statuses of both connections (`ready` when usable), for readiness checks. */
  connectionStatus(): { publisher: string; subscriber: string } {
    return { publisher: this.publisher.status, subscriber: this.subscriber.status };
  }

  stats(): EngineStats {
    let listeners = 0;
    for (const entry of this.topics.values()) listeners += entry.listeners.size;
    return {
      topics: this.topics.size,
      listeners,
      stateListeners: this.stateListeners.size,
      ...this.counters,
    };
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.topics.clear();
    this.stateListeners.clear();
    this.unsent.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map((connection) =>
        connection.quit().then(noop, () => connection.disconnect()),
      ),
    );
  }

  private send(command: 'subscribe' | 'unsubscribe', topics: string[]): Promise<void> {
    if (command === 'subscribe') this.counters.subscribeCommands += topics.length;
    else this.counters.unsubscribeCommands += topics.length;
    const sent = (
      command === 'subscribe' ? this.subscriber.subscribe(...topics) : this.subscriber.unsubscribe(...topics)
    ).then(noop, (error: unknown) => {
      // The link dropped: the next `ready` resubscribes what is still wanted.
      this.logger.debug('realtime subscription command failed', { command, error: String(error) });
    });
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
    return sent;
  }

  private async resubscribe(): Promise<void> {
    const epoch = this.epoch;
    const topics = [...this.topics.keys()];
    for (let start = 0; start < topics.length; start += SUBSCRIBE_CHUNK) {
      const chunk = topics.slice(start, start + SUBSCRIBE_CHUNK);
      this.counters.subscribeCommands += chunk.length;
      try {
        await this.subscriber.subscribe(...chunk);
      } catch (error) {
        this.logger.warn('realtime resubscribe failed; retrying on the next reconnect', {
          error: String(error),
        });
        return;
      }
    }
    if (epoch !== this.epoch || this.closing || this.subscriber.status !== 'ready') return;
    this.setState('up');
  }

  private setState(state: EngineState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    if (state === 'down') {
      this.openDownGate();
      if (!this.closing) this.logger.warn('realtime: Redis subscriber connection lost, reconnecting');
    } else {
      this.downGate = new Promise((resolve) => (this.openDownGate = resolve));
      this.logger.info('realtime: Redis subscriber connection ready', { topics: this.topics.size });
    }
    for (const listener of [...this.stateListeners]) {
      try {
        listener(state);
      } catch (error) {
        this.logger.error('realtime state listener failed', { error: String(error) });
      }
    }
  }

  private dispatch(topic: string, text: string): void {
    const entry = this.topics.get(topic);
    if (!entry) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.logger.warn('realtime: ignored a message that is not JSON', { topic });
      return;
    }
    // One parse per process, shared by the topic's listeners: they must not mutate it.
    for (const listener of [...entry.listeners]) {
      if (!entry.listeners.has(listener)) continue;
      try {
        listener(message);
      } catch (error) {
        this.logger.error('realtime listener failed', { topic, error: String(error) });
      }
    }
  }

  private publishFailed(topic: string, text: string, error: unknown): void {
    this.counters.publishFailures += 1;
    if (!this.outageLogged.publisher) {
      this.outageLogged.publisher = true;
      this.logger.warn('realtime publish failed; subscribers will catch up from the event log', {
        topic,
        error: String(error),
      });
    }
    // Only the latest per topic is kept: a reader seeing it fills any earlier gap from the log.
    this.unsent.delete(topic);
    this.unsent.set(topic, text);
    if (this.unsent.size > MAX_UNSENT_TOPICS) {
      this.unsent.delete(this.unsent.keys().next().value as string);
    }
  }

  private flushUnsent(): void {
    if (this.unsent.size === 0) return;
    const pending = [...this.unsent];
    this.unsent.clear();
    this.logger.info('realtime: republishing after the publisher reconnected', { topics: pending.length });
    for (const [topic, text] of pending) {
      this.publisher.publish(topic, text).catch((error: unknown) => this.publishFailed(topic, text, error));
    }
  }

  private connectionError(which: 'publisher' | 'subscriber', error: Error): void {
    if (this.closing) return;
    if (this.outageLogged[which]) {
      this.logger.debug('realtime: Redis connection error', { connection: which, error: error.message });
      return;
    }
    this.outageLogged[which] = true;
    this.logger.warn('realtime: Redis connection error', { connection: which, error: error.message });
  }
}
