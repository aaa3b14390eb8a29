import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { adapterFor } from '../../channels/channel-registry';
import { type OutboundMessage, type SendResult } from '../../channels/channel-adapter';
import { Campaign, CampaignStatus } from '../../entities/campaign.entity';
import { CampaignRecipient, RecipientStage } from '../../entities/campaign-recipient.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message, type MessageError } from '../../entities/message.entity';
import { Template } from '../../entities/template.entity';
import { Workspace } from '../../entities/workspace.entity';
import {
  ConversationEventType,
  ConversationStatus,
  Handler,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
} from '../../entities/enums';
import { JobName } from '../../runtime/job-queue';
import { BusinessRuleError } from '../errors';
import { type AppDeps } from '../../runtime/app-deps';
import { parametersFor } from './campaign.service';
import { emitCampaignProgress } from './campaign-tracking';
import { credentialsOf } from '../channel-account/channel-account.service';
import { type HistoryEntry, SYSTEM_ACTOR, snapshotOf } from '../conversation/conversation-changes';
import { attachOutboundMessage } from '../message/outbound-message';
import { changeMessageStatus } from '../message/message-status.service';
import { renderTemplate } from '../template/template.service';
import { WINDOW_MS } from '../conversation/tray-rules';
import { inTransaction, type UnitOfWork } from '../unit-of-work';

/** One tick per second: each sends at most the channel account's messages-per-second. */
export const TICK_MS = 1000;
/** Provider calls of one tick in flight at once. */
const MAX_LANES = 16;
/** Refusals the provider answered (rate limits, server errors) before a recipient is FAILED. */
export const MAX_SEND_ATTEMPTS = 5;
/** Rounds of claiming per tick when opted-out or unsendable recipients thin a batch out. */
const MAX_CLAIM_ROUNDS = 5;

export interface CampaignTickJob {
  workspaceId: string;
  campaignId: string;
  /** The chain token; absent for a manual run, which takes the chain over. */
  token?: string | null;
}

export interface TickReport {
  /** False when the tick did nothing: busy elsewhere, stale, not due, or the campaign is over. */
  ran: boolean;
  /** Provider calls made. */
  sent: number;
  skipped: number;
  failed: number;
  /** A rate limit paused the campaign. */
  paused: boolean;
  completed: boolean;
}

/** Seams for tests that kill a worker at the worst moment. */
export interface TickHooks {
  /** Runs after the provider answered and before the answer is stored. */
  afterProviderCall?: (recipientId: string) => void | Promise<void>;
}

/** The columns a tick changes on its campaign. */
type CampaignChanges = Partial<
  Pick<Campaign, 'tickToken' | 'lastTickAt' | 'pausedUntil' | 'status' | 'startedAt' | 'completedAt'>
>;

const IDLE: TickReport = { ran: false, sent: 0, skipped: 0, failed: 0, paused: false, completed: false };

export const UNCONFIRMED_ERROR: MessageError = {
  code: 'SEND_UNCONFIRMED',
  title: 'The send was interrupted; the provider may have received it',
  detail:
    'The worker stopped during the provider call. It is not sent again automatically, so the customer never gets it twice; retry only if the customer did not receive it.',
  providerCode: null,
  retryable: true,
};

interface SendItem {
  recipientId: string;
  outbound: OutboundMessage;
}

/**
 * One tick of a campaign. Holds a session advisory lock on the campaign for its whole run, so two
 * ticks never work one campaign at once; the lock dies with the connection when a worker dies.
 */
export async function runCampaignTick(
  deps: AppDeps,
  job: CampaignTickJob,
  hooks: TickHooks = {},
): Promise<TickReport> {
  const runner = deps.dataSource.createQueryRunner();
  await runner.connect();
  const key = `campaign:${job.campaignId}`;
  try {
    const [{ locked }] = (await runner.query(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
      [key],
    )) as { locked: boolean }[];
    if (!locked) {
      // The holder may be slower than a tick; a chained job comes back so the chain survives.
      if (job.token) {
        await deps.jobs.send(
          JobName.CAMPAIGN_TICK,
          { ...job },
          { startAfter: new Date(Date.now() + TICK_MS) },
        );
      }
      return IDLE;
    }
    try {
      return await tick(deps, job, hooks);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
    }
  } finally {
    await runner.release();
  }
}

