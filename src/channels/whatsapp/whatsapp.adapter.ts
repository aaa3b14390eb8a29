import { ChannelKind } from '../../entities/enums';
import { type MessageError } from '../../entities/message.entity';
import {
  type ActionResult,
  type ChannelAction,
  type ChannelAdapter,
  type ChannelCredentials,
  type InboundEvent,
  type InteractiveContent,
  type OutboundMediaKind,
  type OutboundMessage,
  type RemoteTemplate,
  type SendResult,
  type UploadResult,
} from '../channel-adapter';
import { graphRequest, type OutboundFile } from '../graph-api.client';
import { verifyMetaSignature } from '../meta-signature';
import { whatsAppAct } from '../meta-actions';
import { invalidOutbound, unexpectedResponse } from '../send-result';
import { isObject, objectOrNull, objects, str } from '../webhook-body';
import { parseWhatsAppWebhook } from './whatsapp-payload.parser';

/** Graph API caps `limit` at 100 for message templates. */
const TEMPLATE_PAGE_SIZE = 100;
/** Guards against a provider that keeps returning a `next` link forever. */
const MAX_TEMPLATE_PAGES = 500;

/** The exact Cloud API body for an outbound message, or an explanation of why it cannot be built. */
export function buildWhatsAppSendBody(message: OutboundMessage): Record<string, unknown> | string {
  const body: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: message.to,
    type: message.type,
  };
  if (message.type === 'text') {
    if (!message.text) return 'A text message needs a non-empty text.';
    // Link previews off: agents paste tracking links and a preview card would hide the words.
    body.text = { preview_url: false, body: message.text };
  } else if (message.type === 'media') {
    const media = message.media;
    if (!media || (!media.providerId && !media.link))
      return 'A media message needs an uploaded id or a link.';
    body.type = media.kind;
    const object: Record<string, unknown> = media.providerId
      ? { id: media.providerId }
      : { link: media.link };
    if (media.caption && CAPTIONED.has(media.kind)) object.caption = media.caption;
    if (media.kind === 'document' && media.fileName) object.filename = media.fileName;
    body[media.kind] = object;
  } else if (message.type === 'interactive') {
    if (!message.interactive) return 'An interactive message needs its buttons or list.';
    body.interactive = whatsAppInteractive(message.interactive);
  } else {
    if (!message.template) return 'A template message needs its template.';
    body.template = {
      name: message.template.name,
      language: { code: message.template.language },
      components: message.template.components,
    };
  }
  if (message.replyToExternalId) body.context = { message_id: message.replyToExternalId };
  return body;
}

/** The media types that take a caption on WhatsApp. */
const CAPTIONED = new Set<OutboundMediaKind>(['image', 'video', 'document']);

/** The Cloud API's `interactive` object: reply buttons, a list or a CTA URL button. */
export function whatsAppInteractive(content: InteractiveContent): Record<string, unknown> {
  const interactive: Record<string, unknown> = {};
  if (content.buttons) {
    interactive.type = 'button';
  } else if (content.list) {
    interactive.type = 'list';
  } else {
    interactive.type = 'cta_url';
  }
  if (content.header) interactive.header = { type: 'text', text: content.header };
  interactive.body = { text: content.body };
  if (content.footer) interactive.footer = { text: content.footer };
  if (content.buttons) {
    interactive.action = {
      buttons: content.buttons.map((button) => ({
        type: 'reply',
        reply: { id: button.id, title: button.title },
      })),
    };
  } else if (content.list) {
    interactive.action = {
      button: content.list.button,
      sections: content.list.sections.map((section) => ({
        ...(section.title ? { title: section.title } : {}),
        rows: section.rows.map((row) => ({
          id: row.id,
          title: row.title,
          ...(row.description ? { description: row.description } : {}),
        })),
      })),
    };
  } else if (content.ctaUrl) {
    interactive.action = {
      name: 'cta_url',
      parameters: { display_text: content.ctaUrl.displayText, url: content.ctaUrl.url },
    };
  }
  return interactive;
}

export class WhatsAppAdapter implements ChannelAdapter {
  readonly kind = ChannelKind.WHATSAPP;
  readonly mediaDelivery = 'upload' as const;

