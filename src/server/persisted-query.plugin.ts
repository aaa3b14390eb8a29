import { type ApolloServerPlugin } from '@apollo/server';
import { type Request } from 'express';
import { ApiError, type ApiErrorCode } from '../schema/errors';
import { type RequestContext } from './context';
import { gatePersistedQuery, type DocumentRequest, type GateOutcome } from './persisted-queries';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The document text and extensions of an HTTP request, read as Apollo reads them (POST body, or
 * GET search parameters). A shape Apollo refuses reads as no document: Apollo answers it itself,
 * or a safelisted caller is refused for sending no registered operation.
 */
function documentRequestOf(request: Request): DocumentRequest {
  if (request.method === 'GET') {
    const search = new URL(request.url, 'http://localhost').searchParams;
    const [query, ...moreQueries] = search.getAll('query');
    const [extensionsText, ...moreExtensions] = search.getAll('extensions');
    if (moreQueries.length > 0 || moreExtensions.length > 0) return {};
    let extensions: unknown;
    try {
      extensions = extensionsText === undefined ? undefined : JSON.parse(extensionsText);
    } catch {
      return { query };
    }
    return { query, extensions: isRecord(extensions) ? extensions : undefined };
  }
  const body: unknown = request.body;
  if (!isRecord(body)) return {};
  return {
    query: typeof body.query === 'string' ? body.query : undefined,
    extensions: isRecord(body.extensions) ? body.extensions : undefined,
  };
}

/**
 * The persisted-query gate on HTTP, run while the context is built: the only step before Apollo
 * parses a document where a refusal keeps its HTTP status (a plugin hook that early turns any
 * error into a 500). A refusal costs nothing. Apollo's own APQ (`persistedQueries`) then looks
 * hashes up and registers them.
 */
export async function gateHttpRequest(
  context: RequestContext,
  request: Request,
  statusOf: (code: ApiErrorCode) => number | undefined,
): Promise<GateOutcome> {
  try {
    return await gatePersistedQuery(context.deps, context.viewer, documentRequestOf(request));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const { code: _code, ...extensions } = error.extensions;
    throw new ApiError(error.code, error.message, {
      ...extensions,
      http: { status: statusOf(error.code) ?? 400 },
    });
  }
}

/** Applies the gate's outcome to the request Apollo is about to read. */
export function persistedQueryPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const outcome = contextValue.persistedQuery;
      if (!outcome) return;
      if (outcome.registered) {
        request.query = outcome.query;
        // Runs as the registered text, not entered into the APQ store every process shares.
        delete request.extensions?.persistedQuery;
      } else if (outcome.hash !== null && outcome.query === undefined) {
        // An empty text with a hash names the document, as on the WebSocket (graphql-ws needs a string).
        delete request.query;
      }
    },
  };
}
