import { createServer } from 'node:net';
import { ChannelKind } from '../entities/enums';
import { FakeGraphApi } from '../testing/fake-graph-api';
import { sampleCredentials, TEST_ACCESS_TOKEN } from '../testing/fixtures/meta-samples.fixture';
import { adapterFor, channelAdapters } from './channel-registry';
import { graphRequest } from './graph-api.client';
import { TemplateSyncError } from './whatsapp/whatsapp.adapter';

const fake = new FakeGraphApi({ accessTokens: [TEST_ACCESS_TOKEN] });
let baseUrl: string;

beforeAll(async () => {
  baseUrl = await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const wa = () => sampleCredentials(ChannelKind.WHATSAPP, baseUrl);

describe('channel registry', () => {
  it('has one adapter per channel kind, of that kind', () => {
    for (const kind of Object.values(ChannelKind)) {
      expect(adapterFor(kind).kind).toBe(kind);
      expect(channelAdapters[kind]).toBe(adapterFor(kind));
    }
  });
});

describe('WhatsApp send', () => {
  it('replies with a context and returns the wamid', async () => {
    const result = await adapterFor(ChannelKind.WHATSAPP).send(
      {
        to: '447700900123',
        type: 'text',
        text: 'Claro, ¿qué número de pedido?',
        replyToExternalId: 'wamid.IN',
      },
      wa(),
    );
    expect(result).toEqual({ ok: true, externalId: expect.stringMatching(/^wamid\./) });
    expect(fake.requests[0].body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '447700900123',
      type: 'text',
      text: { preview_url: false, body: 'Claro, ¿qué número de pedido?' },
      context: { message_id: 'wamid.IN' },
    });
  });

  it('maps a wrong token to ACCOUNT_RESTRICTED', async () => {
    const result = await adapterFor(ChannelKind.WHATSAPP).send(
      { to: '447700900123', type: 'text', text: 'x' },
      { ...wa(), accessToken: 'revoked' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_RESTRICTED', providerCode: '190' } });
  });

  it('refuses to build a request without text or template, without calling the provider', async () => {
    const adapter = adapterFor(ChannelKind.WHATSAPP);
    expect(await adapter.send({ to: '1', type: 'text', text: '' }, wa())).toMatchObject({
      ok: false,
      error: { code: 'INVALID_MESSAGE', retryable: false },
    });
    expect(await adapter.send({ to: '1', type: 'template' }, wa())).toMatchObject({ ok: false });
    expect(
      await adapter.send({ to: '1', type: 'text', text: 'x' }, { ...wa(), accessToken: null }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_RESTRICTED' },
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('turns HTTP 429 and 5xx without a Graph error into retryable errors', async () => {
    fake.failNext('/messages', { status: 429, body: 'slow down', headers: { 'Retry-After': '2' } });
    fake.failNext('/messages', { status: 503, body: '<html>unavailable</html>' });
    const adapter = adapterFor(ChannelKind.WHATSAPP);
    const message = { to: '447700900123', type: 'text' as const, text: 'x' };
    expect(await adapter.send(message, wa())).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryable: true },
      retryAfterMs: 2000,
    });
    expect(await adapter.send(message, wa())).toMatchObject({
      ok: false,
      error: { code: 'TRANSIENT', retryable: true },
    });
  });

  it('does not retry a 200 that carries no message id', async () => {
    fake.failNext('/messages', { status: 200, body: { messaging_product: 'whatsapp', messages: [] } });
    expect(
      await adapterFor(ChannelKind.WHATSAPP).send({ to: '1', type: 'text', text: 'x' }, wa()),
    ).toMatchObject({
      ok: false,
      error: { code: 'PROVIDER_ERROR', retryable: false },
    });
  });

  it('times out on a provider that never answers', async () => {
    fake.hangNext('/messages');
    const result = await graphRequest(wa(), {
      method: 'POST',
      path: `/${wa().externalId}/messages`,
      body: {},
      timeoutMs: 200,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'TRANSIENT', title: 'The provider did not answer in time', retryable: true },
    });
  });

  it('makes a refused connection TRANSIENT', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const result = await adapterFor(ChannelKind.WHATSAPP).send(
      { to: '1', type: 'text', text: 'x' },
      { ...wa(), apiBaseUrl: `http://127.0.0.1:${port}` },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'TRANSIENT', retryable: true } });
  });
});

