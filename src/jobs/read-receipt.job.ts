import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { sendReadReceipt } from '../services/conversation/read-position';

/** Sends a read receipt and/or typing indicator; re-reads the conversation, so a late run is harmless. */
export function registerReadReceiptJob(deps: AppDeps): void {
  deps.jobs.register(
    JobName.READ_RECEIPT,
    (job: JobData<JobName.READ_RECEIPT>) => sendReadReceipt(deps, job),
    { pollSeconds: 0.5, batchSize: 20 },
  );
}
