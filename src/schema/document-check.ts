import { GraphQLError, Kind, parse, validate, type GraphQLSchema } from 'graphql';
import { QUERY_LIMITS } from './query-cost';

/**
 * What keeps a document from ever running here, or null: it must parse within the token limit,
 * hold an operation and be valid against the schema. Limits that depend on variables (page sizes,
 * cost) are checked when it runs.
 */
export function documentProblem(schema: GraphQLSchema, query: string): string | null {
  let document;
  try {
    document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch (error) {
    return error instanceof GraphQLError ? error.message : 'The document does not parse.';
  }
  if (!document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) {
    return 'The document holds no operation.';
  }
  const errors = validate(schema, document);
  return errors.length > 0 ? `The document is not valid against the schema: ${errors[0]!.message}` : null;
}
