import { invalidInput } from '../errors';

/**
 * What a search box sends, read once for every search path. Matching is done by the database on
 * folded text (`omnitray_fold`: lower case, diacritics removed by `unaccent`), so "facturacion",
 * "Facturación" and "FACTURACIÓN" are one word; every term must appear (as a substring, so
 * "factura" finds "facturación").
 */
export interface SearchQuery {
  /** The query, trimmed and with runs of white space as one space (what ranking compares with). */
  text: string;
  /** The words, each to be found; order and case do not matter. */
  terms: string[];
  /** The digits of a phone-like query ("+52 55 12", "5512"), matched against phone digits; else null. */
  digits: string | null;
}

/** Fewer characters match too much to rank or to use the trigram indexes (three characters each). */
export const MIN_SEARCH_CHARACTERS = 3;
export const MAX_SEARCH_LENGTH = 200;
export const MAX_SEARCH_TERMS = 8;

const PHONE_LIKE = /^[+\d\s().-]+$/;
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;
const WORD_CHARACTERS = /[\p{L}\p{N}]/gu;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function wordCharacters(term: string): number {
  return (term.match(WORD_CHARACTERS) ?? []).length;
}

/** Reads a query's text, words and phone digits; only its length is checked here. */
function readSearchQuery(raw: string, argument: string, options: { phones: boolean }): SearchQuery {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text.length > MAX_SEARCH_LENGTH) {
    throw invalidInput(`\`${argument}\` may have at most ${MAX_SEARCH_LENGTH} characters.`, argument);
  }
  // Punctuation around a word ("facturación,") is not part of it; a term without a letter or digit
  // (a lone dash) narrows nothing.
  const words = text.split(' ').map((term) => term.replace(EDGE_PUNCTUATION, ''));
  const terms = [...new Set(words.filter((term) => HAS_WORD_CHARACTER.test(term)))];
  const phoneDigits = options.phones && PHONE_LIKE.test(text) ? text.replace(/\D/g, '') : '';
  const digits = phoneDigits.length >= MIN_SEARCH_CHARACTERS ? phoneDigits : null;
  return { text, terms, digits };
}

/** Whether the trigram indexes can answer it: a word of three characters or more, or phone digits. */
function indexable(query: SearchQuery): boolean {
  return query.digits !== null || query.terms.some((term) => wordCharacters(term) >= MIN_SEARCH_CHARACTERS);
}

function limitWords(query: SearchQuery, argument: string): void {
  if (query.terms.length > MAX_SEARCH_TERMS) {
    throw invalidInput(`\`${argument}\` may have at most ${MAX_SEARCH_TERMS} words.`, argument);
  }
}

/**
 * Reads a query; with `phones`, a phone-like query is valid by its digits alone ("+52 55 12"),
 * since it may be meant for a phone number only.
 */
export function parseSearchQuery(raw: string, argument: string, options: { phones: boolean }): SearchQuery {
  const query = readSearchQuery(raw, argument, options);
  limitWords(query, argument);
  if (!indexable(query)) {
    throw invalidInput(
      `\`${argument}\` needs a word of at least ${MIN_SEARCH_CHARACTERS} letters or digits.`,
      argument,
    );
  }
  return query;
}

/** `\`, `%` and `_` stand for themselves in a LIKE pattern (the default escape is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Builds SQL with named parameters, each name unique within one statement. */
export class SqlParameters {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  constructor(private readonly prefix: string) {}

  /** A fresh `:name` bound to `value`. */
  add(value: unknown): string {
    const name = `${this.prefix}${this.next++}`;
    this.values[name] = value;
    return `:${name}`;
  }
}

/**
 * Every term of `query` in `folded`, an SQL expression already folded with `omnitray_fold` — the
 * expression a trigram index is built on. Terms of three or more characters are LIKE conditions
 * the index answers; shorter ones have no trigram to look up, so they only filter the rows the
 * others found (`strpos`, which no index is asked for). Null when no term is long enough: such a
 * text cannot be searched through its index.
 */
export function foldedTextMatches(
  folded: string,
  query: SearchQuery,
  parameters: SqlParameters,
): string | null {
  const long = query.terms.filter((term) => wordCharacters(term) >= MIN_SEARCH_CHARACTERS);
  if (long.length === 0) return null;
  const short = query.terms.filter((term) => !long.includes(term));
  return [
    ...long.map((term) => `${folded} LIKE '%' || omnitray_fold(${parameters.add(escapeLike(term))}) || '%'`),
    ...short.map((term) => `strpos(${folded}, omnitray_fold(${parameters.add(term)})) > 0`),
  ].join(' AND ');
}

/**
 * Folded text of a customer as its search index holds it: name, e-mail and channel user id. The
 * migration that creates `customer_text_search_idx` writes the same expression.
 */
export function customerFoldedText(alias: string): string {
  return `omnitray_fold(COALESCE(${alias}.name, '') || ' ' || COALESCE(${alias}.email, '') || ' ' || ${alias}.channel_user_id)`;
}

/** A customer row (`alias`) matches: every term in its text, or the phone-like query in its phone digits. */
export function customerMatches(alias: string, query: SearchQuery, parameters: SqlParameters): string {
  const text = foldedTextMatches(customerFoldedText(alias), query, parameters);
  const digits = query.digits
    ? `omnitray_digits(${alias}.phone) LIKE ${parameters.add(`%${query.digits}%`)}`
    : null;
  return `(${[text, digits].filter((condition) => condition !== null).join(' OR ')})`;
}

/**
 * The customer search box (`customers(search)`, `conversations(filter: { search })`): through the
 * trigram indexes (`customerMatches`) when the text holds a word of three characters or more, or
 * phone digits; a shorter text ("%", "ab") has no trigram to look up and is a substring of the
 * name, phone or channel user id, read from the workspace's rows.
 */
export function customerSearchCondition(alias: string, raw: string, parameters: SqlParameters): string {
  const query = readSearchQuery(raw, 'search', { phones: true });
  if (indexable(query)) {
    limitWords(query, 'search');
    return customerMatches(alias, query, parameters);
  }
  const pattern = parameters.add(`%${escapeLike(query.text)}%`);
  return `(${alias}.name ILIKE ${pattern} OR ${alias}.phone ILIKE ${pattern} OR ${alias}.channel_user_id ILIKE ${pattern})`;
}
