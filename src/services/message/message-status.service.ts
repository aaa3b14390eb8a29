import { In, LessThanOrEqual } from 'typeorm';
import { type StatusEvent } from '../../channels/channel-adapter';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message, type MessageError } from '../../entities/message.entity';
import { ChannelKind, MessageDirection, MessageStatus } from '../../entities/enums';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { EventType } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { lockConversation, assertMayAct } from '../conversation/conversation-workflow.service';
import { BusinessRuleError, UserErrorCode, notFound } from '../errors';
import { JobName } from '../../runtime/job-queue';
import { type Viewer } from '../../auth/viewer';
import { noteCampaignMessagesChanged } from '../campaign/campaign-tracking';
import { partsOf, type OutboundPart } from './outbound-parts';

/** Statuses only move forward; FAILED is terminal but cannot undo a READ (read proves delivery). */
const RANK: Record<MessageStatus, number> = {
  [MessageStatus.RECEIVED]: 0,
  [MessageStatus.QUEUED]: 1,
  [MessageStatus.SENT]: 2,
  [MessageStatus.DELIVERED]: 3,
  [MessageStatus.READ]: 4,
  [MessageStatus.FAILED]: 3.5,
};

export function statusMayMove(from: MessageStatus, to: MessageStatus): boolean {
  if (from === to || from === MessageStatus.FAILED) return false;
  return RANK[to] > RANK[from];
}

/** A status for a message we do not know (yet): the send may not have stored its provider id. */
export class UnknownMessageStatusError extends Error {
  constructor(externalId: string) {
    super(`No message with provider id ${externalId} yet`);
    this.name = 'UnknownMessageStatusError';
  }
}

/**
 * Moves one message to a new status, with its error on failure, and tells subscribers (a failure
 * goes to the red-triangle feed too). Callers hold the row lock.
 */
export async function changeMessageStatus(
  uow: UnitOfWork,
  message: Message,
  status: MessageStatus,
  error: MessageError | null,
  extra: Partial<Pick<Message, 'externalId'>> & { at?: Date } = {},
): Promise<boolean> {
  if (!statusMayMove(message.status, status) && !(status === message.status && extra.externalId))
    return false;
  const previous = message.status;
  message.status = status;
  if (status === MessageStatus.FAILED) message.error = error;
  if (extra.externalId) message.externalId = extra.externalId;
  // READ is reached once (statuses never move back), so the first read time stays.
  if (status === MessageStatus.READ && extra.at) message.readAt = extra.at;
  await uow.manager.update(
    Message,
    { id: message.id },
    { status, error: message.error, externalId: message.externalId, readAt: message.readAt },
  );
  const conversation = await uow.manager.findOneOrFail(Conversation, {
    where: { id: message.conversationId },
  });
  const payload = {
    messageId: message.id,
    conversationId: message.conversationId,
    status,
    previousStatus: previous,
    error: status === MessageStatus.FAILED ? error : null,
  };
  uow.emit({
    type: EventType.MESSAGE_STATUS_CHANGED,
    conversationId: conversation.id,
    assigneeId: conversation.assigneeId,
    payload,
  });
  if (status === MessageStatus.FAILED) {
    uow.emit({
      type: EventType.MESSAGE_DELIVERY_FAILED,
      conversationId: conversation.id,
      assigneeId: conversation.assigneeId,
      payload,
    });
  }
  return true;
}

