/**
 * The one spelling of a customer phone: E.164, a `+` and 7 to 15 digits, the first not 0. Every path
 * that stores a phone (webhooks, the API channel, customerUpsert, the demo, the test factories)
 * goes through `normalizePhone`, so a number written in two ways is one customer, and searching
 * for digits finds it whatever way it was first written.
 */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** Separators people and systems write inside numbers: spaces, dots, dashes, slashes, parentheses. */
const SEPARATORS = /[\s.\-/()\u00a0]/g;

/**
 * `+34 600-12-34-56`, `0034600123456` and `34600123456` (a WhatsApp id) all give `+34600123456`.
 * Null for anything that is not an international number: a national number without its country
 * code cannot be told apart from another country's, so it is not guessed.
 */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let text = raw.replace(SEPARATORS, '');
  if (text.startsWith('+')) text = text.slice(1);
  else if (text.startsWith('00')) text = text.slice(2);
  const phone = `+${text}`;
  return E164.test(phone) ? phone : null;
}

/** The digits of a normalized phone: a WhatsApp user id (`wa_id`) is the number without its `+`. */
export function phoneDigits(phone: string): string {
  return phone.replace(/^\+/, '');
}
