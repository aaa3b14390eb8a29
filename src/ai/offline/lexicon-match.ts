import { tokenize } from './text-analysis';

/** A text prepared once for many lexicon look-ups. */
export interface LexiconText {
  tokens: string[];
  joined: string;
}

export function lexiconText(text: string): LexiconText {
  const tokens = tokenize(text);
  return { tokens, joined: ` ${tokens.join(' ')} ` };
}

/** Entries with a space are phrases; single words match any token they begin. */
export function countMatches(text: LexiconText, entries: readonly string[]): number {
  let count = 0;
  for (const entry of entries) {
    if (entry.includes(' ')) {
      if (text.joined.includes(` ${entry.trim()} `) || text.joined.includes(` ${entry}`)) count++;
    } else if (text.tokens.some((token) => token.startsWith(entry))) {
      count++;
    }
  }
  return count;
}
