// The recipients of a campaign: who is sent to in a tick, their conversation and message, and how
// each provider answer settles them. The pacing and scheduling of ticks live in campaign-tick.
import { In } from 'typeorm';
import { type OutboundMessage, type SendResult } from '../../channels/channel-adapter';
import { type Campaign } from '../../entities/campaign.entity';
import { CampaignRecipient, RecipientStage } from '../../entities/campaign-recipient.entity';
import { Customer } from '../../entities/customer.entity';
import { Message, type MessageError } from '../../entities/message.entity';
import { type Template } from '../../entities/template.entity';
import { Workspace } from '../../entities/workspace.entity';
import {
  ConversationEventType,
  Handler,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
} from '../../entities/enums';
import { BusinessRuleError } from '../errors';
import { type AppDeps } from '../../runtime/app-deps';
import { parametersFor } from './campaign.service';
import { type HistoryEntry, SYSTEM_ACTOR, snapshotOf } from '../conversation/conversation-changes';
import { cancelPendingClose, openConversation } from '../conversation/conversation-lifecycle';
import { attachOutboundMessage } from '../message/outbound-message';
import { outboundOf, settleSend } from '../message/outbound-dispatch';
import { changeMessageStatus } from '../message/message-status.service';
import { renderTemplate } from '../template/template.service';
import { inTransaction, type UnitOfWork } from '../unit-of-work';

/** Rounds of claiming per tick when opted-out or unsendable recipients thin a batch out. */
const MAX_CLAIM_ROUNDS = 5;

/** The failure of a recipient whose tick died during the provider call. */
export const UNCONFIRMED_ERROR: MessageError = {
  code: 'SEND_UNCONFIRMED',
  title: 'The send was interrupted; the provider may have received it',
  detail:
    'The worker stopped during the provider call. It is not sent again automatically, so the customer never gets it twice; retry only if the customer did not receive it.',
  providerCode: null,
  retryable: true,
};

/** A claimed recipient and the provider request that sends it. */
export interface SendItem {
  recipientId: string;
  outbound: OutboundMessage;
}

/**
 * Recipients left SENDING belong to a tick that died during its provider call (this tick holds the
 * campaign lock, so no live tick owns them). Whether the provider took the message is unknown:
 * they are never sent again, and their message fails with SEND_UNCONFIRMED for an agent to judge.
 */
