import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { WebhookDeliveryStatus } from '../../entities/webhook-delivery.entity';
import { JobName } from '../../runtime/job-queue';
import { readEvents } from '../../realtime/event-log';
import { type AppDeps } from '../../runtime/app-deps';
import { webhookBody } from './partner-webhook-payload';

/** Events read per transaction while an endpoint catches up. */
const DISPATCH_PAGE = 500;

/** How long a process trusts its "does this workspace have enabled endpoints" answer. */
const ENDPOINT_CACHE_MS = 10_000;

const endpointCache = new WeakMap<AppDeps, Map<string, { has: boolean; until: number }>>();

function cacheOf(deps: AppDeps): Map<string, { has: boolean; until: number }> {
  let cache = endpointCache.get(deps);
  if (!cache) endpointCache.set(deps, (cache = new Map()));
  return cache;
}

/** Call after an endpoint of the workspace is created, enabled or removed in this process. */
export function forgetWebhookEndpointCache(deps: AppDeps, workspaceId: string): void {
  cacheOf(deps).delete(workspaceId);
}

async function hasEnabledEndpoints(deps: AppDeps, workspaceId: string): Promise<boolean> {
  const cache = cacheOf(deps);
  const now = Date.now();
  const hit = cache.get(workspaceId);
  if (hit && hit.until > now) return hit.has;
  const rows = (await deps.dataSource.query(
    'SELECT 1 FROM webhook_endpoint WHERE workspace_id = $1 AND enabled LIMIT 1',
    [workspaceId],
  )) as unknown[];
  const has = rows.length > 0;
  cache.set(workspaceId, { has, until: now + ENDPOINT_CACHE_MS });
  return has;
}

/**
 * The after-commit hook: queues a dispatch for the workspace when it has webhook endpoints. It runs
 * outside the business transaction (no work in its lock window), never rejects, and a lost call
 * only delays delivery: the endpoint cursors and the maintenance sweep pick the events up.
 */
export async function scheduleWebhookDispatch(deps: AppDeps, workspaceId: string): Promise<void> {
  try {
    if (!(await hasEnabledEndpoints(deps, workspaceId))) return;
    // The queue's `short` policy keeps one queued dispatch per workspace however many commits come.
    await deps.jobs.send(JobName.PARTNER_WEBHOOK_DISPATCH, { workspaceId }, { singletonKey: workspaceId });
  } catch (error) {
    deps.logger.warn('webhook dispatch not scheduled', {
      workspaceId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

interface EndpointCursorRow {
  id: string;
  workspace_id: string;
  event_types: string[];
  cursor_seq: string;
}

/**
 * Moves one endpoint's cursor over one page of the log: a delivery per matching event (unique on
 * endpoint and event, so a replay creates nothing twice) and its deliver job, in the transaction
 * that advances the cursor. The endpoint row lock serializes dispatchers of the same endpoint.
 * Returns how many events were read (0: caught up, or the endpoint is gone or disabled).
 */
async function dispatchPage(deps: AppDeps, manager: EntityManager, endpointId: string): Promise<number> {
  const [endpoint] = (await manager.query(
    `SELECT id, workspace_id, event_types, cursor_seq FROM webhook_endpoint
      WHERE id = $1 AND enabled FOR UPDATE`,
    [endpointId],
  )) as EndpointCursorRow[];
  if (!endpoint) return 0;
  const workspaceId = endpoint.workspace_id;
  const records = await readEvents(manager, workspaceId, endpoint.cursor_seq, DISPATCH_PAGE);
  if (records.length === 0) return 0;

  const wanted = new Set(endpoint.event_types);
  const matching = records.filter((record) => wanted.has(record.type));
  if (matching.length > 0) {
    const now = deps.clock.now();
    const ids = matching.map(() => randomUUID());
    const inserted = (await manager.query(
      `INSERT INTO webhook_delivery
         (id, workspace_id, endpoint_id, event_seq, event_type, body, status, next_attempt_at)
       SELECT d.id, $1, $2, d.seq, d.type, d.body, $3, $4
         FROM unnest($5::uuid[], $6::bigint[], $7::text[], $8::text[]) AS d(id, seq, type, body)
       ON CONFLICT (endpoint_id, event_seq) DO NOTHING
       RETURNING id`,
      [
        workspaceId,
        endpointId,
        WebhookDeliveryStatus.PENDING,
        now,
        ids,
        matching.map((record) => record.seq),
        matching.map((record) => record.type),
        matching.map((record, index) => webhookBody(ids[index]!, record)),
      ],
    )) as { id: string }[];
    await deps.jobs.sendMany(
      JobName.PARTNER_WEBHOOK_DELIVER,
      inserted.map((row) => ({ workspaceId, deliveryId: row.id })),
      { manager },
    );
  }
  await manager.query('UPDATE webhook_endpoint SET cursor_seq = $2 WHERE id = $1', [
    endpointId,
    records.at(-1)!.seq,
  ]);
  return records.length;
}

/** Brings one endpoint up to the head of its workspace's log. Returns events read. */
export async function dispatchEndpoint(deps: AppDeps, endpointId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const read = await deps.dataSource.transaction((manager) => dispatchPage(deps, manager, endpointId));
    total += read;
    if (read < DISPATCH_PAGE) return total;
  }
}

/** Brings every enabled endpoint of the workspace up to the head of the log. */
export async function dispatchWorkspace(deps: AppDeps, workspaceId: string): Promise<number> {
  const endpoints = (await deps.dataSource.query(
    'SELECT id FROM webhook_endpoint WHERE workspace_id = $1 AND enabled ORDER BY created_at',
    [workspaceId],
  )) as { id: string }[];
  let total = 0;
  for (const endpoint of endpoints) total += await dispatchEndpoint(deps, endpoint.id);
  return total;
}

/** Workspaces with an enabled endpoint behind the head of the log (the sweep's safety net). */
export async function workspacesBehind(deps: AppDeps, limit = 500): Promise<string[]> {
  const rows = (await deps.dataSource.query(
    `SELECT DISTINCT e.workspace_id FROM webhook_endpoint e JOIN workspace w ON w.id = e.workspace_id
      WHERE e.enabled AND e.cursor_seq < w.event_seq LIMIT $1`,
    [limit],
  )) as { workspace_id: string }[];
  return rows.map((row) => row.workspace_id);
}
