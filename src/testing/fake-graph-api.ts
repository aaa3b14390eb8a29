import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo } from 'node:net';
import { signMetaBody } from '../channels/meta-signature';

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
}

interface Script {
  matcher: RequestMatcher;
  response: ScriptedResponse | 'hang';
}

const TEMPLATE_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/message_templates$/;
const MESSAGES_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/;

/**
 * A local Graph API speaking Meta's HTTP protocol for the calls Omnitray makes: the send endpoints
 * of WhatsApp, Messenger and Instagram and the WhatsApp template list. Tests point a channel
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

  constructor(options: FakeGraphApiOptions = {}) {
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

    const token = bearer(req.headers.authorization) ?? url.searchParams.get('access_token');
    if (!token || (this.accessTokens.size > 0 && !this.accessTokens.has(token))) {
      return send(
        res,
        401,
        graphError(190, 'Invalid OAuth access token - Cannot parse access token', 'OAuthException'),
      );
    }

    const messages = MESSAGES_PATH.exec(url.pathname);
    if (messages && request.method === 'POST') return this.handleSend(res, messages[2], request.body);
    const templates = TEMPLATE_PATH.exec(url.pathname);
    if (templates && request.method === 'GET') return this.handleTemplates(res, templates[2], url);
    return send(
      res,
      400,
      graphError(
        100,
        `Unsupported ${request.method} request. Object with ID '${url.pathname}' does not exist.`,
      ),
    );
  }

  private handleSend(res: ServerResponse, accountId: string, body: unknown): void {
    if (!isRecord(body)) return send(res, 400, graphError(100, 'Invalid JSON body'));
    if (body.messaging_product === 'whatsapp') {
      const problem = whatsAppBodyProblem(body);
      if (problem) return send(res, 400, graphError(100, problem, 'OAuthException', 'whatsapp'));
      const to = String(body.to);
      return send(res, 200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }],
        messages: [
          body.type === 'template' ? { id: fakeWamid(), message_status: 'accepted' } : { id: fakeWamid() },
        ],
      });
    }
    const problem = messagingBodyProblem(body);
    if (problem) return send(res, 400, graphError(100, problem));
    const recipient = body.recipient as Record<string, unknown>;
    const instagram = this.instagramAccountIds.has(accountId) || accountId.startsWith('1784');
    return send(res, 200, {
      recipient_id: String(recipient.id),
      message_id: instagram ? fakeInstagramMid() : fakeMessengerMid(),
    });
  }

  private handleTemplates(res: ServerResponse, wabaId: string, url: URL): void {
    const all = this.templates.get(wabaId) ?? [];
    const limit = Math.max(1, Number(url.searchParams.get('limit')) || this.defaultPageSize);
    const after = url.searchParams.get('after');
    const start = after ? decodeCursor(after) : 0;
    if (start === null) return send(res, 400, graphError(100, 'Invalid cursor'));
    const page = all.slice(start, start + limit);
    const end = start + page.length;
    const paging: Record<string, unknown> = {
      cursors: { before: encodeCursor(start), after: encodeCursor(end) },
    };
    if (end < all.length) {
      const next = new URL(`${this.url}${url.pathname}`);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('after', encodeCursor(end));
      paging.next = next.toString();
    }
    if (start > 0) {
      const previous = new URL(`${this.url}${url.pathname}`);
      previous.searchParams.set('limit', String(limit));
      previous.searchParams.set('before', encodeCursor(start));
      paging.previous = previous.toString();
    }
    return send(res, 200, { data: page, paging });
  }
}

function whatsAppBodyProblem(body: Record<string, unknown>): string | null {
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
    return '(#100) Param recipient_type must be individual';
  }
  if (typeof body.to !== 'string' || !/^\+?\d{6,15}$/.test(body.to))
    return '(#100) Param to must be a phone number';
  if (body.type === 'text') {
    const text = body.text;
    if (!isRecord(text) || typeof text.body !== 'string' || !text.body)
      return '(#100) Param text[body] is required';
  } else if (body.type === 'template') {
    const template = body.template;
    if (!isRecord(template) || typeof template.name !== 'string')
      return '(#100) Param template[name] is required';
    if (!isRecord(template.language) || typeof template.language.code !== 'string') {
      return '(#100) Param template[language][code] is required';
    }
    if (template.components !== undefined && !Array.isArray(template.components)) {
      return '(#100) Param template[components] must be an array';
    }
  } else {
    return `(#100) Unsupported message type ${String(body.type)}`;
  }
  if (
    body.context !== undefined &&
    (!isRecord(body.context) || typeof body.context.message_id !== 'string')
  ) {
    return '(#100) Param context[message_id] must be a string';
  }
  return null;
}

function messagingBodyProblem(body: Record<string, unknown>): string | null {
  if (!isRecord(body.recipient) || typeof body.recipient.id !== 'string')
    return '(#100) Param recipient[id] is required';
  const type = body.messaging_type;
  if (type !== 'RESPONSE' && type !== 'UPDATE' && type !== 'MESSAGE_TAG') {
    return '(#100) Param messaging_type must be one of RESPONSE, UPDATE, MESSAGE_TAG';
  }
  if (type === 'MESSAGE_TAG' && typeof body.tag !== 'string')
    return '(#100) Param tag is required for MESSAGE_TAG';
  if (!isRecord(body.message)) return '(#100) Param message is required';
  if (typeof body.message.text !== 'string' && !isRecord(body.message.attachment)) {
    return '(#100) Param message must have text or attachment';
  }
  return null;
}

function graphError(
  code: number,
  message: string,
  type = 'OAuthException',
  product?: string,
): Record<string, unknown> {
  const error: Record<string, unknown> = { message, type, code, fbtrace_id: randomToken(11) };
  if (product) error.error_data = { messaging_product: product, details: message };
  return { error };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function fakeWamid(): string {
  return `wamid.${randomBytes(30).toString('base64')}`;
}

function fakeMessengerMid(): string {
  return `m_${randomToken(48)}`;
}

function fakeInstagramMid(): string {
  return `aWdfZAG1faXRlbToxOklHTWVzc2FnZA${randomToken(60)}`;
}

/** The `X-Hub-Signature-256` value Meta would send for these exact bytes. */
export function signBody(appSecret: string, rawBody: Buffer | string): string {
  return signMetaBody(appSecret, rawBody);
}

