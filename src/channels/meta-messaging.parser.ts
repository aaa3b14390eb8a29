import { AttachmentKind, MessageType } from '../entities/enums';
import {
  type InboundAttachment,
  type InboundEvent,
  type InboundMessageEvent,
  type ReactionEvent,
  type StatusEvent,
} from './channel-adapter';
import { type JsonObject, metaTime, objectOrNull, objects, parseWebhookJson, str } from './webhook-body';

const ATTACHMENT_TYPES: Record<string, MessageType> = {
  image: MessageType.IMAGE,
  video: MessageType.VIDEO,
  audio: MessageType.AUDIO,
  file: MessageType.DOCUMENT,
  location: MessageType.LOCATION,
  sticker: MessageType.STICKER,
};

/** The stand-in lines of a message's files in its text (the files themselves are attachments). */
export const ATTACHMENT_LABELS: Record<string, string> = {
  image: '📷 Photo',
  video: '🎥 Video',
  audio: '🎤 Audio',
  file: '📄 File',
  sticker: 'Sticker',
  share: '🔗 Shared a post',
  reel: '🎬 Shared a reel',
  ig_reel: '🎬 Shared a reel',
  story_mention: '📣 Mentioned you in their story',
  template: 'Template',
  fallback: '🔗 Link',
};

/**
 * Attachment types whose `payload.url` is a file on Meta's CDN, copied like WhatsApp media, with
 * the kind they most likely are (the bytes decide: a story may be a photo or a video). Links to
 * web pages (`fallback`), templates and locations are not files.
 */
const FILE_KINDS: Record<string, AttachmentKind> = {
  image: AttachmentKind.IMAGE,
  video: AttachmentKind.VIDEO,
  audio: AttachmentKind.AUDIO,
  file: AttachmentKind.DOCUMENT,
  sticker: AttachmentKind.STICKER,
  story_mention: AttachmentKind.IMAGE,
  share: AttachmentKind.IMAGE,
  reel: AttachmentKind.VIDEO,
  ig_reel: AttachmentKind.VIDEO,
};

/** The file name a CDN link ends in (`…/invoice.pdf?…`), when it has one with an extension. */
function fileNameOfUrl(url: string): string | null {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    const name = decodeURIComponent(last);
    return /^[^\u0000-\u001f/\\]{1,255}\.[A-Za-z0-9]{1,8}$/.test(name) ? name : null;
  } catch {
    return null;
  }
}

