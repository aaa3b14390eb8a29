import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import {
  sendOutboundRequest,
  type OutboundResponse,
  type StreamedBody,
} from '../services/outbound/outbound-request';
import { OutboundUrlRefusal } from '../services/outbound/outbound-url-policy';
import { type ChannelCredentials } from './channel-adapter';
import { mapGraphErrorResponse, mapNetworkError, type MappedChannelError } from './meta-errors';

/** Meta answers in well under a second; 15 s leaves room for slow days without pinning a job worker. */
export const GRAPH_REQUEST_TIMEOUT_MS = 15_000;
/** A page of 100 templates is a few hundred KB; an answer far beyond that is not the Graph API. */
export const GRAPH_MAX_RESPONSE_BYTES = 5_000_000;
/** How much of an unreadable answer is kept for the log. */
const LOG_EXCERPT_CHARS = 2_000;

export type GraphFailure = {
  ok: false;
  /** The provider's answer when it was not a Graph API error: for the log, never for callers. */
  providerBody?: string;
} & MappedChannelError;

export type GraphResponse = { ok: true; status: number; body: unknown } | GraphFailure;

export interface GraphRequestOptions {
  method: 'GET' | 'POST';
  /** Path below the version (`/123/messages`) or an absolute URL on the same origin (a `paging.next` link). */
  path: string;
  body?: unknown;
  /** A `multipart/form-data` body (a media upload) instead of JSON. */
  multipart?: MultipartForm;
  timeoutMs?: number;
}

/** A file the provider should receive, streamed from storage. */
export interface OutboundFile {
  fileName: string;
  mimeType: string;
  byteSize: number;
  open: () => Promise<Readable>;
}

/** Text fields in order, then one file part. */
export interface MultipartForm {
  fields: [name: string, value: string][];
  fileField: string;
  file: OutboundFile;
}

/** A media upload may carry 100 MB: it gets longer than a JSON call, still bounded. */
export const GRAPH_UPLOAD_TIMEOUT_MS = 120_000;

function quoted(value: string): string {
  return value.replace(/[\r\n"]/g, (char) => encodeURIComponent(char));
}

/** The exact bytes of a form: the file streams between a prefix and a suffix, so the length is known up front. */
export function multipartBody(form: MultipartForm): { contentType: string; body: StreamedBody } {
  const boundary = `----omnitray${randomBytes(12).toString('hex')}`;
  const fieldParts = form.fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
  );
  const prefix = Buffer.from(
    `${fieldParts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${quoted(form.fileField)}"; filename="${quoted(form.file.fileName)}"\r\nContent-Type: ${form.file.mimeType}\r\n\r\n`,
    'utf8',
  );
  const suffix = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: {
      length: prefix.length + form.file.byteSize + suffix.length,
      open: async () => {
        const file = await form.file.open();
        const out = new PassThrough();
        out.write(prefix);
        file.on('error', (error) => out.destroy(error));
        file.on('end', () => out.end(suffix));
        file.pipe(out, { end: false });
        return out;
      },
    },
  };
}

const ABSOLUTE = /^https?:\/\//i;

export function graphUrl(credentials: ChannelCredentials, path: string): string {
  if (ABSOLUTE.test(path)) return path;
  const base = credentials.apiBaseUrl.replace(/\/+$/, '');
  const version = credentials.apiVersion.replace(/^\/+|\/+$/g, '');
  return `${base}/${version}/${path.replace(/^\/+/, '')}`;
}

function failure(title: string, detail: string | null, providerBody?: string): GraphFailure {
  return {
    ok: false,
    error: { code: 'PROVIDER_ERROR', title, detail, providerCode: null, retryable: false },
    ...(providerBody === undefined ? {} : { providerBody: providerBody.slice(0, LOG_EXCERPT_CHARS) }),
  };
}

function addressNotAllowed(detail: string): GraphFailure {
  return {
    ok: false,
    error: {
      code: 'ADDRESS_NOT_ALLOWED',
      title: "The channel's Graph API address is not allowed",
      detail,
      providerCode: null,
      retryable: false,
    },
  };
}

/** A link the provider handed back (`paging.next`) is followed only on the origin we asked. */
function foreignOrigin(credentials: ChannelCredentials, link: string): string | null {
  let origin: string;
  let own: string;
  try {
    origin = new URL(link).origin;
    own = new URL(credentials.apiBaseUrl).origin;
  } catch {
    return 'The provider returned a link that is not a URL; it is not followed.';
  }
  return origin === own
    ? null
    : `The provider returned a link to ${origin}; only links on ${own} are followed.`;
}

/**
 * One Graph API call with the account token; never throws, failures come back mapped. The address
 * passes the channel's outbound policy at every call, redirects are failures, and an answer that
 * is not a Graph API error never reaches the caller's message (only `providerBody`, for the log).
 */
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
  if (ABSOLUTE.test(options.path)) {
    const foreign = foreignOrigin(credentials, options.path);
    if (foreign) return addressNotAllowed(foreign);
  }
  const headers: Record<string, string> = {
    Authorization: `Bearer ${credentials.accessToken}`,
    Accept: 'application/json',
  };
  let requestBody: string | StreamedBody | undefined;
  if (options.multipart) {
    const form = multipartBody(options.multipart);
    headers['Content-Type'] = form.contentType;
    requestBody = form.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    requestBody = JSON.stringify(options.body);
  }
  let response: OutboundResponse;
  try {
    response = await sendOutboundRequest(
      graphUrl(credentials, options.path),
      {
        method: options.method,
        headers,
        body: requestBody,
        timeoutMs:
          options.timeoutMs ?? (options.multipart ? GRAPH_UPLOAD_TIMEOUT_MS : GRAPH_REQUEST_TIMEOUT_MS),
        maxResponseBytes: GRAPH_MAX_RESPONSE_BYTES,
        keepAlive: true,
      },
      credentials.urlPolicy,
    );
  } catch (cause) {
    if (cause instanceof OutboundUrlRefusal) return addressNotAllowed(cause.message);
    return { ok: false, ...mapNetworkError(cause) };
  }
  const { status } = response;
  if (status >= 300 && status < 400) {
    return failure(
      `The provider answered with a redirect (HTTP ${status}), which is not followed`,
      "Check the channel's Graph API base URL.",
    );
  }
  const text = response.body.toString('utf8');
  if (response.truncated) {
    return failure(
      'The provider answer was cut short or too large',
      `Answers are read up to ${GRAPH_MAX_RESPONSE_BYTES / 1_000_000} MB.`,
      text,
    );
  }
  const body = parseJson(text);
  if (status < 200 || status >= 300) {
    const mapped = mapGraphErrorResponse(status, body, headerOf(response, 'retry-after'));
    return {
      ok: false,
      ...mapped,
      ...(body === undefined ? { providerBody: text.slice(0, LOG_EXCERPT_CHARS) } : {}),
    };
  }
  if (body === undefined) {
    return failure('The provider answered with something other than JSON', `HTTP ${status}.`, text);
  }
  return { ok: true, status, body };
}

function headerOf(response: OutboundResponse, name: string): string | null {
  const value = response.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
