import 'reflect-metadata';
import { getOperationAST, isInterfaceType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildApiSchema } from './build-schema';
import { EXPENSIVE_FIELDS, expenseOf } from './expensive-operations';
import { measureOperation } from './query-cost';

describe('expensive operations', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildApiSchema();
  });

  function expense(query: string, variables: Record<string, unknown> = {}, threshold = 1_000) {
    const document = parse(query);
    const operation = getOperationAST(document)!;
    const { cost } = measureOperation(document, operation, variables);
    return expenseOf(schema, document, operation, variables, cost, threshold);
  }

  it('names fields that exist, so a rename cannot drop one from the list', () => {
    for (const key of Object.keys(EXPENSIVE_FIELDS)) {
      const [typeName, fieldName] = key.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect(
        type && (isObjectType(type) || isInterfaceType(type)) && type.getFields()[fieldName],
      ).toBeTruthy();
    }
  });

  it('marks searches over messages, as their arguments and variables resolve', () => {
    expect(expense('{ messageSearch(query: "factura") { totalCount } }')).toEqual({
      fields: 1,
      expensive: true,
    });
    expect(
      expense('query($f: ConversationFilter) { conversations(filter: $f) { totalCount } }', {
        f: { messageText: 'factura' },
      }),
    ).toEqual({ fields: 1, expensive: true });
    expect(
      expense('query($t: String) { conversations(filter: { messageText: $t }) { totalCount } }', {
        t: 'x y z',
      }),
    ).toEqual({ fields: 1, expensive: true });
    // The same field without words to search is an ordinary page.
    expect(
      expense('query($f: ConversationFilter) { conversations(filter: $f) { totalCount } }', {
        f: { status: 'OPEN' },
      }),
    ).toEqual({ fields: 0, expensive: false });
    expect(expense('{ conversations(filter: { messageText: "  " }) { totalCount } }').expensive).toBe(false);
    expect(expense('{ viewer { __typename } settings { locale } }').expensive).toBe(false);
  });

  it('marks bulk updates and macro runs, whatever their size', () => {
    expect(
      expense(
        'mutation { conversationsBulkUpdate(input: { conversationIds: ["a"], priority: HIGH }) { userErrors { code } } }',
      ),
    ).toEqual({ fields: 1, expensive: true });
    expect(
      expense(
        'mutation { macroRun(input: { macroId: "m", conversationIds: ["a"] }) { userErrors { code } } }',
      ),
    ).toEqual({ fields: 1, expensive: true });
  });

  it('counts every selection: aliases, nested trays, and each spread of a fragment', () => {
    expect(
      expense(
        '{ a: messageSearch(query: "uno") { totalCount } b: messageSearch(query: "dos") { totalCount } }',
      ).fields,
    ).toBe(2);
    expect(
      expense(
        `query($t: String) { a: tray(kind: ACTIVE) { ...Found } b: tray(kind: EXPIRED) { ...Found } }
         fragment Found on Tray { conversations(filter: { messageText: $t }) { totalCount } }`,
        { t: 'factura' },
      ).fields,
    ).toBe(2);
    expect(
      expense('{ trays { ... on Tray { conversations(filter: { messageText: "abc" }) { totalCount } } } }')
        .fields,
    ).toBe(1);
  });

  it('marks a large page by its cost, whatever it selects', () => {
    const page = '{ conversations(first: 100) { nodes { id status customer { id name } } } }';
    expect(expense(page, {}, 1_000)).toEqual({ fields: 0, expensive: false });
    expect(expense(page, {}, 500)).toEqual({ fields: 0, expensive: true });
  });
});
