import { type Viewer } from '../auth/viewer';
import { type AppDeps } from '../runtime/app-deps';
import { ApiError, ApiErrorCode, apiErrorOf } from '../schema/errors';
import {
  documentSha256,
  isSha256Hex,
  safelistApplies,
  safelistedDocument,
} from '../services/persisted-query/persisted-query.service';

/** What a request carries: its document text (absent or empty when it names one) and its extensions. */
export interface DocumentRequest {
  query?: string;
  extensions?: Record<string, unknown> | null;
}

export interface GateOutcome {
  /** `extensions.persistedQuery.sha256Hash`, checked against the text when both came; null when absent. */
  hash: string | null;
  /** The text to run; undefined when only the hash came and the APQ store must supply it. */
  query: string | undefined;
  /** The text is the workspace's registered operation: nothing to look up or register in the APQ store. */
  registered: boolean;
}

/** Apollo's own answer to an unknown hash; APQ clients react to the code (and older ones to the message). */
export const persistedQueryNotFound = () =>
  new ApiError(ApiErrorCode.PERSISTED_QUERY_NOT_FOUND, 'PersistedQueryNotFound');

const badRequest = (message: string) => new ApiError(ApiErrorCode.BAD_USER_INPUT, message);

/** `extensions.persistedQuery` as the APQ protocol (version 1) defines it; null when the request has none. */
function persistedQueryHash(extensions: DocumentRequest['extensions']): string | null {
  const persisted = extensions?.persistedQuery;
  if (persisted === undefined || persisted === null) return null;
  if (typeof persisted !== 'object') {
    throw badRequest('extensions.persistedQuery must be an object { version: 1, sha256Hash }.');
  }
  const { version, sha256Hash } = persisted as Record<string, unknown>;
  if (version !== 1) throw badRequest('Only version 1 of extensions.persistedQuery is supported.');
  if (!isSha256Hex(sha256Hash)) {
    throw badRequest(
      'extensions.persistedQuery.sha256Hash must be the lower-case hex SHA-256 of the query (64 characters).',
    );
  }
  return sha256Hash;
}

/**
 * What HTTP and WebSocket both do before a document is parsed: read and check the persisted-query
 * extension (a hash sent with its text must be the text's), and hold a safelisted API key to its
 * workspace's registered operations, taking the text from there. Throws the refusal as an ApiError.
 */
export async function gatePersistedQuery(
  deps: AppDeps,
  viewer: Viewer | null,
  request: DocumentRequest,
  options: { freshSettings?: boolean } = {},
): Promise<GateOutcome> {
  const hash = persistedQueryHash(request.extensions);
  const text = request.query === '' ? undefined : request.query;
  if (hash !== null && text !== undefined && documentSha256(text) !== hash) {
    throw badRequest(
      'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it: hash the exact text.',
    );
  }
  if (!viewer) return { hash, query: text, registered: false };
  try {
    if (!(await safelistApplies(deps, viewer, options.freshSettings))) {
      return { hash, query: text, registered: false };
    }
    const registered = await safelistedDocument(deps, viewer, hash);
    return { hash, query: registered.query, registered: true };
  } catch (error) {
    throw apiErrorOf(error) ?? error;
  }
}
