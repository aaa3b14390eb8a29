import { fileTypeFromBuffer } from 'file-type';
import { AttachmentKind } from '../../entities/enums';
import { MediaError, MediaErrorCode } from './media.errors';

/** A type Meta's channels accept, with what it may be called and what its bytes look like. */
export interface MediaType {
  mimeType: string;
  kind: AttachmentKind;
  /** File-name extensions, lower case, without the dot. */
  extensions: string[];
  /** What `file-type` reports for such bytes; empty for plain text, which has no signature. */
  signatures: string[];
}

const OFFICE_CONTAINER = 'application/x-cfb';

/** Meta's accepted media (WhatsApp Cloud API "Supported media types"); Messenger and Instagram take the same. */
export const MEDIA_TYPES: readonly MediaType[] = [
  {
    mimeType: 'image/jpeg',
    kind: AttachmentKind.IMAGE,
    extensions: ['jpg', 'jpeg'],
    signatures: ['image/jpeg'],
  },
  { mimeType: 'image/png', kind: AttachmentKind.IMAGE, extensions: ['png'], signatures: ['image/png'] },
  { mimeType: 'image/webp', kind: AttachmentKind.STICKER, extensions: ['webp'], signatures: ['image/webp'] },
  { mimeType: 'audio/aac', kind: AttachmentKind.AUDIO, extensions: ['aac'], signatures: ['audio/aac'] },
  { mimeType: 'audio/amr', kind: AttachmentKind.AUDIO, extensions: ['amr'], signatures: ['audio/amr'] },
  { mimeType: 'audio/mpeg', kind: AttachmentKind.AUDIO, extensions: ['mp3'], signatures: ['audio/mpeg'] },
  // An m4a is an MP4 container; recorders label its brand either way.
  {
    mimeType: 'audio/mp4',
    kind: AttachmentKind.AUDIO,
    extensions: ['m4a'],
    signatures: ['audio/x-m4a', 'audio/mp4', 'video/mp4'],
  },
  // OPUS only: Meta refuses Ogg Vorbis.
  {
    mimeType: 'audio/ogg',
    kind: AttachmentKind.AUDIO,
    extensions: ['ogg', 'opus', 'oga'],
    signatures: ['audio/ogg; codecs=opus'],
  },
  { mimeType: 'video/mp4', kind: AttachmentKind.VIDEO, extensions: ['mp4'], signatures: ['video/mp4'] },
  { mimeType: 'video/3gpp', kind: AttachmentKind.VIDEO, extensions: ['3gp'], signatures: ['video/3gpp'] },
  {
    mimeType: 'application/pdf',
    kind: AttachmentKind.DOCUMENT,
    extensions: ['pdf'],
    signatures: ['application/pdf'],
  },
  { mimeType: 'text/plain', kind: AttachmentKind.DOCUMENT, extensions: ['txt', 'text'], signatures: [] },
  {
    mimeType: 'application/msword',
    kind: AttachmentKind.DOCUMENT,
    extensions: ['doc'],
    signatures: [OFFICE_CONTAINER],
  },
  {
    mimeType: 'application/vnd.ms-excel',
    kind: AttachmentKind.DOCUMENT,
    extensions: ['xls'],
    signatures: [OFFICE_CONTAINER],
  },
  {
    mimeType: 'application/vnd.ms-powerpoint',
    kind: AttachmentKind.DOCUMENT,
    extensions: ['ppt'],
    signatures: [OFFICE_CONTAINER],
  },
  {
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    kind: AttachmentKind.DOCUMENT,
    extensions: ['docx'],
    signatures: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  },
  {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    kind: AttachmentKind.DOCUMENT,
    extensions: ['xlsx'],
    signatures: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  {
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    kind: AttachmentKind.DOCUMENT,
    extensions: ['pptx'],
    signatures: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  },
];

/** Other spellings clients send for the same types. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/opus': 'audio/ogg',
  'video/3gp': 'video/3gpp',
};

/**
 * Meta's size limits per kind, in bytes (its "MB" read as 10^6, the stricter reading). A sticker
 * may be 500 KB when animated, 100 KB when static.
 */
export const KIND_LIMITS: Record<AttachmentKind, number> = {
  [AttachmentKind.IMAGE]: 5_000_000,
  [AttachmentKind.AUDIO]: 16_000_000,
  [AttachmentKind.VIDEO]: 16_000_000,
  [AttachmentKind.DOCUMENT]: 100_000_000,
  [AttachmentKind.STICKER]: 500_000,
};
export const STATIC_STICKER_LIMIT = 100_000;

/** The largest file of any kind: a declared length above it is refused whatever the type. */
export const LARGEST_MEDIA = Math.max(...Object.values(KIND_LIMITS));

/** How much of the body is read to decide the type (Office files need their first zip entries). */
export const SNIFF_BYTES = 64 * 1024;

const BY_MIME = new Map(MEDIA_TYPES.map((type) => [type.mimeType, type]));

export const ACCEPTED_MIME_TYPES = MEDIA_TYPES.map((type) => type.mimeType);

/** The accepted type a Content-Type names (parameters and case aside), or null. */
export function mediaTypeOf(contentType: string | undefined): MediaType | null {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return BY_MIME.get(ALIASES[essence] ?? essence) ?? null;
}

/** Whether a stored type may be served under its own Content-Type (anything else goes out as octet-stream). */
export function servableMimeType(mimeType: string): string {
  return BY_MIME.has(mimeType) ? mimeType : 'application/octet-stream';
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * Markup a browser would run or render: HTML and SVG, also hidden after a real image's header
 * (a polyglot). Looked for in the sniffed sample, as a browser's sniffer would.
 */
const ACTIVE_MARKUP = /<(?:html|head|body|script|svg|iframe|object|embed|style)[\s/>]|<!doctype\s+html/i;
/** An XML document (SVG's container) announces itself at the start. */
const XML_START = /^(?:\xEF\xBB\xBF)?\s*<\?xml/i;

function looksLikeText(sample: Buffer, complete: boolean): boolean {
  if (sample.includes(0)) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A multi-byte character may be cut at the end of the sample.
  for (let cut = 0; cut <= (complete ? 0 : 3); cut += 1) {
    try {
      decoder.decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // try one byte shorter
    }
  }
  return false;
}

/** Whether a WebP sample has the VP8X animation flag (an animated sticker). */
function animatedWebp(sample: Buffer): boolean {
  return sample.length > 20 && sample.toString('latin1', 12, 16) === 'VP8X' && (sample[20]! & 0x02) !== 0;
}

/** What the first bytes of an upload are allowed to be: its type and the byte limit that applies. */
export interface SniffedUpload {
  type: MediaType;
  maxBytes: number;
}

/**
 * Checks the declared type and the file name before any byte is read: the declared type must be
 * one Meta accepts and the name's extension must be one of that type's.
 */
export function declaredUpload(contentType: string | undefined, fileName: string): MediaType {
  const type = mediaTypeOf(contentType);
  if (!type) {
    throw new MediaError(
      MediaErrorCode.UNSUPPORTED_TYPE,
      `Content-Type ${contentType ? `"${contentType}"` : '(missing)'} is not a media type the channels accept.`,
      { accepted: ACCEPTED_MIME_TYPES },
    );
  }
  if (!type.extensions.includes(extensionOf(fileName))) {
    throw new MediaError(
      MediaErrorCode.TYPE_MISMATCH,
      `The file name "${fileName}" does not end in .${type.extensions.join(' or .')}, as a ${type.mimeType} file does.`,
    );
  }
  return type;
}

/** Checks the first bytes against the declared type: the bytes decide, the label only has to agree. */
export async function sniffUpload(
  type: MediaType,
  sample: Buffer,
  complete: boolean,
): Promise<SniffedUpload> {
  const probe = sample.subarray(0, SNIFF_BYTES);
  const text = probe.toString('latin1');
  if (ACTIVE_MARKUP.test(text) || XML_START.test(text)) {
    throw new MediaError(
      MediaErrorCode.ACTIVE_CONTENT,
      'The file contains HTML, SVG or XML markup, which is never accepted whatever its name or type.',
    );
  }
  const detected = await fileTypeFromBuffer(probe);
  const matches =
    type.signatures.length === 0
      ? detected === undefined && looksLikeText(probe, complete)
      : detected !== undefined && type.signatures.includes(detected.mime);
  if (!matches) {
    throw new MediaError(
      MediaErrorCode.TYPE_MISMATCH,
      `The bytes are ${detected ? detected.mime : 'not a recognised media format'}, not ${type.mimeType} as declared.`,
      { declared: type.mimeType, detected: detected?.mime ?? null },
    );
  }
  const maxBytes =
    type.kind === AttachmentKind.STICKER && !animatedWebp(probe)
      ? STATIC_STICKER_LIMIT
      : KIND_LIMITS[type.kind];
  return { type, maxBytes };
}

export function tooLarge(type: MediaType, maxBytes: number): MediaError {
  return new MediaError(
    MediaErrorCode.TOO_LARGE,
    `A ${type.kind.toLowerCase()} (${type.mimeType}) may be at most ${maxBytes} bytes on the channels.`,
    { kind: type.kind, limitBytes: maxBytes },
  );
}

/** What the first bytes of a file a channel brought are: a recognised format, and whether it is markup. */
export async function sniffInbound(
  sample: Buffer,
): Promise<{ detected: string | null; activeContent: boolean }> {
  const probe = sample.subarray(0, SNIFF_BYTES);
  const text = probe.toString('latin1');
  const activeContent = ACTIVE_MARKUP.test(text) || XML_START.test(text);
  const detected = await fileTypeFromBuffer(probe);
  return { detected: detected?.mime ?? null, activeContent };
}
