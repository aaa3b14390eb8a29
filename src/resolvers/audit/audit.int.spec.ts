import {
  AgentCreateDocument,
  AgentDeactivateDocument,
  AgentReactivateDocument,
  AgentUpdateDocument,
  ApiKeyCreateDocument,
  ApiKeyRevokeDocument,
  AuditEntryNodeDocument,
  AuditLogDocument,
  ChannelConnectDocument,
  CustomFieldCreateDocument,
  CustomFieldDeleteDocument,
  CustomFieldUpdateDocument,
  EventsDocument,
  SettingsUpdateDocument,
  TagCreateDocument,
  TagDeleteDocument,
  TagUpdateDocument,
  WebhookEndpointCreateDocument,
  WebhookEndpointDeleteDocument,
  WebhookEndpointRotateSecretDocument,
  WebhookEndpointUpdateDocument,
  WebhookRedeliverDocument,
  type AuditLogFilter,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createTestApiKey } from '../../testing/factories';
import { WebhookReceiver } from '../../testing/webhook-receiver';
import { AuditAction, AuditEntry } from '../../entities/audit-entry.entity';
import { ApiKeyScope } from '../../entities/enums';
import { EventRecord } from '../../entities/event-record.entity';
import { WebhookDelivery } from '../../entities/webhook-delivery.entity';
import { JobName } from '../../runtime/job-queue';
import { inTransaction } from '../../services/unit-of-work';
import { recordAudit } from '../../services/audit/audit.service';
import { createTag } from '../../services/tag/tag.service';
import { type Caller } from '../../services/caller';
import { localId } from '../find-owned';

