import { createHash } from 'node:crypto';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import { Suggestion } from '../../entities/suggestion.entity';
import { IdempotencyRecord } from '../../entities/idempotency-record.entity';
import {
  ApiKeyScope,
  ChannelKind,
  ConversationEventType,
  Handler,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
} from '../../entities/enums';
import { effectiveScopes } from '../../auth/access';
import { actorOf } from '../../auth/viewer';
import { JobName } from '../../runtime/job-queue';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type HistoryEntry, snapshotOf } from '../conversation/conversation-changes';
import { attachOutboundMessage } from './outbound-message';
import { type Caller } from '../caller';
import { assertMayAct, assertOpen, lockConversation } from '../conversation/conversation-workflow.service';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { isRowId } from '../owned-row';
import { noteAgentReply } from '../conversation/read-position';
import { Attachment } from '../../entities/attachment.entity';
import { AttachmentStatus } from '../../entities/enums';
import { readableAttachment } from '../media/attachment-visibility';
import { interactiveContent, type InteractiveValues } from './interactive-message';
import { assertSendableOn, MAX_ATTACHMENTS_PER_MESSAGE, MESSAGE_TYPE_OF, planParts } from './outbound-parts';

export const MAX_TEXT_LENGTH = 4096;
/** Messenger/Instagram: a human agent may answer this long after the customer's last message. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Set in `Message.payload.tag` when a send relies on Meta's HUMAN_AGENT message tag. */
export const HUMAN_AGENT_TAG = 'HUMAN_AGENT';
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Data of the MESSAGE_SEND job (plus `workspaceId`): the QUEUED outbound message to deliver. */
export interface MessageSendJobData {
  messageId: string;
}

export interface SendMessageInput {
  conversationId: string;
  /** Optional with attachments; the body of an interactive message. */
  text?: string | null;
  /** Database ids of READY uploads (POST /media), sent in this order. */
  attachmentIds?: string[] | null;
  interactive?: InteractiveValues | null;
  /** Database id of the Suggestion the text came from. */
  suggestionId?: string | null;
  idempotencyKey?: string | null;
  /** Database id of a message of this conversation to quote (Meta's `context` / `reply_to`). */
  replyToMessageId?: string | null;
}

export interface SendMessageResult {
  message: Message;
  conversation: Conversation;
}

/** The shape rules of a send, checked before anything is read. */
export function checkSendInput(input: SendMessageInput): { text: string | null; attachmentIds: string[] } {
  const attachmentIds = input.attachmentIds ?? [];
  const rich = attachmentIds.length > 0 || input.interactive != null;
  const text = input.text != null && (input.text.trim() !== '' || !rich) ? input.text : null;
  if (text === null && !rich) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'Give a text, attachments or an interactive message.',
      ['input', 'text'],
    );
  }
  if (text !== null && text.trim() === '') {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'The message text is empty.', ['input', 'text']);
  }
  if (attachmentIds.length > 0 && input.interactive != null) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'Send attachments and interactive messages separately.',
      ['input', 'interactive'],
    );
  }
  if (attachmentIds.length > MAX_ATTACHMENTS_PER_MESSAGE) {
    throw new BusinessRuleError(
      UserErrorCode.LIMIT_EXCEEDED,
      `A message takes at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments (${attachmentIds.length} given).`,
      ['input', 'attachmentIds'],
    );
  }
  if (new Set(attachmentIds).size !== attachmentIds.length) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'An attachment is given twice.', [
      'input',
      'attachmentIds',
    ]);
  }
  if (text !== null && text.length > MAX_TEXT_LENGTH) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `The message text is longer than ${MAX_TEXT_LENGTH} characters.`,
      ['input', 'text'],
    );
  }
  return { text, attachmentIds };
}

/**
 * An agent, admin or bot answers the customer: the OUTBOUND message is stored QUEUED and the
 * MESSAGE_SEND job that delivers it is enqueued in the same transaction. Outside the customer
 * window a Meta channel refuses free text before anything is written.
 */
