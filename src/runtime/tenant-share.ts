import { type Metrics } from './metrics';

export interface TenantShareOptions {
  /** Permits one tenant holds at once (an expensive operation takes one per expensive field, up to all). */
  concurrency: number;
  /** Operations of one tenant that may wait for permits; more are refused at once. */
  queueLimit: number;
  /** How long one may wait before it is refused. */
  queueTimeoutMs: number;
}

export type ShareRefusalReason = 'QUEUE_FULL' | 'QUEUE_TIMEOUT';

export type Admission =
  | { admitted: true; /** It waited for permits first. */ queued: boolean; release(): void }
  | { admitted: false; reason: ShareRefusalReason };

interface Waiter {
  weight: number;
  admit(): void;
  timer: NodeJS.Timeout | null;
}

interface Tenant {
  held: number;
  waiting: Waiter[];
}

/**
 * A fair share of a pool per tenant: each tenant holds at most `concurrency` permits at once, the
 * excess waits in a bounded first-in first-out queue, and what does not fit (or waits too long) is
 * refused. Tenants never wait for each other. Counts are of this process only.
 */
export class TenantShare {
  private readonly tenants = new Map<string, Tenant>();

  constructor(
    readonly options: TenantShareOptions,
    private readonly metrics?: Pick<Metrics, 'expensiveOperations' | 'expensiveOperationsWaiting'>,
  ) {}

  /** Takes `weight` permits (capped at the share) for `tenant`, waiting in line when they are held. */
  acquire(tenant: string, weight = 1): Promise<Admission> {
    const needed = Math.min(Math.max(1, Math.floor(weight)), this.options.concurrency);
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

  private lease(tenant: string, state: Tenant, weight: number, queued: boolean): Admission {
    let released = false;
    return {
      admitted: true,
      queued,
      release: () => {
        if (released) return;
        released = true;
        state.held -= weight;
        this.admitWaiting(tenant, state);
      },
    };
  }

  private admitWaiting(tenant: string, state: Tenant): void {
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

  private refuse(reason: ShareRefusalReason): Admission {
    this.metrics?.expensiveOperations.inc({ outcome: 'refused' });
    return { admitted: false, reason };
  }
}