async function tick(deps: AppDeps, job: CampaignTickJob, hooks: TickHooks): Promise<TickReport> {
  const campaign = await takeTick(deps, job);
  if (!campaign) return IDLE;
  await resolveInterrupted(deps, campaign);

  const [account, template] = await Promise.all([
    deps.dataSource.getRepository(ChannelAccount).findOneByOrFail({ id: campaign.channelAccountId }),
    deps.dataSource.getRepository(Template).findOneByOrFail({ id: campaign.templateId }),
  ]);
  const limit = Math.max(1, account.messagesPerSecond);
  const batch = await prepareBatch(deps, campaign, template, limit);

  const credentials = credentialsOf(deps, account);
  const adapter = adapterFor(account.kind);
  let next = 0;
  let sent = 0;
  let pauseMs = 0;
  let aborted = false;
  const lane = async () => {
    while (next < batch.items.length && pauseMs === 0 && !aborted) {
      const item = batch.items[next++]!;
      if (!(await markSending(deps, item.recipientId))) continue;
      const result = await adapter.send(item.outbound, credentials);
      sent += 1;
      await hooks.afterProviderCall?.(item.recipientId);
      const wait = await settle(deps, campaign.workspaceId, item.recipientId, result);
      if (wait > 0) pauseMs = Math.max(pauseMs, wait);
    }
  };
  // A failing lane stops the others from taking new recipients; the tick ends only when all have.
  const lanes = await Promise.allSettled(
    Array.from({ length: Math.min(MAX_LANES, batch.items.length) }, () =>
      lane().catch((error: unknown) => {
        aborted = true;
        throw error;
      }),
    ),
  );
  const failure = lanes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;

  const completed = await finishTick(deps, campaign, pauseMs);
  return {
    ran: true,
    sent,
    skipped: batch.skipped,
    failed: batch.failed,
    paused: pauseMs > 0,
    completed,
  };
}

/**
 * Checks the job still drives the campaign, rotates the chain token and schedules the next tick in
 * the same transaction, so the chain goes on even if this tick dies. Returns null when there is
 * nothing to do now (over, stale, scheduled later, paused).
 */
