import { type EntityManager } from 'typeorm';

/** Every queue, one file per job in `src/jobs/`. Payloads carry ids only, always the workspace id. */
export enum JobName {
  MESSAGE_SEND = 'message-send',
  WEBHOOK_PROCESS = 'webhook-process',
  AUTO_CLOSE = 'auto-close',
  TRAY_TIMER = 'tray-timer',
  AI_ASSIST = 'ai-assist',
  MAINTENANCE = 'maintenance',
  CAMPAIGN_TICK = 'campaign-tick',
  PARTNER_WEBHOOK_DISPATCH = 'partner-webhook-dispatch',
  PARTNER_WEBHOOK_DELIVER = 'partner-webhook-deliver',
}

export interface JobOptions {
  startAfter?: Date;
  singletonKey?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** Enqueue inside this transaction: the job exists only if the change commits. */
  manager?: EntityManager;
}

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface WorkOptions {
  /** Jobs fetched per poll. */
  batchSize?: number;
  /** Jobs of a batch run at once (their I/O overlaps; each job still completes or fails alone). */
  concurrency?: number;
  pollSeconds?: number;
}

export interface JobQueue {
  /** PostgreSQL schema holding the queue's tables. */
  readonly schema: string;
  send(name: JobName, data: Record<string, unknown>, options?: JobOptions): Promise<string | null>;
  /** Many jobs of one queue in one statement, inside `manager`'s transaction. */
  sendMany(
    name: JobName,
    items: Record<string, unknown>[],
    options: Omit<JobOptions, 'startAfter' | 'singletonKey'> & { manager: EntityManager },
  ): Promise<void>;
  /** Registers the handler; workers poll only after `start` when jobs run in this process. */
  register(name: JobName, handler: JobHandler, options?: WorkOptions): void;
  /** Runs a handler now, in-process (tests drive time-based jobs this way). */
  runNow(name: JobName, data: Record<string, unknown>): Promise<void>;
  /**
   * Runs every job of a queue that is due now, in this process, until none is left (tests use it
   * to run exactly what the code enqueued). Returns how many ran.
   */
  drain(name: JobName, maxJobs?: number): Promise<number>;
  start(options: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  healthy(): boolean;
}
