import { newInstagramMid, newMessengerMid, newWamid } from './graph-api.responses';

/*
 * Webhook bodies as Meta posts them, for whoever plays Meta's side: the local test server, the
 * demo's Graph API sandbox (delivery statuses) and `omnitray demo say` (a customer's message).
 */

/**
 * Serialises like Meta does: non-ASCII characters escaped as `\uXXXX` (emoji as surrogate pairs),
 * so a receiver must check the signature over the bytes received, not over re-serialised JSON.
 */
export function metaJson(body: unknown): Buffer {
  const json = JSON.stringify(body).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return Buffer.from(json, 'utf8');
}

const unixSeconds = (at: Date): string => String(Math.floor(at.getTime() / 1000));

export interface WhatsAppInboundTextOptions {
  phoneNumberId: string;
  wabaId?: string;
  displayPhoneNumber?: string;
  from: string;
  name?: string;
  text: string;
  id?: string;
  at?: Date;
  replyToId?: string;
}

export function whatsAppInboundTextWebhook(options: WhatsAppInboundTextOptions): Record<string, unknown> {
  const message: Record<string, unknown> = {
    from: options.from,
    id: options.id ?? newWamid(),
    timestamp: unixSeconds(options.at ?? new Date()),
    type: 'text',
    text: { body: options.text },
  };
  if (options.replyToId)
    message.context = { from: options.displayPhoneNumber ?? '15550101234', id: options.replyToId };
  return whatsAppEnvelope(options, {
    contacts: [{ profile: { name: options.name ?? 'Test Customer' }, wa_id: options.from }],
    messages: [message],
  });
}

export interface WhatsAppStatusOptions {
  phoneNumberId: string;
  wabaId?: string;
  displayPhoneNumber?: string;
  messageId: string;
  recipientId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'played';
  at?: Date;
  /** For `failed`: the provider error, e.g. `{code: 131047, title: 'Re-engagement message'}`. */
  error?: { code: number; title: string; details?: string };
}

export function whatsAppStatusWebhook(options: WhatsAppStatusOptions): Record<string, unknown> {
  const status: Record<string, unknown> = {
    id: options.messageId,
    status: options.status,
    timestamp: unixSeconds(options.at ?? new Date()),
    recipient_id: options.recipientId,
  };
  if (options.error) {
    status.errors = [
      {
        code: options.error.code,
        title: options.error.title,
        message: options.error.title,
        error_data: { details: options.error.details ?? options.error.title },
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ];
  }
  return whatsAppEnvelope(options, { statuses: [status] });
}

function whatsAppEnvelope(
  options: { phoneNumberId: string; wabaId?: string; displayPhoneNumber?: string },
  value: Record<string, unknown>,
): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: options.wabaId ?? '104583729910456',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: options.displayPhoneNumber ?? '15550101234',
                phone_number_id: options.phoneNumberId,
              },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export interface MessagingInboundTextOptions {
  /** Page id (Messenger) or Instagram account id. */
  accountId: string;
  senderId: string;
  text: string;
  mid?: string;
  at?: Date;
  /** The mid of the message this one quotes (Meta's `reply_to.mid`). */
  replyToMid?: string;
}

export function messengerInboundTextWebhook(options: MessagingInboundTextOptions): Record<string, unknown> {
  return messagingEnvelope('page', options, options.mid ?? newMessengerMid());
}

export function instagramInboundTextWebhook(options: MessagingInboundTextOptions): Record<string, unknown> {
  return messagingEnvelope('instagram', options, options.mid ?? newInstagramMid());
}

function messagingEnvelope(
  object: 'page' | 'instagram',
  options: MessagingInboundTextOptions,
  mid: string,
): Record<string, unknown> {
  const at = (options.at ?? new Date()).getTime();
  return {
    object,
    entry: [
      {
        id: options.accountId,
        time: at + 300,
        messaging: [
          {
            sender: { id: options.senderId },
            recipient: { id: options.accountId },
            timestamp: at,
            message: {
              mid,
              text: options.text,
              ...(options.replyToMid ? { reply_to: { mid: options.replyToMid } } : {}),
            },
          },
        ],
      },
    ],
  };
}
