import type { Logger } from '../runtime/logger';
import type { EngineState, EngineStats, MessageListener, Unsubscribe } from './realtime-engine';

interface TopicEntry {
  listeners: Set<MessageListener>;
  /** Settles when the command that opened the topic on the wire is answered (or failed). */
  ready: Promise<void>;
}

/**
 * The local side of a Redis engine, whichever Redis it speaks to: the topics this process listens
 * to (each subscribed once on the wire however many listeners it has), the state listeners, the
 * subscription commands still in flight and the counters behind `stats()`.
 */
export class WireTopics {
  readonly counters = { subscribeCommands: 0, unsubscribeCommands: 0, publishFailures: 0 };
  private readonly topics = new Map<string, TopicEntry>();
  private readonly stateListeners = new Set<(state: EngineState) => void>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  get size(): number {
    return this.topics.size;
  }

  names(): string[] {
    return [...this.topics.keys()];
  }

  /**
   * Adds a listener; `open` sends the subscription when the topic is new and returns what settles
   * with it. Resolves to the topic's `ready` and the function that removes this listener, which
   * calls `closeTopic` after the topic's last one.
   */
  add(
    topic: string,
    listener: MessageListener,
    open: () => Promise<void>,
    closeTopic: () => void,
  ): { ready: Promise<void>; remove: Unsubscribe } {
    let entry = this.topics.get(topic);
    if (!entry) {
      entry = { listeners: new Set(), ready: Promise.resolve() };
      this.topics.set(topic, entry);
      entry.ready = open();
    }
    const own: MessageListener = (message) => listener(message);
    entry.listeners.add(own);
    let done = false;
    const remove = () => {
      if (done) return;
      done = true;
      const current = this.topics.get(topic);
      if (!current?.listeners.delete(own) || current.listeners.size > 0) return;
      this.topics.delete(topic);
      closeTopic();
    };
    return { ready: entry.ready, remove };
  }

  /** Counts a subscription command and keeps it until answered, for `settled()`. */
  track(kind: 'subscribe' | 'unsubscribe', topics: number, sent: Promise<void>): Promise<void> {
    if (kind === 'subscribe') this.counters.subscribeCommands += topics;
    else this.counters.unsubscribeCommands += topics;
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
    return sent;
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  onStateChange(listener: (state: EngineState) => void): Unsubscribe {
    const own = (state: EngineState) => listener(state);
    this.stateListeners.add(own);
    return () => void this.stateListeners.delete(own);
  }

  announce(state: EngineState): void {
    for (const listener of [...this.stateListeners]) {
      try {
        listener(state);
      } catch (error) {
        this.logger.error('realtime state listener failed', { error: String(error) });
      }
    }
  }

  /** One parse per process, shared by the topic's listeners: they must not mutate it. */
  dispatch(topic: string, text: string): void {
    const entry = this.topics.get(topic);
    if (!entry) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.logger.warn('realtime: ignored a message that is not JSON', { topic });
      return;
    }
    for (const listener of [...entry.listeners]) {
      if (!entry.listeners.has(listener)) continue;
      try {
        listener(message);
      } catch (error) {
        this.logger.error('realtime listener failed', { topic, error: String(error) });
      }
    }
  }

  stats(): EngineStats {
    let listeners = 0;
    for (const entry of this.topics.values()) listeners += entry.listeners.size;
    return {
      topics: this.topics.size,
      listeners,
      stateListeners: this.stateListeners.size,
      ...this.counters,
    };
  }

  clear(): void {
    this.topics.clear();
    this.stateListeners.clear();
  }
}
