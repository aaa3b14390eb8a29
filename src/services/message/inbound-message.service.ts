import { type EntityManager } from 'typeorm';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message } from '../../entities/message.entity';
import { Workspace } from '../../entities/workspace.entity';
import {
  ActorType,
  ConversationEventType,
  Handler,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
  ChannelKind,
} from '../../entities/enums';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { type Viewer } from '../../auth/viewer';
import { type InboundMessageEvent } from '../../channels/channel-adapter';
import { EventType } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import {
  type Actor,
  type HistoryEntry,
  recordConversationChange,
  snapshotOf,
  SYSTEM_ACTOR,
} from '../conversation/conversation-changes';
import { outOfOfficeReply } from '../business-hours/out-of-office';
import { cancelPendingClose, openConversation } from '../conversation/conversation-lifecycle';
import { endSnoozeOnReply } from '../conversation/conversation-snooze';
import { noteCampaignReply } from '../campaign/campaign-tracking';
import { WINDOW_MS } from '../conversation/tray-rules';
import { receiveCsatAnswer, receiveCsatComment } from '../csat/csat.service';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { TEXT_LIMITS } from '../text-limits';
import { normalizePhone } from '../customer/phone';
import { emitCustomerEvent } from '../customer/customer-events';
import { addInboundAttachments } from '../media/inbound-media.service';
import {
  attachUploads,
  checkInboundFiles,
  type InboundFileInput,
  type InboundUpload,
} from '../media/inbound-files';
import { AttachmentKind } from '../../entities/enums';

export interface InboundResult {
  /** The stored message (the earlier one for a duplicate); null for an unsend of an unknown message. */
  message: Message | null;
  conversation: Conversation | null;
  /** True when this delivery was already stored, or matched one of our own sends: nothing else changed. */
  duplicate: boolean;
}

/** Rolls back a transaction that found its message already stored by a concurrent delivery. */
class AlreadyStored extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The single path of a customer message from any channel (webhook job, API channel): finds or
 * creates the customer and their open conversation, stores the message once per provider id, and
 * moves the conversation (window, unread, a cancelled closing, an answered template). Echoes of our
 * own sends are recognised instead of stored twice. Safe to call again with the same event.
 */
export async function receiveInboundMessage(
  deps: AppDeps,
  channelAccount: ChannelAccount,
  event: InboundMessageEvent,
  /** A partner's uploads (POST /media) that go with the message (API channels). */
  uploads: InboundUpload[] = [],
): Promise<InboundResult> {
  const known = await findStored(deps.dataSource.manager, channelAccount, event.externalId);
  if (event.deleted) return markUnsent(deps, channelAccount, known);
  if (known) return known;
  if (event.echo) {
    const ours = await matchOwnSend(deps, channelAccount, event);
    if (ours) return ours;
  }
  try {
    return await inTransaction(deps, channelAccount.workspaceId, (uow) =>
      storeInbound(uow, deps, channelAccount, event, uploads),
    );
  } catch (error) {
    if (!(error instanceof AlreadyStored)) throw error;
    return (await findStored(deps.dataSource.manager, channelAccount, event.externalId))!;
  }
}

async function findStored(
  manager: EntityManager,
  channelAccount: ChannelAccount,
  externalId: string,
): Promise<InboundResult | null> {
  const message = await manager.findOne(Message, {
    where: { channelAccountId: channelAccount.id, externalId, workspaceId: channelAccount.workspaceId },
  });
  if (!message) return null;
  const conversation = await manager.findOne(Conversation, { where: { id: message.conversationId } });
  return { message, conversation, duplicate: true };
}

