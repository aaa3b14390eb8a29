import { WebhookDelivery, WebhookDeliveryStatus } from '../../entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../../entities/webhook-endpoint.entity';
import { JobName } from '../../runtime/job-queue';
import { currentEventSeq } from '../../realtime/event-log';
import { EventType } from '../../realtime/event-types';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { paginate, type ConnectionShape, type PageRequest } from '../paging';
import { type Caller } from '../caller';
import { forgetWebhookEndpointCache } from './partner-webhook-dispatch.service';
import { newWebhookSecret } from './partner-webhook-signature';
import { checkWebhookUrl } from './partner-webhook-url';
import { partnerWebhookUrlPolicy } from '../outbound/outbound-url-policy';
import { ownedRow } from '../owned-row';
import { inTransaction } from '../unit-of-work';
import { changesOf, recordAudit } from '../audit/audit.service';
import { AuditAction } from '../../entities/audit-entry.entity';

/** What the audit log shows of an endpoint (never its secret). */
const AUDITED = ['url', 'description', 'eventTypes', 'enabled'] as const;

const DESCRIPTION_MAX = 200;
/** Endpoints per workspace: each one is a fan-out of every event. */
export const MAX_ENDPOINTS = 20;

export interface WebhookEndpointInput {
  url?: string | null;
  eventTypes?: EventType[] | null;
  description?: string | null;
}

function invalid(message: string, field: string): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, ['input', field]);
}

function checkEventTypes(types: EventType[]): EventType[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw invalid('Choose at least one event type to deliver.', 'eventTypes');
  return unique.sort();
}

function checkDescription(description: string | null | undefined): string | null {
  const text = description?.trim() ?? '';
  if (text.length > DESCRIPTION_MAX) {
    throw invalid(`The description must be at most ${DESCRIPTION_MAX} characters.`, 'description');
  }
  return text || null;
}

const policyOf = (caller: Caller) => partnerWebhookUrlPolicy(caller.deps.config);

function secretPrefix(secret: string): string {
  return secret.slice(0, 12);
}

/**
 * A new endpoint; the clear secret is in the result once. Its cursor starts at the workspace's
 * current head: it receives events committed from now on.
 */
export async function createWebhookEndpoint(
  caller: Caller,
  input: WebhookEndpointInput & { url: string; eventTypes: EventType[] },
): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
  const { deps, viewer } = caller;
  const eventTypes = checkEventTypes(input.eventTypes);
  const description = checkDescription(input.description);
  const url = await checkWebhookUrl(input.url, policyOf(caller));
  const secret = newWebhookSecret();
  const webhookEndpoint = await inTransaction(deps, viewer.workspaceId, async (uow) => {
    const repository = uow.manager.getRepository(WebhookEndpoint);
    if ((await repository.count({ where: { workspaceId: viewer.workspaceId } })) >= MAX_ENDPOINTS) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `A workspace has at most ${MAX_ENDPOINTS} webhook endpoints: delete one first.`,
      );
    }
    const saved = await repository.save(
      repository.create({
        workspaceId: viewer.workspaceId,
        url,
        description,
        eventTypes,
        secretEnc: deps.secretBox.seal(secret),
        secretPrefix: secretPrefix(secret),
        enabled: true,
        cursorSeq: String(await currentEventSeq(uow.manager, viewer.workspaceId)),
      }),
    );
    const changes = changesOf(null, saved, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.WEBHOOK_ENDPOINT_CREATED,
      targetType: 'WebhookEndpoint',
      targetId: saved.id,
      changes,
    });
    return saved;
  });
  forgetWebhookEndpointCache(deps, viewer.workspaceId);
  return { webhookEndpoint, secret };
}

/**
 * Changes what and where an endpoint delivers; `enabled: true` resumes a disabled endpoint (its
 * failure streak reset, its pending deliveries due at once, events since it stopped dispatched).
 */
export async function updateWebhookEndpoint(
  caller: Caller,
  webhookEndpointId: string,
  input: WebhookEndpointInput & { enabled?: boolean | null },
): Promise<WebhookEndpoint> {
  const { deps } = caller;
  const endpoint = await ownedRow(caller, WebhookEndpoint, webhookEndpointId);
  const changes: Partial<WebhookEndpoint> = {};
  if (input.url != null) changes.url = await checkWebhookUrl(input.url, policyOf(caller));
  if (input.eventTypes != null) changes.eventTypes = checkEventTypes(input.eventTypes);
  if (input.description !== undefined) changes.description = checkDescription(input.description);
  const now = deps.clock.now();
  const resumed = input.enabled === true && !endpoint.enabled;
  if (resumed) {
    Object.assign(changes, {
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      consecutiveFailures: 0,
      failingSince: null,
    });
  } else if (input.enabled === false && endpoint.enabled) {
    Object.assign(changes, { enabled: false, disabledAt: now, disabledReason: 'Disabled by an admin.' });
  }
  await inTransaction(deps, endpoint.workspaceId, async (uow) => {
    const { manager } = uow;
    if (Object.keys(changes).length > 0) await manager.update(WebhookEndpoint, { id: endpoint.id }, changes);
    const audited = changesOf(endpoint, { ...endpoint, ...changes }, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.WEBHOOK_ENDPOINT_UPDATED,
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      changes: audited,
    });
    if (!resumed) return;
    const pending = (await manager.query(
      `UPDATE webhook_delivery SET next_attempt_at = $2 WHERE endpoint_id = $1 AND status = 'PENDING' RETURNING id`,
      [endpoint.id, now],
    )) as [{ id: string }[], number];
    await deps.jobs.sendMany(
      JobName.PARTNER_WEBHOOK_DELIVER,
      pending[0].map((row) => ({ workspaceId: endpoint.workspaceId, deliveryId: row.id })),
      { manager },
    );
    await deps.jobs.send(
      JobName.PARTNER_WEBHOOK_DISPATCH,
      { workspaceId: endpoint.workspaceId },
      { singletonKey: endpoint.workspaceId, manager },
    );
  });
  forgetWebhookEndpointCache(deps, endpoint.workspaceId);
  return deps.dataSource.getRepository(WebhookEndpoint).findOneByOrFail({ id: endpoint.id });
}

