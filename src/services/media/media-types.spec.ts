import { AttachmentKind } from '../../entities/enums';
import {
  HTML_PAGE,
  jpeg,
  oggOpus,
  pdf,
  png,
  SVG_IMAGE,
  text,
  webp,
} from '../../testing/fixtures/media.fixture';
import { MediaError, MediaErrorCode } from './media.errors';
import { declaredUpload, mediaTypeOf, sniffUpload, STATIC_STICKER_LIMIT } from './media-types';

async function refusal(run: () => Promise<unknown> | unknown): Promise<MediaErrorCode | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (error instanceof MediaError) return error.code;
    throw error;
  }
}

describe('media types: the bytes decide, the declared type and the name must agree', () => {
  it.each([
    ['image/png', 'photo.png', png(), AttachmentKind.IMAGE],
    ['image/jpeg', 'photo.JPG', jpeg(), AttachmentKind.IMAGE],
    ['application/pdf', 'invoice.pdf', pdf(), AttachmentKind.DOCUMENT],
    ['text/plain; charset=utf-8', 'notes.txt', text(), AttachmentKind.DOCUMENT],
    ['audio/ogg; codecs=opus', 'voice.ogg', oggOpus(), AttachmentKind.AUDIO],
    ['image/webp', 'sticker.webp', webp(40_000), AttachmentKind.STICKER],
  ])('accepts %s named %s', async (contentType, name, bytes, kind) => {
    const type = declaredUpload(contentType, name);
    const sniffed = await sniffUpload(type, bytes, true);
    expect(sniffed.type.kind).toBe(kind);
  });

  it('a static sticker may be 100 KB, an animated one 500 KB', async () => {
    const type = declaredUpload('image/webp', 's.webp');
    expect((await sniffUpload(type, webp(1_000), true)).maxBytes).toBe(STATIC_STICKER_LIMIT);
    expect((await sniffUpload(type, webp(1_000, true), true)).maxBytes).toBe(500_000);
  });

  it.each([
    ['HTML named .png', 'image/png', 'x.png', HTML_PAGE, MediaErrorCode.ACTIVE_CONTENT],
    ['SVG named .png', 'image/png', 'x.png', SVG_IMAGE, MediaErrorCode.ACTIVE_CONTENT],
    [
      'a PNG carrying HTML',
      'image/png',
      'x.png',
      png({ text: '<html><script>alert(1)</script>' }),
      MediaErrorCode.ACTIVE_CONTENT,
    ],
    ['HTML as text', 'text/plain', 'x.txt', HTML_PAGE, MediaErrorCode.ACTIVE_CONTENT],
    ['a PDF declared as PNG', 'image/png', 'x.png', pdf(), MediaErrorCode.TYPE_MISMATCH],
    ['binary declared as text', 'text/plain', 'x.txt', jpeg(), MediaErrorCode.TYPE_MISMATCH],
  ])('refuses %s', async (_name, contentType, fileName, bytes, code) => {
    expect(await refusal(() => sniffUpload(declaredUpload(contentType, fileName), bytes, true))).toBe(code);
  });

  it.each([
    ['text/html', 'x.html', MediaErrorCode.UNSUPPORTED_TYPE],
    ['image/svg+xml', 'x.svg', MediaErrorCode.UNSUPPORTED_TYPE],
    ['image/gif', 'x.gif', MediaErrorCode.UNSUPPORTED_TYPE],
    [undefined, 'x.png', MediaErrorCode.UNSUPPORTED_TYPE],
    ['image/png', 'x.pdf', MediaErrorCode.TYPE_MISMATCH],
    ['image/png', 'png', MediaErrorCode.TYPE_MISMATCH],
  ])('refuses the declared %s named %s before any byte', async (contentType, fileName, code) => {
    expect(await refusal(() => declaredUpload(contentType, fileName))).toBe(code);
  });

  it('knows the other spellings clients send', () => {
    expect(mediaTypeOf('image/jpg')?.mimeType).toBe('image/jpeg');
    expect(mediaTypeOf('Video/3GP')?.mimeType).toBe('video/3gpp');
  });
});
