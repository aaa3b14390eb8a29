import { type ChannelCredentials, type OutboundMessage, type SendResult } from './channel-adapter';
import { graphRequest } from './graph-api.client';
import { invalidOutbound, unexpectedResponse } from './send-result';
import { isObject, str } from './webhook-body';

/** The Send API body shared by Messenger and Instagram. */
export function buildMessagingSendBody(message: OutboundMessage): Record<string, unknown> | string {
  if (message.type !== 'text') return 'Templates are a WhatsApp feature; Messenger and Instagram send text.';
  if (!message.text) return 'A text message needs a non-empty text.';
  const body: Record<string, unknown> = { recipient: { id: message.to } };
  if (message.humanAgentTag) {
    body.messaging_type = 'MESSAGE_TAG';
    body.tag = 'HUMAN_AGENT';
  } else {
    body.messaging_type = 'RESPONSE';
  }
  const content: Record<string, unknown> = { text: message.text };
  if (message.metadata) content.metadata = message.metadata;
  // The quoted message, as inbound messages name it (`message.reply_to.mid`).
  if (message.replyToExternalId) content.reply_to = { mid: message.replyToExternalId };
  body.message = content;
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
