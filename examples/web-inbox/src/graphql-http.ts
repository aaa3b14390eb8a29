import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

/** An error of a GraphQL answer: `extensions.code` is one of the API's closed list. */
export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; requestId?: string; [key: string]: unknown };
}

/** The answer carried errors (a refused document, an expired token, a spent budget…). */
export class GraphQLRequestError extends Error {
  constructor(
    readonly errors: readonly GraphQLErrorShape[],
    readonly status: number,
  ) {
    super(errors.map((error) => error.message).join('; ') || `HTTP ${status}`);
    this.name = 'GraphQLRequestError';
  }

  /** The first error's code, e.g. UNAUTHENTICATED or RATE_LIMITED. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** What the client needs of `fetch`: the browser's and Node's both fit. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; json(): Promise<unknown> }>;

const printed = new WeakMap<DocumentNode, string>();

/** The query text of a generated document, printed once. */
export function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/**
 * POSTs one operation. The answer's `data` comes back typed by the document; any `errors` (HTTP
 * 200, 400 for a document refused before it runs, 429 for a spent budget) throw
 * GraphQLRequestError. Credentials go in the Authorization header only, never in cookies.
 */
export async function postGraphQL<TData, TVariables>(
  fetchImpl: FetchLike,
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  accessToken?: string | null,
): Promise<TData> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const response = await fetchImpl(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: queryText(document), variables }),
  });
  const body = (await response.json().catch(() => null)) as {
    data?: TData | null;
    errors?: GraphQLErrorShape[];
  } | null;
  if (body?.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (!body?.data) {
    throw new GraphQLRequestError(
      [{ message: `No data in the answer (HTTP ${response.status}).` }],
      response.status,
    );
  }
  return body.data;
}
