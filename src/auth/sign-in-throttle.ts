import { createHash } from 'node:crypto';
import { type Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';
import { type SignInConfig } from '../config';
import { type Logger } from '../runtime/logger';

/**
 * Counts sign-in attempts per account (the e-mail as typed, known or not) and per client address.
 * An attempt is counted before the password is checked, so parallel guesses cannot slip past the
 * limit; a success gives its count back. The N-th failure within the window locks the account or
 * the address for a full window. A success clears the account's count, not the address's failures
 * (one valid account must not unlock a sweep over others).
 */
export interface SignInThrottle {
  /** Counts an attempt, or says for how many seconds the account or the address is locked. */
  begin(account: string, address: string | null): Promise<SignInAttempt | { lockedForSeconds: number }>;
}

export interface SignInAttempt {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

type Limiter = RateLimiterAbstract | RateLimiterStoreAbstract;

/** Redis keys carry no e-mail in clear. */
const accountKey = (account: string) =>
  createHash('sha256').update(account.trim().toLowerCase()).digest('base64url');

/** A consumed point, or how long the key is locked. */
type Taken = { consumed: number } | { lockedMs: number } | null;

class RateLimiterSignInThrottle implements SignInThrottle {
  constructor(
    private readonly byAccount: Limiter,
    private readonly byAddress: Limiter,
    private readonly lockoutSeconds: number,
    private readonly logger: Logger,
  ) {}

  async begin(
    account: string,
    address: string | null,
  ): Promise<SignInAttempt | { lockedForSeconds: number }> {
    const accountId = accountKey(account);
    const [byAccount, byAddress] = await Promise.all([
      this.take(this.byAccount, accountId),
      address ? this.take(this.byAddress, address) : null,
    ]);
    const locked = [byAccount, byAddress].flatMap((taken) =>
      taken && 'lockedMs' in taken ? [taken.lockedMs] : [],
    );
    if (locked.length > 0) {
      // The attempt did not happen: give back what the other counter took.
      if (byAccount && 'consumed' in byAccount) await this.giveBack(this.byAccount, accountId);
      if (address && byAddress && 'consumed' in byAddress) await this.giveBack(this.byAddress, address);
      return { lockedForSeconds: Math.max(1, Math.ceil(Math.max(...locked) / 1000)) };
    }
    return {
      succeeded: async () => {
        await this.guard(() => this.byAccount.delete(accountId));
        if (address) await this.giveBack(this.byAddress, address);
      },
      failed: async () => {
        await Promise.all([
          this.lockAtLimit(this.byAccount, accountId, byAccount),
          address ? this.lockAtLimit(this.byAddress, address, byAddress) : undefined,
        ]);
      },
    };
  }

  private async take(limiter: Limiter, key: string): Promise<Taken> {
    try {
      return { consumed: (await limiter.consume(key, 1)).consumedPoints };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { lockedMs: error.msBeforeNext };
      // A store failure (and its insurance) does not stop agents from signing in.
      this.logger.warn('sign-in throttle: could not count an attempt', { error: String(error) });
      return null;
    }
  }

  /** The N-th failure starts a full lockout window, however late in the counting window it came. */
  private async lockAtLimit(limiter: Limiter, key: string, taken: Taken): Promise<void> {
    if (taken && 'consumed' in taken && taken.consumed >= limiter.points) {
      await this.guard(() => limiter.block(key, this.lockoutSeconds));
    }
  }

  private giveBack(limiter: Limiter, key: string): Promise<void> {
    return this.guard(() => limiter.reward(key, 1));
  }

  private async guard(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn('sign-in throttle: store call failed', { error: String(error) });
    }
  }
}

/**
 * Redis-backed when a client is given (shared by every process; the caller owns the connection and
 * should make it fail fast, without an offline queue), in-process memory otherwise.
 */
export function createSignInThrottle(
  config: SignInConfig,
  redis: Redis | undefined,
  logger: Logger,
): SignInThrottle {
  const options = (prefix: string, points: number) => ({
    keyPrefix: `omnitray:sign-in:${prefix}`,
    points,
    duration: config.lockoutSeconds,
  });
  const account = options('account', config.maxFailuresPerAccount);
  const address = options('address', config.maxFailuresPerAddress);
  // While Redis is unreachable each call fails at once and the in-process insurance limiter counts
  // instead, so sign-in keeps working (per process) rather than hanging.
  const store = (opts: ReturnType<typeof options>) =>
    redis
      ? new RateLimiterRedis({ ...opts, storeClient: redis, insuranceLimiter: new RateLimiterMemory(opts) })
      : new RateLimiterMemory(opts);
  return new RateLimiterSignInThrottle(store(account), store(address), config.lockoutSeconds, logger);
}
