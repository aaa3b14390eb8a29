import { WebhookDeliveryStatus } from '../../entities/webhook-delivery.entity';
import { JobName } from '../../runtime/job-queue';
import { type AppDeps } from '../../runtime/app-deps';
import { signatureHeader, WEBHOOK_HEADERS } from './partner-webhook-signature';
import { OutboundTimeoutError, sendOutboundRequest } from '../outbound/outbound-request';
import {
  OutboundUrlRefusal,
  partnerWebhookUrlPolicy,
  type OutboundUrlPolicy,
} from '../outbound/outbound-url-policy';

/** Delay before retry n (1-based), in seconds; the last one repeats until the window closes. */
export const RETRY_DELAYS_SECONDS = [10, 30, 120, 600, 1800, 3600, 7200, 14_400] as const;
/** Retries stop this long after the first attempt (or the redelivery); the delivery is then FAILED. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** An endpoint whose every attempt failed for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 24 * 60 * 60 * 1000;
/** Each attempt's limit: connect, send and the answer's head and excerpt. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How long an attempt holds its delivery; a worker that dies mid-attempt is retried after it. */
const ATTEMPT_LEASE_MS = 2 * 60 * 1000;
const EXCERPT_CHARS = 256;
const ERROR_CHARS = 200;

export function retryDelayMs(attempt: number): number {
  const index = Math.min(Math.max(attempt, 1), RETRY_DELAYS_SECONDS.length) - 1;
  return RETRY_DELAYS_SECONDS[index]! * 1000;
}

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  excerpt: string | null;
}

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * One POST through the outbound address policy (checked again at every attempt, and at connect
 * time), redirects not followed (a 3xx is a failure), the answer read only up to a short excerpt.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: OutboundUrlPolicy,
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await sendOutboundRequest(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Omnitray-Webhooks/1' },
        body,
        timeoutMs: DELIVERY_TIMEOUT_MS,
        // UTF-8 takes at most 4 bytes a character: enough for the excerpt whatever the text.
        maxResponseBytes: EXCERPT_CHARS * 4,
      },
      policy,
    );
    const ok = response.status >= 200 && response.status < 300;
    const excerpt = response.body.toString('utf8');
    return {
      ok,
      statusCode: response.status,
      latencyMs: elapsed(),
      error: ok ? null : `HTTP ${response.status}`,
      excerpt: excerpt ? short(excerpt, EXCERPT_CHARS) : null,
    };
  } catch (error) {
    const failure = error as Error & { code?: string };
    const message =
      error instanceof OutboundUrlRefusal || error instanceof OutboundTimeoutError || !failure.code
        ? failure.message
        : `${failure.code}: ${failure.message}`;
    return {
      ok: false,
      statusCode: null,
      latencyMs: elapsed(),
      error: short(message, ERROR_CHARS),
      excerpt: null,
    };
  }
}

interface ClaimedRow {
  id: string;
  workspace_id: string;
  endpoint_id: string;
  event_type: string;
  body: string;
  attempts: number;
  retry_window_started_at: Date;
  url: string;
  secret_enc: string;
}

/**
 * Takes the delivery for one attempt when it is due, PENDING and its endpoint enabled. The update
 * is the claim: two workers (a job and the sweep) never post the same attempt twice.
 */
async function claim(deps: AppDeps, workspaceId: string, deliveryId: string): Promise<ClaimedRow | null> {
  const now = deps.clock.now();
  const [rows] = (await deps.dataSource.query(
    `UPDATE webhook_delivery d
        SET attempts = d.attempts + 1,
            last_attempt_at = $3,
            retry_window_started_at = COALESCE(d.retry_window_started_at, $3),
            next_attempt_at = $4
       FROM webhook_endpoint e
      WHERE d.id = $1 AND d.workspace_id = $2 AND d.status = 'PENDING' AND d.next_attempt_at <= $3
        AND e.id = d.endpoint_id AND e.enabled
      RETURNING d.id, d.workspace_id, d.endpoint_id, d.event_type, d.body, d.attempts,
                d.retry_window_started_at, e.url, e.secret_enc`,
    [deliveryId, workspaceId, now, new Date(now.getTime() + ATTEMPT_LEASE_MS)],
  )) as [ClaimedRow[], number];
  return rows[0] ?? null;
}

