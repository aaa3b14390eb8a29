import { Cluster, type ClusterNode } from 'ioredis';
import type { Logger } from '../runtime/logger';
import { WireTopics } from './wire-topics';
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
  private readonly wire: WireTopics;
  private currentState: EngineState = 'down';
  private closing = false;

  constructor(options: RedisClusterEngineOptions) {
    this.logger = options.logger;
    this.wire = new WireTopics(options.logger);
    this.publisher = new Cluster(options.nodes, { enableOfflineQueue: true });
    this.subscriber = new Cluster(options.nodes, { shardedSubscribers: true, enableOfflineQueue: true });
    this.subscriber.on('smessage', (channel: string, text: string) => this.wire.dispatch(channel, text));
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
      this.wire.counters.publishFailures += 1;
      this.logger.warn('realtime publish failed; subscribers will catch up from the event log', {
        topic,
        error: String(error),
      });
    }
  }

  async subscribe(topic: string, listener: MessageListener): Promise<Unsubscribe> {
    if (this.closing) return noop;
    const { ready, remove } = this.wire.add(
      topic,
      listener,
      () => this.send('ssubscribe', topic),
      () => void this.send('sunsubscribe', topic),
    );
    await ready;
    return remove;
  }

  onStateChange(listener: (state: EngineState) => void): Unsubscribe {
    return this.wire.onStateChange(listener);
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
    await Promise.all(
      [this.publisher, this.subscriber].map((connection) =>
        connection.quit().then(noop, () => connection.disconnect()),
      ),
    );
  }

  private send(command: 'ssubscribe' | 'sunsubscribe', topic: string): Promise<void> {
    const sent = this.subscriber[command](topic).then(noop, (error: unknown) => {
      this.logger.warn('realtime subscription command failed', { command, error: String(error) });
    });
    return this.wire.track(command === 'ssubscribe' ? 'subscribe' : 'unsubscribe', 1, sent);
  }

  private setState(state: EngineState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.wire.announce(state);
  }
}
