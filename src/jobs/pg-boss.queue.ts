import PgBoss from 'pg-boss';
import { type EntityManager } from 'typeorm';
import { type Logger } from '../runtime/logger';
import { type Metrics } from '../runtime/metrics';
import {
  JobName,
  type JobHandler,
  type JobOptions,
  type JobQueue,
  type WorkOptions,
} from '../runtime/job-queue';

/**
 * Queues that need another pg-boss policy than `standard`. `short`: at most one queued job per
 * singleton key, so a burst of commits in a workspace queues one webhook dispatch, not one each.
 */
const QUEUE_POLICIES: Partial<Record<JobName, PgBoss.QueuePolicy>> = {
  [JobName.PARTNER_WEBHOOK_DISPATCH]: 'short',
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
  private readonly handlers = new Map<
    JobName,
    { handler: JobHandler; batchSize: number; concurrency: number; pollSeconds: number }
  >();
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

  async send(name: JobName, data: Record<string, unknown>, options: JobOptions = {}): Promise<string | null> {
    const sendOptions: PgBoss.SendOptions & { db?: PgBoss.Db } = {
      retryLimit: options.retryLimit ?? 5,
      retryDelay: options.retryDelaySeconds ?? 5,
      retryBackoff: options.retryBackoff ?? true,
    };
    if (options.startAfter) sendOptions.startAfter = options.startAfter;
    if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
    if (options.manager) sendOptions.db = transactionDb(options.manager);
    return this.boss.send(name, data, sendOptions);
  }

  async sendMany(
    name: JobName,
    items: Record<string, unknown>[],
    options: Omit<JobOptions, 'startAfter' | 'singletonKey'> & { manager: EntityManager },
  ): Promise<void> {
    if (items.length === 0) return;
    await this.boss.insert(
      items.map((data) => ({
        name,
        data,
        retryLimit: options.retryLimit ?? 5,
        retryDelay: options.retryDelaySeconds ?? 5,
        retryBackoff: options.retryBackoff ?? true,
      })),
      { db: transactionDb(options.manager) },
    );
  }

  register(name: JobName, handler: JobHandler, options: WorkOptions = {}): void {
    this.handlers.set(name, {
      handler,
      batchSize: options.batchSize ?? 5,
      concurrency: options.concurrency ?? 1,
      pollSeconds: options.pollSeconds ?? 1,
    });
  }

  async runNow(name: JobName, data: Record<string, unknown>): Promise<void> {
    const entry = this.handlers.get(name);
    if (!entry) throw new Error(`No handler registered for job ${name}`);
    await entry.handler(data);
  }

  async drain(name: JobName, maxJobs = 1000): Promise<number> {
    const entry = this.handlers.get(name);
    if (!entry) throw new Error(`No handler registered for job ${name}`);
    let ran = 0;
    while (ran < maxJobs) {
      const jobs = await this.boss.fetch<Record<string, unknown>>(name, { batchSize: 10 });
      if (!jobs || jobs.length === 0) break;
      for (const job of jobs) {
        ran += 1;
        try {
          await entry.handler(job.data);
          await this.boss.complete(name, job.id);
        } catch (error) {
          await this.boss.fail(name, job.id, {
            message: error instanceof Error ? error.message : String(error),
          });
        }
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
  private async workLoop(
    name: JobName,
    {
      handler,
      batchSize,
      concurrency,
      pollSeconds,
    }: { handler: JobHandler; batchSize: number; concurrency: number; pollSeconds: number },
  ): Promise<void> {
    while (this.started) {
      let jobs: PgBoss.Job<Record<string, unknown>>[] = [];
      try {
        jobs = (await this.boss.fetch<Record<string, unknown>>(name, { batchSize })) ?? [];
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
            try {
              await handler(job.data);
              done.push(job.id);
              this.metrics?.jobsRun.inc({ queue: name, outcome: 'completed' });
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              this.logger.warn('job failed', { job: name, id: job.id, error: message });
              this.metrics?.jobsRun.inc({ queue: name, outcome: 'failed' });
              await this.boss.fail(name, job.id, { message }).catch(() => undefined);
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
        if (done.length > 0) await this.boss.complete(name, done).catch(() => undefined);
      }
      if (jobs.length < batchSize) await this.sleep(pollSeconds * 1000);
    }
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