async function storeInbound(
  uow: UnitOfWork,
  deps: AppDeps,
  account: ChannelAccount,
  event: InboundMessageEvent,
  uploads: InboundUpload[],
): Promise<InboundResult> {
  const manager = uow.manager;
  const workspace = await manager.findOneOrFail(Workspace, { where: { id: account.workspaceId } });
  const customer = await upsertCustomer(uow, account, event);
  const customerActor: Actor = { actorType: ActorType.CUSTOMER, actorId: customer.id };
  const now = deps.clock.now();
  // A satisfaction score joins the closed conversation it rates and opens nothing.
  const rating =
    (await receiveCsatAnswer(uow, account, customer, event, now)) ??
    (await receiveCsatComment(uow, account, customer, event, now));
  if (rating) return { ...rating, duplicate: false };

  const { conversation, created } = await openConversation(uow, customer, () => {
    const toBot = workspace.botEnabled;
    // Without a bot the conversation waits in the queue, NEW for every agent.
    return {
      handler: toBot ? Handler.BOT : Handler.AGENT,
      assigneeId: null,
      handedOffAt: toBot ? null : now,
      lastActivityAt: event.sentAt,
    };
  });
  const before = created ? null : snapshotOf(conversation);
  const entries: HistoryEntry[] = created ? [{ type: ConversationEventType.CREATED }] : [];

  const inbound = !event.echo;
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Message)
    .values({
      workspaceId: account.workspaceId,
      conversationId: conversation.id,
      channelAccountId: account.id,
      direction: inbound ? MessageDirection.INBOUND : MessageDirection.OUTBOUND,
      sender: inbound
        ? MessageSender.CUSTOMER
        : conversation.handler === Handler.BOT
          ? MessageSender.BOT
          : MessageSender.AGENT,
      type: event.type,
      text: event.text,
      // jsonb: typeorm's deep-partial type cannot describe an open record.
      payload: event.payload as never,
      externalId: event.externalId,
      replyToExternalId: event.replyToExternalId,
      status: event.error ? MessageStatus.FAILED : inbound ? MessageStatus.RECEIVED : MessageStatus.SENT,
      error: event.error,
      sentAt: event.sentAt,
    })
    .orIgnore()
    .returning('id')
    .execute();
  const messageId = (inserted.raw as { id: string }[])[0]?.id;
  if (!messageId) throw new AlreadyStored();
  const message = await manager.findOneOrFail(Message, { where: { id: messageId } });
  await addInboundAttachments(uow, deps, message, event.attachments ?? []);
  await attachUploads(uow, message, uploads);

  const newest = await isNewest(manager, conversation, message);
  if (inbound) {
    if (!conversation.lastInboundAt || message.sentAt > conversation.lastInboundAt) {
      conversation.lastInboundAt = message.sentAt;
      conversation.windowExpiresAt = new Date(message.sentAt.getTime() + WINDOW_MS);
    }
    conversation.unreadCount += 1;
    // The customer waits from their first message after our last reply (a reply clears it).
    if (conversation.waitingSince === null || message.sentAt < conversation.waitingSince) {
      conversation.waitingSince = message.sentAt;
    }
    const unsnoozed = endSnoozeOnReply(conversation, now);
    if (unsnoozed) entries.push(unsnoozed);
    // The customer answered the template (a stale delivery from before it does not count).
    if (conversation.outgoingSince && message.sentAt >= conversation.outgoingSince) {
      conversation.outgoingSince = null;
    }
    // Campaign recipients of this conversation answered: REPLIED.
    await noteCampaignReply(uow, conversation.id, message.sentAt);
    const reopened = cancelPendingClose(conversation, { byCustomerMessage: true });
    if (reopened) entries.push(reopened);
  }
  if (message.sentAt > conversation.lastActivityAt) conversation.lastActivityAt = message.sentAt;
  if (newest) conversation.lastMessageId = message.id;
  // Written while closed: the out-of-office reply, once per closed period (a system line).
  const outOfOffice =
    inbound && !event.error ? await outOfOfficeReply(uow, workspace, conversation, now) : null;
  if (outOfOffice) entries.push({ ...outOfOffice.entry, actor: SYSTEM_ACTOR });
  const saved = await manager.save(conversation);

  await recordConversationChange(
    uow,
    { clock: deps.clock, visibleDays: workspace.visibleDays },
    {
      before,
      after: saved,
      actor: customerActor,
      entries,
      messages: outOfOffice ? [message, outOfOffice.message] : [message],
    },
  );
  if (message.status === MessageStatus.FAILED) {
    uow.emit({
      type: EventType.MESSAGE_DELIVERY_FAILED,
      conversationId: saved.id,
      assigneeId: saved.assigneeId,
      payload: { messageId: message.id, conversationId: saved.id },
    });
  }
  return { message, conversation: saved, duplicate: false };
}

