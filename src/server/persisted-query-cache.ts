import {
  ErrorsAreMissesCache,
  InMemoryLRUCache,
  PrefixingKeyValueCache,
  type KeyValueCache,
  type KeyValueCacheSetOptions,
} from '@apollo/utils.keyvaluecache';
import { type Redis } from 'ioredis';
import { type Logger } from '../runtime/logger';

/** Namespace of the automatic persisted queries in Redis: `omnitray:apq:<sha256>`. */
export const APQ_KEY_PREFIX = 'omnitray:apq:';
/** Documents kept per process without Redis (the token limit keeps each one small). */
const IN_MEMORY_BYTES = 30 * 1024 * 1024;

/** Apollo's KeyValueCache on ioredis: string values under a key prefix, each with a TTL. */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Seconds, when the caller gives none. */
    private readonly defaultTtlSeconds: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? this.defaultTtlSeconds;
    await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.ceil(ttl)));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}

/** The automatic persisted queries of both transports: one store, one TTL. */
export interface PersistedQueryStore {
  cache: KeyValueCache<string>;
  ttlSeconds: number;
}

/**
 * The automatic persisted queries' store, one object for HTTP (Apollo's `persistedQueries.cache`)
 * and WebSocket, keyed by the document's SHA-256. On Redis every process shares it; a Redis error
 * is a miss (the client then sends the document), never a failed request. Without Redis it is an
 * in-process LRU.
 */
export function createPersistedQueryStore(options: {
  ttlSeconds: number;
  redis?: Redis;
  logger: Logger;
}): PersistedQueryStore {
  let outageLogged = false;
  const logOutage = (message: unknown) => {
    if (outageLogged) return;
    outageLogged = true;
    options.logger.warn('persisted queries: Redis unreachable; lookups miss until it is back', {
      error: String(message),
    });
  };
  const outageLogger: ConstructorParameters<typeof ErrorsAreMissesCache>[1] = {
    debug: () => {},
    info: () => {},
    warn: logOutage,
    error: logOutage,
  };
  const store = options.redis
    ? new ErrorsAreMissesCache(
        new RedisKeyValueCache(options.redis, APQ_KEY_PREFIX, options.ttlSeconds),
        outageLogger,
      )
    : new InMemoryLRUCache<string>({ maxSize: IN_MEMORY_BYTES });
  options.redis?.on('ready', () => (outageLogged = false));
  // Keys are already namespaced; Apollo would otherwise add its own `apq:` in front, and the
  // WebSocket path would have to know it.
  return {
    cache: PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(store),
    ttlSeconds: options.ttlSeconds,
  };
}
