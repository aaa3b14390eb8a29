// The pace of a campaign: one tick at a time under the campaign lock, at most the account's
// messages per second, a pause when the provider limits us, and the chain of next ticks. Who is
// sent to, and how each answer settles them, lives in campaign-recipients.
import { randomUUID } from 'node:crypto';
import { Campaign, CampaignStatus } from '../../entities/campaign.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Template } from '../../entities/template.entity';
import { JobName } from '../../runtime/job-queue';
import { type AppDeps } from '../../runtime/app-deps';
import { emitCampaignProgress } from './campaign-tracking';
import { adapterFor } from '../../channels/channel-registry';
import { credentialsOf } from '../channel-account/channel-account.service';
import { channelSender, retryDelayMs, uploadHeaderFile } from '../message/outbound-dispatch';
import {
  claimRecipients,
  markSending,
  resolveInterrupted,
  settleRecipient,
} from './campaign-recipients.service';
import { inTransaction } from '../unit-of-work';

/** One tick per second: each sends at most the channel account's messages-per-second. */
export const TICK_MS = 1000;
/** Provider calls of one tick in flight at once. */
const MAX_LANES = 16;

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
  const uploadWait = await uploadHeaderOnce(deps, campaign, account);
  if (uploadWait > 0) {
    const completed = await finishTick(deps, campaign, uploadWait);
    return { ...IDLE, ran: true, paused: true, completed };
  }
  const limit = Math.max(1, account.messagesPerSecond);
  const batch = await claimRecipients(deps, campaign, template, limit);

  const send = channelSender(deps, account);
  let next = 0;
  let sent = 0;
  let pauseMs = 0;
  let aborted = false;
  const lane = async () => {
    while (next < batch.items.length && pauseMs === 0 && !aborted) {
      const item = batch.items[next++]!;
      if (!(await markSending(deps, item.recipientId))) continue;
      const result = await send(item.outbound);
      sent += 1;
      await hooks.afterProviderCall?.(item.recipientId);
      // A refusal worth another try pauses the whole campaign: the limit is the account's.
      const wait = await settleRecipient(deps, campaign.workspaceId, item.recipientId, result);
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

/** How long a campaign waits before trying its header upload again. */
const UPLOAD_RETRY_MS = 60_000;

/**
 * A campaign's header file goes to WhatsApp once, before its first send: its media id is noted on
 * the campaign (ticks run one at a time) and every recipient's message sends by that id. Answers
 * how long to pause when the provider refused it (0: nothing to wait for).
 */
async function uploadHeaderOnce(deps: AppDeps, campaign: Campaign, account: ChannelAccount): Promise<number> {
  const media = campaign.headerMedia;
  if (!media?.attachmentId || media.providerId) return 0;
  const uploaded = await uploadHeaderFile(
    deps,
    adapterFor(account.kind),
    credentialsOf(deps, account),
    campaign.workspaceId,
    media.attachmentId,
  );
  if (!uploaded.ok) {
    deps.logger.warn('campaign header upload refused', {
      campaignId: campaign.id,
      error: uploaded.error,
    });
    return uploaded.error.retryable ? retryDelayMs(1, uploaded.retryAfterMs) : UPLOAD_RETRY_MS;
  }
  media.providerId = uploaded.providerId;
  await deps.dataSource.query(
    `UPDATE campaign SET header_media = header_media || jsonb_build_object('providerId', $2::text) WHERE id = $1`,
    [campaign.id, uploaded.providerId],
  );
  return 0;
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