/** Merges chain through at most this many survivors (each merge re-points older tombstones). */
const MAX_MERGE_HOPS = 3;

/**
 * The customer by channel user id, created on first contact; header fields follow the channel (the
 * name only until someone sets it through the API). The row is share-locked: a merge of this
 * customer waits for this message, or went first, and then the identity leads to the survivor.
 */
async function upsertCustomer(
  uow: UnitOfWork,
  account: ChannelAccount,
  event: InboundMessageEvent,
): Promise<Customer> {
  const manager = uow.manager;
  const { channelUserId, name } = event.customer;
  // A number the channel spells oddly is kept out rather than stored in a second spelling.
  const phone = normalizePhone(event.customer.phone);
  await manager
    .createQueryBuilder()
    .insert()
    .into(Customer)
    .values({
      workspaceId: account.workspaceId,
      channelAccountId: account.id,
      channel: account.kind,
      channelUserId,
      name: name ?? null,
      phone,
    })
    .orIgnore()
    .execute();
  let customer = await manager.findOneOrFail(Customer, {
    where: { channelAccountId: account.id, channelUserId },
    withDeleted: true,
    lock: { mode: 'pessimistic_read' },
  });
  const own = customer.mergedIntoId === null;
  for (let hop = 0; customer.mergedIntoId !== null; hop += 1) {
    if (hop >= MAX_MERGE_HOPS) throw new Error(`Customer ${customer.id} merges through too many survivors`);
    customer = await manager.findOneOrFail(Customer, {
      where: { id: customer.mergedIntoId },
      withDeleted: true,
      lock: { mode: 'pessimistic_read' },
    });
  }
  const changes: Partial<Customer> = {};
  if (!event.echo && name && name !== customer.name && customer.nameEditedAt === null) changes.name = name;
  // The survivor keeps its own number; the merged identity's number is that identity's.
  if (own && !event.echo && phone && phone !== customer.phone) changes.phone = phone;
  if (Object.keys(changes).length > 0) {
    await manager.update(Customer, { id: customer.id }, changes);
    Object.assign(customer, changes);
    emitCustomerEvent(uow, EventType.CUSTOMER_UPDATED, customer.id, { changed: Object.keys(changes) });
  }
  return customer;
}

/** Whether the message is the conversation's latest by channel time (deliveries come out of order). */
async function isNewest(
  manager: EntityManager,
  conversation: Conversation,
  message: Message,
): Promise<boolean> {
  if (!conversation.lastMessageId) return true;
  const [last] = (await manager.query(`SELECT sent_at FROM message WHERE id = $1`, [
    conversation.lastMessageId,
  ])) as { sent_at: Date }[];
  return !last || new Date(last.sent_at) <= message.sentAt;
}

/**
 * An echo of a send of ours whose provider id we do not know yet (the echo can beat the send
 * response): our sends carry the message id as metadata, so the echo names the message.
 */
async function matchOwnSend(
  deps: AppDeps,
  account: ChannelAccount,
  event: InboundMessageEvent,
): Promise<InboundResult | null> {
  const metadata = event.payload?.metadata;
  if (typeof metadata !== 'string' || !UUID.test(metadata)) return null;
  const manager = deps.dataSource.manager;
  const message = await manager.findOne(Message, {
    where: { id: metadata, channelAccountId: account.id, direction: MessageDirection.OUTBOUND },
  });
  if (!message) return null;
  if (message.externalId === null) {
    await manager
      .createQueryBuilder()
      .update(Message)
      .set({ externalId: event.externalId })
      .where('id = :id AND external_id IS NULL', { id: message.id })
      .execute();
    message.externalId = event.externalId;
  }
  const conversation = await manager.findOne(Conversation, { where: { id: message.conversationId } });
  return { message, conversation, duplicate: true };
}