export async function sendMessage(caller: Caller, input: SendMessageInput): Promise<SendMessageResult> {
  const checked = checkSendInput(input);
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const conversation = await lockConversation(uow, input.conversationId);
    return sendOnLockedConversation(caller, uow, conversation, input, checked);
  });
}

/**
 * The send rule on a conversation locked in `uow` (single mutations and macros): the message is
 * stored QUEUED and its MESSAGE_SEND job enqueued in the same transaction.
 */
export async function sendOnLockedConversation(
  caller: Caller,
  uow: UnitOfWork,
  conversation: Conversation,
  input: SendMessageInput,
  checked: { text: string | null; attachmentIds: string[] } = checkSendInput(input),
): Promise<SendMessageResult> {
  const { deps, viewer } = caller;
  const { text, attachmentIds } = checked;
  const before = snapshotOf(conversation);
  const now = deps.clock.now();
  const idempotency = input.idempotencyKey ? idempotencyOf(caller, input) : null;
  if (idempotency) {
    const replay = await replayed(uow, idempotency, now);
    if (replay) return { message: replay, conversation };
  }

  assertOpen(conversation);
  const principal = viewer.principal;
  const entries: HistoryEntry[] = [];
  let sender: MessageSender;
  let senderAgentId: string | null = null;
  if (conversation.handler === Handler.BOT) {
    if (principal.kind !== 'apiKey' || !effectiveScopes(principal.apiKey.scopes).has(ApiKeyScope.BOT)) {
      throw new BusinessRuleError(
        UserErrorCode.HANDLED_BY_BOT,
        'The bot holds this conversation: hand it off with conversationHandoff before answering.',
      );
    }
    sender = MessageSender.BOT;
  } else if (principal.kind === 'agent') {
    assertMayAct(viewer, conversation);
    sender = MessageSender.AGENT;
    senderAgentId = principal.agent.id;
    if (conversation.assigneeId === null) {
      // Answering a queued conversation takes it.
      conversation.assigneeId = senderAgentId;
      conversation.handedOffAt = now;
      entries.push({
        type: ConversationEventType.TAKEN,
        toAgentId: senderAgentId,
        data: { byReply: true },
      });
    }
  } else if (effectiveScopes(principal.apiKey.scopes).has(ApiKeyScope.WRITE)) {
    sender = MessageSender.AGENT;
  } else {
    throw new BusinessRuleError(
      UserErrorCode.HANDLED_BY_AGENT,
      'The agents hold this conversation; the bot can no longer answer it.',
    );
  }

  const account = await uow.manager.findOneOrFail(ChannelAccount, {
    where: { id: conversation.channelAccountId, workspaceId: viewer.workspaceId },
  });
  const tag = windowTag(conversation, account, sender, now);
  const interactive = input.interactive ? interactiveContent(account.kind, text, input.interactive) : null;
  const attachments = await sendableAttachments(caller, uow, attachmentIds);
  assertSendableOn(account.kind, attachments);
  const plan = planParts(account.kind, attachments, text);

  let suggestion: Suggestion | null = null;
  if (input.suggestionId) {
    suggestion = await uow.manager.findOne(Suggestion, {
      where: { id: input.suggestionId, workspaceId: viewer.workspaceId, conversationId: conversation.id },
    });
    if (!suggestion) {
      throw new BusinessRuleError(
        UserErrorCode.SUGGESTION_NOT_FOUND,
        'The suggestion does not belong to this conversation.',
        ['input', 'suggestionId'],
      );
    }
  }
  const replyToExternalId = input.replyToMessageId
    ? await quotedExternalId(uow, conversation, input.replyToMessageId)
    : null;
  if (idempotency) await claimIdempotencyKey(uow, idempotency, now);

  const message = await uow.manager.save(
    uow.manager.create(Message, {
      workspaceId: viewer.workspaceId,
      conversationId: conversation.id,
      channelAccountId: conversation.channelAccountId,
      direction: MessageDirection.OUTBOUND,
      sender,
      senderAgentId,
      type: attachments[0]
        ? MESSAGE_TYPE_OF[attachments[0].kind]
        : interactive
          ? MessageType.INTERACTIVE
          : MessageType.TEXT,
      text: interactive?.body ?? text,
      payload: payloadOf(tag, interactive, attachments.length > 0 ? plan.parts : null),
      externalId: null,
      replyToExternalId,
      status: MessageStatus.QUEUED,
      sentAt: now,
      suggestionId: suggestion?.id ?? null,
    }),
  );
  for (const attachment of attachments) {
    await uow.manager.update(
      Attachment,
      { id: attachment.id },
      {
        messageId: message.id,
        conversationId: conversation.id,
        caption: attachment.id === plan.captionedId ? text : attachment.caption,
      },
    );
  }
  if (suggestion) {
    await uow.manager.update(
      Suggestion,
      { id: suggestion.id },
      { usedAt: now, usedAsIs: text === suggestion.text },
    );
  }
  // The first agent reply since the handoff moves CLASSIC NEW to ACTIVE.
  if (sender === MessageSender.AGENT && conversation.firstAgentReplyAt === null) {
    conversation.firstAgentReplyAt = now;
  }
  const saved = await attachOutboundMessage(
    uow,
    { clock: deps.clock, visibleDays: viewer.workspace.visibleDays },
    { conversation, before, actor: actorOf(viewer), entries, message },
  );
  await uow.enqueue(JobName.MESSAGE_SEND, { messageId: message.id } satisfies MessageSendJobData, {
    singletonKey: `message-send:${message.id}`,
  });
  if (senderAgentId) await noteAgentReply(uow, viewer.workspace, saved, senderAgentId, now);
  if (idempotency) {
    await uow.manager.update(
      IdempotencyRecord,
      { workspaceId: viewer.workspaceId, principalKey: idempotency.principalKey },
      { response: { messageId: message.id } },
    );
  }
  return { message, conversation: saved };
}