/** A delivery status webhook: never downgrades, idempotent, watermarks cover every earlier message. */
export async function applyStatus(deps: AppDeps, account: ChannelAccount, event: StatusEvent): Promise<void> {
  const status = MessageStatus[event.status];
  await inTransaction(deps, account.workspaceId, async (uow) => {
    if (event.externalId) {
      const message =
        (await uow.manager.findOne(Message, {
          where: { channelAccountId: account.id, externalId: event.externalId },
          lock: { mode: 'pessimistic_write' },
        })) ?? (await messageOfPart(uow, account.id, event.externalId));
      if (!message) {
        // Meta reports statuses of our reactions too; they are not messages and have none.
        const [reaction] = (await uow.manager.query(
          `SELECT 1 FROM message_reaction WHERE channel_account_id = $1 AND external_id = $2`,
          [account.id, event.externalId],
        )) as unknown[];
        if (reaction) return;
        throw new UnknownMessageStatusError(event.externalId);
      }
      const parts = partsOf(message);
      if (parts && parts.length > 1) {
        // Its parts are still going out: this status comes back once the message is SENT.
        if (message.status === MessageStatus.QUEUED) throw new UnknownMessageStatusError(event.externalId);
        await applyPartStatus(uow, message, parts, event.externalId, status, event);
        return;
      }
      // A read implies delivered: the single move READ covers it.
      if (await changeMessageStatus(uow, message, status, event.error, { at: event.at })) {
        await noteCampaignMessagesChanged(uow, [message.id]);
      }
      return;
    }
    if (!event.watermark) return;
    const customer = await uow.manager.findOne(Customer, {
      where: { channelAccountId: account.id, channelUserId: event.recipientId },
    });
    if (!customer) return;
    const conversations = await uow.manager.find(Conversation, {
      where: { channelAccountId: account.id, customerId: customer.id },
      select: { id: true },
    });
    if (conversations.length === 0) return;
    const messages = await uow.manager.find(Message, {
      where: {
        conversationId: In(conversations.map((conversation) => conversation.id)),
        direction: MessageDirection.OUTBOUND,
        status: In([MessageStatus.SENT, MessageStatus.DELIVERED]),
        sentAt: LessThanOrEqual(event.watermark),
      },
      order: { sentAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const moved: string[] = [];
    for (const message of messages) {
      if (await changeMessageStatus(uow, message, status, null, { at: event.at })) moved.push(message.id);
    }
    await noteCampaignMessagesChanged(uow, moved);
  });
}

/** The message one of whose later parts has this provider id (the first part's is the message's own). */
async function messageOfPart(
  uow: UnitOfWork,
  accountId: string,
  externalId: string,
): Promise<Message | null> {
  const [row] = (await uow.manager.query(
    `SELECT id FROM message
      WHERE channel_account_id = $1 AND payload ? 'parts' AND payload->'parts' @> $2::jsonb`,
    [accountId, JSON.stringify([{ externalId }])],
  )) as { id: string }[];
  if (!row) return null;
  return uow.manager.findOne(Message, { where: { id: row.id }, lock: { mode: 'pessimistic_write' } });
}

/**
 * A status of one part of a message sent as several (a caption split, several files): the part
 * moves forward on its own, and the message shows the least advanced part (DELIVERED once every
 * part is, READ once every part is), or FAILED when one part failed. A failed part loses its
 * provider id, so `messageRetry` sends that part again and only it.
 */
async function applyPartStatus(
  uow: UnitOfWork,
  message: Message,
  parts: OutboundPart[],
  externalId: string,
  status: MessageStatus,
  event: StatusEvent,
): Promise<void> {
  const part = parts.find((item) => item.externalId === externalId);
  if (!part || !statusMayMove(part.status ?? MessageStatus.SENT, status)) return;
  part.status = status;
  const statuses = parts.map((item) => item.status ?? MessageStatus.SENT);
  const derived = statuses.includes(MessageStatus.FAILED)
    ? MessageStatus.FAILED
    : statuses.reduce((least, next) => (RANK[next] < RANK[least] ? next : least));
  if (status === MessageStatus.FAILED) {
    // The message shows the failure; the part is as if never sent, for messageRetry.
    delete part.externalId;
    delete part.status;
  }
  await uow.manager.query(
    `UPDATE message SET payload = jsonb_set(payload, '{parts}', $2::jsonb) WHERE id = $1`,
    [message.id, JSON.stringify(parts)],
  );
  const error = derived === MessageStatus.FAILED ? event.error : null;
  if (await changeMessageStatus(uow, message, derived, error, { at: event.at })) {
    await noteCampaignMessagesChanged(uow, [message.id]);
  }
}

/** Sends a failed message again when its error says a retry can help (the red triangle's button). */
export async function retryMessage(
  caller: { deps: AppDeps; viewer: Viewer },
  messageId: string,
): Promise<{ message: Message; conversation: Conversation }> {
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const message = await uow.manager.findOne(Message, {
      where: { id: messageId, workspaceId: viewer.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!message) throw notFound('Message');
    const conversation = await lockConversation(uow, message.conversationId);
    assertMayAct(viewer, conversation);
    if (message.direction !== MessageDirection.OUTBOUND || message.status !== MessageStatus.FAILED) {
      throw new BusinessRuleError(
        UserErrorCode.MESSAGE_NOT_RETRYABLE,
        'Only a failed outbound message can be retried.',
        ['input', 'messageId'],
      );
    }
    if (!message.error?.retryable) {
      throw new BusinessRuleError(
        UserErrorCode.MESSAGE_NOT_RETRYABLE,
        message.error?.code === 'WINDOW_CLOSED'
          ? 'The customer window is closed: send an approved template with templateSend instead.'
          : `This failure (${message.error?.code ?? 'unknown'}) will not go away by sending again.`,
        ['input', 'messageId'],
      );
    }
    message.status = MessageStatus.QUEUED;
    message.error = null;
    await uow.manager.update(Message, { id: message.id }, { status: MessageStatus.QUEUED, error: null });
    uow.emit({
      type: EventType.MESSAGE_STATUS_CHANGED,
      conversationId: conversation.id,
      assigneeId: conversation.assigneeId,
      payload: {
        messageId: message.id,
        conversationId: conversation.id,
        status: MessageStatus.QUEUED,
        previousStatus: MessageStatus.FAILED,
        error: null,
      },
    });
    await uow.enqueue(JobName.MESSAGE_SEND, { messageId: message.id, attempt: 1 });
    return { message, conversation };
  });
}

export interface PartnerStatusReport {
  messageId: string;
  status: MessageStatus;
  error?: { code?: string | null; title: string; detail?: string | null; retryable?: boolean | null } | null;
}

const REPORTABLE: ReadonlySet<MessageStatus> = new Set([
  MessageStatus.SENT,
  MessageStatus.DELIVERED,
  MessageStatus.READ,
  MessageStatus.FAILED,
]);

/**
 * A partner reports what became of one of our outbound messages on its API channel: statuses only
 * move forward (a repeat or a step back changes nothing), and FAILED reaches the red-triangle feed
 * like a Meta failure. Returns the message and whether its status moved.
 */
export async function reportPartnerStatus(
  caller: { deps: AppDeps; viewer: Viewer },
  report: PartnerStatusReport,
): Promise<{ message: Message; changed: boolean }> {
  const { deps, viewer } = caller;
  if (!REPORTABLE.has(report.status)) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'A partner reports SENT, DELIVERED, READ or FAILED.',
      ['input', 'status'],
    );
  }
  const title = report.error?.title.trim() ?? '';
  if (report.status === MessageStatus.FAILED && title === '') {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'A FAILED report needs error.title: agents see it on the red triangle.',
      ['input', 'error', 'title'],
    );
  }
  const limits: [string, string | null | undefined, number][] = [
    ['code', report.error?.code, 64],
    ['title', report.error?.title, 200],
    ['detail', report.error?.detail, 1000],
  ];
  for (const [field, value, max] of limits) {
    if ((value?.length ?? 0) > max) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `error.${field} must be at most ${max} characters.`,
        ['input', 'error', field],
      );
    }
  }
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const message = await uow.manager.findOne(Message, {
      where: { id: report.messageId, workspaceId: viewer.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!message) throw notFound('Message');
    const account = await uow.manager.findOneByOrFail(ChannelAccount, { id: message.channelAccountId });
    if (account.kind !== ChannelKind.API || message.direction !== MessageDirection.OUTBOUND) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        'Partners report the statuses of our outbound messages on their API channels only; Meta reports its own.',
        ['input', 'messageId'],
      );
    }
    const error: MessageError | null =
      report.status === MessageStatus.FAILED
        ? {
            code: report.error?.code?.trim() || 'PARTNER_FAILED',
            title,
            detail: report.error?.detail ?? null,
            providerCode: null,
            retryable: report.error?.retryable === true,
          }
        : null;
    const changed = await changeMessageStatus(uow, message, report.status, error, { at: deps.clock.now() });
    if (changed) await noteCampaignMessagesChanged(uow, [message.id]);
    return { message, changed };
  });
}
