import type { Logger } from '../runtime/logger';
import type {
  EngineState,
  EngineStats,
  MessageListener,
  RealtimeEngine,
  Unsubscribe,
} from './realtime-engine';

/**
 * In-process fan-out for a single process (no REDIS_URL). Messages still go through JSON so that
 * subscribers see exactly what they would see across Redis (dates as strings, no shared objects).
 */
export class MemoryEngine implements RealtimeEngine {
  readonly kind = 'memory';
  private currentState: EngineState = 'up';
  private readonly topics = new Map<string, Set<MessageListener>>();
  private readonly stateListeners = new Set<(state: EngineState) => void>();
  private counters = { subscribeCommands: 0, unsubscribeCommands: 0, publishFailures: 0 };
  private closed = false;

  constructor(private readonly logger?: Logger) {}

  get state(): EngineState {
    return this.currentState;
  }

  async publish(topic: string, message: unknown): Promise<void> {
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      this.counters.publishFailures += 1;
      this.logger?.error('realtime publish failed', { topic, error: String(error) });
      return;
    }
    // Like Redis while disconnected: what is published during an outage is gone.
    if (this.closed || this.currentState === 'down') return;
    const listeners = this.topics.get(topic);
    if (!listeners) return;
    // Delivered after the publisher's turn, as a network hop would be.
    await Promise.resolve();
    for (const listener of [...listeners]) {
      if (!listeners.has(listener)) continue;
      try {
        listener(JSON.parse(text) as unknown);
      } catch (error) {
        this.logger?.error('realtime listener failed', { topic, error: String(error) });
      }
    }
  }

  async subscribe(topic: string, listener: MessageListener): Promise<Unsubscribe> {
    let listeners = this.topics.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.topics.set(topic, listeners);
      this.counters.subscribeCommands += 1;
    }
    // A Set would merge two registrations of one function; wrap so each call is its own.
    const own: MessageListener = (message) => listener(message);
    listeners.add(own);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const current = this.topics.get(topic);
      if (!current?.delete(own) || current.size > 0) return;
      this.topics.delete(topic);
      this.counters.unsubscribeCommands += 1;
    };
  }

  onStateChange(listener: (state: EngineState) => void): Unsubscribe {
    const own = (state: EngineState) => listener(state);
    this.stateListeners.add(own);
    return () => void this.stateListeners.delete(own);
  }

  /** Simulates an outage (`down` drops publishes) and the recovery that follows. */
  setState(state: EngineState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  stats(): EngineStats {
    let listeners = 0;
    for (const set of this.topics.values()) listeners += set.size;
    return {
      topics: this.topics.size,
      listeners,
      stateListeners: this.stateListeners.size,
      ...this.counters,
    };
  }

  async settled(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    this.topics.clear();
    this.stateListeners.clear();
  }
}
