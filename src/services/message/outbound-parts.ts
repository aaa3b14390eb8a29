import { type OutboundMediaKind } from '../../channels/channel-adapter';
import { type Attachment } from '../../entities/attachment.entity';
import { AttachmentKind, ChannelKind, MessageStatus, MessageType } from '../../entities/enums';
import { type Message } from '../../entities/message.entity';
import { BusinessRuleError, UserErrorCode } from '../errors';

/**
 * A message with files goes out as several provider messages (Meta takes one file per message):
 * its parts, in order, kept in `Message.payload.parts`. Each part notes the provider's id of its
 * uploaded file and of its sent message as soon as it has them, so a send job that runs again
 * resumes after what went out and never uploads or sends a part twice.
 */
export type OutboundPart = (
  { kind: 'media'; attachmentId: string; caption: string | null; providerId?: string } | { kind: 'text' }
) & {
  externalId?: string;
  /** The provider's latest status of this part (absent: SENT once it has an externalId). */
  status?: MessageStatus;
};

/** Files in one message: enough for an album, few enough to keep one send job short. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** WhatsApp's caption limit (image, video, document). */
export const MAX_CAPTION_LENGTH = 1024;

/** Messenger's attachment limit; Instagram's images are smaller. */
const MESSAGING_MAX_BYTES = 25_000_000;
const INSTAGRAM_IMAGE_MAX_BYTES = 8_000_000;

const CAPTIONED = new Set([AttachmentKind.IMAGE, AttachmentKind.VIDEO, AttachmentKind.DOCUMENT]);

export const MEDIA_KIND: Record<AttachmentKind, OutboundMediaKind> = {
  [AttachmentKind.IMAGE]: 'image',
  [AttachmentKind.AUDIO]: 'audio',
  [AttachmentKind.VIDEO]: 'video',
  [AttachmentKind.DOCUMENT]: 'document',
  [AttachmentKind.STICKER]: 'sticker',
};

export const MESSAGE_TYPE_OF: Record<AttachmentKind, MessageType> = {
  [AttachmentKind.IMAGE]: MessageType.IMAGE,
  [AttachmentKind.AUDIO]: MessageType.AUDIO,
  [AttachmentKind.VIDEO]: MessageType.VIDEO,
  [AttachmentKind.DOCUMENT]: MessageType.DOCUMENT,
  [AttachmentKind.STICKER]: MessageType.STICKER,
};

/** Channel limits beyond the upload's own (Meta's per-kind WhatsApp limits, checked at POST /media). */
export function assertSendableOn(kind: ChannelKind, attachments: Attachment[]): void {
  if (kind !== ChannelKind.MESSENGER && kind !== ChannelKind.INSTAGRAM) return;
  attachments.forEach((attachment, index) => {
    const max =
      kind === ChannelKind.INSTAGRAM && attachment.kind === AttachmentKind.IMAGE
        ? INSTAGRAM_IMAGE_MAX_BYTES
        : MESSAGING_MAX_BYTES;
    if ((attachment.byteSize ?? 0) > max) {
      throw new BusinessRuleError(
        UserErrorCode.LIMIT_EXCEEDED,
        `${kind === ChannelKind.INSTAGRAM ? 'Instagram' : 'Messenger'} takes files of at most ${max / 1_000_000} MB${
          max === INSTAGRAM_IMAGE_MAX_BYTES ? ' for images' : ''
        } (${attachment.fileName ?? 'this file'} has ${attachment.byteSize} bytes).`,
        ['input', 'attachmentIds', String(index)],
      );
    }
  });
}

/**
 * The parts of a message with files. WhatsApp: the text is the caption of the first image, video
 * or document, or else a text part before the files. Messenger and Instagram have no captions:
 * the text goes first, then one message per file. The API channel sends one message (null).
 */
export function planParts(
  kind: ChannelKind,
  attachments: Attachment[],
  text: string | null,
): { parts: OutboundPart[] | null; captionedId: string | null } {
  if (kind === ChannelKind.API) return { parts: null, captionedId: null };
  const captioned =
    kind === ChannelKind.WHATSAPP && text ? attachments.find((item) => CAPTIONED.has(item.kind)) : undefined;
  if (captioned && text && text.length > MAX_CAPTION_LENGTH) {
    throw new BusinessRuleError(
      UserErrorCode.LIMIT_EXCEEDED,
      `A caption is at most ${MAX_CAPTION_LENGTH} characters on WhatsApp (${text.length} given).`,
      ['input', 'text'],
    );
  }
  const parts: OutboundPart[] = [];
  if (text && !captioned) parts.push({ kind: 'text' });
  for (const attachment of attachments) {
    parts.push({
      kind: 'media',
      attachmentId: attachment.id,
      caption: attachment.id === captioned?.id ? text : null,
    });
  }
  return { parts, captionedId: captioned?.id ?? null };
}

export function partsOf(message: Pick<Message, 'payload'>): OutboundPart[] | null {
  const parts = message.payload?.parts;
  return Array.isArray(parts) ? (parts as OutboundPart[]) : null;
}
