/** A span of a snippet, in UTF-16 code units (JavaScript string indices). */
export interface TextRange {
  start: number;
  length: number;
}

export interface Snippet {
  /** Plain text around the first match; "…" marks where it was cut. */
  text: string;
  /** Where the terms are in `text`, in order, never overlapping. */
  ranges: TextRange[];
}

/** Letters `unaccent` spells with two (or other) letters; NFD alone leaves them as they are. */
const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

function foldCharacter(character: string): string {
  const lower = character.toLowerCase();
  return SPECIAL_FOLDS[lower] ?? lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** The text folded as the database folds it, and for each folded code unit where it came from in `text`. */
function foldWithOrigins(text: string): { folded: string; origins: number[]; ends: number[] } {
  let folded = '';
  const origins: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const character of text) {
    const piece = foldCharacter(character);
    for (let unit = 0; unit < piece.length; unit += 1) {
      origins.push(index);
      ends.push(index + character.length);
    }
    folded += piece;
    index += character.length;
  }
  return { folded, origins, ends };
}

export function foldText(text: string): string {
  return foldWithOrigins(text).folded;
}

/** Every occurrence of every term in `text`, as merged ranges of `text`. */
export function matchRanges(text: string, terms: string[]): TextRange[] {
  const { folded, origins, ends } = foldWithOrigins(text);
  const spans: [number, number][] = [];
  for (const term of new Set(terms.map(foldText).filter((term) => term.length > 0))) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      spans.push([origins[at]!, ends[at + term.length - 1]!]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => ({ start, length: end - start }));
}

/** How much text a snippet keeps before the first match. */
const LEAD = 40;

/**
 * A window of at most about `maxLength` characters of `text` around its first match, cut at white
 * space, with the matches' ranges in it. Line breaks read as spaces.
 */
export function snippetOf(text: string, terms: string[], maxLength = 160): Snippet {
  const flat = text.replace(/\s/g, ' ');
  const ranges = matchRanges(flat, terms);
  if (flat.length <= maxLength) return { text: flat, ranges };
  const first = ranges[0]?.start ?? 0;
  let start = Math.max(0, first - LEAD);
  if (start > 0) {
    const space = flat.lastIndexOf(' ', start);
    start = space >= 0 && first - space <= LEAD * 2 ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + maxLength);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const inside = ranges
    .filter((range) => range.start < end && range.start + range.length > start)
    .map((range) => {
      const from = Math.max(range.start, start);
      const to = Math.min(range.start + range.length, end);
      return { start: from - start + prefix.length, length: to - from };
    });
  return { text: `${prefix}${flat.slice(start, end)}${suffix}`, ranges: inside };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** The snippet as HTML: every character escaped, the matches inside `<mark>…</mark>`. */
export function snippetHtml(snippet: Snippet): string {
  let html = '';
  let at = 0;
  for (const range of snippet.ranges) {
    html += escapeHtml(snippet.text.slice(at, range.start));
    html += `<mark>${escapeHtml(snippet.text.slice(range.start, range.start + range.length))}</mark>`;
    at = range.start + range.length;
  }
  return html + escapeHtml(snippet.text.slice(at));
}