/** Removes an endpoint and its delivery log; nothing more is sent to it. */
export async function deleteWebhookEndpoint(caller: Caller, webhookEndpointId: string): Promise<void> {
  const endpoint = await ownedRow(caller, WebhookEndpoint, webhookEndpointId);
  await inTransaction(caller.deps, endpoint.workspaceId, async (uow) => {
    await uow.manager.getRepository(WebhookEndpoint).delete({ id: endpoint.id });
    const changes = changesOf(endpoint, null, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.WEBHOOK_ENDPOINT_DELETED,
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      changes,
    });
  });
  forgetWebhookEndpointCache(caller.deps, endpoint.workspaceId);
}

/** A new secret, shown once; the next attempt (retries included) is signed with it. */
export async function rotateWebhookSecret(
  caller: Caller,
  webhookEndpointId: string,
): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
  const endpoint = await ownedRow(caller, WebhookEndpoint, webhookEndpointId);
  const secret = newWebhookSecret();
  await inTransaction(caller.deps, endpoint.workspaceId, async (uow) => {
    await uow.manager
      .getRepository(WebhookEndpoint)
      .update(
        { id: endpoint.id },
        { secretEnc: caller.deps.secretBox.seal(secret), secretPrefix: secretPrefix(secret) },
      );
    // Only that the secret changed: neither secret nor its prefix is logged.
    await recordAudit(uow, caller, {
      action: AuditAction.WEBHOOK_SECRET_ROTATED,
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      changes: {},
    });
  });
  const webhookEndpoint = await caller.deps.dataSource
    .getRepository(WebhookEndpoint)
    .findOneByOrFail({ id: endpoint.id });
  return { webhookEndpoint, secret };
}

/** The workspace's endpoints, newest first. */
export function listWebhookEndpoints(caller: Caller): Promise<WebhookEndpoint[]> {
  return caller.deps.dataSource
    .getRepository(WebhookEndpoint)
    .find({ where: { workspaceId: caller.viewer.workspaceId }, order: { createdAt: 'DESC', id: 'ASC' } });
}

/** An endpoint's delivery log, newest first, optionally of one status. */
export async function listWebhookDeliveries(
  caller: Caller,
  webhookEndpointId: string,
  status: WebhookDeliveryStatus | null,
  page: PageRequest,
): Promise<ConnectionShape<WebhookDelivery>> {
  const endpoint = await ownedRow(caller, WebhookEndpoint, webhookEndpointId);
  const query = caller.deps.dataSource
    .getRepository(WebhookDelivery)
    .createQueryBuilder('d')
    .where('d.endpoint_id = :endpointId AND d.workspace_id = :workspaceId', {
      endpointId: endpoint.id,
      workspaceId: endpoint.workspaceId,
    });
  if (status) query.andWhere('d.status = :status', { status });
  return paginate(
    query,
    {
      column: 'd.created_at',
      idColumn: 'd.id',
      table: 'webhook_delivery',
      tableColumn: 'created_at',
      direction: 'DESC',
    },
    page,
    endpoint.workspaceId,
  );
}

/**
 * Sends a delivery again now: the same id and body, a new attempt (signed afresh) and a new 24 h
 * retry window. Works on SUCCEEDED deliveries too (the partner lost what it received).
 */
export async function redeliverWebhook(caller: Caller, deliveryId: string): Promise<WebhookDelivery> {
  const { deps } = caller;
  const delivery = await ownedRow(caller, WebhookDelivery, deliveryId);
  const endpoint = await deps.dataSource
    .getRepository(WebhookEndpoint)
    .findOneByOrFail({ id: delivery.endpointId });
  if (!endpoint.enabled) {
    throw new BusinessRuleError(
      UserErrorCode.WEBHOOK_ENDPOINT_DISABLED,
      'The endpoint is disabled: enable it with webhookEndpointUpdate, then redeliver.',
      ['input', 'deliveryId'],
    );
  }
  await inTransaction(deps, delivery.workspaceId, async (uow) => {
    const { manager } = uow;
    const changes = changesOf(delivery, { ...delivery, status: WebhookDeliveryStatus.PENDING }, ['status']);
    await recordAudit(uow, caller, {
      action: AuditAction.WEBHOOK_REDELIVERED,
      targetType: 'WebhookDelivery',
      targetId: delivery.id,
      changes,
    });
    await manager.update(
      WebhookDelivery,
      { id: delivery.id },
      {
        status: WebhookDeliveryStatus.PENDING,
        nextAttemptAt: deps.clock.now(),
        retryWindowStartedAt: null,
        deliveredAt: null,
      },
    );
    await deps.jobs.send(
      JobName.PARTNER_WEBHOOK_DELIVER,
      { workspaceId: delivery.workspaceId, deliveryId: delivery.id },
      { manager },
    );
  });
  return deps.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: delivery.id });
}
