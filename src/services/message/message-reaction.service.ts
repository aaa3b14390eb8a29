import { type EntityManager } from 'typeorm';
import { adapterFor } from '../../channels/channel-registry';
import { type ReactionEvent } from '../../channels/channel-adapter';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message } from '../../entities/message.entity';
import { ActorType, ChannelKind, MessageType } from '../../entities/enums';
import { EventType } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import { type Caller } from '../caller';
import { credentialsOf } from '../channel-account/channel-account.service';
import { conversationOwnedRowOrNull } from '../conversation/conversation-visibility';
import { assertMayAct } from '../conversation/conversation-workflow.service';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { inTransaction, type UnitOfWork } from '../unit-of-work';

/** The business has one reaction per message on Meta's channels, whoever set it. */
const BUSINESS_REACTOR = 'business';
/** An emoji with its modifiers and joiners stays well below this. */
const MAX_EMOJI_LENGTH = 32;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

interface ReactionChange {
  account: Pick<ChannelAccount, 'id' | 'workspaceId'>;
  targetExternalId: string;
  reactorKey: string;
  emoji: string | null;
  actor: ActorType;
  agentId: string | null;
  reactedAt: Date;
  externalId: string | null;
}

/**
 * Stores one reactor's reaction (null emoji: removed) unless a later one of theirs is already
 * stored; returns whether anything changed. A reaction whose message is unknown is kept all the
 * same: `Message.reactions` finds it by provider id once the message arrives.
 */
async function storeReaction(manager: EntityManager, change: ReactionChange): Promise<boolean> {
  const rows = (await manager.query(
    `INSERT INTO message_reaction
       (workspace_id, channel_account_id, target_external_id, reactor_key, emoji, actor, agent_id,
        reacted_at, external_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (channel_account_id, target_external_id, reactor_key) DO UPDATE
       SET emoji = EXCLUDED.emoji, actor = EXCLUDED.actor, agent_id = EXCLUDED.agent_id,
           reacted_at = EXCLUDED.reacted_at, external_id = EXCLUDED.external_id, updated_at = now()
       WHERE message_reaction.reacted_at < EXCLUDED.reacted_at
          OR (message_reaction.reacted_at = EXCLUDED.reacted_at
              AND message_reaction.emoji IS DISTINCT FROM EXCLUDED.emoji)
     RETURNING id`,
    [
      change.account.workspaceId,
      change.account.id,
      change.targetExternalId,
      change.reactorKey,
      change.emoji,
      change.actor,
      change.agentId,
      change.reactedAt,
      change.externalId,
    ],
  )) as unknown[];
  return rows.length > 0;
}

/** MESSAGE_REACTION on the feeds of the message's conversation (nothing else of it changes). */
function emitReaction(
  uow: UnitOfWork,
  message: Message,
  conversation: Conversation,
  change: ReactionChange,
): void {
  uow.emit({
    type: EventType.MESSAGE_REACTION,
    conversationId: conversation.id,
    assigneeId: conversation.assigneeId,
    payload: {
      messageId: message.id,
      conversationId: conversation.id,
      emoji: change.emoji,
      actor: change.actor,
      removed: change.emoji === null,
    },
  });
}

/**
 * A customer's reaction from a channel webhook. It attaches to its message and to nothing else:
 * no unread, no window, no tray move, no campaign reply. Safe to apply again.
 */
export async function receiveReaction(
  deps: AppDeps,
  account: ChannelAccount,
  event: ReactionEvent,
): Promise<void> {
  if (!event.targetExternalId || !event.customer.channelUserId) return;
  const change: ReactionChange = {
    account,
    targetExternalId: event.targetExternalId,
    reactorKey: `customer:${event.customer.channelUserId}`,
    emoji: event.emoji,
    actor: ActorType.CUSTOMER,
    agentId: null,
    reactedAt: event.sentAt,
    externalId: event.externalId,
  };
  await inTransaction(deps, account.workspaceId, async (uow) => {
    if (!(await storeReaction(uow.manager, change))) return;
    const message = await uow.manager.findOne(Message, {
      where: {
        channelAccountId: account.id,
        externalId: event.targetExternalId,
        workspaceId: account.workspaceId,
      },
    });
    if (!message) return;
    const conversation = await uow.manager.findOneByOrFail(Conversation, { id: message.conversationId });
    emitReaction(uow, message, conversation, change);
  });
}