async function takeTick(deps: AppDeps, job: CampaignTickJob): Promise<Campaign | null> {
  return inTransaction(deps, job.workspaceId, async (uow) => {
    const campaign = await uow.manager.findOne(Campaign, {
      where: { id: job.campaignId, workspaceId: job.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!campaign) return null;
    if (campaign.status === CampaignStatus.COMPLETED || campaign.status === CampaignStatus.CANCELLED) {
      return null;
    }
    if (job.token && campaign.tickToken !== job.token) return null;
    const now = deps.clock.now();
    const waitUntil =
      campaign.status === CampaignStatus.SCHEDULED && campaign.startAt && campaign.startAt > now
        ? campaign.startAt
        : campaign.pausedUntil && campaign.pausedUntil > now
          ? campaign.pausedUntil
          : null;
    const token = randomUUID();
    const delay = waitUntil ? waitUntil.getTime() - now.getTime() : TICK_MS;
    await uow.enqueue(
      JobName.CAMPAIGN_TICK,
      { campaignId: campaign.id, token },
      { startAfter: new Date(Date.now() + delay) },
    );
    const changes: CampaignChanges = { tickToken: token };
    if (!waitUntil) {
      changes.lastTickAt = now;
      changes.pausedUntil = null;
      if (campaign.status === CampaignStatus.SCHEDULED) changes.status = CampaignStatus.RUNNING;
      if (!campaign.startedAt) changes.startedAt = now;
    }
    await uow.manager.update(Campaign, { id: campaign.id }, changes);
    Object.assign(campaign, changes);
    return waitUntil ? null : campaign;
  });
}

/**
 * Recipients left SENDING belong to a tick that died during its provider call (this tick holds the
 * campaign lock, so no live tick owns them). Whether the provider took the message is unknown:
 * they are never sent again, and their message fails with SEND_UNCONFIRMED for an agent to judge.
 */
async function resolveInterrupted(deps: AppDeps, campaign: Campaign): Promise<void> {
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

interface Batch {
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
async function prepareBatch(
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
        (await uow.manager.find(Customer, { where: { id: In(rows.map((row) => row.customer_id)) } })).map(
          (customer) => [customer.id, customer],
        ),
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
            rendered = renderTemplate(template, parametersFor(template, campaign.variables, valueOf));
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
  rendered: { components: Record<string, unknown>[]; text: string },
): Promise<Message> {
  const manager = uow.manager;
  const now = deps.clock.now();
  const entries: HistoryEntry[] = [];
  const byCampaign = { byCampaign: campaign.id };
  let conversation = await findOpenConversation(uow, campaign, customer);
  let before = conversation ? snapshotOf(conversation) : null;
  if (conversation) {
    if (conversation.autoCloseAt) {
      conversation.outcome = null;
      conversation.closeReason = null;
      conversation.autoCloseAt = null;
      entries.push({ type: ConversationEventType.REOPENED, data: byCampaign });
    }
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
  } else {
    conversation = await startConversation(uow, campaign, customer, now);
    before = null;
    entries.push({
      type: ConversationEventType.CREATED,
      toAgentId: conversation.assigneeId,
      data: byCampaign,
    });
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

function findOpenConversation(uow: UnitOfWork, campaign: Campaign, customer: Customer) {
  return uow.manager.findOne(Conversation, {
    where: {
      customerId: customer.id,
      channelAccountId: campaign.channelAccountId,
      status: ConversationStatus.OPEN,
    },
    lock: { mode: 'pessimistic_write' },
  });
}

/** A new agent conversation; the customer window carries over from earlier ones. */
async function startConversation(
  uow: UnitOfWork,
  campaign: Campaign,
  customer: Customer,
  now: Date,
): Promise<Conversation> {
  const [{ last } = { last: null }] = (await uow.manager.query(
    'SELECT max(last_inbound_at) AS last FROM conversation WHERE customer_id = $1 AND channel_account_id = $2',
    [customer.id, campaign.channelAccountId],
  )) as { last: Date | null }[];
  const lastInboundAt = last ? new Date(last) : null;
  // A customer message may open a conversation at the same moment: the one-open index decides.
  const inserted = await uow.manager
    .createQueryBuilder()
    .insert()
    .into(Conversation)
    .values({
      workspaceId: campaign.workspaceId,
      customerId: customer.id,
      channelAccountId: campaign.channelAccountId,
      channel: customer.channel,
      handler: Handler.AGENT,
      assigneeId: campaign.assigneeId,
      status: ConversationStatus.OPEN,
      lastInboundAt,
      windowExpiresAt: lastInboundAt ? new Date(lastInboundAt.getTime() + WINDOW_MS) : null,
      handedOffAt: now,
      lastActivityAt: now,
      unreadCount: 0,
    })
    .orIgnore()
    .returning('id')
    .execute();
  const id = (inserted.raw as { id: string }[])[0]?.id;
  if (id) return uow.manager.findOneOrFail(Conversation, { where: { id } });
  const open = await findOpenConversation(uow, campaign, customer);
  if (!open) throw new Error(`No open conversation could be found or created for customer ${customer.id}`);
  return open;
}

function outboundOf(message: Message, customer: Customer): OutboundMessage {
  return {
    to: customer.channelUserId,
    type: 'template',
    template: (message.payload ?? {}).template as OutboundMessage['template'],
  };
}

/** READY → SENDING, committed before the provider call: whoever flips it owns the one send. */
async function markSending(deps: AppDeps, recipientId: string): Promise<boolean> {
  const [rows] = (await deps.dataSource.query(
    `UPDATE campaign_recipient
        SET stage = 'SENDING', attempts = attempts + 1, attempted_at = now(), updated_at = now()
      WHERE id = $1 AND stage = 'READY' RETURNING id`,
    [recipientId],
  )) as [unknown[], number];
  return rows.length === 1;
}

/**
 * Stores the provider's answer. Accepted → SENT; refused and worth another try (a rate limit, a
 * server error with an answer) → READY again and the campaign pauses; anything else → FAILED with
 * the error. A network failure is not retried: the provider may have taken the message.
 * Returns how long the campaign should pause (0: no pause).
 */
async function settle(
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
    if (result.ok) {
      await changeMessageStatus(uow, message, MessageStatus.SENT, null, { externalId: result.externalId });
      await setStage(uow, recipient.id, RecipientStage.DISPATCHED, null);
      return 0;
    }
    const refused = result.error.code === 'RATE_LIMITED' || result.error.providerCode !== null;
    if (result.error.retryable && refused && recipient.attempts < MAX_SEND_ATTEMPTS) {
      await uow.manager.update(
        Message,
        { id: message.id },
        {
          payload: { ...(message.payload ?? {}), lastSendError: result.error, attempts: recipient.attempts },
        },
      );
      await setStage(uow, recipient.id, RecipientStage.READY, null);
      return Math.max(result.retryAfterMs ?? 0, TICK_MS * 2 ** Math.min(recipient.attempts - 1, 6));
    }
    await changeMessageStatus(uow, message, MessageStatus.FAILED, result.error);
    await setStage(uow, recipient.id, RecipientStage.DISPATCHED, null);
    return 0;
  });
}

/** Records a pause, completes the campaign when nobody is left to send, and reports progress once. */
async function finishTick(deps: AppDeps, campaign: Campaign, pauseMs: number): Promise<boolean> {
  return inTransaction(deps, campaign.workspaceId, async (uow) => {
    const current = await uow.manager.findOne(Campaign, {
      where: { id: campaign.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current || current.status !== CampaignStatus.RUNNING) {
      emitCampaignProgress(uow, campaign.id);
      return false;
    }
    const [{ pending }] = (await uow.manager.query(
      `SELECT count(*)::int AS pending FROM campaign_recipient
        WHERE campaign_id = $1 AND stage IN ('QUEUED', 'READY', 'SENDING')`,
      [campaign.id],
    )) as { pending: number }[];
    const now = deps.clock.now();
    const changes: CampaignChanges =
      pending === 0
        ? { status: CampaignStatus.COMPLETED, completedAt: now, tickToken: null, pausedUntil: null }
        : pauseMs > 0
          ? { pausedUntil: new Date(now.getTime() + pauseMs) }
          : {};
    if (Object.keys(changes).length > 0) await uow.manager.update(Campaign, { id: campaign.id }, changes);
    emitCampaignProgress(uow, campaign.id);
    return pending === 0;
  });
}

/** Campaigns due to send whose tick chain went quiet (a lost job): a tick takes the chain over. */
export async function restartStalledCampaigns(deps: AppDeps): Promise<number> {
  const rows = (await deps.dataSource.query(
    `SELECT id, workspace_id FROM campaign
      WHERE status IN ('SCHEDULED', 'RUNNING')
        AND coalesce(paused_until, start_at, created_at) < now() - interval '1 minute'
        AND coalesce(last_tick_at, created_at) < now() - interval '2 minutes'`,
  )) as { id: string; workspace_id: string }[];
  for (const row of rows) {
    await deps.jobs.send(JobName.CAMPAIGN_TICK, { workspaceId: row.workspace_id, campaignId: row.id });
  }
  return rows.length;
}
