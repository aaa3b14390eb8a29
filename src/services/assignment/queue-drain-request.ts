import { type AppDeps } from '../../runtime/app-deps';
import { JobName } from '../../runtime/job-queue';

/**
 * The after-commit hook of a change that put a conversation in the queue or freed an agent's slot,
 * or of an agent coming online: queues a drain of the workspace's queue when it assigns
 * automatically. It runs outside the business transaction and never rejects; a lost call only
 * delays assignment until the next trigger or the maintenance sweep.
 */
export async function scheduleQueueDrain(deps: AppDeps, workspaceId: string): Promise<void> {
  try {
    const [row] = (await deps.dataSource.query('SELECT assignment_policy FROM workspace WHERE id = $1', [
      workspaceId,
    ])) as { assignment_policy: string }[];
    if (!row || row.assignment_policy === 'MANUAL') return;
    // The queue's `short` policy keeps one waiting drain per workspace however many commits come.
    await deps.jobs.send(JobName.QUEUE_DRAIN, { workspaceId }, { singletonKey: workspaceId });
  } catch (error) {
    deps.logger.warn('queue drain not scheduled', {
      workspaceId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
