import { type Metrics } from './metrics';

export interface TenantShareOptions {
  /** Permits one tenant holds at once (an expensive operation takes one per expensive field, up to all). */
  concurrency: number;
  /** Operations of one tenant that may wait for permits; more are refused at once. */
  queueLimit: number;
  /** How long one may wait before it is refused. */
  queueTimeoutMs: number;
  /**
   * Time one tenant's expensive operations may run per minute, summed over their permits (two at
   * once for 10 s use 20 s); 0: no limit. Past it, the tenant is refused until the minute refills.
   */
  timeBudgetMsPerMinute?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export type ShareRefusalReason = 'QUEUE_FULL' | 'QUEUE_TIMEOUT' | 'TIME_BUDGET';

export type Admission =
  | { admitted: true; /** It waited for permits first. */ queued: boolean; release(): void }
  | {
      admitted: false;
      reason: ShareRefusalReason;
      /** When it may try again (TIME_BUDGET). */ retryAfterMs?: number;
    };

interface Waiter {
  weight: number;
  admit(): void;
  refuse(retryAfterMs: number): void;
  timer: NodeJS.Timeout | null;
}

interface Tenant {
  held: number;
  waiting: Waiter[];
}

/** A tenant's time left this minute: a bucket of `timeBudgetMsPerMinute` that refills as time passes. */
interface TimeBalance {
  ms: number;
  at: number;
}

/**
 * A fair share of a pool per tenant: each tenant holds at most `concurrency` permits at once, the
 * excess waits in a bounded first-in first-out queue, and what does not fit (or waits too long) is
 * refused. A tenant also has a budget of time per minute: permits held cost their time once
 * released, so one that keeps its share busy (a statement takes a core while it runs) gets its
 * budget's part of the minute, not all of it. Tenants never wait for each other. Counts are of this
 * process only.
 */
export class TenantShare {
  private readonly tenants = new Map<string, Tenant>();
  private readonly balances = new Map<string, TimeBalance>();

  constructor(
    readonly options: TenantShareOptions,
    private readonly metrics?: Pick<Metrics, 'expensiveOperations' | 'expensiveOperationsWaiting'>,
  ) {}

  /** Takes `weight` permits (capped at the share) for `tenant`, waiting in line when they are held. */
  acquire(tenant: string, weight = 1): Promise<Admission> {
    const needed = Math.min(Math.max(1, Math.floor(weight)), this.options.concurrency);
    const wait = this.budgetWaitMs(tenant);
    if (wait > 0) return Promise.resolve(this.refuse('TIME_BUDGET', wait));
    const state = this.tenants.get(tenant) ?? { held: 0, waiting: [] };
    this.tenants.set(tenant, state);
    // First in, first out: a newcomer never overtakes someone already waiting.
    if (state.waiting.length === 0 && state.held + needed <= this.options.concurrency) {
      state.held += needed;
      this.metrics?.expensiveOperations.inc({ outcome: 'admitted' });
      return Promise.resolve(this.lease(tenant, state, needed, false));
    }
    if (state.waiting.length >= this.options.queueLimit) {
      this.forgetIfIdle(tenant, state);
      return Promise.resolve(this.refuse('QUEUE_FULL'));
    }
    return new Promise<Admission>((resolve) => {
      const waiter: Waiter = {
        weight: needed,
        timer: null,
        admit: () => {
          if (waiter.timer) clearTimeout(waiter.timer);
          this.metrics?.expensiveOperationsWaiting.dec();
          this.metrics?.expensiveOperations.inc({ outcome: 'queued' });
          resolve(this.lease(tenant, state, needed, true));
        },
        refuse: (retryAfterMs) => {
          if (waiter.timer) clearTimeout(waiter.timer);
          this.metrics?.expensiveOperationsWaiting.dec();
          resolve(this.refuse('TIME_BUDGET', retryAfterMs));
        },
      };
      waiter.timer = setTimeout(() => {
        const index = state.waiting.indexOf(waiter);
        if (index < 0) return;
        state.waiting.splice(index, 1);
        this.metrics?.expensiveOperationsWaiting.dec();
        // Whoever waited behind it may fit now.
        this.admitWaiting(tenant, state);
        resolve(this.refuse('QUEUE_TIMEOUT'));
      }, this.options.queueTimeoutMs);
      state.waiting.push(waiter);
      this.metrics?.expensiveOperationsWaiting.inc();
    });
  }

  /** Permits held and operations waiting, for one tenant. */
  usage(tenant: string): { held: number; waiting: number } {
    const state = this.tenants.get(tenant);
    return { held: state?.held ?? 0, waiting: state?.waiting.length ?? 0 };
  }

  /** Milliseconds until `tenant` has time again this minute; 0 when it has some (or there is no budget). */
  budgetWaitMs(tenant: string): number {
    const budget = this.options.timeBudgetMsPerMinute ?? 0;
    if (budget <= 0) return 0;
    const balance = this.balanceOf(tenant);
    return balance.ms > 0 ? 0 : Math.ceil(((1 - balance.ms) * 60_000) / budget);
  }

  private clock(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  /** The tenant's balance refilled up to now; a full one is forgotten (it is the default). */
  private balanceOf(tenant: string): TimeBalance {
    const budget = this.options.timeBudgetMsPerMinute ?? 0;
    const now = this.clock();
    const stored = this.balances.get(tenant);
    const ms = stored ? Math.min(budget, stored.ms + ((now - stored.at) * budget) / 60_000) : budget;
    if (ms >= budget) this.balances.delete(tenant);
    return { ms, at: now };
  }

  private charge(tenant: string, ms: number): void {
    if (!this.options.timeBudgetMsPerMinute || ms <= 0) return;
    const balance = this.balanceOf(tenant);
    this.balances.set(tenant, { ms: balance.ms - ms, at: balance.at });
  }

  private lease(tenant: string, state: Tenant, weight: number, queued: boolean): Admission {
    let released = false;
    const since = this.clock();
    return {
      admitted: true,
      queued,
      release: () => {
        if (released) return;
        released = true;
        state.held -= weight;
        this.charge(tenant, (this.clock() - since) * weight);
        this.admitWaiting(tenant, state);
      },
    };
  }

  private admitWaiting(tenant: string, state: Tenant): void {
    // Out of time: those in line are refused now rather than admitted into a spent minute.
    const wait = state.waiting.length > 0 ? this.budgetWaitMs(tenant) : 0;
    if (wait > 0) {
      for (const waiter of state.waiting.splice(0)) waiter.refuse(wait);
    }
    while (state.waiting.length > 0 && state.held + state.waiting[0]!.weight <= this.options.concurrency) {
      const next = state.waiting.shift()!;
      state.held += next.weight;
      next.admit();
    }
    this.forgetIfIdle(tenant, state);
  }

  private forgetIfIdle(tenant: string, state: Tenant): void {
    if (state.held === 0 && state.waiting.length === 0 && this.tenants.get(tenant) === state) {
      this.tenants.delete(tenant);
    }
  }

  private refuse(reason: ShareRefusalReason, retryAfterMs?: number): Admission {
    this.metrics?.expensiveOperations.inc({ outcome: 'refused' });
    return retryAfterMs === undefined
      ? { admitted: false, reason }
      : { admitted: false, reason, retryAfterMs };
  }
}