describe('WhatsApp templates', () => {
  const template = (i: number) => ({
    id: String(9000 + i),
    name: `template_${i}`,
    language: 'es_AR',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: `Hola {{1}} #${i}` }],
  });

  it('follows paging.next through every page', async () => {
    const all = Array.from({ length: 230 }, (_, i) => template(i));
    fake.setTemplates(wa().wabaId!, all);
    const templates = await adapterFor(ChannelKind.WHATSAPP).listTemplates(wa());
    expect(templates.map((t) => t.externalId)).toEqual(all.map((t) => t.id));
    expect(fake.requests.map((r) => r.query.limit)).toEqual(['100', '100', '100']);
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${TEST_ACCESS_TOKEN}`)).toBe(true);
    expect(templates[5]).toEqual({
      externalId: '9005',
      name: 'template_5',
      language: 'es_AR',
      category: 'UTILITY',
      status: 'APPROVED',
      parameterFormat: 'POSITIONAL',
      components: [{ type: 'BODY', text: 'Hola {{1}} #5' }],
    });
  });

  it('follows cursors.after when a full page has no next link', async () => {
    fake.failNext('/message_templates', {
      status: 200,
      body: {
        data: Array.from({ length: 100 }, (_, i) => template(i)),
        paging: { cursors: { after: 'CUR' } },
      },
    });
    fake.failNext('/message_templates', {
      status: 200,
      body: { data: [template(100)], paging: { cursors: {} } },
    });
    const templates = await adapterFor(ChannelKind.WHATSAPP).listTemplates(wa());
    expect(templates).toHaveLength(101);
    expect(fake.requests[1].query).toEqual({ limit: '100', after: 'CUR' });
  });

  it('throws TemplateSyncError with the provider error', async () => {
    fake.failNext('/message_templates', {
      status: 400,
      body: { error: { code: 100, message: 'Unknown path' } },
    });
    await expect(adapterFor(ChannelKind.WHATSAPP).listTemplates(wa())).rejects.toThrow(TemplateSyncError);
  });

  it('is empty for the other channels', async () => {
    for (const kind of [ChannelKind.MESSENGER, ChannelKind.INSTAGRAM, ChannelKind.API]) {
      expect(await adapterFor(kind).listTemplates(sampleCredentials(kind, baseUrl))).toEqual([]);
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe('Graph API address policy', () => {
  // A second server on another port: another origin, where nothing may arrive.
  const elsewhere = new FakeGraphApi({ accessTokens: [TEST_ACCESS_TOKEN] });
  let elsewhereUrl: string;
  beforeAll(async () => {
    elsewhereUrl = await elsewhere.start();
  });
  afterAll(() => elsewhere.stop());
  beforeEach(() => elsewhere.reset());

  const text = { to: '447700900123', type: 'text' as const, text: 'x' };

  it('does not follow a redirect: a 3xx is a failure and the target sees nothing', async () => {
    fake.failNext('/messages', {
      status: 307,
      body: '',
      headers: { Location: `${elsewhereUrl}/v23.0/${wa().externalId}/messages` },
    });
    const result = await adapterFor(ChannelKind.WHATSAPP).send(text, wa());
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'PROVIDER_ERROR',
        title: expect.stringMatching(/redirect \(HTTP 307\)/),
        retryable: false,
      },
    });
    expect(fake.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('follows paging.next only on the origin of the base URL', async () => {
    fake.failNext('/message_templates', {
      status: 200,
      body: {
        data: [{ id: '1', name: 'a', language: 'es', status: 'APPROVED', category: 'UTILITY' }],
        paging: { next: `${elsewhereUrl}/v23.0/${wa().wabaId}/message_templates?after=x` },
      },
    });
    const failure = await adapterFor(ChannelKind.WHATSAPP)
      .listTemplates(wa())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TemplateSyncError);
    expect((failure as TemplateSyncError).error).toMatchObject({
      code: 'ADDRESS_NOT_ALLOWED',
      detail: expect.stringContaining(`only links on ${new URL(baseUrl).origin} are followed`),
    });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('checks the address at every request: loopback, http and other hosts are refused before any connection', async () => {
    const strict = { allowPrivate: false, allowedHosts: ['graph.facebook.com', '127.0.0.1'] };
    const port = new URL(baseUrl).port;
    for (const apiBaseUrl of [
      baseUrl, // http
      `https://127.0.0.1:${port}`,
      `https://[::ffff:127.0.0.1]:${port}`,
      `https://2130706433:${port}`,
      'https://10.0.0.5',
      'https://169.254.169.254',
      'https://graph.example.com',
    ]) {
      const result = await adapterFor(ChannelKind.WHATSAPP).send(text, {
        ...wa(),
        apiBaseUrl,
        urlPolicy: strict,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'ADDRESS_NOT_ALLOWED', retryable: false } });
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses at connect time a host name that resolves to loopback', async () => {
    const connections: number[] = [];
    const probe = createServer((socket) => {
      connections.push(1);
      socket.destroy();
    });
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)),
    );
    try {
      const result = await graphRequest(
        {
          ...wa(),
          apiBaseUrl: `https://localhost:${port}`,
          urlPolicy: { allowPrivate: false, allowedHosts: ['localhost'] },
        },
        { method: 'GET', path: '/me' },
      );
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'ADDRESS_NOT_ALLOWED',
          detail: expect.stringMatching(/localhost resolves to 127\.0\.0\.1/),
        },
      });
      expect(connections).toHaveLength(0);
    } finally {
      await new Promise((resolve) => probe.close(resolve));
    }
  });

  it('keeps an answer that is not a Graph API error out of the error detail', async () => {
    const secret = 'root:x:0:0:internal-service-answer';
    fake.failNext('/messages', { status: 200, body: `<html>${secret}</html>` });
    fake.failNext('/messages', { status: 500, body: `<html>${secret}</html>` });
    fake.failNext('/messages', { status: 200, body: { internal: secret } });
    const adapter = adapterFor(ChannelKind.WHATSAPP);
    const answers = [
      await graphRequest(wa(), { method: 'POST', path: `/${wa().externalId}/messages`, body: {} }),
      await graphRequest(wa(), { method: 'POST', path: `/${wa().externalId}/messages`, body: {} }),
      await adapter.send(text, wa()),
    ];
    for (const answer of answers) {
      expect(answer.ok).toBe(false);
      expect(JSON.stringify(!answer.ok && answer.error)).not.toContain(secret);
    }
    // The first two keep the body for the log, apart from the error.
    expect(answers[0]).toMatchObject({ providerBody: `<html>${secret}</html>` });
    expect(answers[1]).toMatchObject({ providerBody: `<html>${secret}</html>` });
  });
});