export async function resolveInterrupted(deps: AppDeps, campaign: Campaign): Promise<void> {
  await inTransaction(deps, campaign.workspaceId, async (uow) => {
    const [rows] = (await uow.manager.query(
      `UPDATE campaign_recipient SET stage = 'DISPATCHED', updated_at = now()
        WHERE campaign_id = $1 AND stage = 'SENDING' RETURNING message_id`,
      [campaign.id],
    )) as [{ message_id: string | null }[], number];
    const ids = rows.map((row) => row.message_id).filter((id) => id !== null);
    if (ids.length === 0) return;
    const messages = await uow.manager.find(Message, {
      where: { id: In(ids) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const message of messages) {
      await changeMessageStatus(uow, message, MessageStatus.FAILED, UNCONFIRMED_ERROR);
    }
  });
}

export interface Batch {
  items: SendItem[];
  skipped: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  customer_id: string;
  stage: RecipientStage;
  message_id: string | null;
}

/**
 * Claims up to `limit` recipients to send in this tick, in one transaction: those READY from an
 * earlier tick first, then QUEUED ones, each of which is skipped (opted out), failed (a value
 * missing) or given its conversation and its QUEUED template message and made READY.
 */
export async function claimRecipients(
  deps: AppDeps,
  campaign: Campaign,
  template: Template,
  limit: number,
): Promise<Batch> {
  return inTransaction(deps, campaign.workspaceId, async (uow) => {
    const batch: Batch = { items: [], skipped: 0, failed: 0 };
    const workspace = await uow.manager.findOneByOrFail(Workspace, { id: campaign.workspaceId });
    for (let round = 0; round < MAX_CLAIM_ROUNDS && batch.items.length < limit; round += 1) {
      const rows = (await uow.manager.query(
        `SELECT id, customer_id, stage, message_id FROM campaign_recipient
          WHERE campaign_id = $1 AND stage IN ('QUEUED', 'READY')
          ORDER BY (stage = 'READY') DESC, id
          LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [campaign.id, limit - batch.items.length],
      )) as ClaimedRow[];
      if (rows.length === 0) break;
      const customers = new Map(
        // A recipient prepared before its customer was merged still goes to the identity it was prepared for.
        (
          await uow.manager.find(Customer, {
            where: { id: In(rows.map((row) => row.customer_id)) },
            withDeleted: true,
          })
        ).map((customer) => [customer.id, customer]),
      );
      const ready = rows.filter((row) => row.stage === RecipientStage.READY);
      if (ready.length > 0) {
        const messages = await uow.manager.find(Message, {
          where: { id: In(ready.map((row) => row.message_id!)) },
        });
        for (const message of messages) {
          const row = ready.find((item) => item.message_id === message.id)!;
          batch.items.push({
            recipientId: row.id,
            outbound: outboundOf(message, customers.get(row.customer_id)!),
          });
        }
      }
      const queued = rows.filter((row) => row.stage === RecipientStage.QUEUED);
      if (queued.length === 0) continue;
      const facts = await customerFacts(
        uow,
        campaign,
        queued.map((row) => row.customer_id),
      );
      for (const row of queued) {
        const customer = customers.get(row.customer_id)!;
        const optedOut = facts.optedOut(customer.id);
        if (optedOut) {
          batch.skipped += 1;
          await setStage(uow, row.id, RecipientStage.SKIPPED, {
            code: 'OPTED_OUT',
            title: 'The customer opted out',
            detail: optedOut,
            providerCode: null,
            retryable: false,
          });
          continue;
        }
        const valueOf = (field: string) => facts.valueOf(customer, field);
        const missing = campaign.variables.filter(
          (variable) => variable.field && !valueOf(variable.field)?.trim(),
        );
        let rendered: ReturnType<typeof renderTemplate> | null = null;
        let problem: string | null =
          missing.length > 0
            ? `No value for ${missing.map((variable) => `\`${variable.field}\` ({{${variable.placeholder}}})`).join(', ')}.`
            : null;
        if (!problem) {
          try {
            rendered = renderTemplate(template, parametersFor(template, campaign, valueOf));
          } catch (error) {
            if (!(error instanceof BusinessRuleError)) throw error;
            problem = error.message;
          }
        }
        if (!rendered || problem) {
          batch.failed += 1;
          await setStage(uow, row.id, RecipientStage.FAILED, {
            code: 'MISSING_VARIABLE',
            title: 'A template placeholder has no value for this customer',
            detail: problem,
            providerCode: null,
            retryable: false,
          });
          continue;
        }
        const message = await writeCampaignMessage(
          uow,
          deps,
          workspace,
          campaign,
          template,
          customer,
          rendered,
        );
        await uow.manager.update(
          CampaignRecipient,
          { id: row.id },
          { stage: RecipientStage.READY, messageId: message.id, conversationId: message.conversationId },
        );
        batch.items.push({ recipientId: row.id, outbound: outboundOf(message, customer) });
      }
    }
    return batch;
  });
}

async function setStage(
  uow: UnitOfWork,
  recipientId: string,
  stage: RecipientStage,
  error: MessageError | null,
): Promise<void> {
  await uow.manager.update(CampaignRecipient, { id: recipientId }, { stage, error });
}

/** Opt-outs and field values of a batch of customers, read in a few queries. */
async function customerFacts(uow: UnitOfWork, campaign: Campaign, customerIds: string[]) {
  const tagged = new Set<string>();
  if (campaign.optOutTagId) {
    const rows = (await uow.manager.query(
      'SELECT customer_id FROM customer_tag WHERE tag_id = $1 AND customer_id = ANY($2::uuid[])',
      [campaign.optOutTagId, customerIds],
    )) as { customer_id: string }[];
    for (const row of rows) tagged.add(row.customer_id);
  }
  const keys = new Set(campaign.variables.map((variable) => variable.field).filter((key) => key !== null));
  if (campaign.optOutFieldKey) keys.add(campaign.optOutFieldKey);
  const values = new Map<string, unknown>();
  if (keys.size > 0) {
    const rows = (await uow.manager.query(
      `SELECT v.customer_id, f.key, v.value FROM customer_field_value v JOIN custom_field f ON f.id = v.field_id
        WHERE f.workspace_id = $1 AND f.key = ANY($2::text[]) AND v.customer_id = ANY($3::uuid[])`,
      [campaign.workspaceId, [...keys], customerIds],
    )) as { customer_id: string; key: string; value: unknown }[];
    for (const row of rows) values.set(`${row.customer_id}:${row.key}`, row.value);
  }
  return {
    optedOut(customerId: string): string | null {
      if (tagged.has(customerId)) return 'The customer has the campaign opt-out tag.';
      if (campaign.optOutFieldKey && values.get(`${customerId}:${campaign.optOutFieldKey}`) === true) {
        return `The customer field \`${campaign.optOutFieldKey}\` is true.`;
      }
      return null;
    },
    valueOf(customer: Customer, field: string): string | null {
      if (field === 'name') return customer.name;
      if (field === 'phone') return customer.phone;
      const value = values.get(`${customer.id}:${field}`);
      return value === undefined || value === null ? null : String(value);
    },
  };
}

/**
 * The recipient's conversation and its QUEUED template message, by the rules of a template send:
 * the conversation moves to OUTGOING until the customer answers; a customer without an open
 * conversation gets one assigned to the campaign's agent (or the queue), and a bot-held one is
 * handed to them, so the reply lands where the campaign says.
 */
async function writeCampaignMessage(
  uow: UnitOfWork,
  deps: AppDeps,
  workspace: Workspace,
  campaign: Campaign,
  template: Template,
  customer: Customer,
  rendered: ReturnType<typeof renderTemplate>,
): Promise<Message> {
  const manager = uow.manager;
  const now = deps.clock.now();
  const entries: HistoryEntry[] = [];
  const byCampaign = { byCampaign: campaign.id };
  const { conversation, created } = await openConversation(uow, customer, () => ({
    handler: Handler.AGENT,
    assigneeId: campaign.assigneeId,
    handedOffAt: now,
    lastActivityAt: now,
  }));
  const before = created ? null : snapshotOf(conversation);
  if (created) {
    entries.push({
      type: ConversationEventType.CREATED,
      toAgentId: conversation.assigneeId,
      data: byCampaign,
    });
  } else {
    const reopened = cancelPendingClose(conversation, byCampaign);
    if (reopened) entries.push(reopened);
    if (conversation.handler === Handler.BOT) {
      conversation.handler = Handler.AGENT;
      conversation.assigneeId = campaign.assigneeId;
      conversation.handedOffAt = now;
      entries.push({ type: ConversationEventType.HANDOFF, toAgentId: campaign.assigneeId, data: byCampaign });
    } else if (conversation.assigneeId === null && campaign.assigneeId) {
      conversation.assigneeId = campaign.assigneeId;
      conversation.handedOffAt = now;
      entries.push({
        type: ConversationEventType.ASSIGNED,
        toAgentId: campaign.assigneeId,
        data: byCampaign,
      });
    }
  }

  const message = await manager.save(
    manager.create(Message, {
      workspaceId: campaign.workspaceId,
      conversationId: conversation.id,
      channelAccountId: campaign.channelAccountId,
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.SYSTEM,
      senderAgentId: null,
      type: MessageType.TEMPLATE,
      text: rendered.text,
      payload: {
        template: { name: template.name, language: template.language, components: rendered.components },
        // The header file went to WhatsApp once for the whole campaign: every message sends its id.
        ...(rendered.headerUpload
          ? { templateMedia: { ...rendered.headerUpload, providerId: campaign.headerMedia?.providerId } }
          : {}),
        campaignId: campaign.id,
      },
      status: MessageStatus.QUEUED,
      sentAt: now,
      templateId: template.id,
    }),
  );
  // Not an agent reply: after the customer answers, the conversation is NEW for its agent or the queue.
  conversation.outgoingSince = now;
  await attachOutboundMessage(
    uow,
    { clock: deps.clock, visibleDays: workspace.visibleDays },
    { conversation, before, actor: SYSTEM_ACTOR, entries, message },
  );
  return message;
}

/** READY → SENDING, committed before the provider call: whoever flips it owns the one send. */
export async function markSending(deps: AppDeps, recipientId: string): Promise<boolean> {
  const [rows] = (await deps.dataSource.query(
    `UPDATE campaign_recipient
        SET stage = 'SENDING', attempts = attempts + 1, attempted_at = now(), updated_at = now()
      WHERE id = $1 AND stage = 'READY' RETURNING id`,
    [recipientId],
  )) as [unknown[], number];
  return rows.length === 1;
}

/**
 * Stores the provider's answer for a recipient (see `settleSend`): accepted → SENT; refused and
 * worth another try (a rate limit, a server error with an answer) → READY again; anything else →
 * FAILED with the error. A send without an answer is not retried: the provider may have taken it,
 * and a campaign never risks a customer getting the template twice.
 * Returns how long the campaign should pause before its next send (0: no pause).
 */
export async function settleRecipient(
  deps: AppDeps,
  workspaceId: string,
  recipientId: string,
  result: SendResult,
): Promise<number> {
  return inTransaction(deps, workspaceId, async (uow) => {
    const recipient = await uow.manager.findOne(CampaignRecipient, {
      where: { id: recipientId },
      lock: { mode: 'pessimistic_write' },
    });
    // Resolved meanwhile as interrupted (this worker was taken for dead): that answer stands.
    if (!recipient || recipient.stage !== RecipientStage.SENDING || !recipient.messageId) return 0;
    const message = await uow.manager.findOneOrFail(Message, {
      where: { id: recipient.messageId },
      lock: { mode: 'pessimistic_write' },
    });
    const settled = await settleSend(uow, message, result, {
      attempt: recipient.attempts,
      resendUnanswered: false,
    });
    if (settled.status === 'RETRY') {
      await setStage(uow, recipient.id, RecipientStage.READY, null);
      return settled.delayMs;
    }
    await setStage(uow, recipient.id, RecipientStage.DISPATCHED, null);
    return 0;
  });
}
