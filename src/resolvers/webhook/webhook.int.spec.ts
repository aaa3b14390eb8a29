import { createServer, type AddressInfo } from 'node:net';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createConversation,
  createTestApiKey,
  createTestWorkspace,
  enqueuedJobs,
  type TestWorkspace,
} from '../../testing/factories';
import {
  NoteCreateDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointCreateDocument,
  WebhookEndpointDeleteDocument,
  WebhookEndpointRotateSecretDocument,
  WebhookEndpointsDocument,
  WebhookEndpointUpdateDocument,
  WebhookRedeliverDocument,
  type EventType as GqlEventType,
} from '../../testing/generated/graphql';
import { WebhookReceiver } from '../../testing/webhook-receiver';
import { JobName } from '../../runtime/job-queue';
import { EventType } from '../../realtime/event-types';
import { emitEvents, eventually } from '../../testing/fixtures/subscription.fixture';
import { WebhookDelivery, WebhookDeliveryStatus } from '../../entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../../entities/webhook-endpoint.entity';
import { ApiKeyScope } from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { localId } from '../find-owned';
import { decodeEventCursor, encodeEventCursor } from '../../realtime/event-log';

describe('Partner webhooks', () => {
  const t = useTestApp({ env: { OUTBOUND_ALLOW_PRIVATE: 'true' } });
  const deps = t.factories;
  const w = useWorkspace(t);
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    // The receiver checks timestamps against the app's clock, which the tests move.
    receiver = new WebhookReceiver({ now: () => t.clock.now().getTime() });
    await receiver.start();
  });
  afterAll(() => receiver.stop());
  beforeEach(() => receiver.reset());

  async function createEndpoint(
    eventTypes: GqlEventType[],
    options: { path?: string; token?: string; workspace?: TestWorkspace } = {},
  ) {
    const result = await t.gql(
      WebhookEndpointCreateDocument,
      { input: { url: receiver.url(options.path), eventTypes, description: 'CRM sync' } },
      options.token ?? (options.workspace ?? w).admin.token,
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data!.webhookEndpointCreate;
    expect(payload.userErrors).toEqual([]);
    receiver.secret = payload.secret!;
    return { endpoint: payload.webhookEndpoint!, secret: payload.secret! };
  }

  const messageAdded = (conversationId: string, messageId: string) => ({
    type: EventType.MESSAGE_ADDED,
    conversationId,
    assigneeId: null,
    payload: { messageId, conversationId },
  });
  const trayChanged = (conversationId: string) => ({
    type: EventType.TRAY_CHANGED,
    conversationId,
    assigneeId: null,
    payload: { conversationId, view: 'V2', from: null, to: 'ACTIVE', assigneeId: null },
  });

  /** What the workers would do: fan the log out to deliveries, then post every due one. */
  async function dispatchAndDeliver(workspaceId = w.workspace.id): Promise<void> {
    await t.app.deps.jobs.runNow(JobName.PARTNER_WEBHOOK_DISPATCH, { workspaceId });
    await t.app.deps.jobs.drain(JobName.PARTNER_WEBHOOK_DELIVER);
  }

  const deliveries = (endpointGlobalId: string) =>
    deps.dataSource.getRepository(WebhookDelivery).find({
      where: { endpointId: localId(endpointGlobalId, 'WebhookEndpoint') },
      order: { eventSeq: 'ASC' },
    });

  /** Runs the deliver job for one delivery, as its scheduled retry would. */
  const attempt = (delivery: WebhookDelivery) =>
    t.app.deps.jobs.runNow(JobName.PARTNER_WEBHOOK_DELIVER, {
      workspaceId: delivery.workspaceId,
      deliveryId: delivery.id,
    });

  it('posts each subscribed event as signed JSON with global ids; the receiver verifies every signature', async () => {
    const { endpoint } = await createEndpoint(['MESSAGE_ADDED', 'NOTE_CREATED']);
    expect(endpoint).toMatchObject({
      url: receiver.url(),
      eventTypes: ['MESSAGE_ADDED', 'NOTE_CREATED'],
      enabled: true,
      disabledReason: null,
    });
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const messageId = '6f1c2b1e-8a53-4a0e-9a59-3f0f2f4d1a10';

    // A real mutation: its commit wakes the fan-out through the after-commit hook.
    const note = await t.gql(
      NoteCreateDocument,
      { input: { conversationId: toGlobalId('Conversation', conversation.id), body: 'VIP customer' } },
      w.admin.token,
    );
    expect(note.data!.noteCreate.userErrors).toEqual([]);
    expect(
      await eventually(
        async () =>
          (await enqueuedJobs(deps, JobName.PARTNER_WEBHOOK_DISPATCH, { workspaceId: w.workspace.id }))
            .length > 0,
      ),
    ).toBe(true);
    await emitEvents(t.app.deps, w.workspace.id, [
      trayChanged(conversation.id),
      messageAdded(conversation.id, messageId),
    ]);
    await dispatchAndDeliver();

    // Deliveries are posted concurrently: partners order them by cursor.
    const seqOf = (cursor: string) => decodeEventCursor(cursor).seq;
    receiver.received.sort((a, b) => (seqOf(a.body.cursor) < seqOf(b.body.cursor) ? -1 : 1));
    expect(receiver.received.map((entry) => entry.body.type)).toEqual(['NOTE_CREATED', 'MESSAGE_ADDED']);
    expect(receiver.received.every((entry) => entry.verified)).toBe(true);
    const [updated, added] = receiver.received;
    expect(added!.headers['omnitray-event']).toBe('MESSAGE_ADDED');
    expect(added!.headers['content-type']).toBe('application/json');
    expect(added!.headers['omnitray-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(added!.timestamp).toBe(Math.floor(t.clock.now().getTime() / 1000));
    expect(added!.body).toEqual({
      id: added!.deliveryId,
      type: 'MESSAGE_ADDED',
      createdAt: expect.any(String),
      cursor: expect.any(String),
      workspaceId: toGlobalId('Workspace', w.workspace.id),
      data: {
        messageId: toGlobalId('Message', messageId),
        conversationId: toGlobalId('Conversation', conversation.id),
      },
    });
    expect(updated!.body.data).toMatchObject({
      conversationId: toGlobalId('Conversation', conversation.id),
      noteId: note.data!.noteCreate.note!.id,
    });

    // The cursor is the event's cursor in `events(after)`; the delivery log shows the outcome.
    const rows = await deliveries(endpoint.id);
    expect(added!.body.cursor).toBe(encodeEventCursor(w.workspace.id, rows[1]!.eventSeq));
    const log = await t.gql(WebhookDeliveriesDocument, { endpointId: endpoint.id }, w.admin.token);
    expect(log.errors).toBeUndefined();
    expect(log.data!.webhookDeliveries.totalCount).toBe(2);
    for (const delivery of log.data!.webhookDeliveries.nodes) {
      expect(delivery).toMatchObject({
        status: 'SUCCEEDED',
        attempts: 1,
        lastStatusCode: 200,
        lastError: null,
      });
      expect(delivery.lastLatencyMs).toBeGreaterThanOrEqual(0);
      expect(delivery.responseExcerpt).toBe('ok');
    }
    expect(log.data!.webhookDeliveries.nodes.map((node) => node.id).sort()).toEqual(
      receiver.received.map((entry) => entry.deliveryId).sort(),
    );

    // Running the fan-out again creates nothing twice: the cursor moved in the same transaction.
    await dispatchAndDeliver();
    expect(receiver.received).toHaveLength(2);
    expect(await deliveries(endpoint.id)).toHaveLength(2);
  });

  it('retries a failed delivery on its backoff with the same id and body, signed afresh, until it succeeds', async () => {
    const { endpoint } = await createEndpoint(['MESSAGE_ADDED']);
    const conversation = await createConversation(deps, w.channel);
    receiver.failNext(2, 500);
    await emitEvents(t.app.deps, w.workspace.id, [
      messageAdded(conversation.id, 'a0c7e1e4-5b2f-4c53-8f4e-0d5a7d9e3b21'),
    ]);
    await dispatchAndDeliver();

    let [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    expect(delivery!.nextAttemptAt!.getTime()).toBe(t.clock.now().getTime() + 10_000);
    const retries = await enqueuedJobs(deps, JobName.PARTNER_WEBHOOK_DELIVER, { deliveryId: delivery!.id });
    expect(retries.at(-1)!.startAfter.getTime()).toBe(delivery!.nextAttemptAt!.getTime());

    // Not due yet: nothing is posted.
    await attempt(delivery!);
    expect(receiver.received).toHaveLength(1);

    t.clock.advance(10_000);
    await attempt(delivery!);
    [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 2, lastStatusCode: 500 });
    expect(delivery!.nextAttemptAt!.getTime()).toBe(t.clock.now().getTime() + 30_000);
    let [state] = await deps.dataSource
      .getRepository(WebhookEndpoint)
      .findBy({ workspaceId: w.workspace.id });
    expect(state).toMatchObject({ consecutiveFailures: 2, enabled: true });

    t.clock.advance(30_000);
    await attempt(delivery!);
    [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 3,
      lastStatusCode: 200,
      nextAttemptAt: null,
    });
    [state] = await deps.dataSource.getRepository(WebhookEndpoint).findBy({ workspaceId: w.workspace.id });
    expect(state).toMatchObject({ consecutiveFailures: 0, failingSince: null });

    expect(receiver.received.map((entry) => entry.answered)).toEqual([500, 500, 200]);
    expect(receiver.received.every((entry) => entry.verified)).toBe(true);
    expect(new Set(receiver.received.map((entry) => entry.deliveryId)).size).toBe(1);
    expect(new Set(receiver.received.map((entry) => entry.rawBody)).size).toBe(1);
    expect(new Set(receiver.received.map((entry) => entry.headers['omnitray-signature'])).size).toBe(3);
    expect(receiver.received[0]!.deliveryId).toBe(toGlobalId('WebhookDelivery', delivery!.id));
  });

  it('webhookRedeliver sends the same delivery again as a new attempt', async () => {
    const { endpoint } = await createEndpoint(['TRAY_CHANGED']);
    const conversation = await createConversation(deps, w.channel);
    await emitEvents(t.app.deps, w.workspace.id, [trayChanged(conversation.id)]);
    await dispatchAndDeliver();
    expect(receiver.received).toHaveLength(1);
    const deliveryId = receiver.received[0]!.deliveryId;

    t.clock.advance(60_000);
    const redelivered = await t.gql(WebhookRedeliverDocument, { input: { deliveryId } }, w.admin.token);
    expect(redelivered.errors).toBeUndefined();
    expect(redelivered.data!.webhookRedeliver).toMatchObject({
      userErrors: [],
      webhookDelivery: { id: deliveryId, status: 'PENDING', attempts: 1 },
    });
    await t.app.deps.jobs.drain(JobName.PARTNER_WEBHOOK_DELIVER);

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.deliveryId).toBe(deliveryId);
    expect(second!.rawBody).toBe(first!.rawBody);
    expect(second!.verified).toBe(true);
    expect(second!.timestamp).toBe(first!.timestamp + 60);
    const log = await t.gql(WebhookDeliveriesDocument, { endpointId: endpoint.id }, w.admin.token);
    expect(log.data!.webhookDeliveries.nodes).toEqual([
      expect.objectContaining({ id: deliveryId, status: 'SUCCEEDED', attempts: 2 }),
    ]);
  });

  it('an endpoint failing for 24 hours: its delivery ends FAILED, the endpoint is disabled with the reason, and resumes when enabled', async () => {
    const { endpoint } = await createEndpoint(['MESSAGE_ADDED']);
    const conversation = await createConversation(deps, w.channel);
    receiver.failAlways(503);
    const started = t.clock.now().getTime();
    await emitEvents(t.app.deps, w.workspace.id, [
      messageAdded(conversation.id, 'b1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f'),
    ]);
    await dispatchAndDeliver();

    let [delivery] = await deliveries(endpoint.id);
    for (let i = 0; i < 40 && delivery!.status === WebhookDeliveryStatus.PENDING; i += 1) {
      t.clock.set(delivery!.nextAttemptAt!);
      await attempt(delivery!);
      [delivery] = await deliveries(endpoint.id);
    }
    expect(delivery!.status).toBe('FAILED');
    expect(delivery!.nextAttemptAt).toBeNull();
    expect(delivery!.lastStatusCode).toBe(503);
    // 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then every 4 h while the 24 h window lasts.
    expect(delivery!.attempts).toBe(13);
    expect(t.clock.now().getTime() - started).toBeLessThanOrEqual(24 * 3600_000);
    expect(receiver.received.every((entry) => entry.verified && entry.answered === 503)).toBe(true);

    const listed = await t.gql(WebhookEndpointsDocument, {}, w.admin.token);
    const disabled = listed.data!.webhookEndpoints[0]!;
    expect(disabled).toMatchObject({ id: endpoint.id, enabled: false, consecutiveFailures: 13 });
    expect(disabled.disabledAt).toBe(t.clock.now().toISOString());
    expect(disabled.disabledReason).toMatch(
      /No delivery succeeded in 24 hours of retries \(13 failed attempts in a row.*HTTP 503/,
    );

    // While disabled nothing is posted and redelivery is refused; the log keeps the events.
    await emitEvents(t.app.deps, w.workspace.id, [
      messageAdded(conversation.id, 'c2d3e4f5-6a7b-4c8d-9e0f-1a2b3c4d5e6f'),
    ]);
    await dispatchAndDeliver();
    expect(await deliveries(endpoint.id)).toHaveLength(1);
    const refused = await t.gql(
      WebhookRedeliverDocument,
      { input: { deliveryId: toGlobalId('WebhookDelivery', delivery!.id) } },
      w.admin.token,
    );
    expect(refused.data!.webhookRedeliver.userErrors).toEqual([
      expect.objectContaining({ code: 'WEBHOOK_ENDPOINT_DISABLED' }),
    ]);

    // The partner is fixed; an admin enables the endpoint: what happened meanwhile is delivered.
    receiver.reset();
    const enabled = await t.gql(
      WebhookEndpointUpdateDocument,
      { input: { webhookEndpointId: endpoint.id, enabled: true } },
      w.admin.token,
    );
    expect(enabled.data!.webhookEndpointUpdate.webhookEndpoint).toMatchObject({
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      consecutiveFailures: 0,
    });
    await dispatchAndDeliver();
    expect(receiver.received.map((entry) => entry.body.data.messageId)).toEqual([
      toGlobalId('Message', 'c2d3e4f5-6a7b-4c8d-9e0f-1a2b3c4d5e6f'),
    ]);
    const redelivered = await t.gql(
      WebhookRedeliverDocument,
      { input: { deliveryId: toGlobalId('WebhookDelivery', delivery!.id) } },
      w.admin.token,
    );
    expect(redelivered.data!.webhookRedeliver.userErrors).toEqual([]);
    await t.app.deps.jobs.drain(JobName.PARTNER_WEBHOOK_DELIVER);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.verified).toBe(true);

    const failedOnly = await t.gql(
      WebhookDeliveriesDocument,
      { endpointId: endpoint.id, status: 'FAILED' },
      w.admin.token,
    );
    expect(failedOnly.data!.webhookDeliveries.nodes).toEqual([]);
    const page = await t.gql(WebhookDeliveriesDocument, { endpointId: endpoint.id, first: 1 }, w.admin.token);
    expect(page.data!.webhookDeliveries.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql(
      WebhookDeliveriesDocument,
      { endpointId: endpoint.id, first: 1, after: page.data!.webhookDeliveries.pageInfo.endCursor },
      w.admin.token,
    );
    expect(next.data!.webhookDeliveries.nodes).toHaveLength(1);
    expect(next.data!.webhookDeliveries.nodes[0]!.id).not.toBe(page.data!.webhookDeliveries.nodes[0]!.id);
  });

  it("never delivers another workspace's events", async () => {
    const other = await createTestWorkspace(deps);
    const mine = await createEndpoint(['MESSAGE_ADDED'], { path: '/mine' });
    const otherConversation = await createConversation(deps, other.channel);
    await emitEvents(t.app.deps, other.workspace.id, [
      messageAdded(otherConversation.id, 'd3e4f5a6-7b8c-4d9e-8f0a-1b2c3d4e5f60'),
    ]);
    await dispatchAndDeliver(w.workspace.id);
    await dispatchAndDeliver(other.workspace.id);
    expect(receiver.received).toEqual([]);
    expect(await deliveries(mine.endpoint.id)).toEqual([]);

    const conversation = await createConversation(deps, w.channel);
    await emitEvents(t.app.deps, w.workspace.id, [
      messageAdded(conversation.id, 'e4f5a6b7-8c9d-4e0f-9a1b-2c3d4e5f6a70'),
    ]);
    await dispatchAndDeliver(other.workspace.id);
    await dispatchAndDeliver(w.workspace.id);
    expect(receiver.received.map((entry) => [entry.path, entry.body.workspaceId])).toEqual([
      ['/mine', toGlobalId('Workspace', w.workspace.id)],
    ]);
  });

  it('the secret is shown once and stored encrypted; after a rotation deliveries are signed with the new one', async () => {
    const { endpoint, secret } = await createEndpoint(['MESSAGE_ADDED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint.secretPrefix).toBe(secret.slice(0, 12));
    const row = await deps.dataSource
      .getRepository(WebhookEndpoint)
      .findOneByOrFail({ id: localId(endpoint.id, 'WebhookEndpoint') });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(t.app.deps.secretBox.open(row.secretEnc)).toBe(secret);
    const listed = await t.gql(WebhookEndpointsDocument, {}, w.admin.token);
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    const rotated = await t.gql(
      WebhookEndpointRotateSecretDocument,
      { input: { webhookEndpointId: endpoint.id } },
      w.admin.token,
    );
    const newSecret = rotated.data!.webhookEndpointRotateSecret.secret!;
    expect(newSecret).not.toBe(secret);
    const conversation = await createConversation(deps, w.channel);
    await emitEvents(t.app.deps, w.workspace.id, [
      messageAdded(conversation.id, 'f5a6b7c8-9d0e-4f1a-8b2c-3d4e5f6a7b80'),
    ]);
    // A receiver still on the old secret refuses the delivery; with the new one it verifies.
    await dispatchAndDeliver();
    expect(receiver.received.map((entry) => [entry.verified, entry.answered])).toEqual([[false, 401]]);
    receiver.secret = newSecret;
    const [delivery] = await deliveries(endpoint.id);
    t.clock.set(delivery!.nextAttemptAt!);
    await attempt(delivery!);
    expect(receiver.received.map((entry) => entry.verified)).toEqual([false, true]);
  });

  it('validates input and deletes endpoints with their log', async () => {
    const empty = await t.gql(
      WebhookEndpointCreateDocument,
      { input: { url: receiver.url(), eventTypes: [] } },
      w.admin.token,
    );
    expect(empty.data!.webhookEndpointCreate.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'eventTypes'] }),
    ]);
    const garbage = await t.gql(
      WebhookEndpointCreateDocument,
      { input: { url: 'not a url', eventTypes: ['MESSAGE_ADDED'] } },
      w.admin.token,
    );
    expect(garbage.data!.webhookEndpointCreate.userErrors).toEqual([
      expect.objectContaining({ code: 'WEBHOOK_URL_NOT_ALLOWED', field: ['input', 'url'] }),
    ]);
    const { endpoint } = await createEndpoint(['MESSAGE_ADDED']);
    const conversation = await createConversation(deps, w.channel);
    await emitEvents(t.app.deps, w.workspace.id, [
      messageAdded(conversation.id, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'),
    ]);
    await dispatchAndDeliver();
    const deleted = await t.gql(
      WebhookEndpointDeleteDocument,
      { input: { webhookEndpointId: endpoint.id } },
      w.admin.token,
    );
    expect(deleted.data!.webhookEndpointDelete).toEqual({
      deletedWebhookEndpointId: endpoint.id,
      userErrors: [],
    });
    expect(await deliveries(endpoint.id)).toEqual([]);
    expect((await t.gql(WebhookEndpointsDocument, {}, w.admin.token)).data!.webhookEndpoints).toEqual([]);
    const gone = await t.gql(WebhookDeliveriesDocument, { endpointId: endpoint.id }, w.admin.token);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('admins and admin keys manage webhooks; agents and other keys are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
    const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
    const { endpoint } = await createEndpoint(['MESSAGE_ADDED'], { token: adminKey });
    expect((await t.gql(WebhookEndpointsDocument, {}, adminKey)).data!.webhookEndpoints).toHaveLength(1);

    const refused: [string | null, string][] = [
      [w.agentA.token, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE, ApiKeyScope.BOT])).key, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ];
    const deliveryId = toGlobalId('WebhookDelivery', '00000000-0000-4000-8000-000000000000');
    for (const [token, code] of refused) {
      const calls = [
        t.gql(
          WebhookEndpointCreateDocument,
          { input: { url: receiver.url(), eventTypes: ['MESSAGE_ADDED'] } },
          token,
        ),
        t.gql(
          WebhookEndpointUpdateDocument,
          { input: { webhookEndpointId: endpoint.id, enabled: false } },
          token,
        ),
        t.gql(WebhookEndpointRotateSecretDocument, { input: { webhookEndpointId: endpoint.id } }, token),
        t.gql(WebhookEndpointDeleteDocument, { input: { webhookEndpointId: endpoint.id } }, token),
        t.gql(WebhookRedeliverDocument, { input: { deliveryId } }, token),
        t.gql(WebhookEndpointsDocument, {}, token),
        t.gql(WebhookDeliveriesDocument, { endpointId: endpoint.id }, token),
      ];
      for (const result of await Promise.all(calls)) expect(result.errors?.[0]?.extensions?.code).toBe(code);
    }
    const listed = await t.gql(WebhookEndpointsDocument, {}, w.admin.token);
    expect(listed.data!.webhookEndpoints).toEqual([
      expect.objectContaining({ id: endpoint.id, enabled: true }),
    ]);
  });
});

