import { buildSchema, parse, validate, specifiedRules } from 'graphql';
import { ApiErrorCode } from './errors';
import { INPUT_LIMITS, textLiteralRule, variablesRefusal } from './request-input';

/** `{"a": {"a": … 1 …}}`, `levels` objects deep, without a recursive builder. */
const nested = (levels: number): unknown => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);

describe('request input', () => {
  it('takes ordinary variables: text in any script, emoji (surrogate pairs), numbers, lists', () => {
    expect(
      variablesRefusal({
        input: { name: 'Ünïcødé 日本語 👋🏽', tags: ['a', 'b'], n: 3, on: true, none: null },
        list: [[{ deep: 'ok' }]],
      }),
    ).toBeNull();
  });

  it.each([
    ['a NUL in a value', { input: { name: 'a\u0000b' } }, /\$input\.name contains a NUL/],
    ['a NUL in a list item', { ids: ['ok', 'x\u0000'] }, /\$ids\[1\] contains a NUL/],
    [
      'a NUL in an object key',
      { input: { value: { 'k\u0000': 1 } } },
      /\$input\.value has a key that contains a NUL/,
    ],
    ['a NUL in a variable name', { 'n\u0000': 'x' }, /A variable name contains a NUL/],
    ['a lone high surrogate', { input: { name: 'a\ud800b' } }, /\$input\.name is not valid Unicode/],
    ['a lone low surrogate at the end', { input: { name: 'ab\udc00' } }, /is not valid Unicode/],
    ['a reversed pair', { text: '\udc00\ud800' }, /\$text is not valid Unicode/],
  ])('refuses %s as BAD_USER_INPUT', (_case, variables, message) => {
    const refusal = variablesRefusal(variables);
    expect(refusal?.extensions.code).toBe(ApiErrorCode.BAD_USER_INPUT);
    expect(refusal?.message).toMatch(message);
  });

  it(`refuses variables nested more than ${INPUT_LIMITS.maxVariableDepth} levels, at a million levels too`, () => {
    expect(variablesRefusal({ v: nested(INPUT_LIMITS.maxVariableDepth) })).toBeNull();
    expect(variablesRefusal({ v: nested(INPUT_LIMITS.maxVariableDepth + 1) })?.message).toMatch(
      /\$v\.a\.a is nested more than 32 levels deep/,
    );
    const lists = JSON.parse(`{"v": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`) as Record<
      string,
      unknown
    >;
    expect(variablesRefusal(lists)?.extensions.code).toBe(ApiErrorCode.BAD_USER_INPUT);
  });

  it('refuses a NUL in a string literal of the document, escaped or raw, in validation', () => {
    const schema = buildSchema('type Query { echo(text: String, list: [String]): String }');
    const errorsOf = (query: string) =>
      validate(schema, parse(query), [...specifiedRules, textLiteralRule]).map((error) => error.message);
    expect(errorsOf('{ echo(text: "fine 👋", list: ["a", """block"""]) }')).toEqual([]);
    expect(errorsOf('{ echo(text: "a\\u0000b") }')).toEqual([
      'A string in the document contains a NUL character (U+0000).',
    ]);
    expect(errorsOf('{ echo(list: ["ok", "\u0000"]) }')).toHaveLength(1);
    expect(errorsOf('{ echo(text: """x\u0000""") }')).toHaveLength(1);
  });
});
