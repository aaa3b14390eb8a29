import { ChannelKind, MessageType } from '../../entities/enums';
import { type InboundEvent, type InboundMessageEvent } from '../channel-adapter';
import { sampleCredentials } from '../../testing/fixtures/meta-samples.fixture';
import { parseSigned } from '../../testing/fixtures/signed-webhook.fixture';
import { InvalidWebhookBodyError } from '../webhook-body';
import { WhatsAppAdapter } from './whatsapp.adapter';

const adapter = new WhatsAppAdapter();
const credentials = sampleCredentials(ChannelKind.WHATSAPP, 'http://127.0.0.1:1');
const PHONE_ID = '112233445566778';
const WABA_ID = '104583729910456';
const FROM = '5491122334455';

function envelope(value: Record<string, unknown>, field = 'messages'): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            value:
              field === 'messages'
                ? {
                    messaging_product: 'whatsapp',
                    metadata: { display_phone_number: '15550101234', phone_number_id: PHONE_ID },
                    ...value,
                  }
                : value,
            field,
          },
        ],
      },
    ],
  };
}

function inbound(message: Record<string, unknown>): InboundEvent[] {
  return parseSigned(
    adapter,
    credentials,
    envelope({
      contacts: [{ profile: { name: 'José Núñez' }, wa_id: FROM }],
      messages: [{ from: FROM, id: 'wamid.TEST1', timestamp: '1767300000', ...message }],
    }),
  );
}

function onlyMessage(message: Record<string, unknown>): InboundMessageEvent {
  const events = inbound(message);
  expect(events).toHaveLength(1);
  expect(events[0].kind).toBe('message');
  return events[0] as InboundMessageEvent;
}

