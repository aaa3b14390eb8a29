import { Cluster, type ClusterNode } from 'ioredis';
import type { Logger } from '../runtime/logger';
import type {
  EngineState,
  EngineStats,
  MessageListener,
  RealtimeEngine,
  Unsubscribe,
} from './realtime-engine';

export interface RedisClusterEngineOptions {
  /** Seed nodes of the cluster (any of its masters; the rest is discovered). */
  nodes: ClusterNode[];
  logger: Logger;
}

interface TopicEntry {
  listeners: Set<MessageListener>;
  ready: Promise<void>;
}

const noop = () => {};

/**
 * Fan-out over Redis Cluster with sharded pub/sub (Redis ≥ 7): a topic is `SSUBSCRIBE`d on the
 * shard that owns its slot and `SPUBLISH`ed there, so a message crosses one shard instead of being
 * broadcast to every node of the cluster as `PUBLISH` is. ioredis keeps one subscriber connection
 * per shard (`shardedSubscribers`) and moves the subscriptions when slots move. Each topic is
 * subscribed once per process however many local listeners it has, as in `RedisEngine`.
 *
 * What this engine does not yet do as `RedisEngine` does: announce `up` only after every topic was
 * answered again after a reconnect (ioredis resubscribes by itself here, so `up` follows the
 * cluster's `ready`), and keep the last unsent message per topic while the cluster is away.
 */
export class RedisClusterEngine implements RealtimeEngine {
  readonly kind = 'redis';
  private readonly publisher: Cluster;
  private readonly subscriber: Cluster;
  private readonly logger: Logger;
  private readonly topics = new Map<string, TopicEntry>();
  private readonly stateListeners = new Set<(state: EngineState) => void>();
  private readonly inFlight = new Set<Promise<void>>();
  private currentState: EngineState = 'down';
  private closing = false;
  private counters = { subscribeCommands: 0, unsubscribeCommands: 0, publishFailures: 0 };

  constructor(options: RedisClusterEngineOptions) {
    this.logger = options.logger;
    this.publisher = new Cluster(options.nodes, { enableOfflineQueue: true });
    this.subscriber = new Cluster(options.nodes, { shardedSubscribers: true, enableOfflineQueue: true });
    this.subscriber.on('smessage', (channel: string, text: string) => this.dispatch(channel, text));
    this.subscriber.on('ready', () => this.setState('up'));
    this.subscriber.on('close', () => this.setState('down'));
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error: Error) => {
        if (!this.closing) this.logger.warn('realtime: Redis Cluster error', { error: error.message });
      });
    }
  }

  get state(): EngineState {
    return this.currentState;
  }

  async publish(topic: string, message: unknown): Promise<void> {
    if (this.closing) return;
    try {
      await this.publisher.spublish(topic, JSON.stringify(message));
    } catch (error) {
      this.counters.publishFailures += 1;
      this.logger.warn('realtime publish failed; subscribers will catch up from the event log', {
        topic,
        error: String(error),
      });
    }
  }

  async subscribe(topic: string, listener: MessageListener): Promise<Unsubscribe> {
    if (this.closing) return noop;
    let entry = this.topics.get(topic);
    if (!entry) {
      entry = { listeners: new Set(), ready: this.send('ssubscribe', topic) };
      this.topics.set(topic, entry);
    }
    const own: MessageListener = (message) => listener(message);
    entry.listeners.add(own);
    let done = false;
    await entry.ready;
    return () => {
      if (done) return;
      done = true;
      const current = this.topics.get(topic);
      if (!current?.listeners.delete(own) || current.listeners.size > 0) return;
      this.topics.delete(topic);
      void this.send('sunsubscribe', topic);
    };
  }

  onStateChange(listener: (state: EngineState) => void): Unsubscribe {
    const own = (state: EngineState) => listener(state);
    this.stateListeners.add(own);
    return () => void this.stateListeners.delete(own);
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
    await Promise.all(
      [this.publisher, this.subscriber].map((connection) =>
        connection.quit().then(noop, () => connection.disconnect()),
      ),
    );
  }

  private send(command: 'ssubscribe' | 'sunsubscribe', topic: string): Promise<void> {
    if (command === 'ssubscribe') this.counters.subscribeCommands += 1;
    else this.counters.unsubscribeCommands += 1;
    const sent = this.subscriber[command](topic).then(noop, (error: unknown) => {
      this.logger.warn('realtime subscription command failed', { command, error: String(error) });
    });
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
    return sent;
  }

  private setState(state: EngineState): void {
    if (state === this.currentState) return;
    this.currentState = state;
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
    for (const listener of [...entry.listeners]) {
      try {
        listener(message);
      } catch (error) {
        this.logger.error('realtime listener failed', { topic, error: String(error) });
      }
    }
  }
}