  verifySignature(
    rawBody: Buffer,
    signatureHeader: string | undefined,
    credentials: ChannelCredentials,
  ): boolean {
    return verifyMetaSignature(rawBody, signatureHeader, credentials.appSecret);
  }

  parse(rawBody: Buffer): InboundEvent[] {
    return parseWhatsAppWebhook(rawBody);
  }

  async send(message: OutboundMessage, credentials: ChannelCredentials): Promise<SendResult> {
    const body = buildWhatsAppSendBody(message);
    if (typeof body === 'string') return invalidOutbound(body);
    const response = await graphRequest(credentials, {
      method: 'POST',
      path: `/${encodeURIComponent(credentials.externalId)}/messages`,
      body,
    });
    if (!response.ok) return { ok: false, error: response.error, retryAfterMs: response.retryAfterMs };
    const id = isObject(response.body) ? str(objects(response.body.messages)[0]?.id) : null;
    return id ? { ok: true, externalId: id } : unexpectedResponse();
  }

  act(action: ChannelAction, credentials: ChannelCredentials): Promise<ActionResult> {
    return whatsAppAct(action, credentials);
  }

  /** `POST /{phone_number_id}/media` (multipart: messaging_product, type, file) → `{id}`. */
  async uploadMedia(
    file: OutboundFile & { kind: OutboundMediaKind },
    credentials: ChannelCredentials,
  ): Promise<UploadResult> {
    const response = await graphRequest(credentials, {
      method: 'POST',
      path: `/${encodeURIComponent(credentials.externalId)}/media`,
      multipart: {
        fields: [
          ['messaging_product', 'whatsapp'],
          ['type', file.mimeType],
        ],
        fileField: 'file',
        file,
      },
    });
    if (!response.ok) return { ok: false, error: response.error, retryAfterMs: response.retryAfterMs };
    const id = isObject(response.body) ? str(response.body.id) : null;
    return id ? { ok: true, providerId: id } : unexpectedResponse();
  }

  async listTemplates(credentials: ChannelCredentials): Promise<RemoteTemplate[]> {
    if (!credentials.wabaId) {
      throw new TemplateSyncError({
        code: 'ACCOUNT_RESTRICTED',
        title: 'The WhatsApp channel account has no WhatsApp Business Account id (wabaId)',
        detail: null,
        providerCode: null,
        retryable: false,
      });
    }
    const templates: RemoteTemplate[] = [];
    const firstPath = `/${encodeURIComponent(credentials.wabaId)}/message_templates?limit=${TEMPLATE_PAGE_SIZE}`;
    let path: string | null = firstPath;
    for (let page = 0; path && page < MAX_TEMPLATE_PAGES; page++) {
      const response = await graphRequest(credentials, { method: 'GET', path });
      if (!response.ok) {
        throw new TemplateSyncError(response.error, response.providerBody);
      }
      const body = objectOrNull(response.body) ?? {};
      for (const item of objects(body.data)) templates.push(toRemoteTemplate(item));
      const paging = objectOrNull(body.paging);
      const next = str(paging?.next);
      const after = str(objectOrNull(paging?.cursors)?.after);
      // `next` is only present when another page exists; a bare `after` cursor is followed only
      // when the page was full, otherwise the last page would be requested again. graphRequest
      // follows `next` only on the origin of the account's base URL.
      path = next
        ? next
        : after && objects(body.data).length >= TEMPLATE_PAGE_SIZE
          ? `${firstPath}&after=${encodeURIComponent(after)}`
          : null;
    }
    return templates;
  }
}

/**
 * Template sync failed at the provider; the caller keeps the templates it already had. The code
 * and title are ours; the detail of a provider error and `providerBody` belong in the log.
 */
export class TemplateSyncError extends Error {
  override readonly name = 'TemplateSyncError';

  constructor(
    readonly error: MessageError,
    readonly providerBody?: string,
  ) {
    super(error.detail ? `${error.title}: ${error.detail}` : error.title);
  }
}

function toRemoteTemplate(item: Record<string, unknown>): RemoteTemplate {
  return {
    externalId: str(item.id) ?? '',
    name: str(item.name) ?? '',
    language: str(item.language) ?? '',
    category: str(item.category) ?? '',
    status: str(item.status) ?? '',
    parameterFormat: str(item.parameter_format) ?? 'POSITIONAL',
    components: objects(item.components),
  };
}
