import { createMetrics } from './metrics';
import { TenantShare, type Admission } from './tenant-share';

type Lease = Extract<Admission, { admitted: true }>;

function admitted(admission: Admission): Lease {
  if (!admission.admitted) throw new Error(`refused: ${admission.reason}`);
  return admission;
}

/** Lets queued admissions settle (they resolve on release, synchronously queued promises). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('TenantShare', () => {
  it('admits up to the share, queues the next in order, refuses beyond the queue', async () => {
    const metrics = createMetrics();
    const share = new TenantShare({ concurrency: 2, queueLimit: 2, queueTimeoutMs: 60_000 }, metrics);
    const first = admitted(await share.acquire('a'));
    const second = admitted(await share.acquire('a'));
    expect([first.queued, second.queued]).toEqual([false, false]);

    const order: string[] = [];
    const third = share.acquire('a').then((admission) => (order.push('third'), admitted(admission)));
    const fourth = share.acquire('a').then((admission) => (order.push('fourth'), admitted(admission)));
    expect(share.usage('a')).toEqual({ held: 2, waiting: 2 });
    expect(await share.acquire('a')).toEqual({ admitted: false, reason: 'QUEUE_FULL' });

    first.release();
    first.release(); // twice changes nothing
    await settle();
    expect(order).toEqual(['third']);
    expect(share.usage('a')).toEqual({ held: 2, waiting: 1 });
    second.release();
    await settle();
    expect(order).toEqual(['third', 'fourth']);
    expect((await third).queued).toBe(true);
    (await third).release();
    (await fourth).release();
    expect(share.usage('a')).toEqual({ held: 0, waiting: 0 });

    const outcomes = Object.fromEntries(
      (await metrics.expensiveOperations.get()).values.map((value) => [value.labels.outcome, value.value]),
    );
    expect(outcomes).toEqual({ admitted: 2, queued: 2, refused: 1 });
    expect((await metrics.expensiveOperationsWaiting.get()).values[0]!.value).toBe(0);
  });

  it('never makes one tenant wait for another', async () => {
    const share = new TenantShare({ concurrency: 1, queueLimit: 0, queueTimeoutMs: 60_000 });
    const busy = admitted(await share.acquire('a'));
    expect(await share.acquire('a')).toEqual({ admitted: false, reason: 'QUEUE_FULL' });
    const other = admitted(await share.acquire('b'));
    expect(other.queued).toBe(false);
    busy.release();
    other.release();
  });

  it('refuses one that waited past the queue timeout, and lets the next in line move up', async () => {
    const share = new TenantShare({ concurrency: 2, queueLimit: 5, queueTimeoutMs: 20 });
    const held = admitted(await share.acquire('a'));
    // Needs the whole share: waits for `held`, and holds up the one behind it (first in, first out).
    const wide = share.acquire('a', 5);
    const narrow = share.acquire('a', 1);
    expect(await wide).toEqual({ admitted: false, reason: 'QUEUE_TIMEOUT' });
    const moved = admitted(await narrow);
    expect(moved.queued).toBe(true);
    expect(share.usage('a')).toEqual({ held: 2, waiting: 0 });
    held.release();
    moved.release();
    expect(share.usage('a')).toEqual({ held: 0, waiting: 0 });
  });

  it('weighs an operation by its expensive fields, never beyond the share', async () => {
    const share = new TenantShare({ concurrency: 3, queueLimit: 1, queueTimeoutMs: 60_000 });
    const wide = admitted(await share.acquire('a', 15));
    expect(share.usage('a')).toEqual({ held: 3, waiting: 0 });
    const next = share.acquire('a', 1);
    expect(share.usage('a').waiting).toBe(1);
    wide.release();
    admitted(await next).release();
    expect(share.usage('a')).toEqual({ held: 0, waiting: 0 });
  });

  it('gives a tenant its budget of time per minute, permits summed, then refuses until it refills', async () => {
    let now = 0;
    const share = new TenantShare({
      concurrency: 2,
      queueLimit: 5,
      queueTimeoutMs: 60_000,
      timeBudgetMsPerMinute: 30_000,
      now: () => now,
    });
    // Two permits for 10 s: 20 s of the 30.
    const wide = admitted(await share.acquire('a', 2));
    now += 10_000;
    wide.release();
    expect(share.budgetWaitMs('a')).toBe(0);
    // One more for 30 s: 10 s were left, 15 s refilled meanwhile (half a second a second), 30 s used.
    const first = admitted(await share.acquire('a'));
    const queued = share.acquire('a', 2);
    now += 30_000;
    first.release();
    // 5 s over: the one in line is refused rather than admitted into a spent minute, with when to come back.
    expect(await queued).toEqual({ admitted: false, reason: 'TIME_BUDGET', retryAfterMs: 10_002 });
    expect(await share.acquire('a')).toEqual({
      admitted: false,
      reason: 'TIME_BUDGET',
      retryAfterMs: 10_002,
    });
    expect(share.usage('a')).toEqual({ held: 0, waiting: 0 });
    now += 10_002;
    admitted(await share.acquire('a')).release();
    // Another tenant has its own minute.
    admitted(await share.acquire('b')).release();
  });

  it('refuses a tenant over its budget at once and admits it again once the minute has refilled', async () => {
    let now = 0;
    const share = new TenantShare({
      concurrency: 1,
      queueLimit: 5,
      queueTimeoutMs: 60_000,
      timeBudgetMsPerMinute: 6_000,
      now: () => now,
    });
    const lease = admitted(await share.acquire('a'));
    now += 9_000; // 9 s from a full bucket of 6 s: 3 s over
    lease.release();
    // 3 s at 6 s a minute take 30 s to refill (and 10 ms more to be above zero).
    expect(await share.acquire('a')).toEqual({
      admitted: false,
      reason: 'TIME_BUDGET',
      retryAfterMs: 30_010,
    });
    now += 30_000;
    expect(await share.acquire('a')).toMatchObject({ admitted: false, reason: 'TIME_BUDGET' });
    now += 10;
    admitted(await share.acquire('a')).release();
    // Unlimited when the budget is 0.
    const unlimited = new TenantShare({
      concurrency: 1,
      queueLimit: 0,
      queueTimeoutMs: 1,
      timeBudgetMsPerMinute: 0,
    });
    expect(unlimited.budgetWaitMs('a')).toBe(0);
  });
});