/** Records a success: the delivery SUCCEEDED, the endpoint's failure streak over. */
async function recordSuccess(deps: AppDeps, row: ClaimedRow, result: AttemptResult, at: Date): Promise<void> {
  await deps.dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE webhook_delivery SET status = 'SUCCEEDED', delivered_at = $2, next_attempt_at = NULL,
              last_status_code = $3, last_latency_ms = $4, last_error = NULL, response_excerpt = $5
        WHERE id = $1`,
      [row.id, at, result.statusCode, result.latencyMs, result.excerpt],
    );
    await manager.query(
      `UPDATE webhook_endpoint SET consecutive_failures = 0, failing_since = NULL, last_success_at = $2
        WHERE id = $1`,
      [row.endpoint_id, at],
    );
  });
}

/**
 * Records a failure: a retry on the backoff schedule while the 24 h window lasts, else FAILED. The
 * endpoint's streak grows; one failing for 24 h without a success is disabled with the reason.
 */
async function recordFailure(deps: AppDeps, row: ClaimedRow, result: AttemptResult, at: Date): Promise<void> {
  const next = new Date(at.getTime() + retryDelayMs(row.attempts));
  const windowEnd = new Date(new Date(row.retry_window_started_at).getTime() + RETRY_WINDOW_MS);
  const retry = next <= windowEnd;
  await deps.dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE webhook_delivery SET status = $2, next_attempt_at = $3,
              last_status_code = $4, last_latency_ms = $5, last_error = $6, response_excerpt = $7
        WHERE id = $1`,
      [
        row.id,
        retry ? WebhookDeliveryStatus.PENDING : WebhookDeliveryStatus.FAILED,
        retry ? next : null,
        result.statusCode,
        result.latencyMs,
        result.error,
        result.excerpt,
      ],
    );
    const [streak] = (await manager.query(
      `UPDATE webhook_endpoint
          SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, $2)
        WHERE id = $1
        RETURNING consecutive_failures, failing_since, enabled`,
      [row.endpoint_id, at],
    )) as [{ consecutive_failures: number; failing_since: Date; enabled: boolean }[], number];
    const state = streak[0];
    const failingSince = state ? new Date(state.failing_since).getTime() : at.getTime();
    // Dead for a day: the streak lasted 24 h, or a delivery spent its whole retry window in it.
    const dead =
      at.getTime() - failingSince >= DISABLE_AFTER_FAILING_MS ||
      (!retry && failingSince <= new Date(row.retry_window_started_at).getTime());
    if (state?.enabled && dead) {
      const reason =
        `No delivery succeeded in 24 hours of retries (${state.consecutive_failures} failed attempts in a row ` +
        `since ${new Date(failingSince).toISOString()}; last: ${result.error ?? 'no answer'}).`;
      await manager.query(
        `UPDATE webhook_endpoint SET enabled = false, disabled_at = $2, disabled_reason = $3 WHERE id = $1`,
        [row.endpoint_id, at, reason],
      );
      deps.logger.warn('webhook endpoint disabled', { endpointId: row.endpoint_id, reason });
    }
    if (retry) {
      await deps.jobs.send(
        JobName.PARTNER_WEBHOOK_DELIVER,
        { workspaceId: row.workspace_id, deliveryId: row.id },
        { startAfter: next, manager },
      );
    }
  });
}

/**
 * Makes one attempt of a delivery if it is due (harmless to call twice or late). Signs with the
 * attempt's timestamp: receivers refuse stale timestamps, so a replayed request is refused while
 * a retry, signed afresh, is not. Returns whether an attempt was made.
 */
export async function attemptDelivery(
  deps: AppDeps,
  workspaceId: string,
  deliveryId: string,
): Promise<boolean> {
  const row = await claim(deps, workspaceId, deliveryId);
  if (!row) return false;
  const at = deps.clock.now();
  const timestamp = Math.floor(at.getTime() / 1000);
  const secret = deps.secretBox.open(row.secret_enc);
  const headers = {
    [WEBHOOK_HEADERS.delivery]: JSON.parse(row.body).id as string,
    [WEBHOOK_HEADERS.event]: row.event_type,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signatureHeader(secret, timestamp, row.body),
  };
  const result = await postWebhook(row.url, headers, row.body, partnerWebhookUrlPolicy(deps.config));
  if (result.ok) await recordSuccess(deps, row, result, at);
  else await recordFailure(deps, row, result, at);
  return true;
}

/**
 * Deliveries overdue by more than a minute whose job was lost (or whose worker died mid-attempt):
 * the sweep enqueues them again; the claim keeps it to one attempt.
 */
export async function overdueDeliveries(
  deps: AppDeps,
  limit = 500,
): Promise<{ workspaceId: string; deliveryId: string }[]> {
  const rows = (await deps.dataSource.query(
    `SELECT d.workspace_id, d.id FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
      WHERE d.status = 'PENDING' AND d.next_attempt_at < $1 AND e.enabled
      ORDER BY d.next_attempt_at LIMIT $2`,
    [new Date(deps.clock.now().getTime() - 60_000), limit],
  )) as { workspace_id: string; id: string }[];
  return rows.map((row) => ({ workspaceId: row.workspace_id, deliveryId: row.id }));
}
