import { randomUUID } from 'node:crypto';
import { type Redis } from 'ioredis';
import { type Logger } from '../runtime/logger';

/** One active subscription counted against its credential; releasing twice is harmless. */
export interface SubscriptionLease {
  release(): void;
}

export interface SubscriptionCapOptions {
  /** Active subscriptions one credential may hold, over all connections and processes. */
  limit: number;
  /** Shared count; without it the cap holds per process. */
  redis?: Redis;
  logger: Logger;
  /** How long a lease outlives the process that stopped renewing it (crash, lost link). */
  leaseTtlMs?: number;
}

// Server time (TIME), so processes with skewed clocks agree on which leases have expired.
const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] the credential's set; ARGV: limit, ttl ms, lease id. 1 when taken, 0 at the cap. */
const ACQUIRE = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** KEYS[1] the credential's set; ARGV: ttl ms, then the lease ids this process still holds. */
const RENEW = `${NOW_MS}
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

type ScriptedRedis = Redis & {
  subscriptionAcquire(key: string, limit: number, ttlMs: number, lease: string): Promise<number>;
  subscriptionRenew(key: string, ttlMs: number, ...leases: string[]): Promise<number>;
};

/**
 * Caps the active subscriptions of a credential. With Redis the leases are a sorted set per
 * credential, scored by expiry and renewed by the process that holds them, so a process that dies
 * gives its leases back within `leaseTtlMs`. While Redis is unreachable, each process caps what it
 * holds itself rather than refusing every subscription.
 */
export class SubscriptionCap {
  readonly limit: number;
  private readonly redis: ScriptedRedis | undefined;
  private readonly logger: Logger;
  private readonly ttlMs: number;
  /** Credential → the ids of the leases this process holds. */
  private readonly held = new Map<string, Set<string>>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timer: NodeJS.Timeout | undefined;
  private outageLogged = false;

  constructor(options: SubscriptionCapOptions) {
    this.limit = options.limit;
    this.logger = options.logger;
    this.ttlMs = options.leaseTtlMs ?? 60_000;
    if (options.redis) {
      const redis = options.redis as ScriptedRedis;
      redis.defineCommand('subscriptionAcquire', { numberOfKeys: 1, lua: ACQUIRE });
      redis.defineCommand('subscriptionRenew', { numberOfKeys: 1, lua: RENEW });
      this.redis = redis;
      this.timer = setInterval(() => void this.renew(), Math.max(1000, Math.floor(this.ttlMs / 3)));
      this.timer.unref();
    }
  }

  /** A lease, or null when the credential already holds `limit` subscriptions. */
  async acquire(credential: string): Promise<SubscriptionLease | null> {
    const id = randomUUID();
    const local = this.held.get(credential) ?? new Set<string>();
    if (this.redis) {
      try {
        const taken = await this.redis.subscriptionAcquire(
          this.keyOf(credential),
          this.limit,
          this.ttlMs,
          id,
        );
        this.outageLogged = false;
        if (taken !== 1) return null;
      } catch (error) {
        this.warnOutage(error);
        if (local.size >= this.limit) return null;
      }
    } else if (local.size >= this.limit) {
      return null;
    }
    local.add(id);
    this.held.set(credential, local);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.forget(credential, id);
        if (this.redis) this.track(this.redis.zrem(this.keyOf(credential), id));
      },
    };
  }

  /** Leases this process holds for a credential (all of them without Redis). */
  heldBy(credential: string): number {
    return this.held.get(credential)?.size ?? 0;
  }

  /** Waits for the releases in flight, so none is lost when the Redis connection closes next. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.pending]);
  }

  private keyOf(credential: string): string {
    return `omnitray:subscriptions:${credential}`;
  }

  private forget(credential: string, id: string): void {
    const local = this.held.get(credential);
    local?.delete(id);
    if (local?.size === 0) this.held.delete(credential);
  }

  private track(operation: Promise<unknown>): void {
    const settled = operation.catch((error: unknown) => this.warnOutage(error));
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  private async renew(): Promise<void> {
    if (!this.redis || this.held.size === 0) return;
    const pipeline = this.redis.pipeline() as ReturnType<Redis['pipeline']> & {
      subscriptionRenew(key: string, ttlMs: number, ...leases: string[]): unknown;
    };
    for (const [credential, leases] of this.held) {
      pipeline.subscriptionRenew(this.keyOf(credential), this.ttlMs, ...leases);
    }
    this.track(pipeline.exec());
  }

  private warnOutage(error: unknown): void {
    if (this.outageLogged) return;
    this.outageLogged = true;
    this.logger.warn('subscription cap: Redis unreachable; capping per process until it is back', {
      error: String(error),
    });
  }
}
