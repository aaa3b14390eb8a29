import { randomUUID } from 'node:crypto';
import { type Redis } from 'ioredis';
import { type Clock } from '../runtime/clock';
import { type Logger } from '../runtime/logger';

/**
 * Where every process writes how long it holds live sessions of an agent: per agent, per process,
 * an instant (a lease a heartbeat renews, or the moment the last session ended). An agent is
 * present while any process's lease is in the future; a process that dies stops renewing, so its
 * lease simply runs out. Instants come from the application clock, so tests move them by hand.
 */
export interface PresenceStore {
  /** This process holds sessions of each agent until its instant. */
  hold(leases: ReadonlyMap<string, Date>, processId: string): Promise<void>;
  /** The latest instant any process holds each agent until; agents never seen (or long gone) are absent. */
  heldUntil(agentIds: readonly string[]): Promise<Map<string, Date>>;
}

export interface PresenceTiming {
  /** How long a lease lasts without a heartbeat. */
  leaseMs: number;
  /** How long entries are kept after their instant (the grace period must fit in it). */
  keepMs: number;
}

/** In-process presence: a single process, no Redis. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly agents = new Map<string, Map<string, number>>();

  constructor(
    private readonly clock: Clock,
    private readonly timing: PresenceTiming,
  ) {}

  async hold(leases: ReadonlyMap<string, Date>, processId: string): Promise<void> {
    const staleBefore = this.clock.now().getTime() - this.timing.keepMs;
    for (const [agentId, until] of leases) {
      const entries = this.agents.get(agentId) ?? new Map<string, number>();
      entries.set(processId, until.getTime());
      for (const [id, at] of entries) if (at < staleBefore) entries.delete(id);
      this.agents.set(agentId, entries);
    }
  }

  async heldUntil(agentIds: readonly string[]): Promise<Map<string, Date>> {
    const result = new Map<string, Date>();
    for (const agentId of agentIds) {
      const entries = this.agents.get(agentId);
      if (entries && entries.size > 0) result.set(agentId, new Date(Math.max(...entries.values())));
    }
    return result;
  }
}

/**
 * Sets this process's instant and drops entries of processes gone for longer than the keep time,
 * in one step per agent; the key itself expires (real time) once nobody renews it.
 */
const HOLD_SCRIPT = `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  if tonumber(entries[i + 1]) < tonumber(ARGV[3]) then redis.call('HDEL', KEYS[1], entries[i]) end
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/** Presence shared by every process through Redis: one hash per agent, one field per process. */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly timing: PresenceTiming,
    private readonly prefix = 'omnitray:presence:',
  ) {}

  private keyOf(agentId: string): string {
    return `${this.prefix}${agentId}`;
  }

  async hold(leases: ReadonlyMap<string, Date>, processId: string): Promise<void> {
    if (leases.size === 0) return;
    const pipeline = this.redis.pipeline();
    // Real time for the key's own expiry: it only bounds what Redis keeps, never decides presence.
    const expireMs = this.timing.leaseMs + 2 * this.timing.keepMs;
    const staleBefore = this.clock.now().getTime() - this.timing.keepMs;
    for (const [agentId, until] of leases) {
      pipeline.eval(
        HOLD_SCRIPT,
        1,
        this.keyOf(agentId),
        processId,
        String(until.getTime()),
        String(staleBefore),
        String(expireMs),
      );
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async heldUntil(agentIds: readonly string[]): Promise<Map<string, Date>> {
    const result = new Map<string, Date>();
    if (agentIds.length === 0) return result;
    const pipeline = this.redis.pipeline();
    for (const agentId of agentIds) pipeline.hvals(this.keyOf(agentId));
    const replies = (await pipeline.exec()) ?? [];
    replies.forEach(([error, values], index) => {
      if (error) throw error;
      const instants = (values as string[]).map(Number).filter(Number.isFinite);
      if (instants.length > 0) result.set(agentIds[index]!, new Date(Math.max(...instants)));
    });
    return result;
  }
}

export interface PresenceTrackerOptions {
  store: PresenceStore;
  clock: Clock;
  logger: Logger;
  leaseMs: number;
  heartbeatMs: number;
}

/**
 * This process's agent sessions (WebSocket connections): how many each agent has here, with a
 * lease in the shared store renewed by a heartbeat while any is open. The rules of what a session
 * opening or ending means for the agent's status live in the agent services.
 */
export class PresenceTracker {
  readonly processId = randomUUID();
  private readonly sessions = new Map<string, number>();
  private readonly pending = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PresenceTrackerOptions) {}

  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /** A session of the agent opened here; true when it is the agent's first in this process. */
  async open(agentId: string): Promise<boolean> {
    const count = (this.sessions.get(agentId) ?? 0) + 1;
    this.sessions.set(agentId, count);
    const now = this.options.clock.now();
    await this.options.store.hold(
      new Map([[agentId, new Date(now.getTime() + this.options.leaseMs)]]),
      this.processId,
    );
    return count === 1;
  }

  /** A session of the agent ended here; true when it was their last in this process (the lease ends now). */
  async close(agentId: string): Promise<boolean> {
    const count = (this.sessions.get(agentId) ?? 0) - 1;
    if (count > 0) {
      this.sessions.set(agentId, count);
      return false;
    }
    this.sessions.delete(agentId);
    await this.options.store.hold(new Map([[agentId, this.options.clock.now()]]), this.processId);
    return true;
  }

  /** Sessions the agent holds in this process. */
  localSessions(agentId: string): number {
    return this.sessions.get(agentId) ?? 0;
  }

  /** Renews the lease of every agent with a session here. */
  async heartbeat(): Promise<void> {
    if (this.sessions.size === 0) return;
    const until = new Date(this.options.clock.now().getTime() + this.options.leaseMs);
    await this.options.store.hold(
      new Map([...this.sessions.keys()].map((id) => [id, until])),
      this.processId,
    );
  }

  /** The latest instant any process holds each agent's sessions until. */
  heldUntil(agentIds: readonly string[]): Promise<Map<string, Date>> {
    return this.options.store.heldUntil(agentIds);
  }

  /** Keeps `task` until it settles, so shutdown can wait for what session ends started. */
  track(task: Promise<unknown>): void {
    const settled = task.catch((error: unknown) =>
      this.options.logger.warn('presence: a session change failed', { error: String(error) }),
    );
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.heartbeat().catch((error: unknown) =>
        this.options.logger.warn('presence: heartbeat failed; leases run out unless it recovers', {
          error: String(error),
        }),
      );
    }, this.options.heartbeatMs);
    this.timer.unref();
  }

  /** Stops the heartbeat and waits for the session changes in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.pending]);
  }
}
