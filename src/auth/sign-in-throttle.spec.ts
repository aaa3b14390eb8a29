import { Redis } from 'ioredis';
import { createLogger } from '../runtime/logger';
import { createSignInThrottle, type SignInThrottle } from './sign-in-throttle';

const config = {
  accessTokenTtlMinutes: 15,
  refreshTokenTtlDays: 30,
  inviteTtlHours: 72,
  passwordResetTtlMinutes: 60,
  maxFailuresPerAccount: 2,
  maxFailuresPerAddress: 3,
  lockoutSeconds: 60,
};

async function fail(throttle: SignInThrottle, account: string, address: string | null) {
  const attempt = await throttle.begin(account, address);
  if ('lockedForSeconds' in attempt) return attempt.lockedForSeconds;
  await attempt.failed();
  return null;
}

describe('sign-in throttle', () => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((client) => client.disconnect()));
  const make = (redisUrl?: string) => {
    const redis = redisUrl
      ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true })
      : undefined;
    if (redis) clients.push(redis);
    return createSignInThrottle(config, redis, createLogger('silent'));
  };

  it('locks an account for the whole window after the N-th failure; e-mail case does not matter', async () => {
    const throttle = make();
    expect(await fail(throttle, 'ana@example.com', '10.0.0.1')).toBeNull();
    expect(await fail(throttle, 'ANA@example.com ', '10.0.0.2')).toBeNull();
    expect(await fail(throttle, 'ana@example.com', '10.0.0.3')).toBe(60);
    expect(await fail(throttle, 'bob@example.com', '10.0.0.3')).toBeNull();
  });

  it('a locked attempt gives back what the other counter took', async () => {
    const throttle = make();
    for (const account of ['a@x.io', 'b@x.io', 'c@x.io']) await fail(throttle, account, '10.0.0.9');
    // The address is locked; this attempt must not count against d@x.io.
    expect(await fail(throttle, 'd@x.io', '10.0.0.9')).toBe(60);
    expect(await fail(throttle, 'd@x.io', '10.0.1.1')).toBeNull();
    expect(await fail(throttle, 'd@x.io', '10.0.1.2')).toBeNull();
    expect(await fail(throttle, 'd@x.io', '10.0.1.3')).toBe(60);
  });

  it('a success gives back the address’s count and clears the account’s', async () => {
    const throttle = make();
    await fail(throttle, 'e@x.io', '10.0.2.1');
    const success = await throttle.begin('e@x.io', '10.0.2.1');
    if ('lockedForSeconds' in success) throw new Error('unexpectedly locked');
    await success.succeeded();
    expect(await fail(throttle, 'e@x.io', '10.0.2.1')).toBeNull();
    expect(await fail(throttle, 'f@x.io', '10.0.2.1')).toBeNull();
    // Address: 3 failures counted (e, e, f) — the success gave its own back.
    expect(await fail(throttle, 'g@x.io', '10.0.2.1')).toBe(60);
  });

  it('with Redis unreachable, counts in process instead of failing or hanging', async () => {
    const throttle = make('redis://127.0.0.1:1');
    const started = Date.now();
    expect(await fail(throttle, 'h@x.io', null)).toBeNull();
    expect(await fail(throttle, 'h@x.io', null)).toBeNull();
    expect(await fail(throttle, 'h@x.io', null)).toBe(60);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