export interface ReactInput {
  messageId: string;
  /** Null or empty removes our reaction. */
  emoji: string | null;
}

function checkedEmoji(emoji: string | null): string | null {
  const value = emoji?.trim() ?? '';
  if (value === '') return null;
  if (value.length > MAX_EMOJI_LENGTH || !EMOJI.test(value)) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'A reaction is one emoji, e.g. 👍 (an empty emoji removes the reaction).',
      ['input', 'emoji'],
    );
  }
  return value;
}

/**
 * We react to a message of the conversation (or remove our reaction): WhatsApp sends a reaction
 * message, Instagram the `react`/`unreact` sender action; Messenger lets a page send none, which
 * is refused before any provider call. Like any free-form message it needs the customer window.
 */
export async function reactToMessage(caller: Caller, input: ReactInput): Promise<Message> {
  const { deps, viewer } = caller;
  const emoji = checkedEmoji(input.emoji);
  const message = await conversationOwnedRowOrNull(caller, Message, input.messageId);
  if (!message) throw notFound('Message');
  const manager = deps.dataSource.manager;
  const conversation = await manager.findOneByOrFail(Conversation, { id: message.conversationId });
  assertMayAct(viewer, conversation);
  if (message.type === MessageType.REACTION || !message.externalId) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      message.externalId
        ? 'A reaction cannot be reacted to.'
        : 'The message has not reached the channel yet: wait until it is SENT.',
      ['input', 'messageId'],
    );
  }
  const account = await manager.findOneByOrFail(ChannelAccount, { id: message.channelAccountId });
  if (account.kind === ChannelKind.MESSENGER) {
    throw new BusinessRuleError(
      UserErrorCode.NOT_SUPPORTED_BY_CHANNEL,
      'Messenger does not let a page react to messages: reply with a message instead.',
      ['input', 'messageId'],
    );
  }
  const now = deps.clock.now();
  if (
    account.kind !== ChannelKind.API &&
    !(conversation.windowExpiresAt && conversation.windowExpiresAt > now)
  ) {
    throw new BusinessRuleError(
      UserErrorCode.WINDOW_CLOSED,
      'The 24-hour customer window has closed: a reaction cannot be sent now, only an approved template (templateSend).',
    );
  }
  const customer = await manager.findOneByOrFail(Customer, { id: conversation.customerId });
  const result = await adapterFor(account.kind).act(
    { kind: 'react', to: customer.channelUserId, targetExternalId: message.externalId, emoji },
    credentialsOf(deps, account),
  );
  if (!result.ok) {
    if ('unsupported' in result) {
      throw new BusinessRuleError(UserErrorCode.NOT_SUPPORTED_BY_CHANNEL, result.unsupported, [
        'input',
        'messageId',
      ]);
    }
    throw new BusinessRuleError(
      result.error.code === 'WINDOW_CLOSED' ? UserErrorCode.WINDOW_CLOSED : UserErrorCode.CHANNEL_ERROR,
      result.error.detail ? `${result.error.title}: ${result.error.detail}` : result.error.title,
    );
  }
  const agentId = viewer.principal.kind === 'agent' ? viewer.principal.agent.id : null;
  const change: ReactionChange = {
    account,
    targetExternalId: message.externalId,
    reactorKey: BUSINESS_REACTOR,
    emoji,
    actor: agentId ? ActorType.AGENT : ActorType.API_KEY,
    agentId,
    reactedAt: now,
    externalId: result.externalId,
  };
  await inTransaction(deps, viewer.workspaceId, async (uow) => {
    if (await storeReaction(uow.manager, change)) emitReaction(uow, message, conversation, change);
  });
  return message;
}