/**
 * Serialises like Meta does: non-ASCII characters escaped as `\uXXXX` (emoji as surrogate pairs),
 * so tests prove the signature is checked over the bytes received, not over re-serialised JSON.
 */
export function metaJson(body: unknown): Buffer {
  const json = JSON.stringify(body).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return Buffer.from(json, 'utf8');
}

const unixSeconds = (at: Date): string => String(Math.floor(at.getTime() / 1000));

export interface WhatsAppInboundTextOptions {
  phoneNumberId: string;
  wabaId?: string;
  displayPhoneNumber?: string;
  from: string;
  name?: string;
  text: string;
  id?: string;
  at?: Date;
  replyToId?: string;
}

export function whatsAppInboundTextWebhook(options: WhatsAppInboundTextOptions): Record<string, unknown> {
  const message: Record<string, unknown> = {
    from: options.from,
    id: options.id ?? fakeWamid(),
    timestamp: unixSeconds(options.at ?? new Date()),
    type: 'text',
    text: { body: options.text },
  };
  if (options.replyToId)
    message.context = { from: options.displayPhoneNumber ?? '15550101234', id: options.replyToId };
  return whatsAppEnvelope(options, {
    contacts: [{ profile: { name: options.name ?? 'Test Customer' }, wa_id: options.from }],
    messages: [message],
  });
}

export interface WhatsAppStatusOptions {
  phoneNumberId: string;
  wabaId?: string;
  displayPhoneNumber?: string;
  messageId: string;
  recipientId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'played';
  at?: Date;
  /** For `failed`: the provider error, e.g. `{code: 131047, title: 'Re-engagement message'}`. */
  error?: { code: number; title: string; details?: string };
}

export function whatsAppStatusWebhook(options: WhatsAppStatusOptions): Record<string, unknown> {
  const status: Record<string, unknown> = {
    id: options.messageId,
    status: options.status,
    timestamp: unixSeconds(options.at ?? new Date()),
    recipient_id: options.recipientId,
  };
  if (options.error) {
    status.errors = [
      {
        code: options.error.code,
        title: options.error.title,
        message: options.error.title,
        error_data: { details: options.error.details ?? options.error.title },
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ];
  }
  return whatsAppEnvelope(options, { statuses: [status] });
}

function whatsAppEnvelope(
  options: { phoneNumberId: string; wabaId?: string; displayPhoneNumber?: string },
  value: Record<string, unknown>,
): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: options.wabaId ?? '104583729910456',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: options.displayPhoneNumber ?? '15550101234',
                phone_number_id: options.phoneNumberId,
              },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export interface MessagingInboundTextOptions {
  /** Page id (Messenger) or Instagram account id. */
  accountId: string;
  senderId: string;
  text: string;
  mid?: string;
  at?: Date;
}

export function messengerInboundTextWebhook(options: MessagingInboundTextOptions): Record<string, unknown> {
  return messagingEnvelope('page', options, options.mid ?? fakeMessengerMid());
}

export function instagramInboundTextWebhook(options: MessagingInboundTextOptions): Record<string, unknown> {
  return messagingEnvelope('instagram', options, options.mid ?? fakeInstagramMid());
}

function messagingEnvelope(
  object: 'page' | 'instagram',
  options: MessagingInboundTextOptions,
  mid: string,
): Record<string, unknown> {
  const at = (options.at ?? new Date()).getTime();
  return {
    object,
    entry: [
      {
        id: options.accountId,
        time: at + 300,
        messaging: [
          {
            sender: { id: options.senderId },
            recipient: { id: options.accountId },
            timestamp: at,
            message: { mid, text: options.text },
          },
        ],
      },
    ],
  };
}
