import {
  type ChannelCredentials,
  type InteractiveContent,
  type OutboundMedia,
  type OutboundMediaKind,
  type OutboundMessage,
  type SendResult,
  type UploadResult,
} from './channel-adapter';
import { graphRequest, type OutboundFile } from './graph-api.client';
import { invalidOutbound, unexpectedResponse } from './send-result';
import { isObject, str } from './webhook-body';

/** The Send API's attachment types: documents are `file`, stickers go as images. */
const ATTACHMENT_TYPE: Record<OutboundMediaKind, string> = {
  image: 'image',
  sticker: 'image',
  audio: 'audio',
  video: 'video',
  document: 'file',
};

/** Header, body and footer as one text: the Send API has no separate parts. */
export function messagingText(content: InteractiveContent): string {
  return [content.header, content.body, content.footer].filter(Boolean).join('\n\n');
}

function messagingAttachment(media: OutboundMedia): Record<string, unknown> | string {
  const type = ATTACHMENT_TYPE[media.kind];
  if (media.providerId) return { type, payload: { attachment_id: media.providerId } };
  if (media.link) return { type, payload: { url: media.link, is_reusable: true } };
  return 'A media message needs an uploaded attachment id or a URL.';
}

/**
 * The `message` object: text, an attachment, quick replies (reply buttons) or a button template
 * (a link button). Lists are a WhatsApp feature, refused before the send.
 */
function messagingMessage(message: OutboundMessage): Record<string, unknown> | string {
  if (message.type === 'text') {
    if (!message.text) return 'A text message needs a non-empty text.';
    return { text: message.text };
  }
  if (message.type === 'media') {
    if (!message.media) return 'A media message needs its file.';
    const attachment = messagingAttachment(message.media);
    return typeof attachment === 'string' ? attachment : { attachment };
  }
  if (message.type === 'interactive') {
    const content = message.interactive;
    if (!content) return 'An interactive message needs its buttons.';
    if (content.buttons) {
      return {
        text: messagingText(content),
        quick_replies: content.buttons.map((button) => ({
          content_type: 'text',
          title: button.title,
          payload: button.id,
        })),
      };
    }
    if (content.ctaUrl) {
      return {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'button',
            text: messagingText(content),
            buttons: [{ type: 'web_url', url: content.ctaUrl.url, title: content.ctaUrl.displayText }],
          },
        },
      };
    }
    return 'Messenger and Instagram have no list messages.';
  }
  return 'Templates are a WhatsApp feature; Messenger and Instagram send text, files and buttons.';
}

/** The Send API body shared by Messenger and Instagram. */
export function buildMessagingSendBody(message: OutboundMessage): Record<string, unknown> | string {
  const content = messagingMessage(message);
  if (typeof content === 'string') return content;
  const body: Record<string, unknown> = { recipient: { id: message.to } };
  if (message.humanAgentTag) {
    body.messaging_type = 'MESSAGE_TAG';
    body.tag = 'HUMAN_AGENT';
  } else {
    body.messaging_type = 'RESPONSE';
  }
  // The quoted message: the Send API takes it beside `message`, as `reply_to {message_id}` (inbound
  // webhooks name it `message.reply_to.mid`).
  if (message.replyToExternalId) body.reply_to = { message_id: message.replyToExternalId };
  body.message = { ...content, ...(message.metadata ? { metadata: message.metadata } : {}) };
  return body;
}

/** `POST /{page or IG account id}/messages`; the id in the path keeps the call tied to this account's token. */
export async function sendMessagingText(
  message: OutboundMessage,
  credentials: ChannelCredentials,
): Promise<SendResult> {
  const body = buildMessagingSendBody(message);
  if (typeof body === 'string') return invalidOutbound(body);
  const response = await graphRequest(credentials, {
    method: 'POST',
    path: `/${encodeURIComponent(credentials.externalId)}/messages`,
    body,
  });
  if (!response.ok) return { ok: false, error: response.error, retryAfterMs: response.retryAfterMs };
  const id = isObject(response.body) ? str(response.body.message_id) : null;
  return id ? { ok: true, externalId: id } : unexpectedResponse();
}

/**
 * Messenger's Attachment Upload API: `POST /{page id}/message_attachments` (multipart: `message`
 * naming the type with `is_reusable`, `filedata`) → `{attachment_id}`, then sent by that id.
 */
export async function uploadMessagingAttachment(
  file: OutboundFile & { kind: OutboundMediaKind },
  credentials: ChannelCredentials,
): Promise<UploadResult> {
  const response = await graphRequest(credentials, {
    method: 'POST',
    path: `/${encodeURIComponent(credentials.externalId)}/message_attachments`,
    multipart: {
      fields: [
        [
          'message',
          JSON.stringify({
            attachment: { type: ATTACHMENT_TYPE[file.kind], payload: { is_reusable: true } },
          }),
        ],
      ],
      fileField: 'filedata',
      file,
    },
  });
  if (!response.ok) return { ok: false, error: response.error, retryAfterMs: response.retryAfterMs };
  const id = isObject(response.body) ? str(response.body.attachment_id) : null;
  return id ? { ok: true, providerId: id } : unexpectedResponse();
}
