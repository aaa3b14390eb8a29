import { checkWebhookUrl, isForbiddenAddress } from './partner-webhook-url';
import { signatureHeader, verifyWebhookSignature } from './partner-webhook-signature';

describe('partner webhook addresses', () => {
  it.each([
    '10.0.0.5',
    '127.0.0.1',
    '169.254.169.254',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.251',
    '255.255.255.255',
    '::',
    '::1',
    'fd00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:10.0.0.1',
    'not-an-ip',
  ])('%s is forbidden', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => expect(isForbiddenAddress(address)).toBe(false),
  );

  it('normalizes an allowed URL and drops the fragment', async () => {
    await expect(
      checkWebhookUrl(' https://93.184.216.34/hook?x=1#frag ', { allowPrivate: false }),
    ).resolves.toBe('https://93.184.216.34/hook?x=1');
    await expect(checkWebhookUrl('http://127.0.0.1:3000/hook', { allowPrivate: true })).resolves.toBe(
      'http://127.0.0.1:3000/hook',
    );
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
