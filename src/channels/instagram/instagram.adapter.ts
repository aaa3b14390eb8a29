import { ChannelKind } from '../../entities/enums';
import {
  type ChannelAdapter,
  type ChannelCredentials,
  type InboundEvent,
  type OutboundMessage,
  type RemoteTemplate,
  type SendResult,
} from '../channel-adapter';
import { parseMessagingWebhook } from '../meta-messaging.parser';
import { sendMessagingText } from '../meta-messaging.sender';
import { verifyMetaSignature } from '../meta-signature';

export class InstagramAdapter implements ChannelAdapter {
  readonly kind = ChannelKind.INSTAGRAM;

  verifySignature(
    rawBody: Buffer,
    signatureHeader: string | undefined,
    credentials: ChannelCredentials,
  ): boolean {
    return verifyMetaSignature(rawBody, signatureHeader, credentials.appSecret);
  }

  parse(rawBody: Buffer): InboundEvent[] {
    return parseMessagingWebhook(rawBody);
  }

  send(message: OutboundMessage, credentials: ChannelCredentials): Promise<SendResult> {
    return sendMessagingText(message, credentials);
  }

  async listTemplates(_credentials: ChannelCredentials): Promise<RemoteTemplate[]> {
    return [];
  }
}
