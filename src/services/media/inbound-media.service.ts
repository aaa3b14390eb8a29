import { createHash } from 'node:crypto';
import { type InboundAttachment } from '../../channels/channel-adapter';
import { lookupWhatsAppMedia } from '../../channels/whatsapp/whatsapp-media';
import { mapNetworkError } from '../../channels/meta-errors';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Attachment, type AttachmentSource } from '../../entities/attachment.entity';
import { Conversation } from '../../entities/conversation.entity';
import { ActorType, AttachmentKind, AttachmentStatus, ChannelKind } from '../../entities/enums';
import { Message, type MessageError } from '../../entities/message.entity';
import { EventType } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import { JobName } from '../../runtime/job-queue';
import { type Caller } from '../caller';
import { credentialsOf } from '../channel-account/channel-account.service';
import { BusinessRuleError, UserErrorCode } from '../errors';
import {
  channelMediaUrlPolicy,
  OutboundUrlRefusal,
  partnerWebhookUrlPolicy,
  type OutboundUrlPolicy,
} from '../outbound/outbound-url-policy';
import { openOutboundStream, type OutboundStream } from '../outbound/outbound-request';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { readableAttachment } from './attachment-visibility';
import { OpusTail } from './audio-duration';
import { normalizeSha256 } from './media-checksum';
import { KIND_LIMITS, LARGEST_MEDIA, mediaTypeOf, SNIFF_BYTES, sniffInbound } from './media-types';

/** Copies the job makes on its own before a failure is left FAILED for `attachmentRetry`. */
export const MEDIA_COPY_ATTEMPTS = 3;
/** How long one copy holds its attachment; a run that died frees it after this. */
export const MEDIA_COPY_LEASE_MS = 10 * 60 * 1000;
/** Connecting and receiving the answer's head. */
const HEAD_TIMEOUT_MS = 20_000;
/** The longest pause inside a download. */
const IDLE_TIMEOUT_MS = 30_000;
/** Waits between automatic attempts: 5 s, then 30 s. */
const BACKOFF_MS = [5_000, 30_000];

/** Why a copy failed (the attachment's `error.code`). */
export enum MediaCopyErrorCode {
  /** The provider no longer has the file: a media id past its 7 days, a 404 or 410. */
  MEDIA_NOT_FOUND = 'MEDIA_NOT_FOUND',
  /** The download link was refused (expired or not ours). */
  MEDIA_URL_EXPIRED = 'MEDIA_URL_EXPIRED',
  /** The bytes do not have the SHA-256 the provider announced. */
  CHECKSUM_MISMATCH = 'CHECKSUM_MISMATCH',
  /** Over the channel limit of the file's kind. */
  TOO_LARGE = 'TOO_LARGE',
  /** A web page or markup where a file was expected. */
  NOT_MEDIA = 'NOT_MEDIA',
  /** The URL is refused by the outbound address policy; nothing was fetched. */
  ADDRESS_NOT_ALLOWED = 'ADDRESS_NOT_ALLOWED',
  /** The provider or the network failed; an automatic or manual retry may work. */
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  /** Another answer of the provider, kept as it came (its code in `providerCode`). */
  PROVIDER_ERROR = 'PROVIDER_ERROR',
  /** The file store did not take the bytes. */
  STORAGE_UNAVAILABLE = 'STORAGE_UNAVAILABLE',
}

/** A copy that did not go through: `transient` ones are tried again by the job itself. */
class CopyFailure extends Error {
  constructor(
    readonly error: MessageError,
    readonly transient: boolean,
  ) {
    super(error.title);
  }
}

function fail(
  code: MediaCopyErrorCode,
  title: string,
  detail: string | null,
  options: { transient?: boolean; retryable?: boolean; providerCode?: string | null } = {},
): CopyFailure {
  const transient = options.transient ?? false;
  return new CopyFailure(
    {
      code,
      title,
      detail,
      providerCode: options.providerCode ?? null,
      retryable: options.retryable ?? true,
    },
    transient,
  );
}

/** The MIME type without its parameters, in the spelling of an accepted type when it is one. */
function mimeEssence(value: string | null | undefined): string | null {
  const essence = value?.split(';')[0]?.trim().toLowerCase();
  if (!essence || !/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(essence)) return null;
  return mediaTypeOf(essence)?.mimeType ?? essence;
}

const UNKNOWN_TYPE = 'application/octet-stream';

/**
 * Stores a new message's files PENDING and queues their copy, in the message's own transaction:
 * a message stored once has its files once, however often the webhook is delivered.
 */
