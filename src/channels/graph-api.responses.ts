import { randomBytes } from 'node:crypto';

/**
 * What Meta's Graph API answers to the calls Omnitray makes, built in one place: the local test
 * server and the demo's built-in sandbox both speak through these, so they cannot drift apart.
 */

export const GRAPH_MESSAGES_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/;
export const GRAPH_TEMPLATES_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/message_templates$/;
/** WhatsApp media upload (`/{phone_number_id}/media`) and Messenger's Attachment Upload API. */
export const GRAPH_MEDIA_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/media$/;
export const GRAPH_ATTACHMENTS_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/message_attachments$/;

const WHATSAPP_MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'];
const CAPTIONED = ['image', 'video', 'document'];

/** Why a Cloud API media object (`image: {id | link, caption?, filename?}`) would be refused. */
function whatsAppMediaProblem(type: string, media: unknown): string | null {
  if (!isRecord(media)) return `(#100) Param ${type} is required`;
  const byId = typeof media.id === 'string' && media.id !== '';
  const byLink = typeof media.link === 'string' && /^https?:\/\//.test(media.link);
  if (byId === byLink) return `(#100) Param ${type} must have exactly one of id or link`;
  if (media.caption !== undefined && (!CAPTIONED.includes(type) || typeof media.caption !== 'string')) {
    return `(#100) Param ${type}[caption] is not allowed`;
  }
  if (media.filename !== undefined && (type !== 'document' || typeof media.filename !== 'string')) {
    return `(#100) Param ${type}[filename] is not allowed`;
  }
  return null;
}

