import { createHmac } from 'node:crypto';
import { signMetaBody, verifyMetaSignature } from './meta-signature';

const SECRET = 'app-secret';
// Meta sends non-ASCII escaped; the signature covers these bytes, not a re-serialisation.
const RAW = Buffer.from('{"text":"Se\\u00f1or \\ud83d\\udc4b"}', 'utf8');

describe('Meta webhook signature', () => {
  const valid = `sha256=${createHmac('sha256', SECRET).update(RAW).digest('hex')}`;

  it('accepts the HMAC-SHA256 of the exact bytes, in either hex case', () => {
    expect(signMetaBody(SECRET, RAW)).toBe(valid);
    expect(verifyMetaSignature(RAW, valid, SECRET)).toBe(true);
    expect(verifyMetaSignature(RAW, valid.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
  });

  it('refuses the same JSON re-serialised', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(RAW.toString('utf8'))), 'utf8');
    expect(reserialised.equals(RAW)).toBe(false);
    expect(verifyMetaSignature(reserialised, valid, SECRET)).toBe(false);
  });

  it.each([
    ['missing header', undefined, SECRET],
    ['empty header', '', SECRET],
    ['no prefix', valid.slice('sha256='.length), SECRET],
    ['sha1 header', `sha1=${'a'.repeat(40)}`, SECRET],
    ['short hex', 'sha256=abcd', SECRET],
    ['not hex', `sha256=${'z'.repeat(64)}`, SECRET],
    ['wrong secret', valid, 'other-secret'],
    ['missing secret', valid, null],
    ['empty secret', valid, ''],
  ])('refuses a %s', (_case, header, secret) => {
    expect(verifyMetaSignature(RAW, header, secret)).toBe(false);
  });
});
