/** Stops a subscription or a state listener; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** A JSON-safe value: what crosses the wire between processes. */
export type MessageListener = (message: unknown) => void;

/**
 * `down`: messages may be lost (Redis unreachable, the subscriber connection reconnecting).
 * `up`: every topic with local listeners is subscribed again; from now on nothing is dropped, so a
 * reader catches up from the event log once and is then whole.
 */
export type EngineState = 'up' | 'down';

export interface EngineStats {
  /** Topics with at least one local listener (each one subscribed once on the wire). */
  topics: number;
  listeners: number;
  stateListeners: number;
  /** SUBSCRIBE / UNSUBSCRIBE commands sent since start (reconnects included). */
  subscribeCommands: number;
  unsubscribeCommands: number;
  publishFailures: number;
}

/**
 * Fan-out between processes. It only says "something new exists": the event log holds the truth,
 * so a lost message costs latency, never an event.
 */
export interface RealtimeEngine {
  readonly kind: 'redis' | 'memory';
  readonly state: EngineState;
  /** Never rejects: failures are logged and counted; the caller's change is already committed. */
  publish(topic: string, message: unknown): Promise<void>;
  /**
   * Registers `listener` at once and resolves when the topic is live on the wire (or when the
   * engine is down, in which case a later `up` announces the resubscription).
   */
  subscribe(topic: string, listener: MessageListener): Promise<Unsubscribe>;
  onStateChange(listener: (state: EngineState) => void): Unsubscribe;
  stats(): EngineStats;
  /** Resolves once every SUBSCRIBE/UNSUBSCRIBE sent so far has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}