/** Instagram unsend: the message stays in the history, marked deleted; an unknown one is ignored. */
async function markUnsent(
  deps: AppDeps,
  account: ChannelAccount,
  known: InboundResult | null,
): Promise<InboundResult> {
  if (!known?.message) return { message: null, conversation: null, duplicate: true };
  const message = known.message;
  if (message.payload?.deleted === true) return known;
  return inTransaction(deps, account.workspaceId, async (uow) => {
    message.payload = { ...message.payload, deleted: true };
    await uow.manager.update(Message, { id: message.id }, { payload: message.payload as never });
    uow.emit({
      type: EventType.CONVERSATION_UPDATED,
      conversationId: message.conversationId,
      assigneeId: known.conversation?.assigneeId ?? null,
      payload: { conversationId: message.conversationId, messageId: message.id, deleted: true, events: [] },
    });
    return { ...known, message, duplicate: false };
  });
}

export interface ApiChannelMessageInput {
  /** Database id of the channel account. */
  channelAccountId: string;
  customerChannelUserId: string;
  customerName?: string | null;
  customerPhone?: string | null;
  externalId: string;
  /** Optional when attachments or an interactive reply are given. */
  text?: string | null;
  sentAt?: Date | null;
  /** Files: uploads (POST /media) by database id, or URLs copied by the media-copy job. */
  attachments?: InboundFileInput[] | null;
  /** Provider id on the channel of the message this one quotes (ours are `api_…`). */
  replyTo?: string | null;
  /** The customer tapped one of our reply buttons or list rows: the id we chose and its title. */
  interactiveReply?: {
    kind: 'BUTTON' | 'LIST';
    id: string;
    title: string;
    description?: string | null;
  } | null;
}

const MESSAGE_TYPE_OF_KIND: Record<AttachmentKind, MessageType> = {
  [AttachmentKind.IMAGE]: MessageType.IMAGE,
  [AttachmentKind.AUDIO]: MessageType.AUDIO,
  [AttachmentKind.VIDEO]: MessageType.VIDEO,
  [AttachmentKind.DOCUMENT]: MessageType.DOCUMENT,
  [AttachmentKind.STICKER]: MessageType.STICKER,
};

const MAX_INBOUND_TEXT = 4096;
/** Meta's limits for what a reply carries back: a button or row id, a row title and description. */
const INTERACTIVE_LIMITS = { id: 256, title: 24, description: 72 };

function checkInteractiveReply(reply: NonNullable<ApiChannelMessageInput['interactiveReply']>): void {
  const checks: [string, string | null | undefined, number, boolean][] = [
    ['id', reply.id, INTERACTIVE_LIMITS.id, true],
    ['title', reply.title, INTERACTIVE_LIMITS.title, true],
    ['description', reply.description, INTERACTIVE_LIMITS.description, false],
  ];
  for (const [field, value, max, required] of checks) {
    if (required && (value ?? '').trim() === '') {
      throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, `interactiveReply.${field} cannot be empty.`, [
        'input',
        'interactiveReply',
        field,
      ]);
    }
    if ((value?.length ?? 0) > max) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `interactiveReply.${field} must be at most ${max} characters.`,
        ['input', 'interactiveReply', field],
      );
    }
  }
}

