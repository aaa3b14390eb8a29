import { type InboundMessageEvent } from './channel-adapter';
import { isMediaPlaceholderLine } from './media-placeholders';
import { parseMessagingWebhook } from './meta-messaging.parser';
import { parseWhatsAppWebhook } from './whatsapp/whatsapp-payload.parser';
import { metaJson } from './meta-webhook.payloads';
import { metaSample } from '../testing/fixtures/meta-samples.fixture';
import {
  messagingAttachmentsWebhook,
  whatsAppInboundMediaWebhook,
} from '../testing/fixtures/inbound-media.fixture';
import { AttachmentKind } from '../entities/enums';

const messages = (events: ReturnType<typeof parseWhatsAppWebhook>) =>
  events.filter((event): event is InboundMessageEvent => event.kind === 'message');

describe('files of inbound messages, as the parsers hand them to the media copy', () => {
  it("Meta's sample image: its media id, type, caption and the base64 SHA-256 read as hex", () => {
    const [message] = messages(parseWhatsAppWebhook(metaJson(metaSample('wa_inbound_image'))));
    expect(message!.attachments).toEqual([
      {
        kind: AttachmentKind.IMAGE,
        mimeType: 'image/jpeg',
        fileName: null,
        caption: "This is the box I got, it's damaged",
        sha256: Buffer.from('q0r3Vb7cYw2mJ1Xo9Kf8sT5uD4eL6nH2aB0zC7xW1yE=', 'base64').toString('hex'),
        voiceNote: false,
        source: { type: 'graph_media', mediaId: expect.any(String) },
      },
    ]);
  });

  it('every WhatsApp media type, a voice note and a document with its file name', () => {
    const body = whatsAppInboundMediaWebhook({
      phoneNumberId: 'pn',
      from: '34600111222',
      messages: [
        { type: 'audio', mediaId: 'a', mimeType: 'audio/ogg; codecs=opus', voice: true },
        { type: 'audio', mediaId: 'b', mimeType: 'audio/mpeg' },
        { type: 'video', mediaId: 'c', mimeType: 'video/mp4', caption: 'mira' },
        { type: 'document', mediaId: 'd', mimeType: 'application/pdf', filename: 'invoice.pdf' },
        { type: 'sticker', mediaId: 'e', mimeType: 'image/webp' },
      ],
    });
    const files = messages(parseWhatsAppWebhook(metaJson(body))).map((message) => message.attachments![0]!);
    expect(files.map((file) => [file.kind, file.voiceNote, file.fileName, file.caption])).toEqual([
      [AttachmentKind.AUDIO, true, null, null],
      [AttachmentKind.AUDIO, false, null, null],
      [AttachmentKind.VIDEO, false, null, 'mira'],
      [AttachmentKind.DOCUMENT, false, 'invoice.pdf', null],
      [AttachmentKind.STICKER, false, null, null],
    ]);
    expect(files.map((file) => file.source)).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((mediaId) => ({ type: 'graph_media', mediaId })),
    );
  });

  it('a WhatsApp text has no files', () => {
    const [message] = messages(parseWhatsAppWebhook(metaJson(metaSample('wa_inbound_text'))));
    expect(message!.attachments).toBeUndefined();
  });

  it('Messenger and Instagram: CDN links of files, stories and shares; links to web pages are not files', () => {
    const body = messagingAttachmentsWebhook({
      object: 'instagram',
      accountId: '1784',
      senderId: 'igsid',
      attachments: [
        { type: 'image', url: 'https://scontent.cdninstagram.com/a.jpg' },
        { type: 'file', url: 'https://cdn.fbsbx.com/v/t59/contrato.pdf?oh=1' },
        { type: 'story_mention', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' },
        { type: 'share', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2' },
        { type: 'ig_reel', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=3' },
        { type: 'fallback', url: 'https://example.com/article' },
      ],
    });
    const [message] = messages(parseMessagingWebhook(metaJson(body)));
    expect(message!.attachments!.map((file) => [file.kind, file.fileName, file.source])).toEqual([
      [AttachmentKind.IMAGE, null, { type: 'url', url: 'https://scontent.cdninstagram.com/a.jpg' }],
      [
        AttachmentKind.DOCUMENT,
        'contrato.pdf',
        { type: 'url', url: 'https://cdn.fbsbx.com/v/t59/contrato.pdf?oh=1' },
      ],
      [
        AttachmentKind.IMAGE,
        null,
        { type: 'url', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' },
      ],
      [
        AttachmentKind.IMAGE,
        null,
        { type: 'url', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2' },
      ],
      [
        AttachmentKind.VIDEO,
        null,
        { type: 'url', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=3' },
      ],
    ]);
  });

  it('a story reply carries the story, captioned with the reply', () => {
    const body = messagingAttachmentsWebhook({
      object: 'instagram',
      accountId: '1784',
      senderId: 'igsid',
      attachments: [],
      text: 'me encanta',
      replyToStoryUrl: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=9',
    });
    const [message] = messages(parseMessagingWebhook(metaJson(body)));
    expect(message!.attachments).toMatchObject([{ kind: AttachmentKind.IMAGE, caption: 'me encanta' }]);
  });

  it.each([
    ['📷 Photo', true],
    ['📄 Document: invoice.pdf', true],
    ['↩️ Replied to your story', true],
    ['📷 Photo of my receipt, see above', false],
    ['Hola', false],
  ])('%s is a stand-in line: %s', (line, placeholder) => {
    expect(isMediaPlaceholderLine(line)).toBe(placeholder);
  });
});