describe('Messenger and Instagram send', () => {
  it('answers inside the window with RESPONSE and returns the message id', async () => {
    const result = await adapterFor(ChannelKind.MESSENGER).send(
      { to: '6837264019283746', type: 'text', text: 'Hola 👋' },
      sampleCredentials(ChannelKind.MESSENGER, baseUrl),
    );
    expect(result).toEqual({ ok: true, externalId: expect.stringMatching(/^m_/) });
    expect(fake.requests[0].body).toEqual({
      recipient: { id: '6837264019283746' },
      messaging_type: 'RESPONSE',
      message: { text: 'Hola 👋' },
    });
  });

  it('quotes a message with a top-level reply_to {message_id} on Messenger and Instagram', async () => {
    for (const kind of [ChannelKind.MESSENGER, ChannelKind.INSTAGRAM]) {
      fake.reset();
      const result = await adapterFor(kind).send(
        { to: '6837264019283746', type: 'text', text: 'Sí, ese pedido', replyToExternalId: 'm_customer' },
        sampleCredentials(kind, baseUrl),
      );
      expect(result).toEqual({ ok: true, externalId: expect.any(String) });
      expect(fake.requests[0].body).toEqual({
        recipient: { id: '6837264019283746' },
        messaging_type: 'RESPONSE',
        reply_to: { message_id: 'm_customer' },
        message: { text: 'Sí, ese pedido' },
      });
    }
  });

  it('refuses templates, which only WhatsApp has', async () => {
    const result = await adapterFor(ChannelKind.INSTAGRAM).send(
      { to: '1', type: 'template', template: { name: 'x', language: 'en', components: [] } },
      sampleCredentials(ChannelKind.INSTAGRAM, baseUrl),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
  });

  it('maps rate limits with a wait', async () => {
    fake.failNext('/messages', { status: 400, body: { error: { code: 613, message: 'Calls exceeded' } } });
    const result = await adapterFor(ChannelKind.INSTAGRAM).send(
      { to: '1', type: 'text', text: 'x' },
      sampleCredentials(ChannelKind.INSTAGRAM, baseUrl),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryable: true },
      retryAfterMs: 60_000,
    });
  });
});

describe('API channel', () => {
  const credentials = () => sampleCredentials(ChannelKind.API, baseUrl);

  it('sends with a generated id and no provider call', async () => {
    const adapter = adapterFor(ChannelKind.API);
    const first = await adapter.send({ to: 'c1', type: 'text', text: 'Hi' }, credentials());
    const second = await adapter.send({ to: 'c1', type: 'text', text: 'Hi' }, credentials());
    expect(first).toEqual({ ok: true, externalId: expect.stringMatching(/^api_/) });
    expect(second.ok && first.ok && second.externalId !== first.externalId).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it('parses partner pushes and keeps unknown items', () => {
    const raw = Buffer.from(
      JSON.stringify({
        accountId: 'partner-channel-1',
        messages: [
          { id: 'p1', from: { id: 'c1', name: 'Zoë' }, text: 'Hola', timestamp: 1767300000000 },
          { id: 'p2', from: { id: 'c1' }, card: { title: 'x' } },
        ],
      }),
    );
    const adapter = adapterFor(ChannelKind.API);
    expect(adapter.verifySignature(raw, undefined, credentials())).toBe(false);
    expect(adapter.parse(raw)).toMatchObject([
      {
        kind: 'message',
        externalId: 'p1',
        customer: { channelUserId: 'c1', name: 'Zoë' },
        text: 'Hola',
        type: 'TEXT',
      },
      { kind: 'message', externalId: 'p2', type: 'UNSUPPORTED', payload: { raw: { card: { title: 'x' } } } },
    ]);
  });
});