describe('WhatsApp webhook parsing beyond the samples', () => {
  it('takes the customer name, phone and time from the payload', () => {
    const event = onlyMessage({ type: 'text', text: { body: '¿Dónde está mi pedido? 📦' } });
    expect(event).toMatchObject({
      accountExternalId: PHONE_ID,
      externalId: 'wamid.TEST1',
      customer: { channelUserId: FROM, name: 'José Núñez', phone: `+${FROM}` },
      sentAt: new Date(1767300000 * 1000),
      type: MessageType.TEXT,
      text: '¿Dónde está mi pedido? 📦',
    });
  });

  it.each([
    [
      'video',
      MessageType.VIDEO,
      { id: 'v1', mime_type: 'video/mp4', sha256: 'x', caption: 'Mirá esto' },
      'Mirá esto',
    ],
    [
      'audio',
      MessageType.AUDIO,
      { id: 'a1', mime_type: 'audio/ogg; codecs=opus', sha256: 'x', voice: true },
      '🎤 Audio',
    ],
    [
      'sticker',
      MessageType.STICKER,
      { id: 's1', mime_type: 'image/webp', sha256: 'x', animated: false },
      'Sticker',
    ],
    [
      'document',
      MessageType.DOCUMENT,
      { id: 'd1', mime_type: 'application/pdf', sha256: 'x', filename: 'factura-ñ.pdf' },
      '📄 Document: factura-ñ.pdf',
    ],
    [
      'document',
      MessageType.DOCUMENT,
      { id: 'd2', mime_type: 'application/pdf', sha256: 'x', filename: 'f.pdf', caption: 'La factura' },
      'La factura',
    ],
  ])('media %s becomes %s with a readable text', (type, expected, content, text) => {
    const event = onlyMessage({ type, [type]: content });
    expect(event).toMatchObject({ type: expected, text, payload: { type, [type]: content } });
  });

  it('renders a location with its name and address and keeps the coordinates', () => {
    const location = {
      latitude: -34.6037,
      longitude: -58.3816,
      name: 'Obelisco',
      address: 'Av. 9 de Julio s/n',
    };
    const event = onlyMessage({ type: 'location', location });
    expect(event).toMatchObject({
      type: MessageType.LOCATION,
      text: '📍 Obelisco, Av. 9 de Julio s/n',
      payload: { location },
    });
    expect(onlyMessage({ type: 'location', location: { latitude: 1.5, longitude: 2.5 } }).text).toBe(
      '📍 1.5, 2.5',
    );
  });

  it('renders shared contacts', () => {
    const contacts = [
      {
        name: { formatted_name: 'Ana Pérez', first_name: 'Ana' },
        phones: [{ phone: '+34 600 000 000', type: 'CELL' }],
      },
      { name: { formatted_name: 'Luis' } },
    ];
    const event = onlyMessage({ type: 'contacts', contacts });
    expect(event).toMatchObject({
      type: MessageType.CONTACTS,
      text: '👤 Ana Pérez (+34 600 000 000), Luis',
      payload: { contacts },
    });
  });

  it('renders list replies and flow (nfm) replies', () => {
    const list = onlyMessage({
      type: 'interactive',
      interactive: {
        type: 'list_reply',
        list_reply: { id: 'ret', title: 'Devolución', description: 'Quiero devolver' },
      },
    });
    expect(list).toMatchObject({ type: MessageType.INTERACTIVE, text: 'Devolución — Quiero devolver' });

    const flow = onlyMessage({
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t1","rating":"5"}' },
      },
    });
    expect(flow).toMatchObject({
      type: MessageType.INTERACTIVE,
      text: 'Sent',
      payload: { flowResponse: { flow_token: 't1', rating: '5' } },
    });
  });

  it('reads a template quick-reply button with its context', () => {
    const event = onlyMessage({
      type: 'button',
      context: { from: '15550101234', id: 'wamid.TEMPLATE' },
      button: { payload: 'TALK_TO_AGENT_4821', text: 'Hablar con alguien' },
    });
    expect(event).toMatchObject({
      type: MessageType.BUTTON,
      text: 'Hablar con alguien',
      replyToExternalId: 'wamid.TEMPLATE',
      payload: { button: { payload: 'TALK_TO_AGENT_4821' } },
    });
  });

  it('turns a reaction without emoji into a removal', () => {
    const [event] = inbound({ type: 'reaction', reaction: { message_id: 'wamid.TARGET' } });
    expect(event).toMatchObject({ kind: 'reaction', targetExternalId: 'wamid.TARGET', emoji: null });
  });

  it('keeps a reply context and an ad referral', () => {
    const referral = {
      source_url: 'https://fb.me/ad',
      source_id: '120200',
      source_type: 'ad',
      headline: 'Rebajas de invierno',
      body: 'Hasta 50%',
      ctwa_clid: 'abc',
    };
    const event = onlyMessage({
      type: 'text',
      text: { body: 'Info por favor' },
      context: { from: '15550101234', id: 'wamid.PREVIOUS' },
      referral,
    });
    expect(event).toMatchObject({
      replyToExternalId: 'wamid.PREVIOUS',
      text: 'Info por favor\n(from ad: Rebajas de invierno)',
      payload: { referral, context: { id: 'wamid.PREVIOUS' } },
    });
  });

  it('renders an order', () => {
    const order = {
      catalog_id: 'cat1',
      text: 'Para el sábado',
      product_items: [
        { product_retailer_id: 'sku1', quantity: 2, item_price: 10, currency: 'EUR' },
        { product_retailer_id: 'sku2', quantity: 1, item_price: 5, currency: 'EUR' },
      ],
    };
    expect(onlyMessage({ type: 'order', order })).toMatchObject({
      type: MessageType.INTERACTIVE,
      text: '🛒 Order: 3 items\nPara el sábado',
      payload: { order },
    });
  });

  it('keeps system messages and welcome requests as non-customer content', () => {
    const system = {
      body: 'José changed their phone number',
      type: 'customer_changed_number',
      new_wa_id: '549111',
    };
    expect(onlyMessage({ type: 'system', system })).toMatchObject({
      type: MessageType.UNSUPPORTED,
      text: 'José changed their phone number',
      payload: { system },
    });
    expect(onlyMessage({ type: 'request_welcome' })).toMatchObject({
      type: MessageType.UNSUPPORTED,
      text: 'The customer opened the chat',
    });
  });

  it('marks an unsupported message with its 131051 error and keeps the raw item', () => {
    const raw = {
      type: 'unsupported',
      errors: [
        {
          code: 131051,
          title: 'Message type unknown',
          message: 'Message type unknown',
          error_data: { details: 'Message type is currently not supported.' },
        },
      ],
      unsupported: { type: 'poll' },
    };
    const event = onlyMessage(raw);
    expect(event).toMatchObject({
      type: MessageType.UNSUPPORTED,
      error: { code: 'UNSUPPORTED_MESSAGE', providerCode: '131051', retryable: false },
      payload: { raw: { ...raw, id: 'wamid.TEST1' } },
    });
  });

  it('never throws on an unknown message type', () => {
    const event = onlyMessage({ type: 'hologram', hologram: { depth: 3 } });
    expect(event).toMatchObject({
      type: MessageType.UNSUPPORTED,
      payload: { raw: { hologram: { depth: 3 } } },
    });
  });

  it('maps played to READ and failed statuses with their errors', () => {
    const events = parseSigned(
      adapter,
      credentials,
      envelope({
        statuses: [
          { id: 'wamid.A', status: 'played', timestamp: '1767300100', recipient_id: FROM },
          {
            id: 'wamid.B',
            status: 'failed',
            timestamp: '1767300200',
            recipient_id: FROM,
            errors: [
              { code: 131026, title: 'Message undeliverable', error_data: { details: 'Not on WhatsApp' } },
            ],
          },
        ],
      }),
    );
    expect(events).toMatchObject([
      { kind: 'status', externalId: 'wamid.A', status: 'READ', at: new Date(1767300100 * 1000) },
      {
        kind: 'status',
        externalId: 'wamid.B',
        status: 'FAILED',
        error: { code: 'UNDELIVERABLE', providerCode: '131026', detail: 'Not on WhatsApp', retryable: false },
      },
    ]);
  });

  it('reports value.errors as account errors', () => {
    const events = parseSigned(
      adapter,
      credentials,
      envelope({
        errors: [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong' }],
      }),
    );
    expect(events).toEqual([
      {
        kind: 'account_error',
        accountExternalId: PHONE_ID,
        error: expect.objectContaining({ code: 'TRANSIENT', providerCode: '131000', retryable: true }),
      },
    ]);
  });

  it('reads message_template_status_update', () => {
    const events = parseSigned(
      adapter,
      credentials,
      envelope(
        {
          event: 'REJECTED',
          message_template_id: 883712459012347,
          message_template_name: 'winter_sale_launch',
          message_template_language: 'en_US',
          reason: 'INCORRECT_CATEGORY',
        },
        'message_template_status_update',
      ),
    );
    expect(events).toEqual([
      {
        kind: 'template_status',
        accountExternalId: WABA_ID,
        templateExternalId: '883712459012347',
        name: 'winter_sale_launch',
        language: 'en_US',
        status: 'REJECTED',
        reason: 'INCORRECT_CATEGORY',
      },
    ]);
    const approved = parseSigned(
      adapter,
      credentials,
      envelope(
        { event: 'APPROVED', message_template_id: 1, message_template_name: 'x', reason: 'NONE' },
        'message_template_status_update',
      ),
    );
    expect(approved).toMatchObject([{ status: 'APPROVED', reason: null }]);
  });

  it('walks every entry, change, message, status and error of a mixed batch', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        (
          envelope({
            contacts: [
              { profile: { name: 'Zoë' }, wa_id: '111' },
              { profile: { name: 'Ñandú' }, wa_id: '222' },
            ],
            messages: [
              { from: '111', id: 'wamid.1', timestamp: '1767300001', type: 'text', text: { body: 'uno' } },
              { from: '222', id: 'wamid.2', timestamp: '1767300002', type: 'text', text: { body: 'dos' } },
            ],
            statuses: [
              { id: 'wamid.out', status: 'delivered', timestamp: '1767300003', recipient_id: '111' },
            ],
            errors: [{ code: 368, title: 'Temporarily blocked for policies violations' }],
          }).entry as unknown[]
        )[0],
        {
          id: WABA_ID,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550109999', phone_number_id: '999' },
                messages: [
                  {
                    from: '333',
                    id: 'wamid.3',
                    timestamp: '1767300004',
                    type: 'text',
                    text: { body: 'tres' },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const events = parseSigned(adapter, credentials, body);
    expect(events.map((e) => [e.kind, e.accountExternalId])).toEqual([
      ['message', PHONE_ID],
      ['message', PHONE_ID],
      ['status', PHONE_ID],
      ['account_error', PHONE_ID],
      ['message', '999'],
    ]);
    expect(events[1]).toMatchObject({ customer: { channelUserId: '222', name: 'Ñandú' }, text: 'dos' });
    expect(events[3]).toMatchObject({ error: { code: 'ACCOUNT_RESTRICTED', retryable: false } });
  });

  it('throws InvalidWebhookBodyError on a body that is not JSON, and returns [] for an empty envelope', () => {
    expect(() => adapter.parse(Buffer.from('<html>oops</html>'))).toThrow(InvalidWebhookBodyError);
    expect(() => adapter.parse(Buffer.from('"just a string"'))).toThrow(InvalidWebhookBodyError);
    expect(adapter.parse(Buffer.from('{"object":"whatsapp_business_account","entry":[]}'))).toEqual([]);
  });
});
