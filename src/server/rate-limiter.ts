/**
 * Leaky bucket on query cost per caller (Shopify's model): the bucket holds `capacity` points and
 * refills at `capacity / 60` points per second. In-process: with N API processes a caller's real
 * budget is up to N times larger, which we accept for simplicity.
 */
export class CostRateLimiter {
  private readonly buckets = new Map<string, { available: number; at: number }>();
  readonly restoreRate: number;

  constructor(readonly capacity: number) {
    this.restoreRate = capacity / 60;
  }

  take(key: string, cost: number, nowMs: number): { allowed: boolean; available: number } {
    const bucket = this.buckets.get(key) ?? { available: this.capacity, at: nowMs };
    const refilled = Math.min(
      this.capacity,
      bucket.available + ((nowMs - bucket.at) / 1000) * this.restoreRate,
    );
    const allowed = refilled >= cost;
    const available = allowed ? refilled - cost : refilled;
    this.buckets.set(key, { available, at: nowMs });
    if (this.buckets.size > 100_000) this.buckets.clear();
    return { allowed, available: Math.floor(available) };
  }
}
