import { type EntityManager } from 'typeorm';
import { type AppDeps } from '../runtime/app-deps';
import { appendEvents } from '../realtime/event-log';
import { type NewEvent } from '../realtime/event-types';
import { type JobArgs, type WorkspaceJobName } from '../runtime/job-catalog';
import { type JobOptions } from '../runtime/job-queue';
import { scheduleWebhookDispatch } from './partner-webhook/partner-webhook-dispatch.service';
import { scheduleQueueDrain } from './assignment/queue-drain-request';

/** One business transaction: its rows, the events that describe them, and the jobs they start. */
export class UnitOfWork {
  readonly events: NewEvent[] = [];
  /** Whether the queue may be drained once this commits (see `requestQueueDrain`). */
  queueDrainRequested = false;

  constructor(
    readonly manager: EntityManager,
    readonly workspaceId: string,
    readonly deps: AppDeps,
  ) {}

  emit(event: NewEvent): void {
    this.events.push(event);
  }

  /**
   * A conversation reached the queue, an agent freed a slot or came online: once this commits,
   * automatic assignment (when the workspace uses it) drains the queue.
   */
  requestQueueDrain(): void {
    this.queueDrainRequested = true;
  }

  /**
   * The job is written in this transaction, so it exists exactly when the change commits. Its data
   * gets this unit's workspace id; data that fails the job's schema throws here.
   */
  enqueue<N extends WorkspaceJobName>(
    name: N,
    data: JobArgs<N>,
    options: Omit<JobOptions, 'manager'> = {},
  ): Promise<string | null> {
    return this.deps.jobs.send(
      name,
      { ...data, workspaceId: this.workspaceId },
      { ...options, manager: this.manager },
    );
  }
}

/**
 * Runs `work` in a transaction, writes its events last (holding the workspace's event lock for as
 * short a time as possible) and publishes them only after commit.
 */
export async function inTransaction<T>(
  deps: AppDeps,
  workspaceId: string,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<T> {
  let committed: Awaited<ReturnType<typeof appendEvents>> = [];
  let drain = false;
  const result = await deps.dataSource.transaction(async (manager) => {
    const uow = new UnitOfWork(manager, workspaceId, deps);
    const value = await work(uow);
    committed = await appendEvents(manager, workspaceId, uow.events);
    drain = uow.queueDrainRequested;
    return value;
  });
  // Awaited, so the drain is queued by the time the request that caused it answers.
  if (drain) await scheduleQueueDrain(deps, workspaceId);
  if (committed.length > 0) {
    deps.events.publishCommitted(committed);
    // Partner webhooks read the log from their own cursors; this only wakes the fan-out.
    void scheduleWebhookDispatch(deps, workspaceId);
  }
  return result;
}
