import { checkWebhookUrl } from './partner-webhook-url';
import { signatureHeader, verifyWebhookSignature } from './partner-webhook-signature';

describe('partner webhook URLs', () => {
  const strict = { allowPrivate: false, allowedHosts: null };

  it('normalizes an allowed URL and drops the fragment', async () => {
    await expect(checkWebhookUrl(' https://93.184.216.34/hook?x=1#frag ', strict)).resolves.toBe(
      'https://93.184.216.34/hook?x=1',
    );
    await expect(
      checkWebhookUrl('http://127.0.0.1:3000/hook', { ...strict, allowPrivate: true }),
    ).resolves.toBe('http://127.0.0.1:3000/hook');
  });

  it('refuses an IPv6 transition form of a private address with WEBHOOK_URL_NOT_ALLOWED', async () => {
    await expect(checkWebhookUrl('https://[64:ff9b::a9fe:a9fe]/hook', strict)).rejects.toMatchObject({
      code: 'WEBHOOK_URL_NOT_ALLOWED',
      field: ['input', 'url'],
    });
  });
});

describe('partner webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"x","type":"MESSAGE_ADDED"}';

  it('verifies the HMAC over the timestamp and the raw body, and refuses replays and tampering', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    const check = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({
        secret,
        timestampHeader: '1700000000',
        signatureHeader: header,
        body,
        nowSeconds: 1_700_000_010,
        ...overrides,
      });
    expect(check({})).toBe(true);
    expect(check({ signatureHeader: `v0=abc, ${header}` })).toBe(true);
    expect(check({ body: `${body} ` })).toBe(false);
    expect(check({ secret: 'whsec_other' })).toBe(false);
    expect(check({ timestampHeader: '1700000001' })).toBe(false);
    expect(check({ nowSeconds: 1_700_000_000 + 301 })).toBe(false);
    expect(check({ signatureHeader: undefined })).toBe(false);
  });
});
