import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { loadConfig } from '../config';
import {
  DEMO_CHANNEL_SECRETS,
  demoWhatsAppChannels,
  demoWorkspaceId,
  graphSandboxBaseUrl,
} from '../demo/demo-channel';
import { ChannelAccount } from '../entities/channel-account.entity';
import { EventRecord } from '../entities/event-record.entity';
import { InboundWebhook } from '../entities/inbound-webhook.entity';
import { EventType } from '../realtime/event-types';
import { fromGlobalId } from '../entities/global-id';
import { cli, runCommand } from '../cli/commands';
import { TEST_DATA_DIR, testDatabaseUrl } from '../testing/test-environment';
import {
  connectWs,
  headCursor,
  subscribe as subscribeTo,
  type WsConnection,
} from '../testing/fixtures/subscription.fixture';
import { MessageStatusChangedDocument } from '../testing/generated/graphql';
import { startServer, type StartedServer } from './start-server';

const HANDOFF = `mutation($input: ConversationHandoffInput!) {
  conversationHandoff(input: $input) { conversation { id handler } userErrors { code message } }
}`;
const SEND = `mutation($input: MessageSendInput!) {
  messageSend(input: $input) { message { id status } userErrors { code message } }
}`;
const MESSAGE = `query($id: ID!) { node(id: $id) { ... on Message { id status externalId error { code title } } } }`;

/** Every address this process dials or resolves, to prove the quick start needs no network. */
function recordConnections(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    socket.once('lookup', (_error, address: string, _family, host: string) => hosts.push(host, address));
    socket.once('connect', () => hosts.push(socket.remoteAddress ?? 'unknown'));
  };
  const onUndici = (message: unknown) =>
    hosts.push((message as { connectParams: { hostname: string } }).connectParams.hostname);
  subscribe('net.client.socket', onSocket);
  subscribe('undici:client:beforeConnect', onUndici);
  return {
    hosts,
    stop: () => {
      unsubscribe('net.client.socket', onSocket);
      unsubscribe('undici:client:beforeConnect', onUndici);
    },
  };
}

/** Polls until `done` holds for what `read` returns (job workers poll, so this takes a few seconds). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/;

/**
 * The README's quick start, wired as `npm start` wires it (migrations, app, listen, demo seed) with
 * the Graph API sandbox on: a newcomer plays the customer with `demo say`, an agent answers, and
 * the reply comes back DELIVERED and then READ through the real, signed webhook path.
 */
