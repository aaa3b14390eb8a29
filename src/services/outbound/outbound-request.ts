import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { type Readable } from 'node:stream';
import { guardedLookup, parseOutboundUrl, type OutboundUrlPolicy } from './outbound-url-policy';

export interface OutboundRequestOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A text, or bytes streamed from `open()` (a file upload) with their exact length. */
  body?: string | StreamedBody;
  /** Limit for the whole exchange: connect, send, the answer's head and body. */
  timeoutMs: number;
  /** The answer is read up to this many bytes; the rest is dropped and `truncated` set. */
  maxResponseBytes: number;
  /**
   * Reuse connections (Graph API sends come in bursts to one host). Partner deliveries open one per
   * attempt, as a receiver may sit anywhere.
   */
  keepAlive?: boolean;
}

export interface StreamedBody {
  length: number;
  open: () => Promise<Readable>;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body was cut at `maxResponseBytes`, or the connection ended before it was complete. */
  truncated: boolean;
}

/** No answer within the time limit; named like the DOM's timeout so callers treat both alike. */
export class OutboundTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * How long a pooled connection may sit idle before we close it. Servers close idle keep-alive
 * connections; a request written on one in the moment the server closes it fails with a reset
 * before the server read it, and a send that is never repeated without an answer (a campaign's)
 * is then lost. So we close first: Node's agent honours the server's `Keep-Alive: timeout=N`
 * (closing a second before it) only when it has a timeout of its own, and without one keeps idle
 * sockets until the server closes them. 4 s is undici's default: below the 5 s of Node and Apache
 * servers, far below load balancers' minute, and enough to reuse connections across ticks.
 */
export const POOLED_SOCKET_IDLE_MS = 4_000;

// Pooled sockets were connected through the lookup of their policy, so pools are kept apart by
// what that lookup lets through: a socket opened under the development switch never serves a
// request made under the strict rule.
const pools = new Map<string, http.Agent>();

function pooledAgent(protocol: string, policy: OutboundUrlPolicy): http.Agent {
  const key = `${protocol}${policy.allowPrivate ? 'private' : 'public'}`;
  let agent = pools.get(key);
  if (!agent) {
    // `timeout` applies to idle pooled sockets only: a request in flight is bounded by its own timer.
    const options = { keepAlive: true, timeout: POOLED_SOCKET_IDLE_MS, lookup: guardedLookup(policy) };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    pools.set(key, agent);
  }
  return agent;
}

/**
 * One HTTP request to a URL a tenant set. The URL passes the policy first (an IP literal is
 * checked there, as no lookup happens for it); a host name is resolved by `guardedLookup`, so the
 * socket dials only checked addresses. Redirects are never followed: a 3xx is returned as is.
 * Rejects with `OutboundUrlRefusal`, `OutboundTimeoutError` or the socket's error.
 */
export function sendOutboundRequest(
  target: string | URL,
  options: OutboundRequestOptions,
  policy: OutboundUrlPolicy,
): Promise<OutboundResponse> {
  let url: URL;
  try {
    url = parseOutboundUrl(target, policy);
  } catch (refusal) {
    return Promise.reject(refusal);
  }
  const client = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { 'user-agent': 'Omnitray/1', ...options.headers };
  const body = options.body;
  if (body !== undefined) {
    headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  }
  return new Promise<OutboundResponse>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const request = client.request(
      url,
      {
        method: options.method,
        headers,
        ...(options.keepAlive
          ? { agent: pooledAgent(url.protocol, policy) }
          : { agent: false, lookup: guardedLookup(policy) }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let capped = false;
        response.on('data', (chunk: Buffer) => {
          if (capped) return;
          const room = options.maxResponseBytes - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size += room;
            capped = true;
            response.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        const done = () =>
          settle(() =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
              truncated: capped || !response.complete,
            }),
          );
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      const timeout = new OutboundTimeoutError(`No answer within ${options.timeoutMs / 1000} s`);
      settle(() => reject(timeout));
      request.destroy(timeout);
    }, options.timeoutMs);
    request.on('error', (error) => settle(() => reject(error)));
    if (body === undefined || typeof body === 'string') return void request.end(body);
    // A stream that fails part-way aborts the request: the provider never sees a short file.
    body
      .open()
      .then((stream) => pipeline(stream, request))
      .catch((error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        settle(() => reject(failure));
        request.destroy(failure);
      });
  });
}

export interface OutboundStreamOptions {
  headers?: Record<string, string>;
  /** Limit for connecting and receiving the answer's head. */
  timeoutMs: number;
  /** The body must keep coming: a pause longer than this ends it with an `OutboundTimeoutError`. */
  idleTimeoutMs: number;
}

export interface OutboundStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The answer's body, read as it arrives; destroy it to stop early. */
  body: http.IncomingMessage;
}

/**
 * A GET of a file at a URL under `policy`, streamed: the head is awaited (within `timeoutMs`), the
 * body is the caller's to read piece by piece (a media copy never holds a whole file). The same
 * address rules as `sendOutboundRequest`: the policy first, then only checked addresses dialled,
 * redirects returned as they are. Connections are not pooled, as files come from many hosts.
 */
export function openOutboundStream(
  target: string | URL,
  options: OutboundStreamOptions,
  policy: OutboundUrlPolicy,
): Promise<OutboundStream> {
  let url: URL;
  try {
    url = parseOutboundUrl(target, policy);
  } catch (refusal) {
    return Promise.reject(refusal);
  }
  const client = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { 'user-agent': 'Omnitray/1', ...options.headers };
  return new Promise<OutboundStream>((resolve, reject) => {
    let settled = false;
    const request = client.request(
      url,
      { method: 'GET', headers, agent: false, lookup: guardedLookup(policy) },
      (response) => {
        settled = true;
        clearTimeout(timer);
        response.setTimeout(options.idleTimeoutMs, () =>
          response.destroy(
            new OutboundTimeoutError(`The download paused for ${options.idleTimeoutMs / 1000} s`),
          ),
        );
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: response });
      },
    );
    const timer = setTimeout(() => {
      const timeout = new OutboundTimeoutError(`No answer within ${options.timeoutMs / 1000} s`);
      if (!settled) {
        settled = true;
        reject(timeout);
      }
      request.destroy(timeout);
    }, options.timeoutMs);
    request.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    request.end();
  });
}
