import { type ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { type Customer } from '../../entities/customer.entity';
import {
  ChannelKind,
  ConversationStatus,
  Locale,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
} from '../../entities/enums';
import { Message } from '../../entities/message.entity';
import { Workspace } from '../../entities/workspace.entity';
import { type InboundMessageEvent } from '../../channels/channel-adapter';
import { EventType } from '../../realtime/event-types';
import { interactiveContent, type InteractiveValues } from '../message/interactive-message';
import { type UnitOfWork } from '../unit-of-work';
import { queueSystemMessage } from '../message/system-message';

/** Channels whose customers can answer buttons or lists. */
const SURVEY_CHANNELS = new Set([ChannelKind.WHATSAPP, ChannelKind.MESSENGER, ChannelKind.INSTAGRAM]);
/** How long after the survey an answer still counts. */
export const CSAT_ANSWER_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The reply id of score N: what the customer's button or list choice carries back. */
export const csatReplyId = (score: number) => `csat:${score}`;
const REPLY = /^csat:([1-5])$/;
/**
 * After a score, the customer's next text within this time is its comment (they were asked for
 * one); later, or once a new conversation is open, a text is a message like any.
 */
export const CSAT_COMMENT_WINDOW_MS = 30 * 60 * 1000;
/** The longest comment kept; the whole text stays in the message. */
export const CSAT_COMMENT_MAX = 2000;

/** The thanks and the invitation to comment, sent after a score, in the workspace's language. */
export function commentPromptOf(locale: Locale): string {
  return (WORDING[locale] ?? WORDING.es).comment;
}

const FACES = ['😞', '🙁', '😐', '🙂', '😀'];
const WORDING: Record<Locale, { question: string; button: string; labels: string[]; comment: string }> = {
  es: {
    question: '¿Cómo calificarías la atención que recibiste?',
    comment: '¡Gracias! Si quieres, escríbenos en un mensaje qué podríamos mejorar.',
    button: 'Calificar',
    labels: ['Muy mala', 'Mala', 'Regular', 'Buena', 'Excelente'],
  },
  en: {
    question: 'How would you rate the help you received?',
    comment: 'Thank you! If you like, tell us in one message what we could do better.',
    button: 'Rate',
    labels: ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'],
  },
  pt: {
    question: 'Como você avalia o atendimento que recebeu?',
    comment: 'Obrigado! Se quiser, conte para nós em uma mensagem o que podemos melhorar.',
    button: 'Avaliar',
    labels: ['Muito ruim', 'Ruim', 'Regular', 'Bom', 'Excelente'],
  },
};

/**
 * The survey as interactive values: a list of five scores on WhatsApp (its reply buttons stop at
 * three), five quick replies on Messenger and Instagram. Best score first, in the workspace's language.
 */
export function surveyOf(kind: ChannelKind, locale: Locale): { body: string; values: InteractiveValues } {
  const wording = WORDING[locale] ?? WORDING.es;
  const scores = [5, 4, 3, 2, 1];
  const title = (score: number) => `${FACES[score - 1]} ${score} ${wording.labels[score - 1]}`;
  if (kind === ChannelKind.WHATSAPP) {
    return {
      body: wording.question,
      values: {
        list: {
          button: wording.button,
          sections: [{ rows: scores.map((score) => ({ id: csatReplyId(score), title: title(score) })) }],
        },
      },
    };
  }
  return {
    body: wording.question,
    values: {
      buttons: scores.map((score) => ({ id: csatReplyId(score), title: `${FACES[score - 1]} ${score}` })),
    },
  };
}

/**
 * After a close: the survey, once per conversation, when the workspace asks for it, on a channel
 * with buttons, and only while the customer window is open (outside it only templates may be sent).
 * A system message queued like any send; the closed conversation stays closed and nothing moves.
 */
export async function offerCsatSurvey(uow: UnitOfWork, conversation: Conversation, now: Date): Promise<void> {
  if (conversation.status !== ConversationStatus.CLOSED || conversation.csatSentAt) return;
  if (!SURVEY_CHANNELS.has(conversation.channel)) return;
  if (!conversation.windowExpiresAt || conversation.windowExpiresAt <= now) return;
  const workspace = await uow.manager.findOneOrFail(Workspace, { where: { id: conversation.workspaceId } });
  if (!workspace.csatEnabled) return;
  // Claimed in the row itself: a second close path in the same instant sends nothing twice.
  const claimed = await uow.manager
    .createQueryBuilder()
    .update(Conversation)
    .set({ csatSentAt: now })
    .where('id = :id AND csat_sent_at IS NULL', { id: conversation.id })
    .execute();
  if (!claimed.affected) return;
  conversation.csatSentAt = now;
  const survey = surveyOf(conversation.channel, workspace.locale);
  const interactive = interactiveContent(conversation.channel, survey.body, survey.values);
  await queueSystemMessage(
    uow,
    conversation,
    {
      type: MessageType.INTERACTIVE,
      text: interactive.body ?? survey.body,
      payload: { interactive, csatSurvey: true },
    },
    now,
  );
}

/** The score a customer's button, list or quick-reply choice gives, or null when it is no survey answer. */
export function csatScoreOf(event: Pick<InboundMessageEvent, 'payload'>): number | null {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const interactive = payload.interactive as Record<string, unknown> | undefined;
  const kind = typeof interactive?.type === 'string' ? interactive.type : '';
  const choice = (interactive?.[kind] as { id?: unknown } | undefined)?.id;
  const quick = (payload.quickReply as { payload?: unknown } | undefined)?.payload;
  const id = typeof choice === 'string' ? choice : typeof quick === 'string' ? quick : null;
  const match = id ? REPLY.exec(id) : null;
  return match ? Number(match[1]) : null;
}

/** Stores a customer's message on the closed conversation it rates, once (Meta redelivers). */
async function addToRated(
  uow: UnitOfWork,
  account: ChannelAccount,
  conversation: Conversation,
  event: InboundMessageEvent,
  marker: Record<string, unknown>,
): Promise<{ message: Message; inserted: boolean }> {
  const inserted = await uow.manager
    .createQueryBuilder()
    .insert()
    .into(Message)
    .values({
      workspaceId: account.workspaceId,
      conversationId: conversation.id,
      channelAccountId: account.id,
      direction: MessageDirection.INBOUND,
      sender: MessageSender.CUSTOMER,
      type: event.type,
      text: event.text,
      payload: { ...(event.payload ?? {}), ...marker } as never,
      externalId: event.externalId,
      replyToExternalId: event.replyToExternalId,
      status: MessageStatus.RECEIVED,
      sentAt: event.sentAt,
    })
    .orIgnore()
    .returning('id')
    .execute();
  const messageId = (inserted.raw as { id: string }[])[0]?.id;
  const message = messageId
    ? await uow.manager.findOneOrFail(Message, { where: { id: messageId } })
    : await uow.manager.findOneOrFail(Message, {
        where: {
          channelAccountId: account.id,
          externalId: event.externalId,
          workspaceId: account.workspaceId,
        },
      });
  if (messageId) {
    uow.emit({
      type: EventType.MESSAGE_ADDED,
      conversationId: conversation.id,
      assigneeId: conversation.assigneeId,
      payload: { messageId, conversationId: conversation.id },
    });
  }
  return { message, inserted: Boolean(messageId) };
}

/** A system message on the closed conversation, queued like any send. */
async function sendSystemText(
  uow: UnitOfWork,
  conversation: Conversation,
  text: string,
  marker: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await queueSystemMessage(uow, conversation, { type: MessageType.TEXT, text, payload: marker }, now);
}

/**
 * A survey answer joins the closed conversation it rates — stored there as the customer's message,
 * the score recorded once (the first answer counts), then a thanks asking for a comment — and opens
 * nothing, counts as nothing unread, moves no tray. Null when it answers no survey of the last 7
 * days: then it is a message like any.
 */
export async function receiveCsatAnswer(
  uow: UnitOfWork,
  account: ChannelAccount,
  customer: Customer,
  event: InboundMessageEvent,
  now: Date,
): Promise<{ message: Message; conversation: Conversation } | null> {
  const score = csatScoreOf(event);
  if (score === null || event.echo) return null;
  const conversation = await uow.manager
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .where('c.customer_id = :customer AND c.channel_account_id = :account', {
      customer: customer.id,
      account: account.id,
    })
    .andWhere(`c.status = 'CLOSED' AND c.csat_sent_at > :since`, {
      since: new Date(now.getTime() - CSAT_ANSWER_WINDOW_MS),
    })
    .orderBy('c.csat_sent_at', 'DESC')
    .setLock('pessimistic_write')
    .getOne();
  if (!conversation) return null;
  const { message, inserted } = await addToRated(uow, account, conversation, event, { csatAnswer: score });
  if (inserted && conversation.csatAnsweredAt === null) {
    conversation.csatScore = score;
    conversation.csatAnsweredAt = now;
    await uow.manager.update(
      Conversation,
      { id: conversation.id },
      { csatScore: score, csatAnsweredAt: now },
    );
    uow.emit({
      type: EventType.CONVERSATION_UPDATED,
      conversationId: conversation.id,
      assigneeId: conversation.assigneeId,
      payload: { conversationId: conversation.id, events: [], csatScore: score },
    });
    // The customer just wrote, so their window is open: the invitation may go out as plain text.
    const workspace = await uow.manager.findOneOrFail(Workspace, {
      where: { id: conversation.workspaceId },
      select: { id: true, locale: true },
    });
    await sendSystemText(
      uow,
      conversation,
      commentPromptOf(workspace.locale),
      { csatCommentPrompt: true },
      now,
    );
  }
  return { message, conversation };
}

/**
 * The comment: the customer's first text within 30 minutes of their score, while no newer
 * conversation of theirs is open, joins the rated conversation as its message and is stored as
 * `csat.comment` — once; it opens nothing and counts as nothing unread. Null when the text is no
 * comment: then it is a message like any (it opens or joins a conversation).
 */
export async function receiveCsatComment(
  uow: UnitOfWork,
  account: ChannelAccount,
  customer: Customer,
  event: InboundMessageEvent,
  now: Date,
): Promise<{ message: Message; conversation: Conversation } | null> {
  const text = event.text?.trim() ?? '';
  if (event.echo || event.type !== MessageType.TEXT || text === '') return null;
  const conversation = await uow.manager
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .where('c.customer_id = :customer AND c.channel_account_id = :account', {
      customer: customer.id,
      account: account.id,
    })
    .andWhere(`c.status = 'CLOSED' AND c.csat_comment IS NULL AND c.csat_answered_at > :since`, {
      since: new Date(now.getTime() - CSAT_COMMENT_WINDOW_MS),
    })
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM conversation o WHERE o.customer_id = c.customer_id
         AND o.channel_account_id = c.channel_account_id AND o.status <> 'CLOSED')`,
    )
    .orderBy('c.csat_answered_at', 'DESC')
    .setLock('pessimistic_write')
    .getOne();
  if (!conversation) return null;
  const { message, inserted } = await addToRated(uow, account, conversation, event, { csatComment: true });
  if (inserted) {
    const comment = text.slice(0, CSAT_COMMENT_MAX);
    conversation.csatComment = comment;
    conversation.csatCommentedAt = now;
    await uow.manager.update(
      Conversation,
      { id: conversation.id },
      { csatComment: comment, csatCommentedAt: now },
    );
    uow.emit({
      type: EventType.CONVERSATION_UPDATED,
      conversationId: conversation.id,
      assigneeId: conversation.assigneeId,
      payload: { conversationId: conversation.id, events: [], csatComment: true },
    });
  }
  return { message, conversation };
}
