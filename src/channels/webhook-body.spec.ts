import { parseWebhookJson } from './webhook-body';

describe('parseWebhookJson', () => {
  it('turns a NUL and a lone surrogate into U+FFFD, so the text can be stored', () => {
    const raw = Buffer.from('{"text":{"body":"hola\\u0000 mundo \\ud83d fin"},"keys":["\\udc00"]}');
    expect(parseWebhookJson(raw)).toEqual({
      text: { body: 'hola\uFFFD mundo \uFFFD fin' },
      keys: ['\uFFFD'],
    });
  });

  it('keeps ordinary text, emoji included, as it came', () => {
    const raw = Buffer.from('{"text":"¿Facturación? \\ud83d\\ude00 😀"}');
    expect(parseWebhookJson(raw)).toEqual({ text: '¿Facturación? 😀 😀' });
  });
});
