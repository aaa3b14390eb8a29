import ipaddr from 'ipaddr.js';
import { type Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { type Viewer } from '../auth/viewer';

export interface BudgetVerdict {
  allowed: boolean;
  /** Points left in the current window: after this charge, or before it when refused. */
  available: number;
  /** Whole seconds until the window starts again with a full budget (at least 1). */
  resetSeconds: number;
}

const WINDOW_SECONDS = 60;

/**
 * One budget per caller: a credential, or for anonymous calls the client's address (an IPv6
 * client by its /64, which one subscriber usually holds whole).
 */
export function budgetKey(viewer: Viewer | null, clientAddress: string | null): string {
  if (viewer) {
    const principal = viewer.principal;
    return principal.kind === 'agent' ? `agent:${principal.agent.id}` : `key:${principal.apiKey.id}`;
  }
  if (!clientAddress || !ipaddr.isValid(clientAddress)) return 'address:unknown';
  const address = ipaddr.process(clientAddress);
  if (address.kind() === 'ipv4') return `address:${address.toString()}`;
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `address:${parts.join(':')}::/64`;
}

/**
 * Query-cost budget per caller, `capacity` points a minute (rate-limiter-flexible's fixed window,
 * which starts at a caller's first request). On Redis, every process charges the same budget;
 * while Redis is unreachable each process falls back to its own in-memory budget rather than
 * refusing every request.
 */
export class CostBudget {
  readonly restoreRate: number;
  private readonly limiter: RateLimiterAbstract;

  constructor(
    readonly capacity: number,
    redis?: Redis,
  ) {
    this.restoreRate = capacity / WINDOW_SECONDS;
    const options = { points: capacity, duration: WINDOW_SECONDS, keyPrefix: 'omnitray:cost' };
    this.limiter = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
  }

  /** Charges `cost` points, or none when they are not all available. */
  async charge(key: string, cost: number): Promise<BudgetVerdict> {
    const points = Math.max(1, Math.ceil(cost));
    try {
      const result = await this.limiter.consume(key, points);
      return {
        allowed: true,
        available: result.remainingPoints,
        resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
      };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // The store counts a refused charge too; give it back, so what is left stays true.
      await this.limiter.reward(key, points).catch(() => undefined);
      return {
        allowed: false,
        available: Math.max(0, this.capacity - (error.consumedPoints - points)),
        resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
      };
    }
  }
}
