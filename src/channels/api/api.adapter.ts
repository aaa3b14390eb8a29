import { randomUUID } from 'node:crypto';
import { ChannelKind, MessageType } from '../../entities/enums';
import {
  type ActionResult,
  type ChannelAdapter,
  type ChannelCredentials,
  type InboundEvent,
  type InboundMessageEvent,
  type OutboundMessage,
  type RemoteTemplate,
  type SendResult,
  type UploadResult,
} from '../channel-adapter';
import { verifyMetaSignature } from '../meta-signature';
import { invalidOutbound } from '../send-result';
import { metaTime, objectOrNull, objects, parseWebhookJson, str } from '../webhook-body';

/**
 * The partner channel. Partners read our outbound messages through the API and its events, so a
 * send only needs an id. Partners may push customer messages as
 * `{messages: [{id, from: {id, name?, phone?}, text, timestamp, replyTo?}]}`, signed like Meta's
 * webhooks (`sha256=` HMAC with the channel's secret) so one receiver serves every channel.
 */
export class ApiChannelAdapter implements ChannelAdapter {
  readonly kind = ChannelKind.API;
  /** Partners read files through the API (`Message.attachments`, signed URLs): nothing is uploaded. */
  readonly mediaDelivery = 'none' as const;

  verifySignature(
    rawBody: Buffer,
    signatureHeader: string | undefined,
    credentials: ChannelCredentials,
  ): boolean {
    return verifyMetaSignature(rawBody, signatureHeader, credentials.appSecret);
  }

  parse(rawBody: Buffer): InboundEvent[] {
    const body = parseWebhookJson(rawBody);
    const account = str(body.accountId) ?? '';
    return objects(body.messages).map((item): InboundMessageEvent => {
      const from = objectOrNull(item.from);
      const text = str(item.text);
      const sentAt = metaTime(item.timestamp) ?? new Date();
      const channelUserId = str(from?.id) ?? '';
      return {
        kind: 'message',
        accountExternalId: account,
        externalId: str(item.id) ?? `api:${channelUserId}:${sentAt.getTime()}`,
        customer: { channelUserId, name: str(from?.name), phone: str(from?.phone) },
        sentAt,
        type: text ? MessageType.TEXT : MessageType.UNSUPPORTED,
        text,
        payload: text ? null : { raw: item },
        replyToExternalId: str(item.replyTo),
        echo: false,
        error: null,
      };
    });
  }

  async send(message: OutboundMessage, _credentials: ChannelCredentials): Promise<SendResult> {
    if (message.type === 'text' && !message.text)
      return invalidOutbound('A text message needs a non-empty text.');
    if (message.type === 'template' && !message.template) {
      return invalidOutbound('A template message needs its template.');
    }
    return { ok: true, externalId: `api_${randomUUID()}` };
  }

  /** Partners learn of reactions and reads from the API and its events: nothing to call. */
  async act(): Promise<ActionResult> {
    return { ok: true, externalId: null };
  }

  async uploadMedia(): Promise<UploadResult> {
    return invalidOutbound('Partner channels read files through the API; nothing is uploaded.');
  }

  async listTemplates(_credentials: ChannelCredentials): Promise<RemoteTemplate[]> {
    return [];
  }
}