/** A partner pushes a customer message on one of the workspace's API channel accounts. */
export async function receiveApiChannelMessage(
  caller: { deps: AppDeps; viewer: Viewer },
  input: ApiChannelMessageInput,
): Promise<InboundResult> {
  const { deps, viewer } = caller;
  const account = await deps.dataSource.manager.findOne(ChannelAccount, {
    where: { id: input.channelAccountId, workspaceId: viewer.workspaceId },
  });
  if (!account) throw notFound('ChannelAccount');
  if (account.kind !== ChannelKind.API) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `${account.name} is a ${account.kind} account: its customer messages arrive by webhook. Use an API channel account.`,
      ['input', 'channelAccountId'],
    );
  }
  const reply = input.interactiveReply ?? null;
  if (reply) checkInteractiveReply(reply);
  const files = input.attachments ?? [];
  const text = input.text ?? null;
  if ((text === null || text.trim() === '') && files.length === 0 && !reply) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'Give the message a text, attachments, an interactive reply, or several.',
      ['input', 'text'],
    );
  }
  const required: [keyof ApiChannelMessageInput, string][] = [
    ['customerChannelUserId', input.customerChannelUserId],
    ['externalId', input.externalId],
  ];
  for (const [field, value] of required) {
    if (value.trim() === '') {
      throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, `${field} cannot be empty.`, ['input', field]);
    }
  }
  const bounded: [keyof ApiChannelMessageInput, string | null | undefined, number][] = [
    ['customerChannelUserId', input.customerChannelUserId, TEXT_LIMITS.externalId],
    ['externalId', input.externalId, TEXT_LIMITS.externalId],
    ['customerName', input.customerName, TEXT_LIMITS.customerName],
    ['customerPhone', input.customerPhone, TEXT_LIMITS.phone],
    ['replyTo', input.replyTo, TEXT_LIMITS.externalId],
  ];
  for (const [field, value, max] of bounded) {
    if ((value?.length ?? 0) > max) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `${field} must be at most ${max} characters.`,
        ['input', field],
      );
    }
  }
  const phone = input.customerPhone == null ? null : normalizePhone(input.customerPhone);
  if (input.customerPhone != null && input.customerPhone.trim() !== '' && phone === null) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `"${input.customerPhone}" is not an international phone number: write it with its country code, e.g. +34600123456.`,
      ['input', 'customerPhone'],
    );
  }
  if ((text?.length ?? 0) > MAX_INBOUND_TEXT) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `The text is longer than ${MAX_INBOUND_TEXT} characters.`,
      ['input', 'text'],
    );
  }
  const checked = await checkInboundFiles(caller, files);
  // The message is of the kind of its first file, as a channel's media message is.
  const firstKind = [...checked.links, ...checked.uploads].find((file) => file.position === 0)?.kind ?? null;
  return receiveInboundMessage(
    deps,
    account,
    {
      kind: 'message',
      accountExternalId: account.externalId,
      externalId: input.externalId,
      customer: {
        channelUserId: input.customerChannelUserId,
        name: input.customerName ?? null,
        phone,
      },
      sentAt: input.sentAt ?? deps.clock.now(),
      type: reply ? MessageType.INTERACTIVE : firstKind ? MESSAGE_TYPE_OF_KIND[firstKind] : MessageType.TEXT,
      text: text?.trim()
        ? text
        : reply
          ? reply.description
            ? `${reply.title} — ${reply.description}`
            : reply.title
          : null,
      // The shape WhatsApp replies arrive in, so every channel's replies read alike.
      payload: reply ? interactivePayload(reply) : null,
      replyToExternalId: input.replyTo?.trim() ? input.replyTo.trim() : null,
      echo: false,
      error: null,
      attachments: checked.links,
    },
    checked.uploads,
  );
}

function interactivePayload(
  reply: NonNullable<ApiChannelMessageInput['interactiveReply']>,
): Record<string, unknown> {
  const type = reply.kind === 'LIST' ? 'list_reply' : 'button_reply';
  return {
    interactive: {
      type,
      [type]: {
        id: reply.id,
        title: reply.title,
        ...(reply.description ? { description: reply.description } : {}),
      },
    },
  };
}
