import { AttachmentKind, MessageType } from '../../entities/enums';
import { type MessageError } from '../../entities/message.entity';
import {
  type AccountErrorEvent,
  type InboundAttachment,
  type InboundEvent,
  type InboundMessageEvent,
  type StatusEvent,
  type TemplateStatusEvent,
} from '../channel-adapter';
import { normalizeSha256 } from '../../services/media/media-checksum';
import { mapGraphError, type GraphErrorObject } from '../meta-errors';
import {
  isObject,
  type JsonObject,
  metaTime,
  objectOrNull,
  objects,
  parseWebhookJson,
  str,
} from '../webhook-body';

const MEDIA_TYPES: Record<string, MessageType> = {
  image: MessageType.IMAGE,
  video: MessageType.VIDEO,
  audio: MessageType.AUDIO,
  document: MessageType.DOCUMENT,
  sticker: MessageType.STICKER,
};

const MEDIA_KINDS: Record<string, AttachmentKind> = {
  image: AttachmentKind.IMAGE,
  video: AttachmentKind.VIDEO,
  audio: AttachmentKind.AUDIO,
  document: AttachmentKind.DOCUMENT,
  sticker: AttachmentKind.STICKER,
};

/** The stand-in text of a media message without a caption (the file itself is an attachment). */
export const MEDIA_LABELS: Record<string, string> = {
  image: '📷 Photo',
  video: '🎥 Video',
  audio: '🎤 Audio',
  document: '📄 Document',
  sticker: 'Sticker',
};

const STATUSES: Record<string, StatusEvent['status']> = {
  sent: 'SENT',
  delivered: 'DELIVERED',
  read: 'READ',
  // A voice message was played: for us it is read.
  played: 'READ',
  failed: 'FAILED',
};

/** Parses a WhatsApp Cloud API webhook body; throws only when the body is not JSON. */
export function parseWhatsAppWebhook(rawBody: Buffer): InboundEvent[] {
  const body = parseWebhookJson(rawBody);
  const events: InboundEvent[] = [];
  for (const entry of objects(body.entry)) {
    const wabaId = str(entry.id) ?? '';
    for (const change of objects(entry.changes)) {
      const value = objectOrNull(change.value);
      if (!value) continue;
      if (change.field === 'message_template_status_update') {
        events.push(templateStatus(wabaId, value));
      } else {
        events.push(...messagesValue(wabaId, value));
      }
    }
  }
  return events;
}

function messagesValue(wabaId: string, value: JsonObject): InboundEvent[] {
  const metadata = objectOrNull(value.metadata);
  const account = str(metadata?.phone_number_id) ?? wabaId;
  const names = new Map<string, string | null>();
  for (const contact of objects(value.contacts)) {
    const waId = str(contact.wa_id);
    if (waId) names.set(waId, str(objectOrNull(contact.profile)?.name));
  }
  const events: InboundEvent[] = [];
  for (const message of objects(value.messages)) events.push(inboundMessage(account, message, names));
  for (const status of objects(value.statuses)) events.push(statusEvent(account, status));
  for (const error of objects(value.errors)) {
    const event: AccountErrorEvent = {
      kind: 'account_error',
      accountExternalId: account,
      error: mapGraphError(error as GraphErrorObject).error,
    };
    events.push(event);
  }
  return events;
}

function firstError(item: JsonObject): MessageError | null {
  const [error] = objects(item.errors);
  return error ? mapGraphError(error as GraphErrorObject).error : null;
}

function inboundMessage(
  account: string,
  message: JsonObject,
  names: Map<string, string | null>,
): InboundEvent {
  const from = str(message.from) ?? '';
  const externalId = str(message.id) ?? '';
  const type = str(message.type) ?? 'unknown';
  const sentAt = metaTime(message.timestamp) ?? new Date();
  const context = objectOrNull(message.context);
  const base: InboundMessageEvent = {
    kind: 'message',
    accountExternalId: account,
    externalId,
    customer: { channelUserId: from, name: names.get(from) ?? null, phone: from ? `+${from}` : null },
    sentAt,
    type: MessageType.UNSUPPORTED,
    text: null,
    payload: null,
    replyToExternalId: str(context?.id),
    echo: false,
    error: firstError(message),
  };
  const content = objectOrNull(message[type]);
  const extras: JsonObject = {};
  if (context) extras.context = context;
  if (isObject(message.referral)) extras.referral = message.referral;

  if (type === 'reaction' && content) {
    const emoji = str(content.emoji);
    return {
      kind: 'reaction',
      accountExternalId: account,
      externalId: externalId || null,
      customer: { channelUserId: from, name: names.get(from) ?? null },
      targetExternalId: str(content.message_id) ?? '',
      emoji: emoji ? emoji : null,
      sentAt,
    };
  }

  const rendered = render(type, message, content);
  const referralText = referralLine(objectOrNull(message.referral));
  const attachment = content ? mediaAttachment(type, content) : null;
  return {
    ...base,
    type: rendered.type,
    text: joinLines(rendered.text, referralText),
    payload: { type, ...(rendered.payload ?? {}), ...extras },
    ...(attachment ? { attachments: [attachment] } : {}),
  };
}

