import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo } from 'node:net';
import { signMetaBody } from '../channels/meta-signature';
import {
  GRAPH_MESSAGES_PATH,
  GRAPH_TEMPLATES_PATH,
  graphError,
  invalidTokenError,
  isRecord,
  isWhatsAppReadReceipt,
  messagingSendAnswer,
  messagingSendProblem,
  newWamid,
  senderActionProblem,
  templatePage,
  unsupportedRequestError,
  whatsAppReadAnswer,
  whatsAppReadProblem,
  whatsAppSendAnswer,
  whatsAppSendProblem,
} from '../channels/graph-api.responses';
import { FakeGraphMedia } from './fake-graph-media';

// The webhook bodies Meta posts live with the production code that plays Meta's side too.
export {
  instagramInboundTextWebhook,
  messengerInboundTextWebhook,
  metaJson,
  whatsAppInboundTextWebhook,
  whatsAppStatusWebhook,
  type MessagingInboundTextOptions,
  type WhatsAppInboundTextOptions,
  type WhatsAppStatusOptions,
} from '../channels/meta-webhook.payloads';

export const fakeWamid = newWamid;

/** The `X-Hub-Signature-256` value Meta would send for these exact bytes. */
export function signBody(appSecret: string, rawBody: Buffer | string): string {
  return signMetaBody(appSecret, rawBody);
}

/** One request the fake received, for assertions. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v23.0/112233/messages`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or null when there was none or it was not JSON. */
  body: unknown;
  rawBody: string;
}

export type RequestMatcher = string | RegExp | ((request: RecordedRequest) => boolean);

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeGraphApiOptions {
  /** Bearer tokens accepted; when empty any non-empty token is accepted. */
  accessTokens?: string[];
  /** Account ids that are Instagram accounts (their message ids look like Instagram's). */
  instagramAccountIds?: string[];
  /** Page size when the client sends no `limit` (Meta's default is 25). */
  defaultTemplatePageSize?: number;
  /** How long media download URLs live (Meta's: 5 minutes). */
  mediaUrlTtlMs?: number;
}

interface Script {
  matcher: RequestMatcher;
  response: ScriptedResponse | 'hang';
}

/**
 * A local Graph API speaking Meta's HTTP protocol for the calls Omnitray makes: the send endpoints
 * of WhatsApp, Messenger and Instagram, the WhatsApp template list, and inbound media (`media`). Tests point a channel
 * account's `apiBaseUrl` at it, so the real client code runs.
 */
export class FakeGraphApi {
  readonly requests: RecordedRequest[] = [];
  private server: Server | null = null;
  private baseUrl: string | null = null;
  private readonly scripts: Script[] = [];
  private readonly templates = new Map<string, Record<string, unknown>[]>();
  private readonly accessTokens: Set<string>;
  private readonly instagramAccountIds: Set<string>;
  private readonly defaultPageSize: number;
  /** Inbound media: lookups, downloads behind the token, CDN links; see `FakeGraphMedia`. */
  readonly media: FakeGraphMedia;

  constructor(options: FakeGraphApiOptions = {}) {
    this.media = new FakeGraphMedia(() => this.url, options.mediaUrlTtlMs);
    this.accessTokens = new Set(options.accessTokens ?? []);
    this.instagramAccountIds = new Set(options.instagramAccountIds ?? []);
    this.defaultPageSize = options.defaultTemplatePageSize ?? 25;
  }

