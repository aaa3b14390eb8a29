import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../runtime/logger';
import { WireTopics } from './wire-topics';
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
  private readonly wire: WireTopics;
  /** Topic → the last message that could not be published; sent again when the publisher is back. */
  private readonly unsent = new Map<string, string>();
  private currentState: EngineState = 'down';
  /** Resolved while down: subscribers waiting on a SUBSCRIBE stop waiting when the link drops. */
  private downGate = Promise.resolve();
  private openDownGate: () => void = noop;
  private epoch = 0;
  private closing = false;
  private outageLogged = { publisher: false, subscriber: false };

  constructor(options: RedisEngineOptions) {
    this.logger = options.logger;
    this.wire = new WireTopics(options.logger);
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
    this.subscriber.on('message', (channel: string, text: string) => this.wire.dispatch(channel, text));
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
      this.wire.counters.publishFailures += 1;
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
    const { ready, remove } = this.wire.add(
      topic,
      listener,
      // While not ready the next `ready` resubscribes every topic, this one included.
      () => (this.subscriber.status === 'ready' ? this.send('subscribe', [topic]) : Promise.resolve()),
      () => {
        // A new connection starts with no subscriptions, so while down there is nothing to undo.
        if (this.subscriber.status === 'ready') void this.send('unsubscribe', [topic]);
      },
    );
    await Promise.race([ready, this.downGate]);
    return remove;
  }

  onStateChange(listener: (state: EngineState) => void): Unsubscribe {
    return this.wire.onStateChange(listener);
  }

  /** ioredis statuses of both connections (`ready` when usable), for readiness checks. */
  connectionStatus(): { publisher: string; subscriber: string } {
    return { publisher: this.publisher.status, subscriber: this.subscriber.status };
  }

  stats(): EngineStats {
    return this.wire.stats();
  }

  settled(): Promise<void> {
    return this.wire.settled();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.wire.clear();
    this.unsent.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map((connection) =>
        connection.quit().then(noop, () => connection.disconnect()),
      ),
    );
  }

  private send(command: 'subscribe' | 'unsubscribe', topics: string[]): Promise<void> {
    const sent = (
      command === 'subscribe' ? this.subscriber.subscribe(...topics) : this.subscriber.unsubscribe(...topics)
    ).then(noop, (error: unknown) => {
      // The link dropped: the next `ready` resubscribes what is still wanted.
      this.logger.debug('realtime subscription command failed', { command, error: String(error) });
    });
    return this.wire.track(command, topics.length, sent);
  }

  private async resubscribe(): Promise<void> {
    const epoch = this.epoch;
    const topics = this.wire.names();
    for (let start = 0; start < topics.length; start += SUBSCRIBE_CHUNK) {
      const chunk = topics.slice(start, start + SUBSCRIBE_CHUNK);
      this.wire.counters.subscribeCommands += chunk.length;
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
      this.logger.info('realtime: Redis subscriber connection ready', { topics: this.wire.size });
    }
    this.wire.announce(state);
  }

  private publishFailed(topic: string, text: string, error: unknown): void {
    this.wire.counters.publishFailures += 1;
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
