import { adapterFor } from '../../channels/channel-registry';
import {
  type ChannelAdapter,
  type ChannelCredentials,
  type InteractiveContent,
  type OutboundMessage,
  type SendResult,
  type UploadResult,
} from '../../channels/channel-adapter';
import { invalidOutbound } from '../../channels/send-result';
import { Attachment } from '../../entities/attachment.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message, type MessageError } from '../../entities/message.entity';
import { MessageStatus, MessageType } from '../../entities/enums';
import { type AppDeps } from '../../runtime/app-deps';
import { credentialsOf } from '../channel-account/channel-account.service';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { changeMessageStatus } from './message-status.service';
import { attachmentBytes } from '../media/media-download.service';
import { signMediaPath } from '../media/media-url';
import { MEDIA_KIND, partsOf, type OutboundPart } from './outbound-parts';
import { type TemplateHeaderUpload } from '../template/template.service';

/**
 * Provider calls one outbound message gets, agent reply or campaign send alike. Six calls wait
 * 2 + 4 + 8 + 16 + 32 s between them: about a minute, which outlasts Meta's per-second throughput
 * and per-customer pair limits and a short provider outage. Limits that last longer (hourly quotas)
 * are not worth holding a message or a whole campaign for: it fails retryable and an agent decides.
 */
export const SEND_ATTEMPT_LIMIT = 6;

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/** Wait after a refused `attempt` (1-based): doubling from 2 s, or longer when the provider says so. */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
  return Math.max(retryAfterMs ?? 0, Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS));
}

/** The provider request for a stored outbound message. */
export function outboundOf(message: Message, customer: Customer): OutboundMessage {
  const payload = message.payload ?? {};
  if (message.type === MessageType.TEMPLATE) {
    return {
      to: customer.channelUserId,
      type: 'template',
      template: withHeaderId(
        payload.template as NonNullable<OutboundMessage['template']>,
        payload.templateMedia as TemplateHeaderUpload | undefined,
      ),
      replyToExternalId: message.replyToExternalId,
    };
  }
  if (payload.interactive) {
    return {
      to: customer.channelUserId,
      type: 'interactive',
      interactive: payload.interactive as InteractiveContent,
      replyToExternalId: message.replyToExternalId,
      humanAgentTag: payload.tag === 'HUMAN_AGENT',
      metadata: message.id,
    };
  }
  return {
    to: customer.channelUserId,
    type: message.type === MessageType.TEXT || message.text ? 'text' : 'media',
    text: message.text ?? '',
    replyToExternalId: message.replyToExternalId,
    humanAgentTag: payload.tag === 'HUMAN_AGENT',
    // Echoes carry it back, so an echo that beats the send response is matched to this message.
    metadata: message.id,
  };
}

/** A template whose header file was uploaded: the header parameter names the provider's id. */
function withHeaderId(
  template: NonNullable<OutboundMessage['template']>,
  upload: TemplateHeaderUpload | undefined,
): NonNullable<OutboundMessage['template']> {
  if (!upload?.providerId) return template;
  return {
    ...template,
    components: template.components.map((component) => {
      if (component.type !== 'header' || !Array.isArray(component.parameters)) return component;
      return {
        ...component,
        parameters: (component.parameters as Record<string, unknown>[]).map((parameter) => {
          const kind = String(parameter.type);
          const media = parameter[kind] as Record<string, unknown> | undefined;
          return { ...parameter, [kind]: { id: upload.providerId, ...media } };
        }),
      };
    }),
  };
}

/**
 * Uploads a template header's stored file to the provider (WhatsApp media) and answers its media
 * id, or the refusal.
 */
export async function uploadHeaderFile(
  deps: AppDeps,
  adapter: ChannelAdapter,
  credentials: ChannelCredentials,
  workspaceId: string,
  attachmentId: string,
): Promise<UploadResult> {
  const attachment = await deps.dataSource
    .getRepository(Attachment)
    .findOneBy({ id: attachmentId, workspaceId });
  if (!attachment || attachment.byteSize === null) {
    return invalidOutbound("The template header's file is no longer stored.");
  }
  if (adapter.mediaDelivery !== 'upload') return invalidOutbound('Templates are a WhatsApp feature.');
  return adapter.uploadMedia(
    {
      kind: MEDIA_KIND[attachment.kind],
      fileName: attachment.fileName ?? MEDIA_KIND[attachment.kind],
      mimeType: attachment.mimeType,
      byteSize: attachment.byteSize,
      open: () => attachmentBytes(deps, attachment, { start: 0, end: attachment.byteSize! - 1 }),
    },
    credentials,
  );
}

