import { getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { ApiErrorCode } from './errors';
import { assessOperation, QUERY_LIMITS } from './query-cost';
import { fragmentFanOut } from '../testing/fixtures/fragment-fan-out.fixture';

function assess(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
  return assessOperation(document, getOperationAST(document)!, variables);
}

describe('query analysis', () => {
  it('costs a fragment once and multiplies it by its uses: 40 levels of fan-out in linear time', () => {
    const query = fragmentFanOut(40);
    const started = process.cpuUsage();
    const { shape, refusal } = assess(query);
    const cpu = process.cpuUsage(started);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(50);
    // settings { locale } costs 2 and is used 2^39 times.
    expect(shape.cost).toBe(2 * 2 ** 39);
    // Visited once each: the operation's spread, two spreads in 39 fragments, settings and locale.
    expect(shape.selections).toBe(1 + 2 * 39 + 2);
    expect(assess(fragmentFanOut(20)).shape.selections).toBe(1 + 2 * 19 + 2);
    expect(refusal?.extensions.code).toBe(ApiErrorCode.QUERY_TOO_COMPLEX);
    expect(refusal?.message).toMatch(/cost/);
  });

  it('counts the same as before for a document without repeated fragments', () => {
    const { shape } = assess(`query {
      settings { locale }
      a: conversations(first: 10) { nodes { ...C } }
    }
    fragment C on Conversation { id customer { id } }`);
    // settings 2; conversations 1 + 10 × (nodes 1 + (id 1 + customer 2)).
    expect(shape).toMatchObject({ cost: 2 + 1 + 10 * 4, aliases: 1, depth: 3 });
  });

  it('honours variable values and defaults for first/last', () => {
    const query = 'query($n: Int = 100) { conversations(first: $n) { nodes { id } } }';
    // 1 + n × (nodes 1 + id 1)
    expect(assess(query).shape.cost).toBe(1 + 100 * 2);
    expect(assess(query, { n: 5 }).shape.cost).toBe(1 + 5 * 2);
    expect(assess(query, { n: null }).shape.cost).toBe(1 + 20 * 2);
    expect(assess('query($n: Int) { conversations(last: $n) { nodes { id } } }').shape.cost).toBe(1 + 20 * 2);
    const costly = assess(
      'query($n: Int = 100) { conversations(first: $n) { nodes { messages(first: $n) { nodes { id text } } } } }',
    );
    expect(costly.refusal?.extensions.code).toBe(ApiErrorCode.QUERY_TOO_COMPLEX);
  });

  it('refuses a page size outside 1–100 before execution, from a literal, a variable or a default', () => {
    for (const [query, variables] of [
      ['{ conversations(first: 500) { nodes { id } } }', {}],
      ['query($n: Int) { conversations(last: $n) { nodes { id } } }', { n: 0 }],
      ['query($n: Int = 101) { conversations(first: $n) { nodes { id } } }', {}],
    ] as const) {
      const { refusal } = assess(query, variables);
      expect(refusal?.extensions).toMatchObject({ code: ApiErrorCode.BAD_USER_INPUT });
      expect(refusal?.message).toMatch(/between 1 and 100/);
    }
  });

  it('stops walking past the selection cap', () => {
    const fields = Array.from({ length: QUERY_LIMITS.maxSelections + 5 }, (_, index) => `f${index}`).join(
      ' ',
    );
    const document = parse(`{ ${fields} }`);
    const { shape, refusal } = assessOperation(document, getOperationAST(document)!);
    expect(shape.selections).toBe(QUERY_LIMITS.maxSelections + 1);
    expect(refusal?.message).toMatch(/selections/);
  });

  it('keeps depth through fragments and adds nothing for a cycle', () => {
    const { shape } = assess(
      `{ ...A } fragment A on Query { viewer { ...B } } fragment B on Viewer { workspace { ...A } }`,
    );
    expect(shape.depth).toBe(2);
  });

  describe('introspection, measured apart from data', () => {
    it("admits graphql-js's standard query (depth 14 from its ofType chain) with data depth untouched", () => {
      const { shape, refusal } = assess(getIntrospectionQuery({ inputValueDeprecation: true, oneOf: true }));
      expect(refusal).toBeNull();
      expect(shape.depth).toBe(0);
      expect(shape.introspection).toEqual({ fields: 1, schemaFields: 1, depth: 14, nestedLists: 3 });
    });

    it('counts roots and lists through fragments, each spread again', () => {
      const { shape, refusal } = assess(`{ ...R ...R viewer { workspace { id } } }
        fragment R on Query { __schema { types { ...T } } }
        fragment T on __Type { fields { args { type { name } } } }`);
      expect(shape.depth).toBe(2);
      expect(shape.introspection).toMatchObject({ fields: 2, schemaFields: 2, depth: 5, nestedLists: 3 });
      expect(refusal?.message).toMatch(/__schema once/);
    });

    it('refuses more nested lists or a longer ofType chain than its limits', () => {
      const lists = assess(
        '{ __schema { directives { args { type { enumValues { name } inputFields { name } } } } } }',
      );
      expect(lists.refusal).toBeNull();
      const tooMany = assess(
        '{ __schema { types { enumValues { name } fields { args { type { interfaces { name } } } } } } }',
      );
      expect(tooMany.refusal?.message).toMatch(/nests 4 lists/);
      const chain = (n: number) =>
        `{ __type(name: "Query") { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } }`;
      expect(assess(chain(QUERY_LIMITS.introspection.maxDepth - 1)).refusal).toBeNull();
      expect(assess(chain(QUERY_LIMITS.introspection.maxDepth)).refusal?.message).toMatch(
        /Introspection depth 21/,
      );
    });
  });
});