function textLength(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** Why a Cloud API `interactive` object would be refused: Meta's structure and limits. */
function whatsAppInteractiveProblem(interactive: unknown): string | null {
  if (!isRecord(interactive)) return '(#100) Param interactive is required';
  const body = interactive.body;
  if (!isRecord(body) || !textLength(body.text, 1024))
    return '(#131009) interactive[body][text] must be 1-1024 characters';
  const header = interactive.header;
  if (header !== undefined && (!isRecord(header) || header.type !== 'text' || !textLength(header.text, 60))) {
    return '(#131009) interactive[header][text] must be 1-60 characters';
  }
  const footer = interactive.footer;
  if (footer !== undefined && (!isRecord(footer) || !textLength(footer.text, 60))) {
    return '(#131009) interactive[footer][text] must be 1-60 characters';
  }
  const action = interactive.action;
  if (!isRecord(action)) return '(#100) Param interactive[action] is required';
  if (interactive.type === 'button') {
    const buttons = action.buttons;
    if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
      return '(#131009) interactive[action][buttons] must have 1-3 buttons';
    }
    for (const button of buttons) {
      const reply =
        isRecord(button) && button.type === 'reply' && isRecord(button.reply) ? button.reply : null;
      if (!reply || !textLength(reply.id, 256) || !textLength(reply.title, 20)) {
        return '(#131009) button titles are 1-20 characters and ids 1-256';
      }
    }
    return null;
  }
  if (interactive.type === 'list') {
    const sections = action.sections;
    if (!textLength(action.button, 20))
      return '(#131009) interactive[action][button] must be 1-20 characters';
    if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) {
      return '(#131009) interactive[action][sections] must have 1-10 sections';
    }
    let rows = 0;
    for (const section of sections) {
      if (!isRecord(section) || !Array.isArray(section.rows))
        return '(#100) Param sections[rows] is required';
      if (section.title !== undefined && !textLength(section.title, 24))
        return '(#131009) section titles are 1-24 characters';
      for (const row of section.rows) {
        rows += 1;
        if (!isRecord(row) || !textLength(row.id, 200) || !textLength(row.title, 24)) {
          return '(#131009) row titles are 1-24 characters and ids 1-200';
        }
        if (row.description !== undefined && !textLength(row.description, 72)) {
          return '(#131009) row descriptions are 1-72 characters';
        }
      }
    }
    return rows >= 1 && rows <= 10 ? null : '(#131009) a list has 1-10 rows in all';
  }
  if (interactive.type === 'cta_url') {
    const parameters = action.parameters;
    if (action.name !== 'cta_url' || !isRecord(parameters))
      return '(#100) Param action[name] must be cta_url';
    if (!textLength(parameters.display_text, 20)) return '(#131009) display_text must be 1-20 characters';
    if (typeof parameters.url !== 'string' || !/^https?:\/\//.test(parameters.url)) {
      return '(#131009) url must be an http(s) URL';
    }
    return null;
  }
  return `(#100) Unsupported interactive type ${String(interactive.type)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** A WhatsApp message id in the Cloud API's style. */
export function newWamid(): string {
  return `wamid.${randomBytes(30).toString('base64')}`;
}

export function newMessengerMid(): string {
  return `m_${randomToken(48)}`;
}

export function newInstagramMid(): string {
  return `aWdfZAG1faXRlbToxOklHTWVzc2FnZA${randomToken(60)}`;
}

/** Meta's error envelope; WhatsApp errors also carry `error_data`. */
export function graphError(
  code: number,
  message: string,
  type = 'OAuthException',
  product?: string,
): Record<string, unknown> {
  const error: Record<string, unknown> = { message, type, code, fbtrace_id: randomToken(11) };
  if (product) error.error_data = { messaging_product: product, details: message };
  return { error };
}

export function invalidTokenError(): Record<string, unknown> {
  return graphError(190, 'Invalid OAuth access token - Cannot parse access token', 'OAuthException');
}

export function unsupportedRequestError(method: string, path: string): Record<string, unknown> {
  return graphError(100, `Unsupported ${method} request. Object with ID '${path}' does not exist.`);
}

/** Why a Cloud API read receipt (`status: read`, optional typing indicator) would be refused, or null. */
export function whatsAppReadProblem(body: Record<string, unknown>): string | null {
  if (body.status !== 'read') return '(#100) Param status must be read';
  if (typeof body.message_id !== 'string' || !body.message_id) return '(#100) Param message_id is required';
  const typing = body.typing_indicator;
  if (typing !== undefined && (!isRecord(typing) || typing.type !== 'text')) {
    return '(#100) Param typing_indicator[type] must be text';
  }
  return null;
}

/** Whether a Cloud API call to `/messages` is a read receipt rather than a message. */
export function isWhatsAppReadReceipt(body: Record<string, unknown>): boolean {
  return body.status !== undefined && body.type === undefined;
}

/** The Cloud API's answer to an accepted read receipt. */
export function whatsAppReadAnswer() {
  return { success: true };
}

/** Why a Messenger/Instagram sender action would be refused, or null when it is well formed. */
export function senderActionProblem(body: Record<string, unknown>, instagram: boolean): string | null {
  if (!isRecord(body.recipient) || typeof body.recipient.id !== 'string')
    return '(#100) Param recipient[id] is required';
  const action = body.sender_action;
  if (action === 'mark_seen' || action === 'typing_on' || action === 'typing_off') return null;
  if (action !== 'react' && action !== 'unreact') {
    return '(#100) Param sender_action must be one of mark_seen, typing_on, typing_off, react, unreact';
  }
  if (!instagram) return '(#100) Param sender_action react is only supported on Instagram';
  const payload = body.payload;
  if (!isRecord(payload) || typeof payload.message_id !== 'string') {
    return '(#100) Param payload[message_id] is required';
  }
  if (action === 'react' && (typeof payload.reaction !== 'string' || !payload.reaction)) {
    return '(#100) Param payload[reaction] is required';
  }
  return null;
}

/** Why a Cloud API send body would be refused (Meta's wording), or null when it is well formed. */
export function whatsAppSendProblem(body: Record<string, unknown>): string | null {
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
    return '(#100) Param recipient_type must be individual';
  }
  if (typeof body.to !== 'string' || !/^\+?\d{6,15}$/.test(body.to))
    return '(#100) Param to must be a phone number';
  if (body.type === 'text') {
    const text = body.text;
    if (!isRecord(text) || typeof text.body !== 'string' || !text.body)
      return '(#100) Param text[body] is required';
  } else if (body.type === 'template') {
    const template = body.template;
    if (!isRecord(template) || typeof template.name !== 'string')
      return '(#100) Param template[name] is required';
    if (!isRecord(template.language) || typeof template.language.code !== 'string') {
      return '(#100) Param template[language][code] is required';
    }
    if (template.components !== undefined && !Array.isArray(template.components)) {
      return '(#100) Param template[components] must be an array';
    }
  } else if (body.type === 'reaction') {
    const reaction = body.reaction;
    // An empty emoji removes the reaction.
    if (
      !isRecord(reaction) ||
      typeof reaction.message_id !== 'string' ||
      typeof reaction.emoji !== 'string'
    ) {
      return '(#100) Param reaction[message_id] and reaction[emoji] are required';
    }
  } else if (typeof body.type === 'string' && WHATSAPP_MEDIA_TYPES.includes(body.type)) {
    const problem = whatsAppMediaProblem(body.type, body[body.type]);
    if (problem) return problem;
  } else if (body.type === 'interactive') {
    const problem = whatsAppInteractiveProblem(body.interactive);
    if (problem) return problem;
  } else {
    return `(#100) Unsupported message type ${String(body.type)}`;
  }
  if (
    body.context !== undefined &&
    (!isRecord(body.context) || typeof body.context.message_id !== 'string')
  ) {
    return '(#100) Param context[message_id] must be a string';
  }
  return null;
}

