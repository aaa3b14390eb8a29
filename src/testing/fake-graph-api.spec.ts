import { verifyMetaSignature } from '../channels/meta-signature';
import {
  FakeGraphApi,
  instagramInboundTextWebhook,
  messengerInboundTextWebhook,
  metaJson,
  signBody,
  whatsAppInboundTextWebhook,
  whatsAppStatusWebhook,
} from './fake-graph-api';
import { adapterFor } from '../channels/channel-registry';
import { ChannelKind } from '../entities/enums';

const fake = new FakeGraphApi({ accessTokens: ['good-token'] });
let base: string;

beforeAll(async () => {
  base = await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const post = (path: string, body: unknown, token = 'good-token') =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('FakeGraphApi', () => {
  it('listens on 127.0.0.1 and logs every request', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await post('/v23.0/123/messages', {
      recipient: { id: '9' },
      messaging_type: 'RESPONSE',
      message: { text: 'a' },
    });
    expect(fake.requests).toMatchObject([
      {
        method: 'POST',
        path: '/v23.0/123/messages',
        headers: { authorization: 'Bearer good-token' },
        body: { recipient: { id: '9' } },
      },
    ]);
    expect(fake.requestsTo(/messages$/)).toHaveLength(1);
  });

  it('refuses an unknown token with a Graph 190 error', async () => {
    const res = await post('/v23.0/123/messages', {}, 'bad');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 190, type: 'OAuthException' } });
  });

  it('validates WhatsApp send bodies and answers like the Cloud API', async () => {
    const ok = await post('/v23.0/111/messages', {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+447700900123',
      type: 'text',
      text: { body: 'hi' },
    });
    expect(await ok.json()).toMatchObject({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+447700900123', wa_id: '447700900123' }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    const bad = await post('/v23.0/111/messages', { messaging_product: 'whatsapp', to: '+44', type: 'text' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 100 } });
  });

  it('answers Messenger and Instagram sends with their id styles', async () => {
    const body = { recipient: { id: '42' }, messaging_type: 'RESPONSE', message: { text: 'hi' } };
    expect(await (await post('/v23.0/104729381726354/messages', body)).json()).toEqual({
      recipient_id: '42',
      message_id: expect.stringMatching(/^m_/),
    });
    expect(await (await post('/v23.0/17841400123456789/messages', body)).json()).toMatchObject({
      message_id: expect.stringMatching(/^aWdf/),
    });
    const noTag = await post('/v23.0/1/messages', { ...body, messaging_type: 'MESSAGE_TAG' });
    expect(noTag.status).toBe(400);
  });

  it('pages templates with absolute next links back to itself', async () => {
    fake.setTemplates('waba', [{ id: '1' }, { id: '2' }, { id: '3' }]);
    const first = (await (
      await fetch(`${base}/v23.0/waba/message_templates?limit=2`, {
        headers: { Authorization: 'Bearer good-token' },
      })
    ).json()) as { data: unknown[]; paging: { next?: string } };
    expect(first.data).toEqual([{ id: '1' }, { id: '2' }]);
    expect(first.paging.next).toMatch(new RegExp(`^${base}/v23.0/waba/message_templates\\?`));
    const second = (await (
      await fetch(first.paging.next!, { headers: { Authorization: 'Bearer good-token' } })
    ).json()) as { data: unknown[]; paging: { next?: string } };
    expect(second.data).toEqual([{ id: '3' }]);
    expect(second.paging.next).toBeUndefined();
  });

  it('plays scripted failures once, in order', async () => {
    fake.failNext('/messages', { status: 500, body: { error: { code: 2 } } });
    fake.failNext((r) => r.method === 'POST', { status: 429, body: 'slow', headers: { 'Retry-After': '1' } });
    const body = { recipient: { id: '1' }, messaging_type: 'RESPONSE', message: { text: 'x' } };
    expect((await post('/v23.0/1/messages', body)).status).toBe(500);
    const limited = await post('/v23.0/1/messages', body);
    expect([limited.status, limited.headers.get('retry-after'), await limited.text()]).toEqual([
      429,
      '1',
      'slow',
    ]);
    expect((await post('/v23.0/1/messages', body)).status).toBe(200);
  });

  it('can hang a request until the client gives up', async () => {
    fake.hangNext('/messages');
    await expect(
      fetch(`${base}/v23.0/1/messages`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
  });
});

describe('webhook builders', () => {
  it('build signed bodies the adapters parse, with non-ASCII escaped as Meta does', () => {
    const body = whatsAppInboundTextWebhook({
      phoneNumberId: 'p1',
      from: '5491100',
      name: 'Zoë',
      text: 'Ñandú 🐦',
    });
    const raw = metaJson(body);
    expect(raw.toString('utf8')).toContain('\\u00d1and\\u00fa \\ud83d\\udc26');
    expect(raw.toString('utf8')).not.toMatch(/[^\x00-\x7f]/);
    const header = signBody('s3cret', raw);
    expect(verifyMetaSignature(raw, header, 's3cret')).toBe(true);
    expect(adapterFor(ChannelKind.WHATSAPP).parse(raw)).toMatchObject([
      { kind: 'message', accountExternalId: 'p1', text: 'Ñandú 🐦', customer: { name: 'Zoë' } },
    ]);
  });

  it('build statuses, failures included', () => {
    const raw = metaJson(
      whatsAppStatusWebhook({
        phoneNumberId: 'p1',
        messageId: 'wamid.X',
        recipientId: '5491100',
        status: 'failed',
        error: { code: 131047, title: 'Re-engagement message' },
      }),
    );
    expect(adapterFor(ChannelKind.WHATSAPP).parse(raw)).toMatchObject([
      { kind: 'status', externalId: 'wamid.X', status: 'FAILED', error: { code: 'WINDOW_CLOSED' } },
    ]);
  });

  it('build Messenger and Instagram inbound texts', () => {
    const at = new Date(1767300000000);
    expect(
      adapterFor(ChannelKind.MESSENGER).parse(
        metaJson(
          messengerInboundTextWebhook({ accountId: 'pg', senderId: 'u', text: 'hola', mid: 'm_1', at }),
        ),
      ),
    ).toMatchObject([
      { kind: 'message', accountExternalId: 'pg', externalId: 'm_1', sentAt: at, text: 'hola' },
    ]);
    expect(
      adapterFor(ChannelKind.INSTAGRAM).parse(
        metaJson(instagramInboundTextWebhook({ accountId: 'ig', senderId: 'u', text: 'hola' })),
      ),
    ).toMatchObject([
      { kind: 'message', accountExternalId: 'ig', externalId: expect.stringMatching(/^aWdf/) },
    ]);
  });
});