describe('quick start: the demo with the Graph API sandbox', () => {
  const env = { ...process.env };
  const connections = recordConnections();
  let server: StartedServer;
  let origin: string;
  let socket: WsConnection | undefined;

  beforeAll(async () => {
    // The CLI reads its database and APP_SECRET from the environment, like the server's.
    process.env.DATABASE_URL = testDatabaseUrl();
    const config = loadConfig({
      ...process.env,
      DATA_DIR: TEST_DATA_DIR,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JOB_SCHEMA: `pgboss_${randomBytes(5).toString('hex')}`,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      GRAPH_SANDBOX: 'true',
      GRAPH_SANDBOX_STATUS_DELAY_MS: '200',
      // Anything escaping the sandbox would go here and fail the loopback check below.
      GRAPH_API_BASE_URL: 'https://graph.facebook.com',
    });
    server = await startServer(config, testDatabaseUrl());
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await socket?.dispose();
    await server?.app.stop();
    connections.stop();
    process.env = env;
  });

  async function gql<T = any>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.demo!.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  async function sandbox(path: string, init: RequestInit & { token?: string } = {}) {
    const response = await fetch(`${origin}/sandbox/graph${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
      },
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('points the seeded demo channel at the sandbox on its own origin', async () => {
    const [channel] = await demoWhatsAppChannels(server.app.deps.dataSource);
    expect(channel!.apiBaseUrl).toBe(graphSandboxBaseUrl(`http://127.0.0.1:${new URL(origin).port}`));
    expect(server.app.graphSandboxUrl()).toBe(channel!.apiBaseUrl);
  });

  it('customer says hello → handoff → messageSend → SENT, DELIVERED, READ through signed webhooks', async () => {
    const ds = server.app.deps.dataSource;
    const said = await runCommand([
      'demo',
      'say',
      '--customer',
      'Ana Quickstart',
      '--text',
      'Hola, ¿tienen envío a Rosario? 📦',
      '--url',
      server.url,
    ]);
    expect(said.text).toMatch(/Ana Quickstart \(\+1555\d{7}, new customer\) wrote on WhatsApp Ventas/);
    const outcome = said.result as any;
    expect(outcome).toMatchObject({
      processed: true,
      customer: { name: 'Ana Quickstart', created: true },
      message: { text: 'Hola, ¿tienen envío a Rosario? 📦' },
      conversation: { status: 'OPEN', handler: 'BOT' },
    });

    // The demo's bot holds new conversations; the admin hands it to the queue and answers.
    const handoff = await gql(HANDOFF, { input: { conversationId: outcome.conversation.id } });
    expect(handoff.conversationHandoff).toMatchObject({ conversation: { handler: 'AGENT' }, userErrors: [] });
    socket = connectWs(server.url.replace(/^http/, 'ws'), server.demo!.token);
    // From the log's head before the send, so every status is pushed whatever the timing.
    const pushed = subscribeTo(socket, MessageStatusChangedDocument, {
      conversationId: outcome.conversation.id,
      after: await headCursor(server.app.deps, (await demoWorkspaceId(ds))!),
    });
    const sent = await gql(SEND, {
      input: { conversationId: outcome.conversation.id, text: '¡Hola Ana! Sí, enviamos a Rosario.' },
    });
    expect(sent.messageSend).toMatchObject({ message: { status: 'QUEUED' }, userErrors: [] });
    const messageId: string = sent.messageSend.message.id;

    const final = await until(
      async () => (await gql(MESSAGE, { id: messageId })).node,
      (node) => node.status === 'READ' || node.status === 'FAILED',
      20_000,
    );
    expect(final).toMatchObject({
      status: 'READ',
      error: null,
      externalId: expect.stringMatching(/^wamid\./),
    });

    // What subscribers saw, in order: each status its own change.
    const localId = fromGlobalId(messageId)!.id;
    const changes = await ds
      .getRepository(EventRecord)
      .createQueryBuilder('event')
      .where('event.type = :type', { type: EventType.MESSAGE_STATUS_CHANGED })
      .andWhere(`event.payload ->> 'messageId' = :id`, { id: localId })
      .orderBy('event.seq', 'ASC')
      .getMany();
    expect(changes.map((event) => event.payload.status)).toEqual(['SENT', 'DELIVERED', 'READ']);
    // …and the messageStatusChanged subscription pushed each one.
    expect(await pushed.waitFor(3)).toBe(true);
    expect(
      pushed
        .data()
        .map(({ messageStatusChanged }) => [messageStatusChanged.message.id, messageStatusChanged.status]),
    ).toEqual([
      [messageId, 'SENT'],
      [messageId, 'DELIVERED'],
      [messageId, 'READ'],
    ]);

    // The statuses came in through the webhook route, which stores only correctly signed bodies.
    const [channel] = await demoWhatsAppChannels(ds);
    const stored = await ds.getRepository(InboundWebhook).find({ where: { channelAccountId: channel!.id } });
    const statuses = stored
      .map((row) => JSON.parse(row.body.toString('utf8')))
      .flatMap((body) => body.entry[0].changes[0].value.statuses ?? [])
      .filter((status: { id: string }) => status.id === final.externalId)
      .map((status: { status: string }) => status.status);
    expect(statuses.sort()).toEqual(['delivered', 'read', 'sent']);
  });

  it('demo say --json prints one object; the same customer writes again into the same conversation', async () => {
    const logged: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
    try {
      const args = ['demo', 'say', '--customer', 'Bruno Json', '--text', 'Hola', '--url', origin, '--json'];
      await cli(args);
      await cli([...args.slice(0, 5), 'Sigo acá', ...args.slice(6)]);
    } finally {
      log.mockRestore();
    }
    expect(logged).toHaveLength(2);
    const [first, second] = logged.map((line) => JSON.parse(line));
    expect(first).toMatchObject({
      webhook: { url: expect.stringMatching(/\/webhooks\/whatsapp\/[0-9a-f-]{36}$/), status: 200 },
      processed: true,
      customer: { name: 'Bruno Json', phone: expect.stringMatching(/^\+1555\d{7}$/), created: true },
      message: { externalId: expect.stringMatching(/^wamid\./), text: 'Hola' },
      conversation: { id: expect.any(String), status: 'OPEN', handler: 'BOT' },
    });
    expect(fromGlobalId(first.customer.id)?.type).toBe('Customer');
    expect(second).toMatchObject({
      customer: { id: first.customer.id, phone: first.customer.phone, created: false },
      conversation: { id: first.conversation.id },
      message: { text: 'Sigo acá' },
    });
  });

  it('demo say refuses bad input and an absent server with a clear message', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await expect(
      runCommand(['demo', 'say', '--customer', 'Ana', '--text', 'Hola', '--url', `http://127.0.0.1:${port}`]),
    ).rejects.toThrow(/No Omnitray server answers at http:\/\/127\.0\.0\.1:\d+/);
    await expect(runCommand(['demo', 'say', '--text', 'Hola'])).rejects.toThrow(/--customer is required/);
    await expect(
      runCommand(['demo', 'say', '--customer', 'Ana', '--text', 'Hola', '--phone', '12ab']),
    ).rejects.toThrow(/--phone takes an international number/);
    await expect(
      runCommand(['demo', 'say', '--customer', 'Ana', '--text', 'Hola', '--url', 'ftp://x']),
    ).rejects.toThrow(/--url must be an http\(s\) address/);
    await expect(runCommand(['demo', 'shout'])).rejects.toThrow(/Usage: demo say/);

    const logged: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
    try {
      await cli([
        'demo',
        'say',
        '--customer',
        'Ana',
        '--text',
        'Hola',
        '--url',
        `http://127.0.0.1:${port}`,
        '--json',
      ]);
    } finally {
      log.mockRestore();
    }
    expect(JSON.parse(logged[0]!)).toEqual({ error: expect.stringMatching(/No Omnitray server answers/) });
    expect(process.exitCode).toBe(2);
    process.exitCode = 0;
  });

  it('the sandbox answers like the Graph API and only for the demo channel with its token', async () => {
    const ds = server.app.deps.dataSource;
    const [demo] = await demoWhatsAppChannels(ds);
    const token = DEMO_CHANNEL_SECRETS.accessToken;
    const text = (to: string) =>
      JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        type: 'text',
        text: { body: 'x' },
      });

    const ok = await sandbox(`/v21.0/${demo!.externalId}/messages`, {
      method: 'POST',
      token,
      body: text('5215512345678'),
    });
    expect(ok).toMatchObject({
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: '5215512345678', wa_id: '5215512345678' }],
        messages: [{ id: expect.stringMatching(/^wamid\./) }],
      },
    });
    expect(
      (await sandbox(`/v21.0/${demo!.externalId}/messages`, { method: 'POST', body: text('1') })).body,
    ).toMatchObject({ error: { code: 190 } });
    expect(
      await sandbox(`/v21.0/${demo!.externalId}/messages`, {
        method: 'POST',
        token: 'wrong',
        body: text('1'),
      }),
    ).toMatchObject({ status: 401, body: { error: { code: 190 } } });
    expect(
      await sandbox(`/v21.0/${demo!.externalId}/messages`, { method: 'POST', token, body: text('12') }),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 100, message: '(#100) Param to must be a phone number' } },
    });
    expect(
      await sandbox(`/v21.0/${demo!.externalId}/messages`, { method: 'POST', token, body: '{nope' }),
    ).toMatchObject({ status: 400, body: { error: { code: 100, message: 'Invalid JSON body' } } });
    expect(
      await sandbox(`/v21.0/${demo!.externalId}/media`, { method: 'POST', token, body: '{}' }),
    ).toMatchObject({ status: 400, body: { error: { code: 100 } } });

    const templates = await sandbox(`/v21.0/${demo!.wabaId}/message_templates?limit=1`, { token });
    expect(templates.status).toBe(200);
    expect(templates.body.data).toEqual([
      expect.objectContaining({ name: 'seguimiento_venta', status: 'APPROVED' }),
    ]);
    // The next page is linked on the sandbox's own origin, where the channel's client follows it.
    const next = new URL(templates.body.paging.next);
    expect(next.origin).toBe(new URL(demo!.apiBaseUrl).origin);
    const second = await sandbox(`${next.pathname.replace('/sandbox/graph', '')}${next.search}`, { token });
    expect(second.body.data).toEqual([expect.objectContaining({ name: 'pedido_en_camino' })]);

    // A channel of another workspace is refused, even with its own token.
    const foreign = await ds.getRepository(ChannelAccount).save(
      ds.getRepository(ChannelAccount).create({
        workspaceId: (await ds.query(`INSERT INTO workspace (name) VALUES ('Elsewhere') RETURNING id`))[0].id,
        kind: demo!.kind,
        name: 'Foreign',
        externalId: `pn-foreign-${randomBytes(3).toString('hex')}`,
        wabaId: 'foreign-waba',
        accessTokenEnc: server.app.deps.secretBox.seal('foreign-token'),
        appSecretEnc: server.app.deps.secretBox.seal('foreign-secret'),
        apiBaseUrl: demo!.apiBaseUrl,
      }),
    );
    const refused = await sandbox(`/v21.0/${foreign.externalId}/messages`, {
      method: 'POST',
      token: 'foreign-token',
      body: text('5215512345678'),
    });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 10 } } });
    expect(refused.body.error.message).toMatch(/only for the demo workspace/);
    expect(await sandbox('/v21.0/foreign-waba/message_templates', { token: 'foreign-token' })).toMatchObject({
      status: 403,
    });
  });

  it('dialled nothing but loopback', () => {
    expect(connections.hosts.length).toBeGreaterThan(0);
    expect(connections.hosts.filter((host) => !LOOPBACK.test(host))).toEqual([]);
  });
});
