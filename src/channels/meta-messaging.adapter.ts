import { ChannelKind } from '../entities/enums';
import {
  type ActionResult,
  type ChannelAction,
  type ChannelAdapter,
  type ChannelCredentials,
  type InboundEvent,
  type MediaDelivery,
  type OutboundMediaKind,
  type OutboundMessage,
  type RemoteTemplate,
  type SendResult,
  type UploadResult,
} from './channel-adapter';
import { messagingAct } from './meta-actions';
import { type OutboundFile } from './graph-api.client';
import { parseMessagingWebhook } from './meta-messaging.parser';
import { sendMessagingText, uploadMessagingAttachment } from './meta-messaging.sender';
import { invalidOutbound } from './send-result';
import { verifyMetaSignature } from './meta-signature';

/**
 * Messenger and Instagram share Meta's Messenger Platform: the same webhook envelope, send API and
 * errors, so one adapter serves both, told apart only by its kind. Neither has message templates.
 */
export class MetaMessagingAdapter implements ChannelAdapter {
  /**
   * Messenger pages upload files with the Attachment Upload API; Instagram sends fetch them from
   * a URL, which Omnitray signs for the attachment.
   */
  readonly mediaDelivery: MediaDelivery;

  constructor(readonly kind: ChannelKind.MESSENGER | ChannelKind.INSTAGRAM) {
    this.mediaDelivery = kind === ChannelKind.MESSENGER ? 'upload' : 'link';
  }

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

  uploadMedia(
    file: OutboundFile & { kind: OutboundMediaKind },
    credentials: ChannelCredentials,
  ): Promise<UploadResult> {
    if (this.mediaDelivery !== 'upload') {
      return Promise.resolve(invalidOutbound('Instagram fetches files from a URL; nothing is uploaded.'));
    }
    return uploadMessagingAttachment(file, credentials);
  }

  async listTemplates(_credentials: ChannelCredentials): Promise<RemoteTemplate[]> {
    return [];
  }
}