/**
 * Uploads a template's header file once (the provider id is noted on the message before the send,
 * so a retried job sends by that id). Null when there is nothing to upload, or the refusal.
 */
async function uploadTemplateHeader(
  deps: AppDeps,
  adapter: ChannelAdapter,
  credentials: ChannelCredentials,
  message: Message,
): Promise<SendResult | null> {
  const upload = message.payload?.templateMedia as TemplateHeaderUpload | undefined;
  if (!upload || upload.providerId) return null;
  const uploaded = await uploadHeaderFile(
    deps,
    adapter,
    credentials,
    message.workspaceId,
    upload.attachmentId,
  );
  if (!uploaded.ok) return uploaded;
  const noted = { ...upload, providerId: uploaded.providerId };
  await deps.dataSource.query(
    `UPDATE message SET payload = jsonb_set(payload, '{templateMedia}', $2::jsonb) WHERE id = $1 AND status = 'QUEUED'`,
    [message.id, JSON.stringify(noted)],
  );
  message.payload = { ...message.payload, templateMedia: noted };
  return null;
}

/** Sends through the account's channel adapter, credentials decrypted once for many sends. */
export function channelSender(
  deps: AppDeps,
  account: ChannelAccount,
): (outbound: OutboundMessage) => Promise<SendResult> {
  const adapter = adapterFor(account.kind);
  const credentials = credentialsOf(deps, account);
  return (outbound) => adapter.send(outbound, credentials);
}

/**
 * Sends the parts of a message with files in order (see `OutboundPart`), noting each provider id
 * as soon as it is known: a part already sent is skipped, a file already uploaded is sent by its
 * id, so a job that runs again resumes where the last one stopped. Succeeds with the first part's
 * provider id (the one status webhooks report for the message).
 */
async function sendParts(
  deps: AppDeps,
  adapter: ChannelAdapter,
  credentials: ChannelCredentials,
  message: Message,
  customer: Customer,
  parts: OutboundPart[],
): Promise<SendResult> {
  const note = () =>
    deps.dataSource.query(
      `UPDATE message SET payload = jsonb_set(coalesce(payload, '{}'::jsonb), '{parts}', $2::jsonb)
        WHERE id = $1 AND status = 'QUEUED'`,
      [message.id, JSON.stringify(parts)],
    );
  const base = {
    to: customer.channelUserId,
    humanAgentTag: message.payload?.tag === 'HUMAN_AGENT',
    metadata: message.id,
  };
  for (const [index, part] of parts.entries()) {
    if (part.externalId) continue;
    const replyTo = index === 0 ? { replyToExternalId: message.replyToExternalId } : {};
    let outbound: OutboundMessage;
    if (part.kind === 'text') {
      outbound = { ...base, ...replyTo, type: 'text', text: message.text ?? '' };
    } else {
      const attachment = await deps.dataSource
        .getRepository(Attachment)
        .findOneBy({ id: part.attachmentId, workspaceId: message.workspaceId });
      if (!attachment || attachment.byteSize === null) {
        return invalidOutbound('The file of this message is no longer stored.');
      }
      const media = {
        kind: MEDIA_KIND[attachment.kind],
        caption: part.caption,
        fileName: attachment.fileName,
      };
      if (adapter.mediaDelivery === 'upload') {
        if (!part.providerId) {
          const uploaded = await adapter.uploadMedia(
            {
              kind: media.kind,
              fileName: attachment.fileName ?? `${media.kind}`,
              mimeType: attachment.mimeType,
              byteSize: attachment.byteSize,
              open: () => attachmentBytes(deps, attachment, { start: 0, end: attachment.byteSize! - 1 }),
            },
            credentials,
          );
          if (!uploaded.ok) return uploaded;
          part.providerId = uploaded.providerId;
          await note();
        }
        outbound = { ...base, ...replyTo, type: 'media', media: { ...media, providerId: part.providerId } };
      } else {
        // The provider fetches the file from a signed URL of ours, valid MEDIA_URL_TTL_SECONDS.
        const origin = deps.config.publicUrl;
        if (!origin) {
          return invalidOutbound(
            "This channel fetches files from a URL: set PUBLIC_URL to this server's public address.",
          );
        }
        const link = `${origin}${signMediaPath(deps, attachment.id).path}`;
        outbound = { ...base, ...replyTo, type: 'media', media: { ...media, link } };
      }
    }
    const sent = await adapter.send(outbound, credentials);
    if (!sent.ok) return sent;
    part.externalId = sent.externalId;
    await note();
  }
  const first = parts[0]?.externalId;
  return first ? { ok: true, externalId: first } : invalidOutbound('The message has nothing to send.');
}

