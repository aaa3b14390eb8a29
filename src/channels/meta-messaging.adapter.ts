import { type ChannelKind } from '../entities/enums';
import {
  type ActionResult,
  type ChannelAction,
  type ChannelAdapter,
  type ChannelCredentials,
  type InboundEvent,
  type OutboundMessage,
  type RemoteTemplate,
  type SendResult,
} from './channel-adapter';
import { messagingAct } from './meta-actions';
import { parseMessagingWebhook } from './meta-messaging.parser';
import { sendMessagingText } from './meta-messaging.sender';
import { verifyMetaSignature } from './meta-signature';

/**
 * Messenger and Instagram share Meta's Messenger Platform: the same webhook envelope, send API and
 * errors, so one adapter serves both, told apart only by its kind. Neither has message templates.
 */
export class MetaMessagingAdapter implements ChannelAdapter {
  constructor(readonly kind: ChannelKind.MESSENGER | ChannelKind.INSTAGRAM) {}

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

  act(action: ChannelAction, credentials: ChannelCredentials): Promise<ActionResult> {
    return messagingAct(this.kind, action, credentials);
  }

  async listTemplates(_credentials: ChannelCredentials): Promise<RemoteTemplate[]> {
    return [];
  }
}