export async function addInboundAttachments(
  uow: UnitOfWork,
  deps: AppDeps,
  message: Message,
  files: (InboundAttachment & { position?: number })[],
): Promise<Attachment[]> {
  if (files.length === 0) return [];
  const repository = uow.manager.getRepository(Attachment);
  const now = deps.clock.now();
  const rows = files.map((file, position) =>
    repository.create({
      workspaceId: message.workspaceId,
      createdAt: now,
      messageId: message.id,
      conversationId: message.conversationId,
      kind: file.kind,
      mimeType: mimeEssence(file.mimeType) ?? UNKNOWN_TYPE,
      fileName: file.fileName,
      caption: file.caption,
      status: AttachmentStatus.PENDING,
      uploaderType: ActorType.CUSTOMER,
      uploaderId: null,
      storage: deps.media.current.kind,
      voiceNote: file.voiceNote,
      position: file.position ?? position,
      source: sourceOf(file),
    }),
  );
  const saved = await repository.save(rows);
  for (const attachment of saved) {
    await uow.enqueue(JobName.MEDIA_COPY, { attachmentId: attachment.id });
  }
  return saved;
}

function sourceOf(file: InboundAttachment): AttachmentSource {
  return file.source.type === 'graph_media'
    ? {
        type: 'graph_media',
        mediaId: file.source.mediaId,
        sha256: file.sha256,
        mimeType: mimeEssence(file.mimeType),
      }
    : { type: 'url', url: file.source.url };
}

/** Where the bytes are, as the job found out: a URL to GET, with the headers it needs. */
interface DownloadPlan {
  url: string;
  headers: Record<string, string>;
  policy: OutboundUrlPolicy;
  /** The provider's checksum, when it gives one. */
  sha256: string | null;
  /** The provider's size, when it gives one (checked before the download). */
  byteSize: number | null;
  /** The provider's type, which stands unless the channel said none. */
  mimeType: string | null;
  /** URL sources name no type: markup there is an error page, not a file. */
  declared: boolean;
}

async function planDownload(
  deps: AppDeps,
  account: ChannelAccount,
  source: AttachmentSource,
): Promise<DownloadPlan> {
  const credentials = credentialsOf(deps, account);
  if (source.type === 'url') {
    // A partner's link may be anywhere public; a Meta channel's is on Meta's media hosts.
    const policy =
      account.kind === ChannelKind.API
        ? partnerWebhookUrlPolicy(deps.config)
        : channelMediaUrlPolicy(credentials.urlPolicy);
    return {
      url: source.url,
      headers: {},
      policy,
      sha256: null,
      byteSize: null,
      mimeType: null,
      declared: false,
    };
  }
  const info = await lookupWhatsAppMedia(credentials, source.mediaId);
  if (!info.ok) {
    const { error } = info;
    if (error.code === 'ADDRESS_NOT_ALLOWED') {
      throw fail(MediaCopyErrorCode.ADDRESS_NOT_ALLOWED, error.title, error.detail, { retryable: false });
    }
    // Graph error 100 (unknown object) is what an expired or unknown media id answers.
    if (error.providerCode?.split('/')[0] === '100') {
      throw fail(
        MediaCopyErrorCode.MEDIA_NOT_FOUND,
        'The media id is unknown or expired (WhatsApp keeps inbound media 7 days)',
        error.detail,
        { providerCode: error.providerCode },
      );
    }
    throw fail(
      error.retryable ? MediaCopyErrorCode.PROVIDER_UNAVAILABLE : MediaCopyErrorCode.PROVIDER_ERROR,
      `The media lookup failed: ${error.title}`,
      error.detail,
      { transient: error.retryable, providerCode: error.providerCode },
    );
  }
  return {
    url: info.url,
    headers: credentials.accessToken ? { Authorization: `Bearer ${credentials.accessToken}` } : {},
    policy: channelMediaUrlPolicy(credentials.urlPolicy),
    sha256: info.sha256 ?? normalizeSha256(source.sha256),
    byteSize: info.fileSize,
    mimeType: mimeEssence(info.mimeType) ?? mimeEssence(source.mimeType),
    declared: true,
  };
}

function limitOf(kind: AttachmentKind): number {
  return KIND_LIMITS[kind];
}

function tooLargeFailure(kind: AttachmentKind, limit: number, size: number | null): CopyFailure {
  return fail(
    MediaCopyErrorCode.TOO_LARGE,
    `The file is larger than a ${kind.toLowerCase()} may be (${limit} bytes)`,
    size === null ? 'The download was stopped at the limit.' : `The provider reports ${size} bytes.`,
    { retryable: false },
  );
}

