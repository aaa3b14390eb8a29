import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { copyInboundAttachment } from '../services/media/inbound-media.service';

/**
 * Copies one inbound file into storage (see `copyInboundAttachment`): a run that finds it no
 * longer PENDING, or taken by another run, does nothing.
 */
export async function runMediaCopy(deps: AppDeps, job: JobData<JobName.MEDIA_COPY>): Promise<void> {
  await copyInboundAttachment(deps, job.workspaceId, job.attachmentId);
}

export function registerMediaCopyJob(deps: AppDeps): void {
  // Downloads wait on the network: a few at once overlap their I/O.
  deps.jobs.register(JobName.MEDIA_COPY, (job) => runMediaCopy(deps, job), { batchSize: 4, concurrency: 4 });
}
