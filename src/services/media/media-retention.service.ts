import { Attachment } from '../../entities/attachment.entity';
import { ActorType, AttachmentStatus } from '../../entities/enums';
import { type AppDeps } from '../../runtime/app-deps';

/** Attachments one retention run handles; a full batch schedules the next one. */
export const RETENTION_BATCH = 100;

/** An upload still PENDING this long was abandoned (its process died half-way). */
export const ABANDONED_UPLOAD_MS = 60 * 60 * 1000;

/** Files created before this instant are past MEDIA_RETENTION_DAYS; null when they are kept forever. */
export function mediaRetentionCutoff(deps: AppDeps): Date | null {
  const days = deps.config.media.retentionDays;
  return days === undefined ? null : new Date(deps.clock.now().getTime() - days * 24 * 60 * 60 * 1000);
}

/** Workspaces that hold files past the retention (at most `limit` of them per call). */
export async function workspacesWithExpiredMedia(
  deps: AppDeps,
  cutoff: Date,
  limit = 100,
): Promise<string[]> {
  const rows: { workspace_id: string }[] = await deps.dataSource.query(
    `SELECT DISTINCT workspace_id FROM attachment WHERE status = 'READY' AND created_at < $1 LIMIT $2`,
    [cutoff, limit],
  );
  return rows.map((row) => row.workspace_id);
}

/**
 * Removes the bytes of up to `batch` of the workspace's oldest files past the retention and marks
 * them EXPIRED (the row stays: its message still shows a file was there). Bytes go first: a run
 * that dies between the two steps leaves a READY row whose bytes the next run deletes again,
 * which is harmless. Returns how many it expired.
 */
export async function expireMediaBatch(
  deps: AppDeps,
  workspaceId: string,
  cutoff: Date,
  batch = RETENTION_BATCH,
): Promise<number> {
  const repository = deps.dataSource.getRepository(Attachment);
  const due = await repository
    .createQueryBuilder('a')
    .where('a.workspace_id = :workspaceId AND a.status = :ready AND a.created_at < :cutoff', {
      workspaceId,
      ready: AttachmentStatus.READY,
      cutoff,
    })
    .orderBy('a.created_at', 'ASC')
    .limit(batch)
    .getMany();
  let expired = 0;
  for (const attachment of due) {
    const store = deps.media.of(attachment.storage);
    if (!store) {
      deps.logger.warn('media retention: store not configured', {
        attachmentId: attachment.id,
        storage: attachment.storage,
      });
      continue;
    }
    await store.delete({ workspaceId, attachmentId: attachment.id });
    const result = await repository.update(
      { id: attachment.id, status: AttachmentStatus.READY },
      { status: AttachmentStatus.EXPIRED, expiredAt: deps.clock.now() },
    );
    expired += result.affected ?? 0;
  }
  return expired;
}

/** Deletes uploads left PENDING by a process that died mid-upload, with whatever bytes they got. */
export async function removeAbandonedUploads(deps: AppDeps): Promise<number> {
  const repository = deps.dataSource.getRepository(Attachment);
  const stale = await repository
    .createQueryBuilder('a')
    .where('a.status = :pending AND a.message_id IS NULL AND a.uploader_type IN (:...uploaders)', {
      pending: AttachmentStatus.PENDING,
      uploaders: [ActorType.AGENT, ActorType.API_KEY],
    })
    .andWhere('a.created_at < :before', {
      before: new Date(deps.clock.now().getTime() - ABANDONED_UPLOAD_MS),
    })
    .limit(RETENTION_BATCH)
    .getMany();
  for (const attachment of stale) {
    await deps.media
      .of(attachment.storage)
      ?.delete({ workspaceId: attachment.workspaceId, attachmentId: attachment.id });
    await repository.delete({ id: attachment.id, status: AttachmentStatus.PENDING });
  }
  return stale.length;
}
