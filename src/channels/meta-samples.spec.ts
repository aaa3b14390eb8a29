import { ChannelKind, MessageType } from '../entities/enums';
import { FakeGraphApi } from '../testing/fake-graph-api';
import {
  type MetaSampleName,
  metaSample,
  metaSampleNames,
  sampleCredentials,
  TEST_ACCESS_TOKEN,
} from '../testing/fixtures/meta-samples.fixture';
import { parseSigned } from '../testing/fixtures/signed-webhook.fixture';
import { type InboundEvent, type OutboundMessage } from './channel-adapter';
import { adapterFor } from './channel-registry';

const fake = new FakeGraphApi({ accessTokens: [TEST_ACCESS_TOKEN] });
let baseUrl: string;

beforeAll(async () => {
  baseUrl = await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function channelOf(name: MetaSampleName): ChannelKind {
  if (name.startsWith('wa_')) return ChannelKind.WHATSAPP;
  if (name.startsWith('messenger_')) return ChannelKind.MESSENGER;
  return ChannelKind.INSTAGRAM;
}

function parseSample(name: MetaSampleName): InboundEvent[] {
  const kind = channelOf(name);
  return parseSigned(adapterFor(kind), sampleCredentials(kind, baseUrl), metaSample(name));
}

/** Sends through the adapter against the fake and returns the body the fake received. */
async function sentBody(kind: ChannelKind, message: OutboundMessage): Promise<unknown> {
  const result = await adapterFor(kind).send(message, sampleCredentials(kind, baseUrl));
  expect(result.ok).toBe(true);
  const [request] = fake.requests;
  expect(request.method).toBe('POST');
  expect(request.path).toBe(`/v23.0/${sampleCredentials(kind, baseUrl).externalId}/messages`);
  expect(request.headers.authorization).toBe(`Bearer ${TEST_ACCESS_TOKEN}`);
  expect(request.headers['content-type']).toBe('application/json');
  return request.body;
}

/** Scripts the fake to answer with the sample and returns what the adapter made of it. */
async function sendAgainstSample(kind: ChannelKind, status: number, name: MetaSampleName) {
  fake.failNext('/messages', { status, body: metaSample(name) });
  const message: OutboundMessage = { to: '447700900123', type: 'text', text: 'Hello' };
  return adapterFor(kind).send(message, sampleCredentials(kind, baseUrl));
}

const WAMID_REPLY_TARGET = 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSQTFCMkMzRDRFNUY2MDcxODI5AA==';

const cases: Record<MetaSampleName, () => void | Promise<void>> = {
  wa_inbound_text: () => {
    expect(parseSample('wa_inbound_text')).toEqual([
      {
        kind: 'message',
        accountExternalId: '112233445566778',
        externalId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0VCMDQxMkE5QzdGMjE4RDY1NEIA',
        customer: { channelUserId: '447700900123', name: 'Priya Shah', phone: '+447700900123' },
        sentAt: new Date(1767261600 * 1000),
        type: MessageType.TEXT,
        text: "Hi, order #4821 still hasn't arrived. Could someone check where it is?",
        payload: { type: 'text' },
        replyToExternalId: null,
        echo: false,
        error: null,
      },
    ]);
  },
  wa_inbound_image: () => {
    const [event] = parseSample('wa_inbound_image');
    expect(event).toMatchObject({
      kind: 'message',
      type: MessageType.IMAGE,
      text: "This is the box I got, it's damaged",
      sentAt: new Date(1767261660 * 1000),
      payload: { type: 'image', image: { id: '1284739201847563', mime_type: 'image/jpeg' } },
    });
  },
  wa_inbound_button_reply: () => {
    const [event] = parseSample('wa_inbound_button_reply');
    expect(event).toMatchObject({
      kind: 'message',
      type: MessageType.INTERACTIVE,
      text: 'Talk to a person',
      replyToExternalId: WAMID_REPLY_TARGET,
      payload: { interactive: { type: 'button_reply', button_reply: { id: 'escalate_to_agent' } } },
    });
  },
  wa_inbound_reaction: () => {
    expect(parseSample('wa_inbound_reaction')).toEqual([
      {
        kind: 'reaction',
        accountExternalId: '112233445566778',
        externalId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0VCMDE5QjhBNzY1NDMyMTBGRUQA',
        customer: { channelUserId: '447700900123', name: 'Priya Shah' },
        targetExternalId: WAMID_REPLY_TARGET,
        emoji: '👍',
        sentAt: new Date(1767262000 * 1000),
      },
    ]);
  },
  wa_status_sent: () => {
    expect(parseSample('wa_status_sent')).toEqual([
      {
        kind: 'status',
        accountExternalId: '112233445566778',
        externalId: WAMID_REPLY_TARGET,
        recipientId: '447700900123',
        status: 'SENT',
        at: new Date(1767261630 * 1000),
        error: null,
      },
    ]);
  },
  wa_status_delivered: () => {
    expect(parseSample('wa_status_delivered')).toMatchObject([
      { kind: 'status', status: 'DELIVERED', at: new Date(1767261633 * 1000), error: null },
    ]);
  },
  wa_status_read: () => {
    expect(parseSample('wa_status_read')).toMatchObject([
      { kind: 'status', status: 'READ', externalId: WAMID_REPLY_TARGET, at: new Date(1767261695 * 1000) },
    ]);
  },
  wa_status_failed_131047: () => {
    const [event] = parseSample('wa_status_failed_131047');
    expect(event).toMatchObject({
      kind: 'status',
      status: 'FAILED',
      recipientId: '15555550123',
      error: { code: 'WINDOW_CLOSED', providerCode: '131047', retryable: false },
    });
    expect(event.kind === 'status' && event.error?.detail).toContain('templateSend');
  },
  wa_send_text_request: async () => {
    const body = await sentBody(ChannelKind.WHATSAPP, {
      to: '+447700900123',
      type: 'text',
      text: 'Sorry about that, Priya. Order #4821 is with the courier and should arrive tomorrow.',
    });
    expect(body).toEqual(metaSample('wa_send_text_request'));
  },
  wa_send_template_request: async () => {
    const expected = metaSample('wa_send_template_request') as {
      to: string;
      template: { name: string; language: { code: string }; components: Record<string, unknown>[] };
    };
    const body = await sentBody(ChannelKind.WHATSAPP, {
      to: expected.to,
      type: 'template',
      template: {
        name: expected.template.name,
        language: expected.template.language.code,
        components: expected.template.components,
      },
    });
    expect(body).toEqual(expected);
  },
  wa_send_success_response: async () => {
    fake.failNext('/messages', { status: 200, body: metaSample('wa_send_success_response') });
    const result = await adapterFor(ChannelKind.WHATSAPP).send(
      { to: '+447700900123', type: 'text', text: 'Hi' },
      sampleCredentials(ChannelKind.WHATSAPP, baseUrl),
    );
    expect(result).toEqual({ ok: true, externalId: WAMID_REPLY_TARGET });
  },
  wa_send_template_success_response: async () => {
    fake.failNext('/messages', { status: 200, body: metaSample('wa_send_template_success_response') });
    const result = await adapterFor(ChannelKind.WHATSAPP).send(
      { to: '+15555550123', type: 'template', template: { name: 'x', language: 'en_US', components: [] } },
      sampleCredentials(ChannelKind.WHATSAPP, baseUrl),
    );
    expect(result).toEqual({
      ok: true,
      externalId: 'wamid.HBgLMTU1NTU1NTAxMjMVAgARGBJFMUQyQzNCNEE1OTY4NzcwNjEA',
    });
  },
  wa_send_error_131047_response: async () => {
    const result = await sendAgainstSample(ChannelKind.WHATSAPP, 400, 'wa_send_error_131047_response');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_CLOSED', providerCode: '131047', retryable: false },
    });
    expect(!result.ok && result.error.detail).toMatch(/more than 24 hours.*templateSend/s);
  },
  wa_send_error_132001_response: async () => {
    const result = await sendAgainstSample(ChannelKind.WHATSAPP, 404, 'wa_send_error_132001_response');
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'TEMPLATE_NOT_APPROVED',
        providerCode: '132001',
        retryable: false,
        detail: 'template name (order_delay_notce) does not exist in en_US',
      },
    });
  },
  wa_send_error_132000_response: async () => {
    const result = await sendAgainstSample(ChannelKind.WHATSAPP, 400, 'wa_send_error_132000_response');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE_PARAMETERS_INVALID', providerCode: '132000', retryable: false },
    });
  },
  wa_send_error_130429_response: async () => {
    const result = await sendAgainstSample(ChannelKind.WHATSAPP, 400, 'wa_send_error_130429_response');
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true } });
    expect(!result.ok && result.retryAfterMs).toBeGreaterThan(0);
  },
  wa_send_error_190_response: async () => {
    const result = await sendAgainstSample(ChannelKind.WHATSAPP, 401, 'wa_send_error_190_response');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_RESTRICTED', providerCode: '190/463', retryable: false },
    });
    expect(!result.ok && result.error.detail).toContain('Error validating access token');
  },
  wa_template_list_response: async () => {
    fake.failNext('/message_templates', { status: 200, body: metaSample('wa_template_list_response') });
    const templates = await adapterFor(ChannelKind.WHATSAPP).listTemplates(
      sampleCredentials(ChannelKind.WHATSAPP, baseUrl),
    );
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].path).toBe('/v23.0/104583729910456/message_templates');
    expect(templates.map((t) => [t.name, t.language, t.status, t.category, t.parameterFormat])).toEqual([
      ['order_delay_notice', 'en_US', 'APPROVED', 'UTILITY', 'POSITIONAL'],
      ['appointment_reminder', 'en_GB', 'PENDING', 'UTILITY', 'NAMED'],
      ['winter_sale_launch', 'en_US', 'REJECTED', 'MARKETING', 'POSITIONAL'],
      ['login_code', 'en_US', 'APPROVED', 'AUTHENTICATION', 'POSITIONAL'],
      ['feedback_request_v1', 'en_US', 'PAUSED', 'UTILITY', 'POSITIONAL'],
      ['old_shipping_update', 'en_US', 'DISABLED', 'UTILITY', 'POSITIONAL'],
    ]);
    expect(templates[0]).toMatchObject({ externalId: '883712459012345' });
    expect(templates[0].components).toHaveLength(4);
  },
  messenger_inbound_text: () => {
    expect(parseSample('messenger_inbound_text')).toEqual([
      {
        kind: 'message',
        accountExternalId: '104729381726354',
        externalId: 'm_Xq3vN8kZ0yT5rW2pL7mB1cD4fG6hJ9kLmNoPqRsTuVwXyZ0aBcDeFgHiJkLmNoPqRs',
        customer: { channelUserId: '6837264019283746' },
        sentAt: new Date(1767261600000),
        type: MessageType.TEXT,
        text: 'Hello, is the blue jacket back in stock?',
        payload: null,
        replyToExternalId: null,
        echo: false,
        error: null,
      },
    ]);
  },
  messenger_echo: () => {
    expect(parseSample('messenger_echo')).toMatchObject([
      {
        kind: 'message',
        echo: true,
        customer: { channelUserId: '6837264019283746' },
        externalId: 'm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz56aB78cD90eF12gH',
        text: "Yes! It's back in sizes S to L. Want me to reserve one?",
        sentAt: new Date(1767261730512),
        payload: { appId: '1234567890123456', metadata: 'agent:42;conv:7781' },
      },
    ]);
  },
  messenger_delivery: () => {
    expect(parseSample('messenger_delivery')).toEqual([
      {
        kind: 'status',
        accountExternalId: '104729381726354',
        externalId: 'm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz56aB78cD90eF12gH',
        recipientId: '6837264019283746',
        status: 'DELIVERED',
        at: new Date(1767261732870),
        error: null,
      },
      {
        kind: 'status',
        accountExternalId: '104729381726354',
        watermark: new Date(1767261732870),
        recipientId: '6837264019283746',
        status: 'DELIVERED',
        at: new Date(1767261732870),
        error: null,
      },
    ]);
  },
  messenger_read: () => {
    expect(parseSample('messenger_read')).toEqual([
      {
        kind: 'status',
        accountExternalId: '104729381726354',
        watermark: new Date(1767261732870),
        recipientId: '6837264019283746',
        status: 'READ',
        at: new Date(1767261732870),
        error: null,
      },
    ]);
  },
  messenger_send_request_response: async () => {
    const body = await sentBody(ChannelKind.MESSENGER, {
      to: '6837264019283746',
      type: 'text',
      text: "Yes! It's back in sizes S to L. Want me to reserve one?",
      metadata: 'agent:42;conv:7781',
    });
    expect(body).toEqual(metaSample('messenger_send_request_response'));
  },
  messenger_send_request_human_agent: async () => {
    const body = await sentBody(ChannelKind.MESSENGER, {
      to: '6837264019283746',
      type: 'text',
      text: 'Following up on your return: the refund was issued today.',
      humanAgentTag: true,
    });
    expect(body).toEqual(metaSample('messenger_send_request_human_agent'));
  },
  messenger_send_success_response: async () => {
    fake.failNext('/messages', { status: 200, body: metaSample('messenger_send_success_response') });
    const result = await adapterFor(ChannelKind.MESSENGER).send(
      { to: '6837264019283746', type: 'text', text: 'Hi' },
      sampleCredentials(ChannelKind.MESSENGER, baseUrl),
    );
    expect(result).toEqual({
      ok: true,
      externalId: 'm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz56aB78cD90eF12gH',
    });
  },
  messenger_send_error_outside_window: async () => {
    const result = await sendAgainstSample(ChannelKind.MESSENGER, 400, 'messenger_send_error_outside_window');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_CLOSED', providerCode: '10/2018278', retryable: false },
    });
  },
  messenger_send_error_user_unavailable: async () => {
    const result = await sendAgainstSample(
      ChannelKind.MESSENGER,
      400,
      'messenger_send_error_user_unavailable',
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'UNDELIVERABLE', providerCode: '551/1545041', retryable: false },
    });
  },
  instagram_inbound_text: () => {
    expect(parseSample('instagram_inbound_text')).toMatchObject([
      {
        kind: 'message',
        accountExternalId: '17841400123456789',
        customer: { channelUserId: '1094857362518273' },
        type: MessageType.TEXT,
        text: 'Do you ship to Ireland?',
        sentAt: new Date(1767263600000),
        echo: false,
      },
    ]);
  },
  instagram_echo: () => {
    expect(parseSample('instagram_echo')).toMatchObject([
      {
        kind: 'message',
        echo: true,
        customer: { channelUserId: '1094857362518273' },
        text: 'We do! Delivery to Ireland takes 3-5 working days.',
      },
    ]);
  },
  instagram_read: () => {
    expect(parseSample('instagram_read')).toEqual([
      {
        kind: 'status',
        accountExternalId: '17841400123456789',
        externalId:
          'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMTIzNDU2Nzg5OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTg0NDAzMDMxMjM0NTY3OQZDZD',
        recipientId: '1094857362518273',
        status: 'READ',
        at: new Date(1767263900000),
        error: null,
      },
    ]);
  },
  instagram_send_request_human_agent: async () => {
    const body = await sentBody(ChannelKind.INSTAGRAM, {
      to: '1094857362518273',
      type: 'text',
      text: 'Checking back in: your parcel left our warehouse this morning.',
      humanAgentTag: true,
    });
    expect(body).toEqual(metaSample('instagram_send_request_human_agent'));
  },
  instagram_send_success_response: async () => {
    fake.failNext('/messages', { status: 200, body: metaSample('instagram_send_success_response') });
    const result = await adapterFor(ChannelKind.INSTAGRAM).send(
      { to: '1094857362518273', type: 'text', text: 'Hi' },
      sampleCredentials(ChannelKind.INSTAGRAM, baseUrl),
    );
    expect(result).toMatchObject({ ok: true, externalId: expect.stringMatching(/^aWdf/) });
  },
};

describe('every case of the Meta samples file', () => {
  it('has a check for each sample and no check without a sample', () => {
    expect(Object.keys(cases).sort()).toEqual([...metaSampleNames].sort());
  });

  it.each(metaSampleNames)('%s', async (name) => {
    await cases[name]();
  });
});
