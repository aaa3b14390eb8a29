import { Conversation } from '../../entities/conversation.entity';
import { type Customer } from '../../entities/customer.entity';
import { ConversationEventType, ConversationStatus, type Handler } from '../../entities/enums';
import { type HistoryEntry } from './conversation-changes';
import { isClosing } from './conversation-workflow.service';
import { WINDOW_MS } from './tray-rules';
import { type UnitOfWork } from '../unit-of-work';
import { notFound } from '../errors';

/** How a conversation the caller opens starts out; the customer window is carried over, not given. */
export interface NewConversation {
  handler: Handler;
  assigneeId: string | null;
  handedOffAt: Date | null;
  lastActivityAt: Date;
}

export interface OpenedConversation {
  /** Locked until the transaction ends. */
  conversation: Conversation;
  /** True when this call inserted it: the caller records CREATED. */
  created: boolean;
}

/**
 * A winner that committed and was closed again before we read it sends us round once more; after
 * that many rounds something else is wrong.
 */
const MAX_OPEN_ROUNDS = 3;

/**
 * The customer's open conversation on their channel account, locked; a new one when there is none.
 * Every path that writes to a customer (their own message, a template, a campaign) comes here, so
 * the one-open-per-customer index is met one way: the insert skips on conflict (waiting for a
 * racing insert to commit), and the winner's row is read and locked instead. A new conversation
 * starts in the channel account's default team. `fresh` runs only when
 * a conversation is about to be created, so its checks (an assignee that must be active) apply to
 * new conversations alone.
 */
export async function openConversation(
  uow: UnitOfWork,
  customer: Customer,
  fresh: () => NewConversation | Promise<NewConversation>,
): Promise<OpenedConversation> {
  let values: NewConversation | null = null;
  for (let round = 0; round < MAX_OPEN_ROUNDS; round += 1) {
    const open = await uow.manager.findOne(Conversation, {
      where: {
        customerId: customer.id,
        channelAccountId: customer.channelAccountId,
        status: ConversationStatus.OPEN,
      },
      lock: { mode: 'pessimistic_write' },
    });
    if (open) return { conversation: open, created: false };
    values ??= await fresh();
    await assertNotMerged(uow, customer.id);
    const lastInboundAt = await lastCustomerMessageAt(uow, customer);
    const teamId = await defaultTeamOf(uow, customer.channelAccountId);
    const inserted = await uow.manager
      .createQueryBuilder()
      .insert()
      .into(Conversation)
      .values({
        workspaceId: customer.workspaceId,
        // The application's clock, like the history's: reports measure from it.
        createdAt: uow.deps.clock.now(),
        customerId: customer.id,
        channelAccountId: customer.channelAccountId,
        channel: customer.channel,
        handler: values.handler,
        assigneeId: values.assigneeId,
        teamId,
        status: ConversationStatus.OPEN,
        lastInboundAt,
        windowExpiresAt: lastInboundAt ? new Date(lastInboundAt.getTime() + WINDOW_MS) : null,
        handedOffAt: values.handedOffAt,
        lastActivityAt: values.lastActivityAt,
        unreadCount: 0,
      })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (id) {
      return {
        conversation: await uow.manager.findOneOrFail(Conversation, { where: { id } }),
        created: true,
      };
    }
  }
  throw new Error(`No open conversation could be found or created for customer ${customer.id}`);
}

/** The channel account's rule: its new conversations belong to its default team (null: the general queue). */
async function defaultTeamOf(uow: UnitOfWork, channelAccountId: string): Promise<string | null> {
  const [row] = (await uow.manager.query('SELECT default_team_id FROM channel_account WHERE id = $1', [
    channelAccountId,
  ])) as { default_team_id: string | null }[];
  return row?.default_team_id ?? null;
}

/**
 * A conversation is never opened for a merged customer: its row is share-locked, so a merge
 * (which locks it for update) either committed before — and then this refuses — or waits.
 */
async function assertNotMerged(uow: UnitOfWork, customerId: string): Promise<void> {
  const [row] = (await uow.manager.query('SELECT merged_into_id FROM customer WHERE id = $1 FOR SHARE', [
    customerId,
  ])) as { merged_into_id: string | null }[];
  if (!row || row.merged_into_id !== null) throw notFound('Customer');
}

/**
 * The customer window belongs to the customer on the channel, not to one conversation: a new
 * conversation starts from the last message they wrote in any earlier one.
 */
async function lastCustomerMessageAt(uow: UnitOfWork, customer: Customer): Promise<Date | null> {
  const [row] = (await uow.manager.query(
    'SELECT max(last_inbound_at) AS last FROM conversation WHERE customer_id = $1 AND channel_account_id = $2',
    [customer.id, customer.channelAccountId],
  )) as { last: Date | null }[];
  return row?.last ? new Date(row.last) : null;
}

/**
 * Writing to a closing conversation (a customer message, a template, a campaign send) cancels its
 * pending close: it stays OPEN with the agents and its outcome is dropped. Returns the REOPENED
 * history line, with `cause` saying what cancelled it, or null when no close was pending.
 */
export function cancelPendingClose(
  conversation: Conversation,
  cause: Record<string, unknown>,
): HistoryEntry | null {
  if (!isClosing(conversation)) return null;
  const outcome = conversation.outcome;
  conversation.outcome = null;
  conversation.closeReason = null;
  conversation.autoCloseAt = null;
  return { type: ConversationEventType.REOPENED, data: { from: 'CLOSING', outcome, ...cause } };
}
