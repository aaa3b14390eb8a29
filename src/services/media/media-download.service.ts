import { type Readable } from 'node:stream';
import { Attachment } from '../../entities/attachment.entity';
import { AttachmentStatus } from '../../entities/enums';
import { type AppDeps } from '../../runtime/app-deps';
import { type ByteRange } from '../../runtime/media-storage';
import { isRowId } from '../owned-row';
import { MediaError, MediaErrorCode } from './media.errors';
import { verifyMediaSignature } from './media-url';

/**
 * The attachment a signed download URL names. The signature is the credential (it was issued only
 * to a caller who could read the attachment), so it is checked before anything is looked up.
 */
export async function signedAttachment(
  deps: AppDeps,
  attachmentId: string,
  expires: unknown,
  signature: unknown,
): Promise<Attachment> {
  verifyMediaSignature(deps, attachmentId, expires, signature);
  const attachment = isRowId(attachmentId)
    ? await deps.dataSource.getRepository(Attachment).findOne({ where: { id: attachmentId } })
    : null;
  if (!attachment) throw new MediaError(MediaErrorCode.NOT_FOUND, 'The attachment does not exist.');
  if (attachment.status !== AttachmentStatus.READY || attachment.byteSize === null) {
    throw new MediaError(
      MediaErrorCode.NOT_AVAILABLE,
      attachment.status === AttachmentStatus.EXPIRED
        ? 'The file was removed by the retention policy.'
        : 'The file has no stored bytes.',
      { status: attachment.status },
    );
  }
  return attachment;
}

/** A stream of the attachment's bytes in `range`, from the store that holds them. */
export async function attachmentBytes(
  deps: AppDeps,
  attachment: Attachment,
  range: ByteRange,
): Promise<Readable> {
  const store = deps.media.of(attachment.storage);
  const unavailable = new MediaError(
    MediaErrorCode.STORAGE_UNAVAILABLE,
    'The file store is unavailable; try again shortly.',
  );
  if (!store) {
    deps.logger.error('media store not configured', {
      attachmentId: attachment.id,
      storage: attachment.storage,
    });
    throw unavailable;
  }
  try {
    return await store.read({ workspaceId: attachment.workspaceId, attachmentId: attachment.id }, range);
  } catch (error) {
    deps.logger.error('media read failed', {
      attachmentId: attachment.id,
      storage: attachment.storage,
      error: error instanceof Error ? error.message : String(error),
    });
    throw unavailable;
  }
}