/** The provider id of the message a reply quotes: one of this conversation's, already on the channel. */
async function quotedExternalId(
  uow: UnitOfWork,
  conversation: Conversation,
  messageId: string,
): Promise<string> {
  const quoted = isRowId(messageId)
    ? await uow.manager.findOne(Message, {
        where: { id: messageId, conversationId: conversation.id, workspaceId: conversation.workspaceId },
      })
    : null;
  if (!quoted) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'The message to reply to is not one of this conversation’s.',
      ['input', 'replyToMessageId'],
    );
  }
  if (!quoted.externalId || quoted.type === MessageType.REACTION) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'The message to reply to has not reached the channel yet: wait until it is SENT.',
      ['input', 'replyToMessageId'],
    );
  }
  return quoted.externalId;
}

function payloadOf(
  tag: string | null,
  interactive: ReturnType<typeof interactiveContent> | null,
  parts: ReturnType<typeof planParts>['parts'],
): Record<string, unknown> | null {
  const payload: Record<string, unknown> = {};
  if (tag) payload.tag = tag;
  if (interactive) payload.interactive = interactive;
  if (parts) payload.parts = parts;
  return Object.keys(payload).length > 0 ? payload : null;
}

/**
 * The uploads to send, locked and in the given order: each must be one the caller may read (an
 * upload of theirs, or any as an admin: NOT_FOUND otherwise), READY, and not already sent.
 */