async function openDownload(plan: DownloadPlan): Promise<OutboundStream> {
  let answer: OutboundStream;
  try {
    answer = await openOutboundStream(
      plan.url,
      { headers: plan.headers, timeoutMs: HEAD_TIMEOUT_MS, idleTimeoutMs: IDLE_TIMEOUT_MS },
      plan.policy,
    );
  } catch (cause) {
    if (cause instanceof OutboundUrlRefusal) {
      throw fail(MediaCopyErrorCode.ADDRESS_NOT_ALLOWED, 'The file URL is not allowed', cause.message, {
        retryable: false,
      });
    }
    const mapped = mapNetworkError(cause).error;
    throw fail(MediaCopyErrorCode.PROVIDER_UNAVAILABLE, mapped.title, mapped.detail, { transient: true });
  }
  const { status } = answer;
  if (status >= 200 && status < 300) return answer;
  answer.body.destroy();
  if (status === 404 || status === 410) {
    throw fail(
      MediaCopyErrorCode.MEDIA_NOT_FOUND,
      `The provider no longer has the file (HTTP ${status})`,
      null,
      {
        providerCode: String(status),
      },
    );
  }
  if (status === 401 || status === 403) {
    // A WhatsApp URL lives 5 minutes: the next attempt looks the id up again for a fresh one. A
    // link from a webhook does not come back: it fails at once.
    throw fail(
      MediaCopyErrorCode.MEDIA_URL_EXPIRED,
      `The download link was refused (HTTP ${status})`,
      plan.declared
        ? 'Links to media expire after a few minutes; a retry asks for a new one.'
        : 'The link has expired or is refused; the channel will not send it again.',
      { transient: plan.declared, retryable: plan.declared, providerCode: String(status) },
    );
  }
  if (status === 429 || status >= 500) {
    throw fail(
      MediaCopyErrorCode.PROVIDER_UNAVAILABLE,
      `The provider is unavailable (HTTP ${status})`,
      null,
      {
        transient: true,
        providerCode: String(status),
      },
    );
  }
  throw fail(
    MediaCopyErrorCode.PROVIDER_ERROR,
    status >= 300 && status < 400
      ? `The provider answered with a redirect (HTTP ${status}), which is not followed`
      : `The provider refused the download (HTTP ${status})`,
    null,
    { providerCode: String(status), retryable: false },
  );
}

interface CopiedFile {
  kind: AttachmentKind;
  mimeType: string;
  byteSize: number;
  sha256: string;
  durationSeconds: number | null;
}

/**
 * Streams the file from the provider into storage: the first 64 KiB decide the type, the rest is
 * counted (stopped at the kind's limit) and hashed on the way; the checksum is compared at the end
 * and a mismatch removes what was stored. Memory holds one piece at a time, whatever the size.
 */
