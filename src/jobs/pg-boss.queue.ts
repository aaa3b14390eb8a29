import PgBoss from 'pg-boss';
import { type EntityManager } from 'typeorm';
import { type Logger } from '../runtime/logger';
import { type Metrics } from '../runtime/metrics';
import { type JobData, parseJobData } from '../runtime/job-catalog';
import {
  JobName,
  type JobHandler,
  type JobOptions,
  type JobQueue,
  type WorkOptions,
} from '../runtime/job-queue';

interface RegisteredJob {
  /** Parses a job's data with its schema (throws `InvalidJobDataError`) and returns its run. */
  prepare(data: unknown): () => Promise<void>;
  batchSize: number;
  concurrency: number;
  pollSeconds: number;
}

/**
 * Queues that need another pg-boss policy than `standard`. `short`: at most one queued job per
 * singleton key, so a burst of commits in a workspace queues one webhook dispatch (or queue drain), not one each.
 */
const QUEUE_POLICIES: Partial<Record<JobName, PgBoss.QueuePolicy>> = {
  [JobName.PARTNER_WEBHOOK_DISPATCH]: 'short',
  [JobName.QUEUE_DRAIN]: 'short',
};

/** Runs SQL on the transaction's own connection, for transactional enqueue. */
function transactionDb(manager: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const client = (
        manager.queryRunner as unknown as { databaseConnection: { query: PgBoss.Db['executeSql'] } }
      ).databaseConnection;
      return client.query(text, values);
    },
  };
}

