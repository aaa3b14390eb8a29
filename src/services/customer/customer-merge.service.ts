import { In } from 'typeorm';
import { actorOf } from '../../auth/viewer';
import { AuditAction } from '../../entities/audit-entry.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { ConversationEventType, ConversationStatus } from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { EventType } from '../../realtime/event-types';
import { recordAudit } from '../audit/audit.service';
import { type Caller } from '../caller';
import { recordConversationChange, snapshotOf } from '../conversation/conversation-changes';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { ownedRow } from '../owned-row';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { emitCustomerEvent } from './customer-events';
import { lockCustomer } from './customer.service';

export interface MergeResult {
  /** The survivor as it is after the merge. */
  customer: Customer;
  /** Database id of the merged customer; it answers NOT_FOUND from now on. */
  mergedCustomerId: string;
  /** The merged customer's open conversation, closed because the survivor had one open too. */
  closedConversation: Conversation | null;
  /** How many conversations moved to the survivor. */
  movedConversations: number;
}

const DEADLOCK = '40P01';
const ATTEMPTS = 3;

/**
 * Merges `from` into `into`, two customers of one channel account (each customer is one identity
 * on one account, so customers of different accounts are refused). The rule, in one transaction:
 *
 * - every conversation of `from` (with its messages, notes, labels, AI summaries) moves to `into`;
 * - one open conversation per customer and account: when both have one open, `into`'s stays open
 *   (assignee and tray as they were) and `from`'s is closed, with a CLOSED history line naming the
 *   merge and the conversation that stays open (its outcome, if it was closing with one, is kept);
 * - tags: the union; custom fields, name and e-mail: `into`'s value wins unless it has none, then
 *   `from`'s is taken; the channel header (channel user id, phone, avatar) stays `into`'s;
 * - campaign recipients move to `into`, except where `into` is a recipient of the same campaign:
 *   a not-yet-sent one of `from` is then SKIPPED, so the person gets the campaign once;
 * - `from` stays as a tombstone that answers NOT_FOUND everywhere, and its channel identity leads
 *   new messages to `into`;
 * - events: CUSTOMER_MERGED (and the closed conversation's tray change), an audit entry, and a
 *   CUSTOMER_MERGED line in the history of every moved conversation.
 *
 * Both customers are locked for update in id order, then their open conversations, the order the
 * inbound path takes (customer, then conversation); the rare deadlock with another path is retried.
 */
