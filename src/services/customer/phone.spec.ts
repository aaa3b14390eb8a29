import { E164, normalizePhone, phoneDigits } from './phone';

describe('normalizePhone: one spelling for every path', () => {
  it.each([
    ['+34 600 12 34 56', '+34600123456'],
    ['+34-600-12-34-56', '+34600123456'],
    ['0034 600 123 456', '+34600123456'],
    ['34600123456', '+34600123456'],
    ['+1 (415) 555-0123', '+14155550123'],
    ['+52 1 55 1234 5678', '+5215512345678'],
    ['5511987654321', '+5511987654321'],
    ['  +57.300.123.4567 ', '+573001234567'],
    ['+683 4002', '+6834002'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
    expect(normalizePhone(expected)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '+',
    '12ab456789',
    '+0034600123456',
    '0600123456',
    '123456',
    '+1234567890123456',
    '+34 600 12 34 56 ext 7',
    'tel:+34600123456',
  ])('refuses %j', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('null and undefined are no phone', () => {
    expect(normalizePhone(null)).toBeNull();
    expect(normalizePhone(undefined)).toBeNull();
  });

  it('every normalized phone is E.164, and its digits are the WhatsApp id', () => {
    const phone = normalizePhone('00 44 7700 900123')!;
    expect(E164.test(phone)).toBe(true);
    expect(phoneDigits(phone)).toBe('447700900123');
  });
});