async function copyBytes(deps: AppDeps, attachment: Attachment, plan: DownloadPlan): Promise<CopiedFile> {
  if (plan.byteSize !== null && plan.byteSize > limitOf(attachment.kind) && plan.declared) {
    throw tooLargeFailure(attachment.kind, limitOf(attachment.kind), plan.byteSize);
  }
  const answer = await openDownload(plan);
  const body = answer.body;
  try {
    const declaredLength = Number(answer.headers['content-length']);
    const source = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let headBytes = 0;
    let complete = false;
    while (headBytes < SNIFF_BYTES) {
      const next = await source.next();
      if (next.done) {
        complete = true;
        break;
      }
      head.push(next.value);
      headBytes += next.value.length;
    }
    const sample = Buffer.concat(head);
    if (sample.length === 0) {
      throw fail(MediaCopyErrorCode.PROVIDER_ERROR, 'The provider sent an empty file', null, {
        retryable: true,
      });
    }
    const sniffed = await sniffInbound(sample);
    if (sniffed.activeContent && !plan.declared) {
      throw fail(
        MediaCopyErrorCode.NOT_MEDIA,
        'The link leads to a web page or markup, not a file',
        'HTML, SVG and XML are never stored from a link.',
        { retryable: false },
      );
    }
    const known = mediaTypeOf(sniffed.detected ?? undefined);
    const mimeType =
      plan.mimeType ??
      known?.mimeType ??
      mimeEssence(sniffed.detected) ??
      mimeEssence(headerOf(answer, 'content-type')) ??
      UNKNOWN_TYPE;
    // A link names no kind: a story or a share is a photo or a video as its bytes say.
    const kind = !plan.declared && known ? known.kind : attachment.kind;
    const limit = plan.declared ? limitOf(kind) : known ? limitOf(kind) : LARGEST_MEDIA;
    if (Number.isSafeInteger(declaredLength) && declaredLength > limit) {
      throw tooLargeFailure(kind, limit, declaredLength);
    }
    const hash = createHash('sha256');
    const opus = mimeType === 'audio/ogg' ? new OpusTail(sample) : null;
    let size = 0;
    let overLimit = false;
    const take = (chunk: Buffer): Buffer => {
      size += chunk.length;
      if (size > limit) {
        overLimit = true;
        throw tooLargeFailure(kind, limit, null);
      }
      hash.update(chunk);
      opus?.push(chunk);
      return chunk;
    };
    async function* bytes(): AsyncGenerator<Buffer> {
      yield take(sample);
      while (!complete) {
        const next = await source.next();
        if (next.done) complete = true;
        else yield take(next.value);
      }
    }
    const store = deps.media.of(attachment.storage) ?? deps.media.current;
    const ref = { workspaceId: attachment.workspaceId, attachmentId: attachment.id };
    // What an earlier run that died half-way left behind.
    await store.delete(ref);
    try {
      await store.put(ref, bytes(), mimeType);
    } catch (error) {
      await store.delete(ref).catch(() => undefined);
      if (error instanceof CopyFailure) throw error;
      if (overLimit) throw tooLargeFailure(kind, limit, null);
      if (!complete) {
        // The provider's stream broke off (a reset, a pause past the idle limit).
        const mapped = mapNetworkError(error).error;
        throw fail(MediaCopyErrorCode.PROVIDER_UNAVAILABLE, 'The download broke off', mapped.detail, {
          transient: true,
        });
      }
      deps.logger.error('media copy: store failed', {
        attachmentId: attachment.id,
        error: error instanceof Error ? error.message : String(error),
      });
      throw fail(MediaCopyErrorCode.STORAGE_UNAVAILABLE, 'The file store did not take the file', null, {
        transient: true,
      });
    }
    const sha256 = hash.digest('hex');
    if (plan.sha256 && plan.sha256 !== sha256) {
      await store.delete(ref).catch(() => undefined);
      throw fail(
        MediaCopyErrorCode.CHECKSUM_MISMATCH,
        'The downloaded bytes do not match the checksum the provider announced',
        `Expected SHA-256 ${plan.sha256}, got ${sha256}.`,
      );
    }
    return { kind, mimeType, byteSize: size, sha256, durationSeconds: opus?.durationSeconds() ?? null };
  } finally {
    body.destroy();
  }
}

