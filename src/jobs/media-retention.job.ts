import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import {
  expireMediaBatch,
  mediaRetentionCutoff,
  RETENTION_BATCH,
  removeAbandonedUploads,
  workspacesWithExpiredMedia,
} from '../services/media/media-retention.service';
import { type MaintenanceSweep } from './maintenance.job';

/**
 * One batch of a workspace's files past MEDIA_RETENTION_DAYS: bytes deleted, attachments EXPIRED.
 * A full batch queues the next one; running it twice, or with nothing left, changes nothing.
 */
export function mediaRetentionHandler(deps: AppDeps) {
  return async (job: JobData<JobName.MEDIA_RETENTION>): Promise<void> => {
    const cutoff = mediaRetentionCutoff(deps);
    if (!cutoff) return;
    const expired = await expireMediaBatch(deps, job.workspaceId, cutoff, RETENTION_BATCH);
    if (expired >= RETENTION_BATCH)
      await deps.jobs.send(JobName.MEDIA_RETENTION, { workspaceId: job.workspaceId });
  };
}

/** Every minute: a retention run for each workspace with files past the retention; abandoned uploads removed. */
export const mediaRetentionSweep: MaintenanceSweep = {
  name: 'media-retention',
  async run(deps: AppDeps): Promise<number> {
    const abandoned = await removeAbandonedUploads(deps);
    const cutoff = mediaRetentionCutoff(deps);
    if (!cutoff) return abandoned;
    const workspaces = await workspacesWithExpiredMedia(deps, cutoff);
    for (const workspaceId of workspaces) {
      await deps.jobs.send(
        JobName.MEDIA_RETENTION,
        { workspaceId },
        { singletonKey: `media-retention:${workspaceId}` },
      );
    }
    return abandoned + workspaces.length;
  },
};

export function registerMediaRetentionJob(deps: AppDeps): void {
  deps.jobs.register(JobName.MEDIA_RETENTION, mediaRetentionHandler(deps), { batchSize: 2, concurrency: 1 });
}
