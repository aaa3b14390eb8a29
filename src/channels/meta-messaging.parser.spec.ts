import { ChannelKind, MessageType } from '../entities/enums';
import { sampleCredentials } from '../testing/fixtures/meta-samples.fixture';
import { parseSigned } from '../testing/fixtures/signed-webhook.fixture';
import { type InboundEvent } from './channel-adapter';
import { MetaMessagingAdapter } from './meta-messaging.adapter';
import { InvalidWebhookBodyError } from './webhook-body';

const PAGE = '104729381726354';
const IG = '17841400123456789';
const PSID = '6837264019283746';
const IGSID = '1094857362518273';
const T = 1767300000123;

const messenger = new MetaMessagingAdapter(ChannelKind.MESSENGER);
const instagram = new MetaMessagingAdapter(ChannelKind.INSTAGRAM);

function page(item: Record<string, unknown>): InboundEvent[] {
  return parseSigned(messenger, sampleCredentials(ChannelKind.MESSENGER, 'http://127.0.0.1:1'), {
    object: 'page',
    entry: [
      {
        id: PAGE,
        time: T + 500,
        messaging: [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T, ...item }],
      },
    ],
  });
}

function ig(item: Record<string, unknown>): InboundEvent[] {
  return parseSigned(instagram, sampleCredentials(ChannelKind.INSTAGRAM, 'http://127.0.0.1:1'), {
    object: 'instagram',
    entry: [
      {
        id: IG,
        time: T + 500,
        messaging: [{ sender: { id: IGSID }, recipient: { id: IG }, timestamp: T, ...item }],
      },
    ],
  });
}

describe('Messenger webhook parsing beyond the samples', () => {
  it.each([
    ['image', MessageType.IMAGE, '📷 Photo'],
    ['video', MessageType.VIDEO, '🎥 Video'],
    ['audio', MessageType.AUDIO, '🎤 Audio'],
    ['file', MessageType.DOCUMENT, '📄 File'],
  ])('reads a %s attachment', (type, expected, text) => {
    const attachments = [{ type, payload: { url: `https://cdn.example.com/${type}` } }];
    const [event] = page({ message: { mid: 'm_1', attachments } });
    expect(event).toMatchObject({
      kind: 'message',
      externalId: 'm_1',
      type: expected,
      text,
      sentAt: new Date(T),
      payload: { attachments },
    });
  });

  it('reads a sticker, a location and a fallback link, with any text beside them', () => {
    const [sticker] = page({
      message: {
        mid: 'm_s',
        attachments: [{ type: 'image', payload: { url: 'https://x/s.png', sticker_id: 369239263222822 } }],
      },
    });
    expect(sticker).toMatchObject({ type: MessageType.STICKER, text: 'Sticker' });

    const [location] = page({
      message: {
        mid: 'm_l',
        attachments: [
          { type: 'location', title: 'Café Tortoni', payload: { coordinates: { lat: -34.6, long: -58.37 } } },
        ],
      },
    });
    expect(location).toMatchObject({ type: MessageType.LOCATION, text: '📍 Café Tortoni' });

    const [fallback] = page({
      message: {
        mid: 'm_f',
        text: 'mirá esto https://example.com/a',
        attachments: [{ type: 'fallback', title: 'Artículo', payload: { url: 'https://example.com/a' } }],
      },
    });
    expect(fallback).toMatchObject({
      type: MessageType.UNSUPPORTED,
      text: '🔗 Link: Artículo: https://example.com/a\nmirá esto https://example.com/a',
    });
  });

  it('reads quick replies and replies to a message', () => {
    const [event] = page({
      message: {
        mid: 'm_q',
        text: 'Sí, por favor',
        quick_reply: { payload: 'YES' },
        reply_to: { mid: 'm_prev' },
      },
    });
    expect(event).toMatchObject({
      type: MessageType.BUTTON,
      text: 'Sí, por favor',
      replyToExternalId: 'm_prev',
      payload: { quickReply: { payload: 'YES' } },
    });
  });

  it('reads postbacks, with a stable id when the mid is missing', () => {
    const [withMid] = page({ postback: { mid: 'm_pb', title: 'Empezar', payload: 'GET_STARTED' } });
    expect(withMid).toMatchObject({
      kind: 'message',
      externalId: 'm_pb',
      type: MessageType.BUTTON,
      text: 'Empezar',
    });
    const [withoutMid] = page({ postback: { title: 'Empezar', payload: 'GET_STARTED' } });
    expect(withoutMid).toMatchObject({ externalId: `postback:${PSID}:${T}` });
  });

  it('reads reactions and their removal', () => {
    const [react] = page({ reaction: { mid: 'm_t', action: 'react', emoji: '❤️', reaction: 'love' } });
    expect(react).toMatchObject({ kind: 'reaction', targetExternalId: 'm_t', emoji: '❤️' });
    const [unreact] = page({ reaction: { mid: 'm_t', action: 'unreact' } });
    expect(unreact).toMatchObject({ kind: 'reaction', emoji: null });
  });

  it('keeps an unknown event as an UNSUPPORTED message with the raw item', () => {
    const optin = { optin: { ref: 'landing', user_ref: 'u1' } };
    const [event] = page(optin);
    expect(event).toMatchObject({
      kind: 'message',
      type: MessageType.UNSUPPORTED,
      customer: { channelUserId: PSID },
      payload: { raw: { ...optin, timestamp: T } },
    });
  });

  it('throws InvalidWebhookBodyError on a non-JSON body', () => {
    expect(() => messenger.parse(Buffer.from('not json'))).toThrow(InvalidWebhookBodyError);
  });
});

