import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../runtime/logger';
import { EventBus, type EventBusOptions } from './event-bus';
import { MemoryEngine } from './memory.engine';
import type { RealtimeEngine } from './realtime-engine';
import { RedisEngine } from './redis.engine';
import { RedisClusterEngine } from './redis-cluster.engine';

export * from './event-bus';
export * from './event-log';
export * from './event-message';
export * from './event-types';
export * from './memory.engine';
export * from './realtime-engine';
export * from './redis.engine';

export interface Realtime {
  engine: RealtimeEngine;
  bus: EventBus;
  /** Ends every stream, then the engine's connections. */
  close(): Promise<void>;
}

/** Redis when `redisUrl` is set (several processes), in-process otherwise (one process only). */
export function createRealtime(
  config: Pick<Config, 'redisUrl'> & Partial<Pick<Config, 'redisClusterNodes'>>,
  dataSource: DataSource,
  logger: Logger,
  options: Partial<Omit<EventBusOptions, 'engine' | 'source' | 'logger'>> & { name?: string } = {},
): Realtime {
  const { name, ...busOptions } = options;
  const engine: RealtimeEngine = config.redisClusterNodes?.length
    ? new RedisClusterEngine({ nodes: config.redisClusterNodes, logger })
    : config.redisUrl
      ? new RedisEngine({ url: config.redisUrl, logger, name })
      : new MemoryEngine(logger);
  const bus = new EventBus({ ...busOptions, engine, source: dataSource, logger });
  return {
    engine,
    bus,
    async close() {
      bus.close();
      await engine.close();
    },
  };
}