export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly handlers = new Map<JobName, RegisteredJob>();
  private started = false;
  private readonly workers: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();

  constructor(
    databaseUrl: string,
    private readonly logger: Logger,
    readonly schema = 'pgboss',
    private readonly metrics?: Pick<Metrics, 'jobsRun'>,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema,
      max: 4,
      application_name: 'omnitray-jobs',
    });
    this.boss.on('error', (error: Error & { code?: string }) => {
      // 57P01: the database is shutting down (Ctrl-C reaches the embedded server too): expected, not an error.
      if (error.code === '57P01') this.logger.info('job queue: database shutting down');
      else this.logger.error('job queue error', { error: error.message });
    });
  }

  async send<N extends JobName>(name: N, data: JobData<N>, options: JobOptions = {}): Promise<string | null> {
    const checked = parseJobData(name, data);
    const sendOptions: PgBoss.SendOptions & { db?: PgBoss.Db } = {
      retryLimit: options.retryLimit ?? 5,
      retryDelay: options.retryDelaySeconds ?? 5,
      retryBackoff: options.retryBackoff ?? true,
    };
    if (options.startAfter) sendOptions.startAfter = options.startAfter;
    if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
    if (options.manager) sendOptions.db = transactionDb(options.manager);
    return this.boss.send(name, checked, sendOptions);
  }

  async sendMany<N extends JobName>(
    name: N,
    items: JobData<N>[],
    options: Omit<JobOptions, 'singletonKey'> & { manager: EntityManager; singletonKeys?: string[] },
  ): Promise<void> {
    if (items.length === 0) return;
    // Every item is checked before the statement, so one bad item writes none.
    const checked = items.map((data) => parseJobData(name, data));
    await this.boss.insert(
      checked.map((data, index) => ({
        name,
        data,
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKeys?.[index] ? { singletonKey: options.singletonKeys[index] } : {}),
        retryLimit: options.retryLimit ?? 5,
        retryDelay: options.retryDelaySeconds ?? 5,
        retryBackoff: options.retryBackoff ?? true,
      })),
      { db: transactionDb(options.manager) },
    );
  }

  register<N extends JobName>(name: N, handler: JobHandler<N>, options: WorkOptions = {}): void {
    this.handlers.set(name, {
      prepare: (data) => {
        const parsed = parseJobData(name, data);
        return () => handler(parsed);
      },
      batchSize: options.batchSize ?? 5,
      concurrency: options.concurrency ?? 1,
      pollSeconds: options.pollSeconds ?? 1,
    });
  }

  async runNow<N extends JobName>(name: N, data: JobData<N>): Promise<void> {
    const entry = this.handlers.get(name);
    if (!entry) throw new Error(`No handler registered for job ${name}`);
    await entry.prepare(data)();
  }

  async drain(name: JobName, maxJobs = 1000): Promise<number> {
    const entry = this.handlers.get(name);
    if (!entry) throw new Error(`No handler registered for job ${name}`);
    let ran = 0;
    while (ran < maxJobs) {
      const jobs = await this.boss.fetch<unknown>(name, { batchSize: 10 });
      if (!jobs || jobs.length === 0) break;
      for (const job of jobs) {
        ran += 1;
        if (await this.execute(name, entry, job)) await this.boss.complete(name, job.id);
      }
    }
    return ran;
  }

  async start(options: { work: boolean }): Promise<void> {
    await this.boss.start();
    this.started = true;
    await this.ensureQueues();
    if (!options.work) return;
    for (const [name, entry] of this.handlers) this.workers.push(this.workLoop(name, entry));
    await this.boss.schedule(JobName.MAINTENANCE, '* * * * *', {});
  }

  /**
   * Creates missing queues. Several processes starting at once race here (pg-boss partitions its
   * job table per queue), so a deadlock or duplicate is retried after re-reading what exists.
   */
  private async ensureQueues(attempt = 1): Promise<void> {
    const existing = new Set((await this.boss.getQueues()).map((queue) => queue.name));
    try {
      for (const name of Object.values(JobName)) {
        if (!existing.has(name)) await this.boss.createQueue(name, { name, policy: QUEUE_POLICIES[name] });
      }
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      await this.ensureQueues(attempt + 1);
    }
  }

  /**
   * Polls one queue: a full batch is followed at once by the next fetch, an empty one waits
   * `pollSeconds`. Each job completes or fails on its own, so one bad job does not fail its batch.
   */
  private async workLoop(name: JobName, entry: RegisteredJob): Promise<void> {
    const { batchSize, concurrency, pollSeconds } = entry;
    while (this.started) {
      let jobs: PgBoss.Job<unknown>[] = [];
      try {
        jobs = (await this.boss.fetch<unknown>(name, { batchSize })) ?? [];
      } catch (error) {
        if (this.started)
          this.logger.error('job fetch failed', {
            job: name,
            error: error instanceof Error ? error.message : String(error),
          });
      }
      if (jobs.length > 0) {
        const done: string[] = [];
        let next = 0;
        const lane = async () => {
          while (next < jobs.length) {
            const job = jobs[next++]!;
            if (await this.execute(name, entry, job)) done.push(job.id);
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
        if (done.length > 0) await this.boss.complete(name, done).catch(() => undefined);
      }
      if (jobs.length < batchSize) await this.sleep(pollSeconds * 1000);
    }
  }

  /**
   * Runs one fetched job and returns whether it succeeded; the caller completes it. A failure is
   * recorded on the job row: data that fails its schema for good, a handler error with retries.
   */
  private async execute(name: JobName, entry: RegisteredJob, job: PgBoss.Job<unknown>): Promise<boolean> {
    let run: () => Promise<void>;
    try {
      run = entry.prepare(job.data);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error('job data invalid', { job: name, id: job.id, error: message });
      this.metrics?.jobsRun.inc({ queue: name, outcome: 'invalid' });
      await this.failForGood(name, job.id, message).catch(() => undefined);
      return false;
    }
    try {
      await run();
      this.metrics?.jobsRun.inc({ queue: name, outcome: 'completed' });
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn('job failed', { job: name, id: job.id, error: message });
      this.metrics?.jobsRun.inc({ queue: name, outcome: 'failed' });
      await this.boss.fail(name, job.id, { message }).catch(() => undefined);
      return false;
    }
  }

  /** Fails a job without the retries it was enqueued with: pg-boss retries while count < limit. */
  private async failForGood(name: JobName, id: string, message: string): Promise<void> {
    await this.boss
      .getDb()
      .executeSql(`UPDATE ${this.schema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [
        name,
        id,
      ]);
    await this.boss.fail(name, id, { message });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const wake of this.wakers) wake();
    this.wakers.clear();
    await Promise.all(this.workers.splice(0));
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  healthy(): boolean {
    return this.started;
  }
}