  /** Listens on 127.0.0.1 on a free port and returns the base URL (no trailing slash). */
  async start(): Promise<string> {
    if (this.baseUrl) return this.baseUrl;
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  /** Closes the server, including connections held open by `hangNext`. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.baseUrl = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('FakeGraphApi is not started');
    return this.baseUrl;
  }

  addAccessToken(token: string): void {
    this.accessTokens.add(token);
  }

  addInstagramAccount(id: string): void {
    this.instagramAccountIds.add(id);
  }

  /** The templates `GET /{waba_id}/message_templates` pages through. */
  setTemplates(wabaId: string, templates: Record<string, unknown>[]): void {
    this.templates.set(wabaId, templates);
  }

  /** The next request matching answers this instead of the normal response (queued, first match wins). */
  failNext(matcher: RequestMatcher, response: ScriptedResponse): void {
    this.scripts.push({ matcher, response });
  }

  /** The next request matching never gets an answer, to exercise client timeouts. */
  hangNext(matcher: RequestMatcher): void {
    this.scripts.push({ matcher, response: 'hang' });
  }

  requestsTo(matcher: RequestMatcher): RecordedRequest[] {
    return this.requests.filter((request) => matches(matcher, request));
  }

  /** Forgets the log, scripts and templates; keeps the server running. */
  reset(): void {
    this.requests.length = 0;
    this.scripts.length = 0;
    this.templates.clear();
    this.media.reset();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: parseJson(rawBody),
      rawBody,
    };
    this.requests.push(request);

    const scriptIndex = this.scripts.findIndex((script) => matches(script.matcher, request));
    if (scriptIndex >= 0) {
      const [script] = this.scripts.splice(scriptIndex, 1);
      if (script.response === 'hang') return;
      return send(res, script.response.status, script.response.body ?? {}, script.response.headers);
    }

    if (this.media.handlePublic(res, request.method, url)) return;
    const token = bearer(req.headers.authorization) ?? url.searchParams.get('access_token');
    if (!token || (this.accessTokens.size > 0 && !this.accessTokens.has(token))) {
      return send(res, 401, invalidTokenError());
    }
    if (this.media.handleAuthorized(res, request.method, url)) return;

    const messages = GRAPH_MESSAGES_PATH.exec(url.pathname);
    if (messages && request.method === 'POST') return this.handleSend(res, messages[2], request.body);
    const templates = GRAPH_TEMPLATES_PATH.exec(url.pathname);
    if (templates && request.method === 'GET') return this.handleTemplates(res, templates[2], url);
    return send(res, 400, unsupportedRequestError(request.method, url.pathname));
  }

  private handleSend(res: ServerResponse, accountId: string, body: unknown): void {
    if (!isRecord(body)) return send(res, 400, graphError(100, 'Invalid JSON body'));
    if (body.messaging_product === 'whatsapp' && isWhatsAppReadReceipt(body)) {
      const problem = whatsAppReadProblem(body);
      if (problem) return send(res, 400, graphError(100, problem, 'OAuthException', 'whatsapp'));
      return send(res, 200, whatsAppReadAnswer());
    }
    if (body.messaging_product === 'whatsapp') {
      const problem = whatsAppSendProblem(body);
      if (problem) return send(res, 400, graphError(100, problem, 'OAuthException', 'whatsapp'));
      return send(res, 200, whatsAppSendAnswer(body));
    }
    const instagram = this.instagramAccountIds.has(accountId) || accountId.startsWith('1784');
    if (body.sender_action !== undefined) {
      const problem = senderActionProblem(body, instagram);
      if (problem) return send(res, 400, graphError(100, problem));
      return send(res, 200, { recipient_id: String((body.recipient as Record<string, unknown>).id) });
    }
    const problem = messagingSendProblem(body);
    if (problem) return send(res, 400, graphError(100, problem));
    const recipient = body.recipient as Record<string, unknown>;
    return send(res, 200, messagingSendAnswer(String(recipient.id), instagram));
  }

  private handleTemplates(res: ServerResponse, wabaId: string, url: URL): void {
    const page = templatePage(
      this.templates.get(wabaId) ?? [],
      url.searchParams,
      `${this.url}${url.pathname}`,
      this.defaultPageSize,
    );
    if (!page) return send(res, 400, graphError(100, 'Invalid cursor'));
    return send(res, 200, page);
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
    ...headers,
  });
  res.end(text);
}

function matches(matcher: RequestMatcher, request: RecordedRequest): boolean {
  if (typeof matcher === 'string') return request.path.includes(matcher);
  if (matcher instanceof RegExp) return matcher.test(request.path);
  return matcher(request);
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
