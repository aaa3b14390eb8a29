import { type ApolloServerPlugin } from '@apollo/server';
import { ApiError, ApiErrorCode } from '../schema/errors';
import { type RequestContext } from './context';

/**
 * Who may read the schema itself — introspection and the "Did you mean …?" hints of validation
 * errors: any valid token or API key, and anyone in development. The committed `schema.graphql`
 * is the contract for everyone else.
 */
export function mayReadSchema(context: Pick<RequestContext, 'viewer' | 'deps'>): boolean {
  return context.viewer !== null || context.deps.config.development;
}

export function introspectionRefusal(context: Pick<RequestContext, 'authFailure'>): ApiError {
  const why = context.authFailure ? ` (${context.authFailure})` : '';
  return new ApiError(
    ApiErrorCode.UNAUTHENTICATED,
    `Introspection is open to signed-in callers: send Authorization: Bearer <session token or API key>${why}.`,
  );
}

/** graphql-js appends its hints at the end of a message, as Apollo's own suggestion filter assumes. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * Drops the hints, which name schema fields, types, arguments and enum values, from every error
 * sent to a caller who may not read the schema: validation and variable coercion alike. Apollo's
 * `hideSchemaDetailsFromClientErrors` does it for every caller (and for validation only), which
 * would take the hints from signed-in developers too.
 */
export function schemaDetailsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (mayReadSchema(contextValue)) return;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { message: string }).message = withoutSuggestions(error.message);
          }
        },
      };
    },
  };
}
