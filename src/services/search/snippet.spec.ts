import { matchRanges, snippetHtml, snippetOf } from './snippet';
import { parseSearchQuery } from './search-query';

const marked = (text: string, terms: string[]) => snippetHtml(snippetOf(text, terms));

describe('snippets', () => {
  it('finds terms accents and case aside, in the original characters', () => {
    expect(marked('FACTURACIÓN y facturación', ['facturacion'])).toBe(
      '<mark>FACTURACIÓN</mark> y <mark>facturación</mark>',
    );
    expect(marked('Olá, São Paulo', ['sao'])).toBe('Olá, <mark>São</mark> Paulo');
  });

  it('maps letters that fold to two back to their one character', () => {
    // "ß" folds to "ss" as unaccent does: "strasse" finds it, and marks the whole word.
    expect(matchRanges('Große Straße', ['strasse'])).toEqual([{ start: 6, length: 6 }]);
    expect(matchRanges('Große Straße', ['ss'])).toEqual([
      { start: 3, length: 1 },
      { start: 10, length: 1 },
    ]);
  });

  it('counts UTF-16 code units, so an emoji before a match keeps the offsets right', () => {
    const snippet = snippetOf('👍 listo el pedido', ['pedido']);
    expect(snippet.ranges).toEqual([{ start: 12, length: 6 }]);
    expect(snippet.text.slice(12, 18)).toBe('pedido');
  });

  it('merges overlapping matches and escapes everything else', () => {
    expect(matchRanges('facturación', ['factura', 'turación'])).toEqual([{ start: 0, length: 11 }]);
    expect(marked('<b>pedido</b> & "otro"', ['pedido'])).toBe(
      '&lt;b&gt;<mark>pedido</mark>&lt;/b&gt; &amp; &quot;otro&quot;',
    );
  });

  it('cuts a long text around the first match, at white space', () => {
    const text = `${'uno '.repeat(50)}aquí está la garantía ${'dos '.repeat(50)}`;
    const snippet = snippetOf(text, ['garantia']);
    expect(snippet.text.startsWith('…uno')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    const [range] = snippet.ranges;
    expect(snippet.text.slice(range!.start, range!.start + range!.length)).toBe('garantía');
  });
});

describe('search queries', () => {
  it('splits words, drops punctuation around them, and keeps a phone-like query as digits', () => {
    expect(parseSearchQuery('  ¿Facturación,   marzo? ', 'q', { phones: true })).toEqual({
      text: '¿Facturación, marzo?',
      terms: ['Facturación', 'marzo'],
      digits: null,
    });
    expect(parseSearchQuery('+52 (55) 12', 'q', { phones: true })).toMatchObject({ digits: '525512' });
    expect(parseSearchQuery('+52 55 1234', 'q', { phones: false })).toMatchObject({ digits: null });
  });

  it('needs a word of three letters or digits, or (for phones) three digits', () => {
    expect(() => parseSearchQuery('+5 2', 'q', { phones: true })).toThrow('needs a word');
    expect(() => parseSearchQuery('+52 55', 'q', { phones: false })).toThrow('needs a word');
    expect(parseSearchQuery('+52 55', 'q', { phones: true }).digits).toBe('5255');
  });
});