/** The Cloud API's answer to an accepted send (templates are `accepted` until Meta sends them). */
export function whatsAppSendAnswer(body: Record<string, unknown>, id: string = newWamid()) {
  const to = String(body.to);
  return {
    messaging_product: 'whatsapp' as const,
    contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }],
    messages: [body.type === 'template' ? { id, message_status: 'accepted' } : { id }],
  };
}

/** Why a Messenger/Instagram Send API body would be refused, or null when it is well formed. */
export function messagingSendProblem(body: Record<string, unknown>): string | null {
  if (!isRecord(body.recipient) || typeof body.recipient.id !== 'string')
    return '(#100) Param recipient[id] is required';
  const type = body.messaging_type;
  if (type !== 'RESPONSE' && type !== 'UPDATE' && type !== 'MESSAGE_TAG') {
    return '(#100) Param messaging_type must be one of RESPONSE, UPDATE, MESSAGE_TAG';
  }
  if (type === 'MESSAGE_TAG' && typeof body.tag !== 'string')
    return '(#100) Param tag is required for MESSAGE_TAG';
  if (!isRecord(body.message)) return '(#100) Param message is required';
  if (body.message.reply_to !== undefined) return '(#100) Param message[reply_to] is not a valid parameter';
  if (
    body.reply_to !== undefined &&
    !(isRecord(body.reply_to) && typeof body.reply_to.message_id === 'string')
  ) {
    return '(#100) Param reply_to[message_id] must be a message id';
  }
  if (typeof body.message.text !== 'string' && !isRecord(body.message.attachment)) {
    return '(#100) Param message must have text or attachment';
  }
  const attachment = body.message.attachment;
  if (isRecord(attachment)) {
    const payload = attachment.payload;
    if (!isRecord(payload)) return '(#100) Param message[attachment][payload] is required';
    if (attachment.type === 'template') {
      if (payload.template_type !== 'button' || !textLength(payload.text, 640)) {
        return '(#100) A button template needs a text of 1-640 characters';
      }
      if (!Array.isArray(payload.buttons) || payload.buttons.length < 1 || payload.buttons.length > 3) {
        return '(#100) A button template has 1-3 buttons';
      }
    } else if (['image', 'audio', 'video', 'file'].includes(String(attachment.type))) {
      if (typeof payload.attachment_id !== 'string' && typeof payload.url !== 'string') {
        return '(#100) An attachment needs an attachment_id or a url';
      }
    } else {
      return `(#100) Unsupported attachment type ${String(attachment.type)}`;
    }
  }
  const quickReplies = body.message.quick_replies;
  if (quickReplies !== undefined) {
    if (!Array.isArray(quickReplies) || quickReplies.length < 1 || quickReplies.length > 13) {
      return '(#100) quick_replies must have 1-13 items';
    }
    for (const reply of quickReplies) {
      if (!isRecord(reply) || reply.content_type !== 'text' || !textLength(reply.title, 20)) {
        return '(#100) quick reply titles are 1-20 characters';
      }
    }
  }
  return null;
}

export function messagingSendAnswer(recipientId: string, instagram: boolean) {
  return { recipient_id: recipientId, message_id: instagram ? newInstagramMid() : newMessengerMid() };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/**
 * One page of `GET /{waba_id}/message_templates`: `limit` and the `after` cursor as Meta reads
 * them, `paging.next`/`previous` as absolute links to `pageUrl` (the URL that was asked, without
 * its query). Null when the cursor is not one of ours.
 */
export function templatePage<T>(
  all: readonly T[],
  query: URLSearchParams,
  pageUrl: string,
  defaultPageSize = 25,
): Record<string, unknown> | null {
  const limit = Math.max(1, Number(query.get('limit')) || defaultPageSize);
  const after = query.get('after');
  const start = after ? decodeCursor(after) : 0;
  if (start === null) return null;
  const page = all.slice(start, start + limit);
  const end = start + page.length;
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(start), after: encodeCursor(end) },
  };
  if (end < all.length) {
    const next = new URL(pageUrl);
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('after', encodeCursor(end));
    paging.next = next.toString();
  }
  if (start > 0) {
    const previous = new URL(pageUrl);
    previous.searchParams.set('limit', String(limit));
    previous.searchParams.set('before', encodeCursor(start));
    paging.previous = previous.toString();
  }
  return { data: page, paging };
}