export interface SendPolicy {
  /** This attempt's number, from 1. */
  attempt: number;
  /**
   * Whether a failure without a provider answer (a timeout, a dropped connection) is sent again.
   * The provider may have taken the message, so a resend risks a second copy.
   */
  resendUnanswered: boolean;
}

export type SendSettlement = { status: 'SENT' } | { status: 'FAILED' } | { status: 'RETRY'; delayMs: number };

/** The provider answered and refused (a rate limit, an error it named): it did not take the message. */
function providerRefused(error: MessageError): boolean {
  return error.code === 'RATE_LIMITED' || error.providerCode !== null;
}

/**
 * Stores the provider's answer for a QUEUED message the caller holds locked: accepted → SENT with
 * its provider id; worth another try within the attempt limit → stays QUEUED with the last error
 * noted, and the caller schedules the retry after `delayMs`; anything else → FAILED with the error.
 */
export async function settleSend(
  uow: UnitOfWork,
  message: Message,
  result: SendResult,
  policy: SendPolicy,
): Promise<SendSettlement> {
  if (result.ok) {
    await changeMessageStatus(uow, message, MessageStatus.SENT, null, { externalId: result.externalId });
    return { status: 'SENT' };
  }
  const again =
    result.error.retryable &&
    policy.attempt < SEND_ATTEMPT_LIMIT &&
    (policy.resendUnanswered || providerRefused(result.error));
  if (again) {
    const payload = { ...(message.payload ?? {}), lastSendError: result.error, attempts: policy.attempt };
    await uow.manager.update(Message, { id: message.id }, { payload });
    message.payload = payload;
    return { status: 'RETRY', delayMs: retryDelayMs(policy.attempt, result.retryAfterMs) };
  }
  await changeMessageStatus(uow, message, MessageStatus.FAILED, result.error);
  return { status: 'FAILED' };
}

/**
 * Sends one QUEUED message (an agent or bot reply, a template) and settles the answer. Re-reads
 * everything and returns null when the message is no longer QUEUED, so a second run sends
 * nothing. `scheduleRetry` runs in the settling transaction, so the retry exists exactly when the
 * noted error does.
 */
export async function dispatchQueuedMessage(
  deps: AppDeps,
  target: { workspaceId: string; messageId: string; attempt: number },
  scheduleRetry: (uow: UnitOfWork, delayMs: number) => Promise<unknown>,
): Promise<SendSettlement | null> {
  const message = await deps.dataSource
    .getRepository(Message)
    .findOne({ where: { id: target.messageId, workspaceId: target.workspaceId } });
  if (!message || message.status !== MessageStatus.QUEUED) return null;
  const [conversation, account] = await Promise.all([
    deps.dataSource.getRepository(Conversation).findOneByOrFail({ id: message.conversationId }),
    deps.dataSource.getRepository(ChannelAccount).findOneByOrFail({ id: message.channelAccountId }),
  ]);
  const customer = await deps.dataSource
    .getRepository(Customer)
    .findOneByOrFail({ id: conversation.customerId });
  const parts = partsOf(message);
  const headerRefused = await uploadTemplateHeader(
    deps,
    adapterFor(account.kind),
    credentialsOf(deps, account),
    message,
  );
  const result = headerRefused
    ? headerRefused
    : parts
      ? await sendParts(
          deps,
          adapterFor(account.kind),
          credentialsOf(deps, account),
          message,
          customer,
          parts,
        )
      : await channelSender(deps, account)(outboundOf(message, customer));

  return inTransaction(deps, target.workspaceId, async (uow) => {
    const current = await uow.manager.findOne(Message, {
      where: { id: message.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current || current.status !== MessageStatus.QUEUED) return null;
    // Agent replies are sent again after a timeout too: a late reply is worse than a rare double.
    const settled = await settleSend(uow, current, result, {
      attempt: target.attempt,
      resendUnanswered: true,
    });
    if (settled.status === 'RETRY') await scheduleRetry(uow, settled.delayMs);
    return settled;
  });
}
