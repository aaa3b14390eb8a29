import { type EntityManager } from 'typeorm';
import { type JobData } from './job-catalog';

/** Every queue, one file per job in `src/jobs/`; each payload's schema is in `job-catalog.ts`. */
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
  MEDIA_RETENTION = 'media-retention',
  PRESENCE_CHECK = 'presence-check',
  READ_RECEIPT = 'read-receipt',
  REPORT_EXPORT = 'report-export',
  QUEUE_DRAIN = 'queue-drain',
  SLA_TIMER = 'sla-timer',
  MEDIA_COPY = 'media-copy',
  BULK_CHUNK = 'bulk-chunk',
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

/** Receives data already parsed with the job's schema. */
export type JobHandler<N extends JobName> = (data: JobData<N>) => Promise<void>;

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
  /**
   * Enqueues one job. Data that does not match the job's schema throws `InvalidJobDataError` here,
   * at the caller, and nothing is written.
   */
  send<N extends JobName>(name: N, data: JobData<N>, options?: JobOptions): Promise<string | null>;
  /**
   * Many jobs of one queue in one statement, inside `manager`'s transaction; all are checked first.
   * `startAfter` applies to every item, `singletonKeys` (one per item, in order) key each.
   */
  sendMany<N extends JobName>(
    name: N,
    items: JobData<N>[],
    options: Omit<JobOptions, 'singletonKey'> & { manager: EntityManager; singletonKeys?: string[] },
  ): Promise<void>;
  /**
   * Registers the handler; workers poll only after `start` when jobs run in this process. A job
   * whose data fails its schema fails for good, logged, without reaching the handler.
   */
  register<N extends JobName>(name: N, handler: JobHandler<N>, options?: WorkOptions): void;
  /** Runs a handler now, in-process, on data parsed as a worker would (tests drive jobs this way). */
  runNow<N extends JobName>(name: N, data: JobData<N>): Promise<void>;
  /**
   * Runs every job of a queue that is due now, in this process, until none is left (tests use it
   * to run exactly what the code enqueued). Returns how many ran.
   */
  drain(name: JobName, maxJobs?: number): Promise<number>;
  start(options: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  healthy(): boolean;
}