async function sendableAttachments(caller: Caller, uow: UnitOfWork, ids: string[]): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  for (const [index, id] of ids.entries()) {
    await readableAttachment(caller, id);
    const attachment = await uow.manager.findOneOrFail(Attachment, {
      where: { id, workspaceId: caller.viewer.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    const field = ['input', 'attachmentIds', String(index)];
    if (attachment.messageId !== null) {
      throw new BusinessRuleError(
        UserErrorCode.ATTACHMENT_NOT_SENDABLE,
        `${attachment.fileName ?? 'The attachment'} was already sent with another message: upload it again to send it again.`,
        field,
      );
    }
    if (attachment.status !== AttachmentStatus.READY) {
      throw new BusinessRuleError(
        UserErrorCode.ATTACHMENT_NOT_SENDABLE,
        `${attachment.fileName ?? 'The attachment'} is ${attachment.status}: only READY uploads can be sent.`,
        field,
      );
    }
    attachments.push(attachment);
  }
  return attachments;
}

/**
 * Whether free text may go out now: always on the API channel; on Meta channels inside the 24 h
 * window, or (Messenger/Instagram, human agents, when the account enables it) up to 7 days with the
 * HUMAN_AGENT tag. Returns the tag to send with, or null.
 */
function windowTag(
  conversation: Conversation,
  account: ChannelAccount,
  sender: MessageSender,
  now: Date,
): string | null {
  if (account.kind === ChannelKind.API) return null;
  if (conversation.windowExpiresAt && conversation.windowExpiresAt > now) return null;
  const tagged =
    (account.kind === ChannelKind.MESSENGER || account.kind === ChannelKind.INSTAGRAM) &&
    account.humanAgentTagEnabled &&
    sender === MessageSender.AGENT &&
    conversation.lastInboundAt !== null &&
    now.getTime() < conversation.lastInboundAt.getTime() + HUMAN_AGENT_WINDOW_MS;
  if (tagged) return HUMAN_AGENT_TAG;
  throw new BusinessRuleError(
    UserErrorCode.WINDOW_CLOSED,
    conversation.lastInboundAt
      ? 'The 24-hour customer window has closed: only an approved template can be sent now. Use templateSend.'
      : 'The customer has not written yet, so there is no customer window: only an approved template can be sent. Use templateSend.',
  );
}

interface IdempotencyClaim {
  workspaceId: string;
  principalKey: string;
  requestHash: string;
}

function idempotencyOf(caller: Caller, input: SendMessageInput): IdempotencyClaim {
  const { principal } = caller.viewer;
  const principalId = principal.kind === 'agent' ? principal.agent.id : principal.apiKey.id;
  return {
    workspaceId: caller.viewer.workspaceId,
    principalKey: `messageSend:${principalId}:${input.idempotencyKey}`,
    requestHash: createHash('sha256')
      .update(
        JSON.stringify([
          input.conversationId,
          input.text ?? null,
          input.suggestionId ?? null,
          // Appended only when given, so keys of text-only sends hash as before.
          ...(input.attachmentIds?.length ? [input.attachmentIds] : []),
          ...(input.interactive ? [input.interactive] : []),
          ...(input.replyToMessageId ? [input.replyToMessageId] : []),
        ]),
      )
      .digest('hex'),
  };
}

function reusedKey(): BusinessRuleError {
  return new BusinessRuleError(
    UserErrorCode.INVALID_INPUT,
    'This idempotency key was already used for another message: use a new key for each message.',
    ['input', 'idempotencyKey'],
  );
}

/** The message a first request with the same key and body created, if any. */
async function replayed(uow: UnitOfWork, claim: IdempotencyClaim, now: Date): Promise<Message | null> {
  const record = await uow.manager.findOne(IdempotencyRecord, {
    where: { workspaceId: claim.workspaceId, principalKey: claim.principalKey },
  });
  if (!record || record.expiresAt <= now) return null;
  if (record.requestHash !== claim.requestHash) throw reusedKey();
  const messageId = record.response?.messageId;
  return typeof messageId === 'string'
    ? uow.manager.findOne(Message, { where: { id: messageId, workspaceId: claim.workspaceId } })
    : null;
}

async function claimIdempotencyKey(uow: UnitOfWork, claim: IdempotencyClaim, now: Date): Promise<void> {
  const rows = (await uow.manager.query(
    `INSERT INTO idempotency_record (workspace_id, principal_key, request_hash, response, expires_at)
     VALUES ($1, $2, $3, NULL, $4)
     ON CONFLICT (workspace_id, principal_key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, response = NULL, expires_at = EXCLUDED.expires_at,
           created_at = $5
       WHERE idempotency_record.expires_at <= $5
     RETURNING principal_key`,
    [
      claim.workspaceId,
      claim.principalKey,
      claim.requestHash,
      new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
      now,
    ],
  )) as unknown[];
  // Taken by a concurrent request for another conversation (same-conversation requests wait on its lock).
  if (rows.length === 0) throw reusedKey();
}