describe('audit log', () => {
  const t = useTestApp({ env: { OUTBOUND_ALLOW_PRIVATE: 'true' } });
  const w = useWorkspace(t);

  async function audit(filter: AuditLogFilter = {}, token = w.admin.token, first = 50) {
    const result = await t.gql(AuditLogDocument, { filter, first }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.auditLog.edges.map((edge) => edge.node);
  }

  /** Runs an admin mutation and fails the test on any error, so every entry comes from a change that happened. */
  async function ok<T>(result: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> {
    const { data, errors } = await result;
    expect(errors).toBeUndefined();
    for (const payload of Object.values(data as object)) {
      expect((payload as { userErrors?: unknown[] }).userErrors ?? []).toEqual([]);
    }
    return data!;
  }

  it('settings: the admin, the fields changed before and after, the request id and the address', async () => {
    await ok(
      t.gql(
        SettingsUpdateDocument,
        { input: { timezone: 'america/bogota', visibleDays: 90, botEnabled: w.workspace.botEnabled } },
        w.admin.token,
        { 'x-request-id': 'audit-req-1' },
      ),
    );
    const [entry] = await audit();
    expect(entry).toMatchObject({
      action: 'SETTINGS_UPDATED',
      actorType: 'AGENT',
      actorId: w.admin.agent.globalId,
      targetType: 'Workspace',
      targetId: w.workspace.globalId,
      requestId: 'audit-req-1',
      // The unchanged botEnabled is not listed.
      changes: {
        timezone: { before: w.workspace.timezone, after: 'America/Bogota' },
        visibleDays: { before: w.workspace.visibleDays, after: 90 },
      },
    });
    expect(entry!.clientAddress).toMatch(/127\.0\.0\.1|::1/);
  });

  it('custom fields and tags: create, update, delete, by an admin API key', async () => {
    const key = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.ADMIN]);
    const field = await ok(
      t.gql(CustomFieldCreateDocument, { input: { key: 'plan', label: 'Plan', type: 'TEXT' } }, key.key),
    );
    const fieldId = field.customFieldCreate.customField!.id;
    await ok(t.gql(CustomFieldUpdateDocument, { input: { customFieldId: fieldId, label: 'Tier' } }, key.key));
    await ok(t.gql(CustomFieldDeleteDocument, { input: { customFieldId: fieldId } }, key.key));
    const tag = await ok(t.gql(TagCreateDocument, { input: { name: 'VIP', color: '#22c55e' } }, key.key));
    const tagId = tag.tagCreate.tag!.id;
    await ok(t.gql(TagUpdateDocument, { input: { tagId, name: 'Gold' } }, key.key));
    await ok(t.gql(TagDeleteDocument, { input: { tagId } }, key.key));

    const entries = await audit();
    expect(entries.map((entry) => entry.action)).toEqual([
      'TAG_DELETED',
      'TAG_UPDATED',
      'TAG_CREATED',
      'CUSTOM_FIELD_DELETED',
      'CUSTOM_FIELD_UPDATED',
      'CUSTOM_FIELD_CREATED',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ actorType: 'API_KEY', actorId: key.apiKey.globalId });
    }
    const [tagDeleted, tagUpdated, tagCreated, fieldDeleted, fieldUpdated, fieldCreated] = entries;
    expect(fieldCreated).toMatchObject({
      targetType: 'CustomField',
      targetId: fieldId,
      changes: {
        key: { before: null, after: 'plan' },
        label: { before: null, after: 'Plan' },
        type: { before: null, after: 'TEXT' },
        required: { before: null, after: false },
      },
    });
    expect(fieldUpdated!.changes).toEqual({ label: { before: 'Plan', after: 'Tier' } });
    expect(fieldDeleted!.changes).toMatchObject({ key: { before: 'plan', after: null } });
    expect(tagCreated).toMatchObject({
      targetId: tagId,
      changes: { name: { before: null, after: 'VIP' }, color: { before: null, after: '#22c55e' } },
    });
    expect(tagUpdated!.changes).toEqual({ name: { before: 'VIP', after: 'Gold' } });
    expect(tagDeleted!.changes).toEqual({
      name: { before: 'Gold', after: null },
      color: { before: '#22c55e', after: null },
    });
    // The key's own credential never shows.
    expect(JSON.stringify(entries)).not.toContain(key.key);
  });

  it('agents: create, update, deactivate, reactivate, without the session tokens handed out', async () => {
    const created = await ok(
      t.gql(
        AgentCreateDocument,
        { input: { email: 'new.agent@audit.test', name: 'Nia', role: 'AGENT' } },
        w.admin.token,
      ),
    );
    const agentId = created.agentCreate.agent!.id;
    await ok(t.gql(AgentUpdateDocument, { input: { agentId, role: 'ADMIN' } }, w.admin.token));
    await ok(t.gql(AgentDeactivateDocument, { input: { agentId } }, w.admin.token));
    const reactivated = await t.gql(AgentReactivateDocument, { input: { agentId } }, w.admin.token);
    expect(reactivated.data!.agentReactivate.userErrors).toEqual([]);

    const entries = await audit({ targetId: agentId });
    expect(entries.map((entry) => [entry.action, entry.changes])).toEqual([
      ['AGENT_REACTIVATED', { active: { before: false, after: true } }],
      ['AGENT_DEACTIVATED', { active: { before: true, after: false } }],
      ['AGENT_UPDATED', { role: { before: 'AGENT', after: 'ADMIN' } }],
      [
        'AGENT_CREATED',
        {
          email: { before: null, after: 'new.agent@audit.test' },
          name: { before: null, after: 'Nia' },
          role: { before: null, after: 'AGENT' },
          active: { before: null, after: true },
        },
      ],
    ]);
    expect(entries.every((entry) => entry.actorId === w.admin.agent.globalId)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(created.agentCreate.token!);
  });

  it('API keys: create and revoke, never the key or its hash', async () => {
    const created = await ok(
      t.gql(ApiKeyCreateDocument, { input: { name: 'CRM', scopes: ['READ', 'WRITE'] } }, w.admin.token),
    );
    const apiKeyId = created.apiKeyCreate.apiKey!.id;
    await ok(t.gql(ApiKeyRevokeDocument, { input: { apiKeyId } }, w.admin.token));
    const entries = await audit({ targetId: apiKeyId });
    expect(entries.map((entry) => entry.action)).toEqual(['API_KEY_REVOKED', 'API_KEY_CREATED']);
    expect(entries[1]!.changes).toEqual({
      name: { before: null, after: 'CRM' },
      scopes: { before: null, after: ['read', 'write'] },
    });
    expect(entries[0]!.changes).toEqual({ revokedAt: { before: null, after: expect.any(String) } });
    const stored = await t.factories.dataSource
      .getRepository(AuditEntry)
      .findBy({ workspaceId: w.workspace.id });
    const text = JSON.stringify(stored);
    expect(text).not.toContain(created.apiKeyCreate.key!);
    const [{ key_hash: hash }] = (await t.factories.dataSource.query(
      'SELECT key_hash FROM api_key WHERE id = $1',
      [localId(apiKeyId, 'ApiKey')],
    )) as [{ key_hash: string }];
    expect(text).not.toContain(hash);
  });

  it('channels: connect, without the access token, app secret or verify token', async () => {
    const secrets = {
      accessToken: 'EAAG-audit-token',
      appSecret: 'app-secret-audit',
      verifyToken: 'verify-audit',
    };
    const connected = await ok(
      t.gql(
        ChannelConnectDocument,
        { input: { kind: 'MESSENGER', name: 'Page', externalId: 'page-audit-1', ...secrets } },
        w.admin.token,
      ),
    );
    const [entry] = await audit({ action: 'CHANNEL_CONNECTED' });
    expect(entry).toMatchObject({
      actorId: w.admin.agent.globalId,
      targetType: 'ChannelAccount',
      targetId: connected.channelConnect.channelAccount!.id,
      changes: {
        kind: { before: null, after: 'MESSENGER' },
        name: { before: null, after: 'Page' },
        externalId: { before: null, after: 'page-audit-1' },
      },
    });
    const text = JSON.stringify(
      await t.factories.dataSource.getRepository(AuditEntry).findBy({ workspaceId: w.workspace.id }),
    );
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
  });

  describe('partner webhooks', () => {
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = new WebhookReceiver({ now: () => t.clock.now().getTime() });
      await receiver.start();
    });
    afterAll(() => receiver.stop());
    beforeEach(() => receiver.reset());

    async function dispatchAndDeliver() {
      await t.app.deps.jobs.runNow(JobName.PARTNER_WEBHOOK_DISPATCH, { workspaceId: w.workspace.id });
      await t.app.deps.jobs.drain(JobName.PARTNER_WEBHOOK_DELIVER);
    }

    it('endpoint create, update, rotate, redeliver, delete are recorded; the endpoint receives AUDIT_RECORDED; no secret anywhere', async () => {
      const created = await ok(
        t.gql(
          WebhookEndpointCreateDocument,
          { input: { url: receiver.url(), eventTypes: ['AUDIT_RECORDED'] } },
          w.admin.token,
        ),
      );
      const endpoint = created.webhookEndpointCreate.webhookEndpoint!;
      const firstSecret = created.webhookEndpointCreate.secret!;
      receiver.secret = firstSecret;

      // Its own creation is the first event it receives, signed and with global ids.
      await dispatchAndDeliver();
      expect(receiver.received).toHaveLength(1);
      const body = receiver.received[0]!.body as {
        type: string;
        data: Record<string, unknown>;
      };
      expect(body.type).toBe('AUDIT_RECORDED');
      const [createdEntry] = await audit({ action: 'WEBHOOK_ENDPOINT_CREATED' });
      expect(body.data).toMatchObject({
        auditEntryId: createdEntry!.id,
        action: 'WEBHOOK_ENDPOINT_CREATED',
        actorType: 'AGENT',
        actorId: w.admin.agent.globalId,
        targetType: 'WebhookEndpoint',
        targetId: endpoint.id,
        changes: {
          url: { before: null, after: receiver.url() },
          eventTypes: { before: null, after: ['AUDIT_RECORDED'] },
          enabled: { before: null, after: true },
        },
      });

      await ok(
        t.gql(
          WebhookEndpointUpdateDocument,
          { input: { webhookEndpointId: endpoint.id, description: 'SIEM' } },
          w.admin.token,
        ),
      );
      const rotated = await ok(
        t.gql(
          WebhookEndpointRotateSecretDocument,
          { input: { webhookEndpointId: endpoint.id } },
          w.admin.token,
        ),
      );
      receiver.secret = rotated.webhookEndpointRotateSecret.secret!;
      const [delivery] = await t.factories.dataSource
        .getRepository(WebhookDelivery)
        .findBy({ endpointId: localId(endpoint.id, 'WebhookEndpoint') });
      await dispatchAndDeliver();
      await ok(t.gql(WebhookRedeliverDocument, { input: { deliveryId: delivery!.globalId } }, w.admin.token));
      await ok(
        t.gql(WebhookEndpointDeleteDocument, { input: { webhookEndpointId: endpoint.id } }, w.admin.token),
      );

      const entries = await audit();
      expect(entries.map((entry) => [entry.action, entry.targetId])).toEqual([
        ['WEBHOOK_ENDPOINT_DELETED', endpoint.id],
        ['WEBHOOK_REDELIVERED', delivery!.globalId],
        ['WEBHOOK_SECRET_ROTATED', endpoint.id],
        ['WEBHOOK_ENDPOINT_UPDATED', endpoint.id],
        ['WEBHOOK_ENDPOINT_CREATED', endpoint.id],
      ]);
      expect(entries[2]!.changes).toEqual({});
      expect(entries[3]!.changes).toEqual({ description: { before: null, after: 'SIEM' } });
      // The update and rotation reached the partner too (deliveries run in parallel: any order).
      expect(receiver.received.map((received) => received.body.data.action).sort()).toEqual([
        'WEBHOOK_ENDPOINT_CREATED',
        'WEBHOOK_ENDPOINT_UPDATED',
        'WEBHOOK_SECRET_ROTATED',
      ]);
      const everything = JSON.stringify([
        await t.factories.dataSource.getRepository(AuditEntry).findBy({ workspaceId: w.workspace.id }),
        await t.factories.dataSource
          .getRepository(EventRecord)
          .findBy({ workspaceId: w.workspace.id, type: 'AUDIT_RECORDED' }),
      ]);
      expect(everything).not.toContain(firstSecret);
      expect(everything).not.toContain(rotated.webhookEndpointRotateSecret.secret!);
      expect(everything).not.toContain(firstSecret.slice(0, 12));
    });
  });

  it('agents and non-admin keys are refused the log; node(id) of an entry is admins only', async () => {
    await ok(t.gql(TagCreateDocument, { input: { name: 'Seen' } }, w.admin.token));
    const [entry] = await audit();
    const readKey = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.READ]);
    const adminKey = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.ADMIN]);
    for (const token of [w.agentA.token, readKey.key]) {
      const refused = await t.gql(AuditLogDocument, {}, token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const node = await t.gql(AuditEntryNodeDocument, { id: entry!.id }, token);
      expect(node.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    for (const token of [w.admin.token, adminKey.key]) {
      const node = await t.gql(AuditEntryNodeDocument, { id: entry!.id }, token);
      expect(node.data?.node).toEqual({ id: entry!.id, action: 'TAG_CREATED' });
    }
  });

  it('the event log shows AUDIT_RECORDED to admins, never to agents or read keys', async () => {
    await ok(t.gql(TagCreateDocument, { input: { name: 'Streamed' } }, w.admin.token));
    const readKey = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.READ]);
    const types = async (token: string) => {
      const result = await t.gql(EventsDocument, { first: 100 }, token);
      expect(result.errors).toBeUndefined();
      return result.data!.events.edges.map((edge) => edge.node.type);
    };
    expect(await types(w.admin.token)).toContain('AUDIT_RECORDED');
    expect(await types(w.agentA.token)).not.toContain('AUDIT_RECORDED');
    expect(await types(readKey.key)).not.toContain('AUDIT_RECORDED');
  });

  it('nothing is recorded when the change is refused or rolled back', async () => {
    await ok(t.gql(TagCreateDocument, { input: { name: 'VIP' } }, w.admin.token));
    const duplicate = await t.gql(TagCreateDocument, { input: { name: 'vip' } }, w.admin.token);
    expect(duplicate.data!.tagCreate.userErrors[0]!.code).toBe('DUPLICATE');
    const forbidden = await t.gql(TagCreateDocument, { input: { name: 'Other' } }, w.agentA.token);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The last admin cannot be demoted: refused inside the transaction.
    const demoted = await t.gql(
      AgentUpdateDocument,
      { input: { agentId: w.admin.agent.globalId, role: 'AGENT' } },
      w.admin.token,
    );
    expect(demoted.data!.agentUpdate.userErrors[0]!.code).toBe('LAST_ADMIN');

    // A change that fails after its entry was written takes the entry and its event with it.
    const caller: Caller = {
      deps: t.app.deps,
      viewer: {
        workspace: w.workspace,
        workspaceId: w.workspace.id,
        principal: { kind: 'agent', agent: w.admin.agent },
      },
    };
    const before = await t.factories.dataSource
      .getRepository(EventRecord)
      .countBy({ workspaceId: w.workspace.id });
    await expect(
      inTransaction(t.app.deps, w.workspace.id, async (uow) => {
        await recordAudit(uow, caller, {
          action: AuditAction.TAG_CREATED,
          targetType: 'Tag',
          targetId: w.admin.agent.id,
          changes: {},
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // And a service call refused by its own rule.
    await expect(createTag(caller, { name: 'VIP' })).rejects.toMatchObject({ code: 'DUPLICATE' });

    expect((await audit()).map((entry) => entry.action)).toEqual(['TAG_CREATED']);
    expect(
      await t.factories.dataSource.getRepository(EventRecord).countBy({ workspaceId: w.workspace.id }),
    ).toBe(before);
  });

  it('pages newest first and filters by action, actor, target and time', async () => {
    const nameOf = (entry: { changes: Record<string, unknown> }) =>
      (entry.changes.name as { after: string }).after;
    const iso = (ms: number) => new Date(ms).toISOString();
    const key = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.ADMIN]);
    const start = new Date();
    const names = ['one', 'two', 'three', 'four', 'five'];
    for (const [index, name] of names.entries()) {
      await ok(t.gql(TagCreateDocument, { input: { name } }, index % 2 ? key.key : w.admin.token));
    }
    const first = await t.gql(AuditLogDocument, { first: 2 }, w.admin.token);
    const page1 = first.data!.auditLog;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql(
      AuditLogDocument,
      { first: 10, after: page1.pageInfo.endCursor },
      w.admin.token,
    );
    const page2 = second.data!.auditLog;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const order = [...page1.edges, ...page2.edges].map((edge) => nameOf(edge.node));
    expect(order).toEqual([...names].reverse());

    expect(await audit({ actorId: key.apiKey.globalId })).toHaveLength(2);
    expect(await audit({ actorId: w.admin.agent.globalId, action: 'TAG_CREATED' })).toHaveLength(3);
    expect(await audit({ action: 'AGENT_CREATED' })).toEqual([]);
    const [three] = (await audit()).filter((entry) => nameOf(entry) === 'three');
    expect(await audit({ targetId: three!.targetId })).toEqual([three]);
    expect(
      await audit({ from: iso(start.getTime() - 60_000), to: iso(start.getTime() + 3_600_000) }),
    ).toHaveLength(5);
    expect(await audit({ to: iso(start.getTime() - 60_000) })).toEqual([]);

    const badActor = await t.gql(AuditLogDocument, { filter: { actorId: three!.targetId } }, w.admin.token);
    expect(badActor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badRange = await t.gql(
      AuditLogDocument,
      { filter: { from: start.toISOString(), to: start.toISOString() } },
      w.admin.token,
    );
    expect(badRange.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
