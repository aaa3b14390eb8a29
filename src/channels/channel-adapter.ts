import { type AttachmentKind, type ChannelKind, type MessageType } from '../entities/enums';
import { type MessageError } from '../entities/message.entity';
import { type OutboundUrlPolicy } from '../services/outbound/outbound-url-policy';
import { type OutboundFile } from './graph-api.client';

/** Secrets and addresses of a channel account, decrypted for the adapter. */
export interface ChannelCredentials {
  kind: ChannelKind;
  externalId: string;
  wabaId: string | null;
  accessToken: string | null;
  appSecret: string | null;
  verifyToken: string | null;
  apiBaseUrl: string;
  apiVersion: string;
  /** Where `apiBaseUrl` may lead; checked again at every request. */
  urlPolicy: OutboundUrlPolicy;
}

/**
 * A file a channel message carries. Only where to fetch it is known at webhook time: the bytes are
 * copied into Omnitray's storage by the `media-copy` job, and the bytes have the last word on the
 * type when the channel names none.
 */
export interface InboundAttachment {
  kind: AttachmentKind;
  /** As the channel declares it; null when it says nothing (a CDN link). */
  mimeType: string | null;
  fileName: string | null;
  caption: string | null;
  /** Lower-case hex SHA-256 the channel announced (WhatsApp), checked against the bytes. */
  sha256: string | null;
  /** WhatsApp `audio.voice`: recorded in the app as a voice note. */
  voiceNote: boolean;
  /** A WhatsApp media id (looked up on the Graph API) or a URL to download. */
  source: { type: 'graph_media'; mediaId: string } | { type: 'url'; url: string };
}

/** A customer message (or an echo of one of ours) as every channel reports it. */
export interface InboundMessageEvent {
  kind: 'message';
  /** Routes the event: phone_number_id, page id or IG account id. */
  accountExternalId: string;
  externalId: string;
  customer: { channelUserId: string; name?: string | null; phone?: string | null };
  /** Channel time of the message. */
  sentAt: Date;
  type: MessageType;
  text: string | null;
  payload: Record<string, unknown> | null;
  replyToExternalId: string | null;
  /** True for the page's own sends echoed back (Messenger/Instagram `is_echo`). */
  echo: boolean;
  /** Set when the provider reports the inbound message itself as failed (e.g. 131051). */
  error: MessageError | null;
  /** Instagram `is_deleted`: the customer unsent the message `externalId`. */
  deleted?: boolean;
  /** Files of the message, in the channel's order; copied by a job once the message is stored. */
  attachments?: InboundAttachment[];
}

/** A delivery status of one of our messages. */
export interface StatusEvent {
  kind: 'status';
  accountExternalId: string;
  /** Our message's provider id; for watermarks, undefined and `watermark` set. */
  externalId?: string;
  /** Messenger delivery/read watermarks: every message sent to this user up to `watermark`. */
  watermark?: Date;
  recipientId: string;
  status: 'SENT' | 'DELIVERED' | 'READ' | 'FAILED';
  at: Date;
  error: MessageError | null;
}

/** A reaction (or its removal) to a message. */
export interface ReactionEvent {
  kind: 'reaction';
  accountExternalId: string;
  externalId: string | null;
  customer: { channelUserId: string; name?: string | null };
  targetExternalId: string;
  /** Null when the reaction was removed. */
  emoji: string | null;
  sentAt: Date;
}

/** A template review status change (WhatsApp `message_template_status_update`). */
export interface TemplateStatusEvent {
  kind: 'template_status';
  accountExternalId: string;
  templateExternalId: string | null;
  name: string | null;
  language: string | null;
  status: string;
  reason: string | null;
}

/** An error that concerns the account or the webhook as a whole (`value.errors`). */
export interface AccountErrorEvent {
  kind: 'account_error';
  accountExternalId: string;
  error: MessageError;
}