/** The file of an image, audio, video, document or sticker message: its media id and what Meta says of it. */
function mediaAttachment(type: string, content: JsonObject): InboundAttachment | null {
  const kind = MEDIA_KINDS[type];
  const mediaId = str(content.id);
  if (!kind || !mediaId) return null;
  return {
    kind,
    mimeType: str(content.mime_type),
    fileName: str(content.filename),
    caption: str(content.caption),
    sha256: normalizeSha256(str(content.sha256)),
    voiceNote: type === 'audio' && content.voice === true,
    source: { type: 'graph_media', mediaId },
  };
}

interface Rendered {
  type: MessageType;
  text: string | null;
  payload: JsonObject | null;
}

function render(type: string, message: JsonObject, content: JsonObject | null): Rendered {
  if (type === 'text' && content) {
    return { type: MessageType.TEXT, text: str(content.body), payload: null };
  }
  if (MEDIA_TYPES[type] && content) {
    const caption = str(content.caption);
    const filename = str(content.filename);
    const label = filename ? `${MEDIA_LABELS[type]}: ${filename}` : MEDIA_LABELS[type];
    return {
      type: MEDIA_TYPES[type],
      text: caption ?? (type === 'sticker' && content.animated ? 'Animated sticker' : label),
      payload: { [type]: content },
    };
  }
  if (type === 'location' && content) {
    const place = [str(content.name), str(content.address)].filter(Boolean).join(', ');
    const coords = `${str(content.latitude) ?? '?'}, ${str(content.longitude) ?? '?'}`;
    return { type: MessageType.LOCATION, text: `📍 ${place || coords}`, payload: { location: content } };
  }
  if (type === 'contacts' && Array.isArray(message.contacts)) {
    const cards = objects(message.contacts).map((card) => {
      const name = str(objectOrNull(card.name)?.formatted_name) ?? 'Contact';
      const phone = str(objects(card.phones)[0]?.phone);
      return phone ? `${name} (${phone})` : name;
    });
    return {
      type: MessageType.CONTACTS,
      text: `👤 ${cards.join(', ')}`,
      payload: { contacts: message.contacts },
    };
  }
  if (type === 'interactive' && content) return renderInteractive(content);
  if (type === 'button' && content) {
    return {
      type: MessageType.BUTTON,
      text: str(content.text) ?? str(content.payload),
      payload: { button: content },
    };
  }
  if (type === 'order' && content) {
    const items = objects(content.product_items);
    const count = items.reduce((sum, item) => sum + (Number(item.quantity) || 0), 0);
    const note = str(content.text);
    return {
      type: MessageType.INTERACTIVE,
      text: joinLines(`🛒 Order: ${count} item${count === 1 ? '' : 's'}`, note),
      payload: { order: content },
    };
  }
  if (type === 'system' && content) {
    return { type: MessageType.UNSUPPORTED, text: str(content.body), payload: { system: content } };
  }
  if (type === 'request_welcome') {
    return { type: MessageType.UNSUPPORTED, text: 'The customer opened the chat', payload: null };
  }
  // `unsupported`, `unknown` and anything newer than this parser: keep the whole raw item.
  return { type: MessageType.UNSUPPORTED, text: null, payload: { raw: message } };
}

function renderInteractive(content: JsonObject): Rendered {
  const kind = str(content.type) ?? '';
  const reply = objectOrNull(content[kind]);
  if (kind === 'button_reply' || kind === 'list_reply') {
    const title = str(reply?.title);
    const description = str(reply?.description);
    return {
      type: MessageType.INTERACTIVE,
      text: description ? `${title ?? ''} — ${description}` : title,
      payload: { interactive: content },
    };
  }
  if (kind === 'nfm_reply') {
    // Flow answers arrive as a JSON string; keep it parsed when it is valid.
    const responseJson = str(reply?.response_json);
    let response: unknown = responseJson;
    try {
      if (responseJson) response = JSON.parse(responseJson);
    } catch {
      response = responseJson;
    }
    return {
      type: MessageType.INTERACTIVE,
      text: str(reply?.body) ?? 'Form submitted',
      payload: { interactive: content, flowResponse: response },
    };
  }
  return { type: MessageType.INTERACTIVE, text: null, payload: { interactive: content } };
}

function referralLine(referral: JsonObject | null): string | null {
  if (!referral) return null;
  const label = str(referral.headline) ?? str(referral.body) ?? str(referral.source_url);
  return label ? `(from ad: ${label})` : '(from an ad)';
}

function joinLines(...lines: (string | null)[]): string | null {
  const kept = lines.filter((line): line is string => !!line);
  return kept.length ? kept.join('\n') : null;
}

function statusEvent(account: string, status: JsonObject): StatusEvent {
  const raw = str(status.status) ?? '';
  const mapped = STATUSES[raw];
  const error = firstError(status);
  return {
    kind: 'status',
    accountExternalId: account,
    externalId: str(status.id) ?? '',
    recipientId: str(status.recipient_id) ?? '',
    // An unknown status word is reported as FAILED only when it carries errors; otherwise SENT (never a downgrade).
    status: mapped ?? (error ? 'FAILED' : 'SENT'),
    at: metaTime(status.timestamp) ?? new Date(),
    error,
  };
}

function templateStatus(wabaId: string, value: JsonObject): TemplateStatusEvent {
  const reason = str(value.reason) ?? str(value.other_info);
  return {
    kind: 'template_status',
    accountExternalId: wabaId,
    templateExternalId: str(value.message_template_id),
    name: str(value.message_template_name),
    language: str(value.message_template_language),
    status: str(value.event) ?? 'UNKNOWN',
    reason: reason && reason !== 'NONE' ? reason : null,
  };
}
