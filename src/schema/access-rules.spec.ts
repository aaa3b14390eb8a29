import 'reflect-metadata';
import { getMetadataStorage } from 'type-graphql';
import { type GraphQLObjectType } from 'graphql';
import { buildApiSchema } from './build-schema';

/**
 * Every Query, Mutation and Subscription field declares who may call it. The snapshot makes any
 * new field — and any change of a rule — show up in review; a field without a rule fails outright.
 */
describe('access rules of every root field', () => {
  it('are declared and match the snapshot', async () => {
    const schema = await buildApiSchema();
    const storage = getMetadataStorage();
    const rulesOf = (target: object, methodName: string): string[] | undefined =>
      storage.authorizedFields.find((entry) => entry.target === target && entry.fieldName === methodName)
        ?.roles;

    const metadataByRoot = {
      Query: storage.queries,
      Mutation: storage.mutations,
      Subscription: storage.subscriptions,
    };
    const table: Record<string, Record<string, string[]>> = {};
    const unguarded: string[] = [];
    for (const [root, entries] of Object.entries(metadataByRoot)) {
      const type = schema.getType(root) as GraphQLObjectType | undefined;
      if (!type) continue;
      table[root] = {};
      for (const fieldName of Object.keys(type.getFields()).sort()) {
        const entry = entries.find((candidate) => candidate.schemaName === fieldName);
        const rules = entry ? rulesOf(entry.target, entry.methodName) : undefined;
        if (!rules || rules.length === 0) unguarded.push(`${root}.${fieldName}`);
        else table[root][fieldName] = [...rules].sort();
      }
    }
    expect(unguarded).toEqual([]);
    expect(table).toMatchSnapshot();
  });
});
