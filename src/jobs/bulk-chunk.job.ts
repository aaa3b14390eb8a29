import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { runBulkChunk } from '../services/conversation/bulk-job.service';

/** Applies one chunk of a bulk job; safe to run twice (an applied chunk is skipped). */
export function bulkChunkHandler(deps: AppDeps) {
  return (job: JobData<JobName.BULK_CHUNK>): Promise<void> => runBulkChunk(deps, job);
}

export function registerBulkChunkJob(deps: AppDeps): void {
  // The chunks of one job wait for each other on its row: one at a time per worker is enough.
  deps.jobs.register(JobName.BULK_CHUNK, bulkChunkHandler(deps), { batchSize: 1, concurrency: 1 });
}
