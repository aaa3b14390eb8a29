import { type DataSource, type EntityManager } from 'typeorm';
import { adapterFor } from '../../channels/channel-registry';
import { type ChannelAction } from '../../channels/channel-adapter';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { type Workspace } from '../../entities/workspace.entity';
import { ChannelKind, MessageDirection, MessageType, ReadReceipts } from '../../entities/enums';
import { type AppDeps } from '../../runtime/app-deps';
import { type JobData } from '../../runtime/job-catalog';
import { JobName } from '../../runtime/job-queue';
import { type Caller } from '../caller';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { credentialsOf } from '../channel-account/channel-account.service';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { readableConversation } from './conversation-visibility';

/**
 * Moves an agent's read position of a conversation forward to `at`, or to its latest message when
 * that is later (channel times can run ahead of ours); it never moves back.
 */
export async function advanceReadPosition(
  manager: EntityManager,
  conversation: Pick<Conversation, 'id' | 'workspaceId'>,
  agentId: string,
  at: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO agent_read_position (conversation_id, agent_id, workspace_id, read_at)
     VALUES ($1, $2, $3, GREATEST($4::timestamptz,
       (SELECT max(m.sent_at) FROM message m WHERE m.conversation_id = $1)))
     ON CONFLICT (conversation_id, agent_id) DO UPDATE
       SET read_at = GREATEST(agent_read_position.read_at, EXCLUDED.read_at), updated_at = now()`,
    [conversation.id, agentId, conversation.workspaceId, at],
  );
}

/**
 * Customer messages each agent has not read, for many conversations in one statement: those after
 * the agent's read position (all of them before the agent first reads it). Reactions are not messages,
 * and satisfaction answers and comments need no reading.
 */
export async function unreadCountsOf(
  dataSource: DataSource,
  workspaceId: string,
  agentId: string,
  conversationIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = (await dataSource.query(
    `SELECT c.id, count(m.id)::int AS unread
       FROM unnest($2::uuid[]) AS c(id)
       LEFT JOIN agent_read_position r ON r.conversation_id = c.id AND r.agent_id = $3
       LEFT JOIN message m ON m.conversation_id = c.id AND m.workspace_id = $1
        AND m.direction = '${MessageDirection.INBOUND}' AND m.type <> '${MessageType.REACTION}'
        AND m.sent_at > COALESCE(r.read_at, '-infinity'::timestamptz)
        -- A survey's answer and comment rate a closed conversation; nobody has to read them.
        AND NOT COALESCE(m.payload ?| array['csatAnswer', 'csatComment'], false)
      GROUP BY c.id`,
    [workspaceId, [...conversationIds], agentId],
  )) as { id: string; unread: number }[];
  return new Map(rows.map((row) => [row.id, row.unread]));
}

/** Meta channels tell the customer's app; the API channel's partner reads it from the API. */
function hasReceipts(kind: ChannelKind): boolean {
  return kind !== ChannelKind.API;
}

/**
 * An agent answered: they have read what came before. With `readReceipts: ON_REPLY` the customer's
 * app is told so too.
 */
export async function noteAgentReply(
  uow: UnitOfWork,
  workspace: Workspace,
  conversation: Conversation,
  agentId: string,
  now: Date,
): Promise<void> {
  await advanceReadPosition(uow.manager, conversation, agentId, now);
  if (workspace.readReceipts === ReadReceipts.ON_REPLY && hasReceipts(conversation.channel)) {
    await uow.enqueue(JobName.READ_RECEIPT, { conversationId: conversation.id, read: true, typing: false });
  }
}

export interface MarkReadInput {
  conversationId: string;
  /** Also show the customer that we are typing. */
  typing?: boolean | null;
}

/**
 * The viewer has read the conversation: their read position moves to its latest message, so its
 * `unreadCount` is 0 for them (other agents keep theirs). With `readReceipts: MANUAL` the customer's
 * app is told (WhatsApp `status: read`, Messenger/Instagram `mark_seen`), with a typing indicator
 * when asked; ON_REPLY and OFF send no receipt here.
 */
export async function markConversationRead(caller: Caller, input: MarkReadInput): Promise<Conversation> {
  const { deps, viewer } = caller;
  const conversation = await readableConversation(caller, input.conversationId);
  const typing = input.typing === true;
  const read = viewer.workspace.readReceipts === ReadReceipts.MANUAL;
  if (typing) assertTypingAllowed(conversation, viewer.workspace);
  await inTransaction(deps, viewer.workspaceId, async (uow) => {
    if (viewer.principal.kind === 'agent') {
      await advanceReadPosition(uow.manager, conversation, viewer.principal.agent.id, deps.clock.now());
    }
    if (hasReceipts(conversation.channel) && (read || typing)) {
      await uow.enqueue(JobName.READ_RECEIPT, { conversationId: conversation.id, read, typing });
    }
  });
  return conversation;
}

/** Shows the customer that we are typing (WhatsApp: with a read receipt of their latest message). */
export async function showTyping(caller: Caller, conversationId: string): Promise<Conversation> {
  const { deps, viewer } = caller;
  const conversation = await readableConversation(caller, conversationId);
  assertTypingAllowed(conversation, viewer.workspace);
  if (hasReceipts(conversation.channel)) {
    await inTransaction(deps, viewer.workspaceId, (uow) =>
      uow.enqueue(JobName.READ_RECEIPT, {
        conversationId: conversation.id,
        // WhatsApp's typing indicator rides on a read receipt.
        read: conversation.channel === ChannelKind.WHATSAPP,
        typing: true,
      }),
    );
  }
  return conversation;
}

/** WhatsApp shows typing only with a read receipt, which `readReceipts: OFF` forbids. */
function assertTypingAllowed(conversation: Conversation, workspace: Workspace): void {
  if (conversation.channel === ChannelKind.WHATSAPP && workspace.readReceipts === ReadReceipts.OFF) {
    throw new BusinessRuleError(
      UserErrorCode.NOT_SUPPORTED_BY_CHANNEL,
      'WhatsApp shows typing only together with a read receipt, and this workspace sends none (readReceipts: OFF).',
      ['input', 'typing'],
    );
  }
}

/**
 * The READ_RECEIPT job: tells the channel the customer's latest message was read and/or that we
 * are typing. Re-reads the conversation and the workspace setting (a receipt queued before the
 * setting went OFF is not sent). Provider errors are logged: a receipt is not worth a retry storm.
 */
export async function sendReadReceipt(deps: AppDeps, job: JobData<JobName.READ_RECEIPT>): Promise<void> {
  const manager = deps.dataSource.manager;
  const conversation = await manager.findOne(Conversation, {
    where: { id: job.conversationId, workspaceId: job.workspaceId },
  });
  if (!conversation || !hasReceipts(conversation.channel)) return;
  const [account, customer, setting] = await Promise.all([
    manager.findOneByOrFail(ChannelAccount, { id: conversation.channelAccountId }),
    manager.findOneByOrFail(Customer, { id: conversation.customerId }),
    manager.query(`SELECT read_receipts FROM workspace WHERE id = $1`, [job.workspaceId]) as Promise<
      { read_receipts: ReadReceipts }[]
    >,
  ]);
  const read = job.read && setting[0]?.read_receipts !== ReadReceipts.OFF;
  const [last] = (await manager.query(
    `SELECT external_id FROM message
      WHERE conversation_id = $1 AND direction = '${MessageDirection.INBOUND}'
        AND type <> '${MessageType.REACTION}' AND external_id IS NOT NULL
      ORDER BY sent_at DESC, id DESC LIMIT 1`,
    [conversation.id],
  )) as { external_id: string }[];
  let action: ChannelAction | null = null;
  if (read && last) {
    action = {
      kind: 'read',
      to: customer.channelUserId,
      lastInboundExternalId: last.external_id,
      typing: job.typing,
    };
  } else if (job.typing && conversation.channel !== ChannelKind.WHATSAPP) {
    action = { kind: 'typing', to: customer.channelUserId };
  }
  if (!action) return;
  const result = await adapterFor(account.kind).act(action, credentialsOf(deps, account));
  if (!result.ok) {
    deps.logger.warn('read receipt not sent', {
      conversationId: conversation.id,
      channelAccountId: account.id,
      error: 'error' in result ? result.error : result.unsupported,
    });
  }
}
