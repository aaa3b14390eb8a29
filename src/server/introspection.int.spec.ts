import { getIntrospectionQuery } from 'graphql';
import { ApiKeyScope } from '../entities/enums';
import { createTestApiKey } from '../testing/factories';
import { useTestApp, useWorkspace, type TestAppHandle } from '../testing/test-lifecycle';

const STANDARD = getIntrospectionQuery();
const ALL_OPTIONS = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
/** Lists in lists: each level repeats every field of the schema once more. graphql-js's own rule refuses it. */
const NESTED_FIELDS = `{ __type(name: "Query") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }`;
/** The same through lists that graphql-js's rule does not count (types, args). */
const NESTED_ARGS = `{ __schema { types { fields { args { type { fields { args { name } } } } } } } }`;
const DEEP_OF_TYPE = `{ __schema { types { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } }`;
const TWO_SCHEMAS = '{ a: __schema { types { name } } b: __schema { types { name } } }';
const MISSPELT_FIELD = '{ trayz { kind } }';
const MISSPELT_ENUM = 'query($view: TrayView) { trays(view: $view) { kind } }';

function introspect(t: TestAppHandle, query: string, token?: string | null) {
  return t.gql<{ __schema: { types: { name: string }[]; queryType: { name: string } } }>(query, {}, token);
}

describe('introspection in production', () => {
  const t = useTestApp({ env: { NODE_ENV: 'production' } });
  const w = useWorkspace(t, { scope: 'suite' });

  it.each([
    ['the standard query', STANDARD],
    ['the standard query with every option', ALL_OPTIONS],
  ])('admits %s for a signed-in agent and for an API key', async (_name, query) => {
    const key = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.BOT]);
    for (const token of [w.agentA.token, key.key]) {
      const answer = await introspect(t, query, token);
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.__schema.queryType.name).toBe('Query');
      expect(answer.data!.__schema.types.map((type) => type.name)).toEqual(
        expect.arrayContaining(['Conversation', 'TrayKind', '__Type']),
      );
    }
  });

  it('refuses anonymous callers with a clear UNAUTHENTICATED, and runs nothing', async () => {
    for (const query of [
      STANDARD,
      '{ __type(name: "Conversation") { name } }',
      '{ ...F } fragment F on Query { __schema { queryType { name } } }',
    ]) {
      const answer = await introspect(t, query);
      expect(answer.status).toBe(401);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]).toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
        message: expect.stringMatching(/Introspection is open to signed-in callers/),
      });
      expect(answer.extensions?.cost).toBeUndefined();
    }
    const expired = await introspect(t, STANDARD, 'ots_not-a-token');
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0]?.message).toMatch(/signed-in callers: .*\(.+\)\.$/);
    const www = await t.http().post('/graphql').send({ query: STANDARD });
    expect(www.headers['www-authenticate']).toBe('Bearer');
    // __typename is no introspection: clients add it everywhere.
    expect((await t.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('drops "Did you mean" hints for anonymous callers and keeps them for signed-in ones', async () => {
    const anonymous = await t.gql(MISSPELT_FIELD);
    expect(anonymous.status).toBe(400);
    expect(anonymous.errors?.[0]?.message).toBe('Cannot query field "trayz" on type "Query".');
    const signedIn = await t.gql(MISSPELT_FIELD, {}, w.agentA.token);
    expect(signedIn.errors?.[0]?.message).toMatch(/Did you mean .*"trays".*\?$/);

    // Variable coercion names enum values too.
    const badEnum = await t.gql(MISSPELT_ENUM, { view: 'CLASIC' });
    expect(badEnum.errors?.[0]?.message).toMatch(/does not exist in "TrayView" enum\.$/);
    const badEnumSignedIn = await t.gql(MISSPELT_ENUM, { view: 'CLASIC' }, w.agentA.token);
    expect(badEnumSignedIn.errors?.[0]?.message).toMatch(/Did you mean the enum value "CLASSIC"\?$/);
  });

  it('refuses abusive introspection under its own limits, signed in or not', async () => {
    for (const [query, message] of [
      [NESTED_FIELDS, /^Maximum introspection depth exceeded$/],
      [NESTED_ARGS, /nests 5 lists/],
      [DEEP_OF_TYPE, /Introspection depth 22 exceeds its limit of 20/],
      [TWO_SCHEMAS, /__schema once/],
    ] as const) {
      const answer = await introspect(t, query, w.agentA.token);
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('introspection in development', () => {
  const t = useTestApp({ env: { NODE_ENV: 'development', GRAPH_SANDBOX: 'false' } });

  it('is open to anyone, hints included', async () => {
    const answer = await introspect(t, ALL_OPTIONS);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.__schema.queryType.name).toBe('Query');
    expect((await t.gql(MISSPELT_FIELD)).errors?.[0]?.message).toMatch(/Did you mean .*"trays".*\?$/);
    expect((await introspect(t, NESTED_ARGS)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
