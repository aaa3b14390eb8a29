import { type InboundAttachment } from '../../channels/channel-adapter';
import { Attachment } from '../../entities/attachment.entity';
import { AttachmentKind, AttachmentStatus } from '../../entities/enums';
import { type Message } from '../../entities/message.entity';
import { type Caller } from '../caller';
import { BusinessRuleError, UserErrorCode } from '../errors';
import {
  checkOutboundUrl,
  OutboundUrlRefusal,
  partnerWebhookUrlPolicy,
} from '../outbound/outbound-url-policy';
import { type UnitOfWork } from '../unit-of-work';
import { readableAttachment } from './attachment-visibility';
import { cleanFileName } from './media-upload.service';

/** Files one partner message may carry. */
export const MAX_INBOUND_FILES = 10;
/** WhatsApp's caption limit, kept for every channel. */
export const MAX_CAPTION = 1024;

/** A file of a partner's message: an upload of POST /media by database id, or a URL to copy. */
export interface InboundFileInput {
  uploadId?: string | null;
  url?: string | null;
  caption?: string | null;
  fileName?: string | null;
  /** What a URL is expected to be; its bytes decide when they are recognised. */
  kind?: AttachmentKind | null;
}

/** An upload that goes with the message, at its place among the message's files. */
export interface InboundUpload {
  attachmentId: string;
  caption: string | null;
  position: number;
  kind: AttachmentKind;
}

export interface CheckedInboundFiles {
  /** URLs: stored PENDING with the message and copied by the media-copy job. */
  links: (InboundAttachment & { position: number })[];
  uploads: InboundUpload[];
}

function invalid(message: string, field: (string | number)[]): BusinessRuleError {
  return new BusinessRuleError(
    UserErrorCode.INVALID_INPUT,
    message,
    field.map((part) => String(part)),
  );
}

/**
 * Checks a partner's files before anything is stored: one source each, an upload the caller may
 * read (another workspace's is NOT_FOUND), a URL the outbound address policy lets through (public
 * hosts only), captions and names within limits. Whether an upload is still free to go with a
 * message is decided in the message's transaction (`attachUploads`).
 */
export async function checkInboundFiles(
  caller: Caller,
  files: InboundFileInput[],
): Promise<CheckedInboundFiles> {
  if (files.length > MAX_INBOUND_FILES) {
    throw invalid(`A message carries at most ${MAX_INBOUND_FILES} files.`, ['input', 'attachments']);
  }
  const checked: CheckedInboundFiles = { links: [], uploads: [] };
  const seen = new Set<string>();
  for (const [position, file] of files.entries()) {
    const field = ['input', 'attachments', position];
    const hasUpload = file.uploadId != null;
    const hasUrl = file.url != null;
    if (hasUpload === hasUrl) {
      throw invalid('Give each attachment either an uploadId (from POST /media) or a url.', field);
    }
    const caption = file.caption?.trim() ? file.caption : null;
    if ((caption?.length ?? 0) > MAX_CAPTION) {
      throw invalid(`A caption is at most ${MAX_CAPTION} characters.`, [...field, 'caption']);
    }
    if (hasUpload) {
      const upload = await readableAttachment(caller, file.uploadId!);
      if (seen.has(upload.id)) throw invalid('The same upload is given twice.', [...field, 'uploadId']);
      seen.add(upload.id);
      checked.uploads.push({ attachmentId: upload.id, caption, position, kind: upload.kind });
      continue;
    }
    let url: string;
    try {
      url = (await checkOutboundUrl(file.url!, partnerWebhookUrlPolicy(caller.deps.config))).toString();
    } catch (refusal) {
      if (!(refusal instanceof OutboundUrlRefusal)) throw refusal;
      throw invalid(`The attachment URL is not allowed: ${refusal.message}`, [...field, 'url']);
    }
    const fileName = file.fileName == null ? null : cleanFileName(file.fileName);
    if (file.fileName != null && !fileName) {
      throw invalid('The file name is empty once cleaned of paths and control characters.', [
        ...field,
        'fileName',
      ]);
    }
    checked.links.push({
      kind: file.kind ?? AttachmentKind.DOCUMENT,
      mimeType: null,
      fileName,
      caption,
      sha256: null,
      voiceNote: false,
      source: { type: 'url', url },
      position,
    });
  }
  return checked;
}

/**
 * Puts the partner's uploads on their new message, in its transaction. An upload that is not READY
 * or already went with another message is ATTACHMENT_NOT_USABLE, and the message is not stored.
 */
export async function attachUploads(
  uow: UnitOfWork,
  message: Message,
  uploads: InboundUpload[],
): Promise<void> {
  for (const upload of uploads) {
    const result = await uow.manager
      .createQueryBuilder()
      .update(Attachment)
      .set({
        messageId: message.id,
        conversationId: message.conversationId,
        position: upload.position,
        ...(upload.caption ? { caption: upload.caption } : {}),
      })
      .where('id = :id AND workspace_id = :workspaceId AND message_id IS NULL AND status = :ready', {
        id: upload.attachmentId,
        workspaceId: message.workspaceId,
        ready: AttachmentStatus.READY,
      })
      .execute();
    if ((result.affected ?? 0) === 0) {
      throw new BusinessRuleError(
        UserErrorCode.ATTACHMENT_NOT_USABLE,
        'The upload is not READY or already belongs to a message: upload the file again.',
        ['input', 'attachments', String(upload.position), 'uploadId'],
      );
    }
  }
}