function urlAttachment(
  type: string,
  url: string | null,
  title: string | null,
  caption: string | null = null,
): InboundAttachment | null {
  const kind = FILE_KINDS[type];
  if (!kind || !url || !/^https?:\/\//i.test(url)) return null;
  return {
    kind,
    mimeType: null,
    fileName: type === 'file' ? (title ?? fileNameOfUrl(url)) : null,
    caption,
    sha256: null,
    voiceNote: false,
    source: { type: 'url', url },
  };
}

/** The files of a message: its attachments with a CDN link, and the story it replies to. */
function filesOf(message: JsonObject, story: JsonObject | null, text: string | null): InboundAttachment[] {
  const files: InboundAttachment[] = [];
  for (const attachment of objects(message.attachments)) {
    const payload = objectOrNull(attachment.payload);
    const type = str(attachment.type) ?? '';
    const sticker = type === 'image' && payload?.sticker_id !== undefined;
    const file = urlAttachment(
      sticker ? 'sticker' : type,
      str(payload?.url),
      str(attachment.title) ?? str(payload?.title),
    );
    if (file) files.push(file);
  }
  // The story the customer answered: the reply's text is its caption.
  const storyFile = story ? urlAttachment('story_mention', str(story.url), null, text) : null;
  if (storyFile) files.push(storyFile);
  return files;
}

/**
 * Parses a Messenger or Instagram webhook body; throws only when the body is not JSON.
 * Accepts both `entry[].messaging[]` (live traffic) and `entry[].changes[{field, value}]`
 * (dashboard test events, Instagram webhook fields).
 */
export function parseMessagingWebhook(rawBody: Buffer): InboundEvent[] {
  const body = parseWebhookJson(rawBody);
  const events: InboundEvent[] = [];
  for (const entry of objects(body.entry)) {
    const account = str(entry.id) ?? '';
    const entryTime = metaTime(entry.time);
    for (const item of objects(entry.messaging)) events.push(...messagingEvent(account, entryTime, item));
    for (const change of objects(entry.changes)) {
      const value = objectOrNull(change.value);
      if (value) events.push(...messagingEvent(account, entryTime, value, str(change.field)));
    }
  }
  return events;
}

function messagingEvent(
  account: string,
  entryTime: Date | null,
  item: JsonObject,
  field: string | null = null,
): InboundEvent[] {
  const sender = str(objectOrNull(item.sender)?.id) ?? '';
  const recipient = str(objectOrNull(item.recipient)?.id) ?? '';
  const at = metaTime(item.timestamp) ?? entryTime ?? new Date();
  const accountId = account || recipient;

  const message = objectOrNull(item.message);
  if (message) return [messageEvent(accountId, sender, recipient, at, message)];

  const delivery = objectOrNull(item.delivery);
  if (delivery) {
    const watermark = watermarkStatus(accountId, sender, 'DELIVERED', delivery, at);
    // Messenger may also list the delivered mids: exact per-message statuses beside the watermark.
    const perMessage = (Array.isArray(delivery.mids) ? delivery.mids : [])
      .map((mid) => str(mid))
      .filter((mid): mid is string => !!mid)
      .map((mid): StatusEvent => ({
        kind: 'status',
        accountExternalId: accountId,
        externalId: mid,
        recipientId: sender,
        status: 'DELIVERED',
        at: watermark.at,
        error: null,
      }));
    return [...perMessage, watermark];
  }

  const read = objectOrNull(item.read);
  if (read) {
    const mid = str(read.mid);
    if (mid) {
      // Instagram reports reads per message.
      const status: StatusEvent = {
        kind: 'status',
        accountExternalId: accountId,
        externalId: mid,
        recipientId: sender,
        status: 'READ',
        at,
        error: null,
      };
      return [status];
    }
    return [watermarkStatus(accountId, sender, 'READ', read, at)];
  }

  const reaction = objectOrNull(item.reaction);
  if (reaction) {
    const removed = str(reaction.action) === 'unreact';
    const event: ReactionEvent = {
      kind: 'reaction',
      accountExternalId: accountId,
      externalId: null,
      customer: { channelUserId: sender },
      targetExternalId: str(reaction.mid) ?? '',
      emoji: removed ? null : (str(reaction.emoji) ?? str(reaction.reaction)),
      sentAt: at,
    };
    return [event];
  }

  const postback = objectOrNull(item.postback);
  if (postback) {
    const title = str(postback.title);
    const event: InboundMessageEvent = {
      ...baseMessage(accountId, sender, at),
      // Older postbacks carry no mid: derive a stable id so a redelivery is still a duplicate.
      externalId: str(postback.mid) ?? `postback:${sender}:${at.getTime()}`,
      type: MessageType.BUTTON,
      text: title ?? str(postback.payload),
      payload: { postback },
    };
    return [event];
  }

  return [unsupported(accountId, sender, at, item, field)];
}

function baseMessage(account: string, customerId: string, at: Date): InboundMessageEvent {
  return {
    kind: 'message',
    accountExternalId: account,
    externalId: '',
    customer: { channelUserId: customerId },
    sentAt: at,
    type: MessageType.UNSUPPORTED,
    text: null,
    payload: null,
    replyToExternalId: null,
    echo: false,
    error: null,
  };
}

/** Anything we do not understand is kept whole so nothing is lost and it can be reprocessed later. */
function unsupported(
  account: string,
  sender: string,
  at: Date,
  item: JsonObject,
  field: string | null,
): InboundMessageEvent {
  const mid = str(objectOrNull(item.message)?.mid);
  return {
    ...baseMessage(account, sender, at),
    externalId: mid ?? `unsupported:${sender}:${at.getTime()}`,
    payload: field ? { field, raw: item } : { raw: item },
  };
}

function messageEvent(
  account: string,
  sender: string,
  recipient: string,
  at: Date,
  message: JsonObject,
): InboundMessageEvent {
  const echo = message.is_echo === true;
  // For an echo the page is the sender and the customer the recipient.
  const customerId = echo ? recipient : sender;
  const replyTo = objectOrNull(message.reply_to);
  const event: InboundMessageEvent = {
    ...baseMessage(account, customerId, at),
    externalId: str(message.mid) ?? `message:${sender}:${at.getTime()}`,
    replyToExternalId: str(replyTo?.mid),
    echo,
  };

  if (message.is_deleted === true) {
    return { ...event, deleted: true, payload: { deleted: true, raw: message } };
  }
  if (message.is_unsupported === true) {
    return { ...event, payload: { raw: message } };
  }

  const payload: JsonObject = {};
  const lines: (string | null)[] = [];
  let type: MessageType = MessageType.TEXT;
  const story = objectOrNull(replyTo?.story);
  if (story) {
    payload.replyToStory = story;
    lines.push('↩️ Replied to your story');
  }
  const quickReply = objectOrNull(message.quick_reply);
  if (quickReply) {
    payload.quickReply = quickReply;
    type = MessageType.BUTTON;
  }
  if (echo) {
    if (message.app_id !== undefined) payload.appId = str(message.app_id);
    if (message.metadata !== undefined) payload.metadata = message.metadata;
  }
  const attachments = objects(message.attachments);
  if (attachments.length) {
    payload.attachments = attachments;
    const first = str(attachments[0].type) ?? '';
    const mediaType =
      first === 'image' && objectOrNull(attachments[0].payload)?.sticker_id !== undefined ? 'sticker' : first;
    type = ATTACHMENT_TYPES[mediaType] ?? MessageType.UNSUPPORTED;
    for (const attachment of attachments) lines.push(attachmentLine(attachment));
  }
  const text = str(message.text);
  if (text) lines.push(text);
  if (!attachments.length && !text && !quickReply) {
    return { ...event, payload: { raw: message } };
  }
  if (!attachments.length && !quickReply) type = MessageType.TEXT;

  const rendered = lines.filter((line): line is string => !!line);
  const files = filesOf(message, story, text);
  return {
    ...event,
    type,
    text: rendered.length ? rendered.join('\n') : null,
    payload: Object.keys(payload).length ? payload : null,
    ...(files.length ? { attachments: files } : {}),
  };
}

function attachmentLine(attachment: JsonObject): string | null {
  const type = str(attachment.type) ?? '';
  const payload = objectOrNull(attachment.payload);
  if (type === 'location') {
    const coords = objectOrNull(payload?.coordinates);
    const title = str(attachment.title);
    const place = coords ? `${str(coords.lat) ?? '?'}, ${str(coords.long) ?? '?'}` : null;
    return `📍 ${title ?? place ?? 'Location'}`;
  }
  const sticker = type === 'image' && payload?.sticker_id !== undefined;
  const label = ATTACHMENT_LABELS[sticker ? 'sticker' : type] ?? `Attachment (${type || 'unknown'})`;
  const title = str(attachment.title) ?? str(payload?.title);
  const url = str(payload?.url);
  if (
    type === 'fallback' ||
    type === 'share' ||
    type === 'reel' ||
    type === 'ig_reel' ||
    type === 'story_mention'
  ) {
    return [label, title, url].filter(Boolean).join(': ');
  }
  return title ? `${label}: ${title}` : label;
}

function watermarkStatus(
  account: string,
  customerId: string,
  status: 'DELIVERED' | 'READ',
  item: JsonObject,
  at: Date,
): StatusEvent {
  // The watermark is the point everything before was delivered/read, so it is also the status time.
  const watermark = metaTime(item.watermark) ?? at;
  return {
    kind: 'status',
    accountExternalId: account,
    watermark,
    recipientId: customerId,
    status,
    at: watermark,
    error: null,
  };
}
