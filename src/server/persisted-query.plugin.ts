import { type ApolloServerPlugin } from '@apollo/server';
import { ApiError, type ApiErrorCode } from '../schema/errors';
import { type RequestContext } from './context';
import { gatePersistedQuery } from './persisted-queries';

/**
 * The persisted-query gate on HTTP, before Apollo reads the document: Apollo's own APQ
 * (`persistedQueries`) looks hashes up and registers them, and this holds safelisted API keys to
 * their workspace's registered operations. A refusal leaves before parsing, so it costs nothing.
 */
export function persistedQueryPlugin(
  statusOf: (code: ApiErrorCode) => number | undefined,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      let outcome;
      try {
        outcome = await gatePersistedQuery(contextValue.deps, contextValue.viewer, request);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // Thrown before Apollo's pipeline starts, so the status travels with the error.
        const { code: _code, ...extensions } = error.extensions;
        throw new ApiError(error.code, error.message, {
          ...extensions,
          http: { status: statusOf(error.code) ?? 400 },
        });
      }
      // An empty text with a hash names the document, as on the WebSocket (graphql-ws needs a string).
      if (outcome.query === undefined) delete request.query;
      if (outcome.registered) {
        request.query = outcome.query;
        // Run as the registered text, not entered into the APQ store every process shares.
        delete request.extensions?.persistedQuery;
      }
    },
  };
}