export async function mergeCustomers(
  caller: Caller,
  input: { intoCustomerId: string; fromCustomerId: string },
): Promise<MergeResult> {
  if (input.intoCustomerId === input.fromCustomerId) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'A customer cannot be merged into itself.', [
      'input',
      'fromCustomerId',
    ]);
  }
  await ownedRow(caller, Customer, input.intoCustomerId);
  await ownedRow(caller, Customer, input.fromCustomerId);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTransaction(caller.deps, caller.viewer.workspaceId, (uow) => merge(uow, caller, input));
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function merge(
  uow: UnitOfWork,
  caller: Caller,
  input: { intoCustomerId: string; fromCustomerId: string },
): Promise<MergeResult> {
  const { deps, viewer } = caller;
  const { manager } = uow;
  const now = deps.clock.now();
  const locked = new Map<string, Customer>();
  for (const id of [input.intoCustomerId, input.fromCustomerId].sort()) {
    locked.set(id, await lockCustomer(uow, id));
  }
  const into = locked.get(input.intoCustomerId)!;
  const from = locked.get(input.fromCustomerId)!;
  if (into.channelAccountId !== from.channelAccountId) {
    throw new BusinessRuleError(
      UserErrorCode.MERGE_NOT_ALLOWED,
      'These customers write on different channel accounts: a customer is one identity on one account, so only customers of the same account can be merged.',
      ['input', 'fromCustomerId'],
    );
  }

  const open = await manager.find(Conversation, {
    where: {
      customerId: In([into.id, from.id]),
      channelAccountId: into.channelAccountId,
      status: ConversationStatus.OPEN,
    },
    lock: { mode: 'pessimistic_write' },
  });
  const intoOpen = open.find((conversation) => conversation.customerId === into.id) ?? null;
  const fromOpen = open.find((conversation) => conversation.customerId === from.id) ?? null;
  let closedConversation: Conversation | null = null;
  if (intoOpen && fromOpen) {
    const before = snapshotOf(fromOpen);
    fromOpen.status = ConversationStatus.CLOSED;
    fromOpen.closedAt = now;
    fromOpen.autoCloseAt = null;
    fromOpen.closeReason = `Customer merged: the conversation continues in ${intoOpen.globalId}.`;
    closedConversation = await manager.save(fromOpen);
    await recordConversationChange(
      uow,
      { clock: deps.clock, visibleDays: viewer.workspace.visibleDays },
      {
        before,
        after: closedConversation,
        actor: actorOf(viewer),
        entries: [
          {
            type: ConversationEventType.CLOSED,
            fromAgentId: before.assigneeId,
            comment: closedConversation.closeReason,
            data: {
              cause: 'CUSTOMER_MERGED',
              openConversationId: intoOpen.globalId,
              outcome: closedConversation.outcome,
            },
          },
        ],
      },
    );
  }

  const moved = (await manager.query(
    `UPDATE conversation SET customer_id = $1, version = version + 1, updated_at = now()
      WHERE customer_id = $2 RETURNING id`,
    [into.id, from.id],
  )) as [{ id: string }[], number];
  const movedIds = moved[0].map((row) => row.id);
  const { actorType, actorId } = actorOf(viewer);
  // After each conversation's latest history line, like every line (the clock may stand still).
  await manager.query(
    `INSERT INTO conversation_event (workspace_id, conversation_id, type, actor_type, actor_id, data, created_at)
     SELECT $1, c.id, 'CUSTOMER_MERGED', $2, $3, $4::jsonb,
            GREATEST($5::timestamptz,
                     (SELECT max(e.created_at) + interval '1 millisecond' FROM conversation_event e
                       WHERE e.conversation_id = c.id))
       FROM conversation c WHERE c.id = ANY($6::uuid[])`,
    [
      uow.workspaceId,
      actorType,
      actorId,
      JSON.stringify({
        fromCustomerId: toGlobalId('Customer', from.id),
        intoCustomerId: toGlobalId('Customer', into.id),
      }),
      now,
      movedIds,
    ],
  );

  await manager.query(
    `INSERT INTO customer_tag (customer_id, tag_id, workspace_id, created_at)
     SELECT $1, tag_id, workspace_id, created_at FROM customer_tag WHERE customer_id = $2
     ON CONFLICT DO NOTHING`,
    [into.id, from.id],
  );
  await manager.query('DELETE FROM customer_tag WHERE customer_id = $1', [from.id]);
  // A stored value is never empty (clearing deletes it): the survivor's row, where it has one, wins.
  const takenFields = (await manager.query(
    `INSERT INTO customer_field_value (customer_id, field_id, workspace_id, value, updated_at)
     SELECT $1, field_id, workspace_id, value, updated_at FROM customer_field_value WHERE customer_id = $2
     ON CONFLICT (customer_id, field_id) DO NOTHING
     RETURNING field_id`,
    [into.id, from.id],
  )) as { field_id: string }[];
  await manager.query('DELETE FROM customer_field_value WHERE customer_id = $1', [from.id]);

  const header: Partial<Customer> = {};
  if (into.name === null && from.name !== null) {
    header.name = from.name;
    header.nameEditedAt = from.nameEditedAt;
  }
  if (into.email === null && from.email !== null) header.email = from.email;
  if (Object.keys(header).length > 0) {
    await manager.update(Customer, { id: into.id }, header);
    Object.assign(into, header);
  }

  await manager.query(
    `UPDATE campaign_recipient r SET customer_id = $1, updated_at = now()
      WHERE r.customer_id = $2
        AND NOT EXISTS (SELECT 1 FROM campaign_recipient s WHERE s.campaign_id = r.campaign_id AND s.customer_id = $1)`,
    [into.id, from.id],
  );
  await manager.query(
    `UPDATE campaign_recipient SET stage = 'SKIPPED', error = $2::jsonb, updated_at = now()
      WHERE customer_id = $1 AND stage = 'QUEUED'`,
    [
      from.id,
      JSON.stringify({
        code: 'CUSTOMER_MERGED',
        title: 'The customer was merged into another recipient of this campaign',
        detail: toGlobalId('Customer', into.id),
        providerCode: null,
        retryable: false,
      }),
    ],
  );

  await manager.query(
    `UPDATE customer SET merged_into_id = $1, merged_at = $3, updated_at = now() WHERE id = $2`,
    [into.id, from.id, now],
  );
  // Earlier tombstones of `from` now lead to the survivor directly: one hop, always.
  await manager.query(`UPDATE customer SET merged_into_id = $1 WHERE merged_into_id = $2`, [
    into.id,
    from.id,
  ]);

  const fieldKeys = takenFields.length
    ? (
        (await manager.query('SELECT key FROM custom_field WHERE id = ANY($1::uuid[]) ORDER BY key', [
          takenFields.map((row) => row.field_id),
        ])) as { key: string }[]
      ).map((row) => row.key)
    : [];
  emitCustomerEvent(uow, EventType.CUSTOMER_MERGED, into.id, {
    fromCustomerId: from.id,
    conversations: movedIds.length,
    ...(closedConversation ? { closedConversationId: closedConversation.id } : {}),
    taken: [...Object.keys(header), ...fieldKeys.map((key) => `fields.${key}`)],
  });
  await recordAudit(uow, caller, {
    action: AuditAction.CUSTOMER_MERGED,
    targetType: 'Customer',
    targetId: into.id,
    changes: {
      mergedCustomer: { before: toGlobalId('Customer', from.id), after: null },
      conversations: { before: null, after: movedIds.length },
    },
  });
  return {
    customer: into,
    mergedCustomerId: from.id,
    closedConversation,
    movedConversations: movedIds.length,
  };
}
