import { type ChannelCredentials } from './channel-adapter';
import { mapGraphErrorResponse, mapNetworkError, type MappedChannelError } from './meta-errors';

/** Meta answers in well under a second; 15 s leaves room for slow days without pinning a job worker. */
export const GRAPH_REQUEST_TIMEOUT_MS = 15_000;

export type GraphResponse =
  { ok: true; status: number; body: unknown } | ({ ok: false } & MappedChannelError);

export interface GraphRequestOptions {
  method: 'GET' | 'POST';
  /** Path below the version (`/123/messages`) or an absolute URL (a `paging.next` link). */
  path: string;
  body?: unknown;
  timeoutMs?: number;
}

export function graphUrl(credentials: ChannelCredentials, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const base = credentials.apiBaseUrl.replace(/\/+$/, '');
  const version = credentials.apiVersion.replace(/^\/+|\/+$/g, '');
  return `${base}/${version}/${path.replace(/^\/+/, '')}`;
}

/** One Graph API call with the account token; never throws, failures come back mapped. */
export async function graphRequest(
  credentials: ChannelCredentials,
  options: GraphRequestOptions,
): Promise<GraphResponse> {
  if (!credentials.accessToken) {
    return {
      ok: false,
      error: {
        code: 'ACCOUNT_RESTRICTED',
        title: 'Channel account has no access token',
        detail: 'An administrator must set the access token of the channel account.',
        providerCode: null,
        retryable: false,
      },
    };
  }
  const headers: Record<string, string> = {
    Authorization: `Bearer ${credentials.accessToken}`,
    Accept: 'application/json',
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(graphUrl(credentials, options.path), {
      method: options.method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? GRAPH_REQUEST_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (cause) {
    return { ok: false, ...mapNetworkError(cause) };
  }
  const body = parseJson(text);
  if (!response.ok) {
    return {
      ok: false,
      ...mapGraphErrorResponse(response.status, body, response.headers.get('retry-after')),
    };
  }
  if (body === undefined) {
    return {
      ok: false,
      error: {
        code: 'PROVIDER_ERROR',
        title: 'The provider answered with something other than JSON',
        detail: text.slice(0, 500),
        providerCode: null,
        retryable: false,
      },
    };
  }
  return { ok: true, status: response.status, body };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