function headerOf(answer: OutboundStream, name: string): string | null {
  const value = answer.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Takes the attachment for one copy: only a PENDING one that no other run holds. */
async function claim(deps: AppDeps, workspaceId: string, attachmentId: string): Promise<Attachment | null> {
  const now = deps.clock.now();
  const result = await deps.dataSource
    .createQueryBuilder()
    .update(Attachment)
    .set({
      copyLeaseUntil: new Date(now.getTime() + MEDIA_COPY_LEASE_MS),
      copyAttempts: () => 'copy_attempts + 1',
    })
    .where('id = :attachmentId AND workspace_id = :workspaceId AND status = :pending', {
      attachmentId,
      workspaceId,
      pending: AttachmentStatus.PENDING,
    })
    .andWhere('source IS NOT NULL AND (copy_lease_until IS NULL OR copy_lease_until <= :now)', { now })
    .returning('*')
    .execute();
  if ((result.affected ?? 0) === 0) return null;
  return deps.dataSource.getRepository(Attachment).findOne({ where: { id: attachmentId } });
}

function statusEvent(uow: UnitOfWork, attachment: Attachment, conversation: Conversation | null): void {
  uow.emit({
    type: EventType.ATTACHMENT_STATUS_CHANGED,
    conversationId: attachment.conversationId,
    assigneeId: conversation?.assigneeId ?? null,
    payload: {
      conversationId: attachment.conversationId,
      messageId: attachment.messageId,
      attachmentId: attachment.id,
      status: attachment.status,
      ...(attachment.error ? { errorCode: attachment.error.code } : {}),
    },
  });
}

type SettledChanges = Pick<Attachment, 'status' | 'error'> &
  Partial<Pick<Attachment, 'kind' | 'mimeType' | 'byteSize' | 'sha256' | 'durationSeconds'>>;

/** Writes the outcome of a copy with its event; a row no longer PENDING (retention, a race) is left alone. */
async function settle(deps: AppDeps, attachment: Attachment, changes: SettledChanges): Promise<boolean> {
  return inTransaction(deps, attachment.workspaceId, async (uow) => {
    const result = await uow.manager
      .createQueryBuilder()
      .update(Attachment)
      // jsonb: typeorm's deep-partial type cannot describe the error object.
      .set({ ...changes, error: changes.error as never, copyLeaseUntil: null })
      .where('id = :id AND status = :pending', { id: attachment.id, pending: AttachmentStatus.PENDING })
      .execute();
    if ((result.affected ?? 0) === 0) return false;
    Object.assign(attachment, changes);
    const conversation = attachment.conversationId
      ? await uow.manager.findOne(Conversation, { where: { id: attachment.conversationId } })
      : null;
    statusEvent(uow, attachment, conversation);
    return true;
  });
}

/**
 * The `media-copy` job: fetches one inbound file and stores it, PENDING → READY, or FAILED with the
 * provider's error once the automatic attempts are spent (permanent errors at once). A second run
 * finds the row taken or no longer PENDING and does nothing.
 */
export async function copyInboundAttachment(
  deps: AppDeps,
  workspaceId: string,
  attachmentId: string,
): Promise<void> {
  const attachment = await claim(deps, workspaceId, attachmentId);
  if (!attachment?.source || !attachment.messageId) return;
  const message = await deps.dataSource
    .getRepository(Message)
    .findOne({ where: { id: attachment.messageId, workspaceId } });
  const account = message
    ? await deps.dataSource
        .getRepository(ChannelAccount)
        .findOne({ where: { id: message.channelAccountId, workspaceId } })
    : null;
  if (!message || !account) return;
  try {
    const plan = await planDownload(deps, account, attachment.source);
    const copied = await copyBytes(deps, attachment, plan);
    await settle(deps, attachment, { status: AttachmentStatus.READY, error: null, ...copied });
  } catch (error) {
    if (!(error instanceof CopyFailure)) {
      // Our own fault (the database, a bug): free the row and let the queue retry the job.
      await deps.dataSource.getRepository(Attachment).update({ id: attachment.id }, { copyLeaseUntil: null });
      throw error;
    }
    if (error.transient && attachment.copyAttempts < MEDIA_COPY_ATTEMPTS) {
      await deps.dataSource.getRepository(Attachment).update({ id: attachment.id }, { copyLeaseUntil: null });
      const wait = BACKOFF_MS[Math.min(attachment.copyAttempts - 1, BACKOFF_MS.length - 1)]!;
      await deps.jobs.send(
        JobName.MEDIA_COPY,
        { workspaceId, attachmentId },
        { startAfter: new Date(Date.now() + wait) },
      );
      return;
    }
    deps.logger.info('media copy failed', { attachmentId, code: error.error.code });
    await settle(deps, attachment, { status: AttachmentStatus.FAILED, error: error.error });
  }
}

/**
 * `attachmentRetry`: a FAILED file a channel brought is queued for copying again (PENDING), for
 * when the provider answers again. Anything else is ATTACHMENT_NOT_RETRYABLE.
 */
export async function retryAttachment(caller: Caller, attachmentId: string): Promise<Attachment> {
  const attachment = await readableAttachment(caller, attachmentId);
  if (attachment.status !== AttachmentStatus.FAILED || !attachment.source) {
    throw new BusinessRuleError(
      UserErrorCode.ATTACHMENT_NOT_RETRYABLE,
      attachment.source
        ? `The attachment is ${attachment.status}: only a FAILED one is copied again.`
        : 'Only a file a channel brought (a FAILED download) can be retried; upload a file again instead.',
      ['input', 'attachmentId'],
    );
  }
  return inTransaction(caller.deps, attachment.workspaceId, async (uow) => {
    const result = await uow.manager
      .createQueryBuilder()
      .update(Attachment)
      .set({ status: AttachmentStatus.PENDING, error: null, copyAttempts: 0, copyLeaseUntil: null })
      .where('id = :id AND status = :failed', { id: attachment.id, failed: AttachmentStatus.FAILED })
      .execute();
    if ((result.affected ?? 0) === 0) {
      throw new BusinessRuleError(
        UserErrorCode.ATTACHMENT_NOT_RETRYABLE,
        'The attachment is already being copied again.',
        ['input', 'attachmentId'],
      );
    }
    Object.assign(attachment, { status: AttachmentStatus.PENDING, error: null, copyAttempts: 0 });
    await uow.enqueue(JobName.MEDIA_COPY, { attachmentId: attachment.id });
    const conversation = attachment.conversationId
      ? await uow.manager.findOne(Conversation, { where: { id: attachment.conversationId } })
      : null;
    statusEvent(uow, attachment, conversation);
    return attachment;
  });
}