describe('Partner webhook URLs without OUTBOUND_ALLOW_PRIVATE', () => {
  const t = useTestApp({ env: { OUTBOUND_ALLOW_PRIVATE: 'false' } });
  const deps = t.factories;
  const w = useWorkspace(t, { scope: 'suite' });

  const create = (url: string) =>
    t.gql(WebhookEndpointCreateDocument, { input: { url, eventTypes: ['MESSAGE_ADDED'] } }, w.admin.token);

  it.each([
    'https://10.0.0.5/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://127.0.0.1:8443/hook',
    'https://localhost/hook',
    'https://[::1]/hook',
    'https://[fd12:3456::1]/hook',
    'https://[fe80::1]/hook',
    'https://[::ffff:192.168.1.10]/hook',
    'https://100.64.1.1/hook',
    'https://172.20.0.1/hook',
    'https://0.0.0.0/hook',
    'https://224.0.0.1/hook',
    // IPv6 forms that embed or translate an IPv4 address.
    'https://[::ffff:7f00:1]/hook',
    'https://[::10.0.0.5]/hook',
    'https://[64:ff9b::169.254.169.254]/hook',
    'https://[64:ff9b:1::a00:5]/hook',
    'https://[2002:a9fe:a9fe::1]/hook',
    'https://[2001:0:4136:e378::1]/hook',
    'https://[fc00::1]/hook',
    // Other spellings of loopback.
    'https://2130706433/hook',
    'https://0x7f.0.0.1/hook',
  ])('refuses %s with WEBHOOK_URL_NOT_ALLOWED', async (url) => {
    const result = await create(url);
    expect(result.errors).toBeUndefined();
    const payload = result.data!.webhookEndpointCreate;
    expect(payload.webhookEndpoint).toBeNull();
    expect(payload.secret).toBeNull();
    expect(payload.userErrors).toEqual([
      {
        code: 'WEBHOOK_URL_NOT_ALLOWED',
        field: ['input', 'url'],
        message: expect.stringMatching(/private, loopback, link-local or reserved address/),
      },
    ]);
  });

  it('requires https and refuses credentials in the URL', async () => {
    const plain = await create('http://10.0.0.5/hook');
    expect(plain.data!.webhookEndpointCreate.userErrors[0]).toMatchObject({
      code: 'WEBHOOK_URL_NOT_ALLOWED',
      message: expect.stringMatching(/https/),
    });
    const credentials = await create('https://user:pass@93.184.216.34/hook');
    expect(credentials.data!.webhookEndpointCreate.userErrors[0]!.code).toBe('WEBHOOK_URL_NOT_ALLOWED');
  });

  it('accepts a public address, and refuses a private one on update', async () => {
    const created = await create('https://93.184.216.34/hook');
    expect(created.data!.webhookEndpointCreate.userErrors).toEqual([]);
    const endpointId = created.data!.webhookEndpointCreate.webhookEndpoint!.id;
    const updated = await t.gql(
      WebhookEndpointUpdateDocument,
      { input: { webhookEndpointId: endpointId, url: 'https://192.168.0.10/hook' } },
      w.admin.token,
    );
    expect(updated.data!.webhookEndpointUpdate.userErrors[0]!.code).toBe('WEBHOOK_URL_NOT_ALLOWED');
    await t.gql(WebhookEndpointDeleteDocument, { input: { webhookEndpointId: endpointId } }, w.admin.token);
  });

  it('checks the address again at delivery time: nothing is sent to a private address', async () => {
    // As if the URL had been stored while allowed, or its host now resolved elsewhere.
    const endpoint = await deps.dataSource.getRepository(WebhookEndpoint).save({
      workspaceId: w.workspace.id,
      url: 'https://127.0.0.1:9/hook',
      eventTypes: [EventType.MESSAGE_ADDED],
      secretEnc: t.app.deps.secretBox.seal('whsec_test'),
      secretPrefix: 'whsec_test',
      cursorSeq: '0',
    });
    const conversation = await createConversation(deps, w.channel);
    await emitEvents(t.app.deps, w.workspace.id, [
      {
        type: EventType.MESSAGE_ADDED,
        conversationId: conversation.id,
        assigneeId: null,
        payload: { messageId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', conversationId: conversation.id },
      },
    ]);
    await t.app.deps.jobs.runNow(JobName.PARTNER_WEBHOOK_DISPATCH, { workspaceId: w.workspace.id });
    await t.app.deps.jobs.drain(JobName.PARTNER_WEBHOOK_DELIVER);
    const [delivery] = await deps.dataSource
      .getRepository(WebhookDelivery)
      .findBy({ endpointId: endpoint.id });
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null });
    expect(delivery!.lastError).toMatch(/127.0.0.1 resolves to 127.0.0.1, a private, loopback/);
    await deps.dataSource.getRepository(WebhookEndpoint).delete({ id: endpoint.id });
  });

  it('refuses at connect time a host name that resolves to a private address, with no connection made', async () => {
    const connections: number[] = [];
    const probe = createServer((socket) => {
      connections.push(1);
      socket.destroy();
    });
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as AddressInfo).port)),
    );
    const endpoint = await deps.dataSource.getRepository(WebhookEndpoint).save({
      workspaceId: w.workspace.id,
      url: `https://localhost:${port}/hook`,
      eventTypes: [EventType.MESSAGE_ADDED],
      secretEnc: t.app.deps.secretBox.seal('whsec_test'),
      secretPrefix: 'whsec_test',
      cursorSeq: '0',
    });
    try {
      const conversation = await createConversation(deps, w.channel);
      await emitEvents(t.app.deps, w.workspace.id, [
        {
          type: EventType.MESSAGE_ADDED,
          conversationId: conversation.id,
          assigneeId: null,
          payload: { messageId: '2b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', conversationId: conversation.id },
        },
      ]);
      await t.app.deps.jobs.runNow(JobName.PARTNER_WEBHOOK_DISPATCH, { workspaceId: w.workspace.id });
      await t.app.deps.jobs.drain(JobName.PARTNER_WEBHOOK_DELIVER);
      const [delivery] = await deps.dataSource
        .getRepository(WebhookDelivery)
        .findBy({ endpointId: endpoint.id });
      expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null });
      expect(delivery!.lastError).toMatch(/localhost resolves to 127.0.0.1, a private, loopback/);
      expect(connections).toHaveLength(0);
    } finally {
      await deps.dataSource.getRepository(WebhookEndpoint).delete({ id: endpoint.id });
      await new Promise((resolve) => probe.close(resolve));
    }
  });
});