export type InboundEvent =
  InboundMessageEvent | StatusEvent | ReactionEvent | TemplateStatusEvent | AccountErrorEvent;

export type OutboundMediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker';

/** One file of an outbound message: by the provider's id of an upload, or by a URL it fetches. */
export interface OutboundMedia {
  kind: OutboundMediaKind;
  providerId?: string | null;
  link?: string | null;
  /** Image, video and document on WhatsApp. */
  caption?: string | null;
  /** Documents: the name the customer sees. */
  fileName?: string | null;
}

/** Buttons, a list or a link button, already checked against the channel's limits. */
export interface InteractiveContent {
  header: string | null;
  body: string;
  footer: string | null;
  buttons?: { id: string; title: string }[];
  list?: {
    button: string;
    sections: { title: string | null; rows: { id: string; title: string; description: string | null }[] }[];
  };
  ctaUrl?: { displayText: string; url: string };
}

/** What an agent, the bot or a campaign sends. */
export interface OutboundMessage {
  to: string;
  type: 'text' | 'template' | 'media' | 'interactive';
  text?: string;
  template?: { name: string; language: string; components: Record<string, unknown>[] };
  media?: OutboundMedia;
  interactive?: InteractiveContent;
  replyToExternalId?: string | null;
  /** Messenger/Instagram outside the 24 h window, within 7 days. */
  humanAgentTag?: boolean;
  /** Messenger/Instagram: echoed back as `message.metadata`, so our own sends are recognised in echoes. */
  metadata?: string;
}

export type SendResult =
  { ok: true; externalId: string } | { ok: false; error: MessageError; retryAfterMs?: number };

/** What a channel is asked to do beside sending a message: react, mark read, show typing. */
export type ChannelAction =
  | {
      kind: 'react';
      to: string;
      targetExternalId: string;
      /** Null removes our reaction. */ emoji: string | null;
    }
  | {
      kind: 'read';
      to: string;
      /** The customer's latest message (WhatsApp marks it and those before it). */ lastInboundExternalId: string;
      typing: boolean;
    }
  | { kind: 'typing'; to: string };

export type ActionResult =
  | { ok: true; externalId: string | null }
  | { ok: false; error: MessageError }
  /** The platform has no such action: the reason, for the caller. */
  | { ok: false; unsupported: string };

export type UploadResult =
  { ok: true; providerId: string } | { ok: false; error: MessageError; retryAfterMs?: number };

/** How a channel takes our files: uploaded to the provider first, or fetched by it from a URL we sign. */
export type MediaDelivery = 'upload' | 'link' | 'none';

export interface RemoteTemplate {
  externalId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: string;
  components: Record<string, unknown>[];
}

export interface ChannelAdapter {
  readonly kind: ChannelKind;
  /** Checks `X-Hub-Signature-256` (or the channel's equivalent) over the exact bytes received. */
  verifySignature(
    rawBody: Buffer,
    signatureHeader: string | undefined,
    credentials: ChannelCredentials,
  ): boolean;
  /** Turns a verified body into normalized events; unknown shapes become UNSUPPORTED messages, never throw. */
  parse(rawBody: Buffer): InboundEvent[];
  send(message: OutboundMessage, credentials: ChannelCredentials): Promise<SendResult>;
  /** A reaction, read receipt or typing indicator; never throws. */
  act(action: ChannelAction, credentials: ChannelCredentials): Promise<ActionResult>;
  readonly mediaDelivery: MediaDelivery;
  /** Uploads a file to the provider (when `mediaDelivery` is `upload`) and returns its id there. */
  uploadMedia(
    file: OutboundFile & { kind: OutboundMediaKind },
    credentials: ChannelCredentials,
  ): Promise<UploadResult>;
  /** Every page of the account's templates (WhatsApp); other channels return []. */
  listTemplates(credentials: ChannelCredentials): Promise<RemoteTemplate[]>;
}
