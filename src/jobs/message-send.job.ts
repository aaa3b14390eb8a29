import { dispatchQueuedMessage } from '../services/message/outbound-dispatch';
import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';

/**
 * Sends one QUEUED message through its channel (see `dispatchQueuedMessage`): a second run sends
 * nothing; a retryable failure comes back as the next attempt after the backoff.
 */
export async function runMessageSend(deps: AppDeps, job: JobData<JobName.MESSAGE_SEND>): Promise<void> {
  const attempt = job.attempt ?? 1;
  await dispatchQueuedMessage(
    deps,
    { workspaceId: job.workspaceId, messageId: job.messageId, attempt },
    (uow, delayMs) =>
      uow.enqueue(
        JobName.MESSAGE_SEND,
        { messageId: job.messageId, attempt: attempt + 1 },
        { startAfter: new Date(Date.now() + delayMs), retryLimit: 2 },
      ),
  );
}

export function registerMessageSendJob(deps: AppDeps): void {
  deps.jobs.register(JobName.MESSAGE_SEND, (job) => runMessageSend(deps, job), { batchSize: 10 });
}