describe('Instagram webhook parsing beyond the samples', () => {
  it('reads a story reply and a story mention', () => {
    const [reply] = ig({
      message: {
        mid: 'ig_1',
        text: '¡Qué lindo! 😍',
        reply_to: { story: { url: 'https://cdn/story', id: 'st1' } },
      },
    });
    expect(reply).toMatchObject({
      type: MessageType.TEXT,
      text: '↩️ Replied to your story\n¡Qué lindo! 😍',
      replyToExternalId: null,
      payload: { replyToStory: { id: 'st1' } },
    });
    const [mention] = ig({
      message: {
        mid: 'ig_2',
        attachments: [{ type: 'story_mention', payload: { url: 'https://cdn/mention' } }],
      },
    });
    expect(mention).toMatchObject({ text: '📣 Mentioned you in their story: https://cdn/mention' });
  });

  it('reads shares and reels', () => {
    const [share] = ig({
      message: { mid: 'ig_3', attachments: [{ type: 'share', payload: { url: 'https://ig/p/1' } }] },
    });
    expect(share).toMatchObject({
      text: '🔗 Shared a post: https://ig/p/1',
      payload: { attachments: [{ type: 'share' }] },
    });
    const [reel] = ig({
      message: {
        mid: 'ig_4',
        attachments: [{ type: 'ig_reel', payload: { url: 'https://ig/r/1', title: 'Baile' } }],
      },
    });
    expect(reel).toMatchObject({ text: '🎬 Shared a reel: Baile: https://ig/r/1' });
  });

  it('reads reactions, unreactions, deletions and unsupported messages', () => {
    expect(ig({ reaction: { mid: 'ig_t', action: 'react', reaction: 'love', emoji: '❤' } })).toMatchObject([
      { kind: 'reaction', targetExternalId: 'ig_t', emoji: '❤', customer: { channelUserId: IGSID } },
    ]);
    expect(ig({ reaction: { mid: 'ig_t', action: 'unreact' } })).toMatchObject([
      { kind: 'reaction', emoji: null },
    ]);
    expect(ig({ message: { mid: 'ig_del', is_deleted: true } })).toMatchObject([
      { kind: 'message', externalId: 'ig_del', deleted: true },
    ]);
    expect(ig({ message: { mid: 'ig_u', is_unsupported: true } })).toMatchObject([
      {
        kind: 'message',
        externalId: 'ig_u',
        type: MessageType.UNSUPPORTED,
        payload: { raw: { is_unsupported: true } },
      },
    ]);
  });

  it('accepts dashboard test events sent as changes, timestamps in seconds included', () => {
    const events = parseSigned(instagram, sampleCredentials(ChannelKind.INSTAGRAM, 'http://127.0.0.1:1'), {
      object: 'instagram',
      entry: [
        {
          id: '0',
          time: 1767300000,
          changes: [
            {
              field: 'messages',
              value: {
                sender: { id: '12334' },
                recipient: { id: '23245' },
                timestamp: '1527459824',
                message: { mid: 'random_mid', text: 'random_text' },
              },
            },
          ],
        },
      ],
    });
    expect(events).toMatchObject([
      {
        kind: 'message',
        externalId: 'random_mid',
        text: 'random_text',
        customer: { channelUserId: '12334' },
        sentAt: new Date(1527459824 * 1000),
      },
    ]);
  });
});
