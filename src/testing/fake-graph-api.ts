import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo } from 'node:net';
import { signMetaBody } from '../channels/meta-signature';
import { randomInt } from 'node:crypto';
import {
  GRAPH_ATTACHMENTS_PATH,
  GRAPH_MEDIA_PATH,
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
  /** The exact bytes received (uploads are binary). */
  raw: Buffer;
}

/** A file the fake accepted, from WhatsApp's `/{phone_number_id}/media` or Messenger's `/message_attachments`. */
export interface RecordedUpload {
  /** The id the fake answered with (`id` or `attachment_id`). */
  id: string;
  endpoint: 'whatsapp-media' | 'message-attachments';
  accountId: string;
  /** The form's text fields. */
  fields: Record<string, string>;
  /** Name of the file part (`file` or `filedata`), its file name, type and bytes. */
  fileField: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
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
  readonly uploads: RecordedUpload[] = [];
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
    this.uploads.length = 0;
    this.scripts.length = 0;
    this.templates.clear();
    this.media.reset();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const rawBody = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: parseJson(rawBody),
      rawBody,
      raw,
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
    const media = GRAPH_MEDIA_PATH.exec(url.pathname);
    if (media && request.method === 'POST')
      return this.handleUpload(res, 'whatsapp-media', media[2], request);
    const attachments = GRAPH_ATTACHMENTS_PATH.exec(url.pathname);
    if (attachments && request.method === 'POST') {
      return this.handleUpload(res, 'message-attachments', attachments[2], request);
    }
    const templates = GRAPH_TEMPLATES_PATH.exec(url.pathname);
    if (templates && request.method === 'GET') return this.handleTemplates(res, templates[2], url);
    return send(res, 400, unsupportedRequestError(request.method, url.pathname));
  }

  /**
   * A `multipart/form-data` upload, read with the platform's form parser: WhatsApp wants
   * `messaging_product=whatsapp`, `type` (the MIME type) and `file`; Messenger `message` (JSON
   * naming the attachment type) and `filedata`.
   */
  private async handleUpload(
    res: ServerResponse,
    endpoint: RecordedUpload['endpoint'],
    accountId: string,
    request: RecordedRequest,
  ): Promise<void> {
    const contentType = String(request.headers['content-type'] ?? '');
    if (!contentType.startsWith('multipart/form-data')) {
      return send(res, 400, graphError(100, '(#100) The upload must be multipart/form-data'));
    }
    let form: FormData;
    try {
      form = await new Response(request.raw, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return send(res, 400, graphError(100, '(#100) The multipart body could not be read'));
    }
    const fields: Record<string, string> = {};
    let file: { field: string; value: File } | null = null;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else if (!file) file = { field: name, value };
    }
    const fileField = endpoint === 'whatsapp-media' ? 'file' : 'filedata';
    if (!file || file.field !== fileField) {
      return send(res, 400, graphError(100, `(#100) Param ${fileField} is required`));
    }
    if (endpoint === 'whatsapp-media') {
      if (fields.messaging_product !== 'whatsapp') {
        return send(
          res,
          400,
          graphError(100, '(#100) Param messaging_product must be whatsapp', 'OAuthException', 'whatsapp'),
        );
      }
      if (!fields.type)
        return send(res, 400, graphError(100, '(#100) Param type is required', 'OAuthException', 'whatsapp'));
    } else {
      const message = parseJson(fields.message ?? '');
      const attachment = isRecord(message) && isRecord(message.attachment) ? message.attachment : null;
      if (!attachment || typeof attachment.type !== 'string') {
        return send(res, 400, graphError(100, '(#100) Param message[attachment][type] is required'));
      }
    }
    const id = String(randomInt(10 ** 12, 2 ** 47));
    this.uploads.push({
      id,
      endpoint,
      accountId,
      fields,
      fileField: file.field,
      fileName: file.value.name,
      contentType: file.value.type,
      bytes: Buffer.from(await file.value.arrayBuffer()),
    });
    return send(res, 200, endpoint === 'whatsapp-media' ? { id } : { attachment_id: id });
  }

  /** Whether a send names a file by an id this account uploaded here. */
  private unknownUpload(accountId: string, body: Record<string, unknown>): string | null {
    const whatsApp = typeof body.type === 'string' && isRecord(body[body.type]) ? body[body.type] : null;
    const message =
      isRecord(body.message) && isRecord(body.message.attachment) ? body.message.attachment : null;
    const id =
      body.messaging_product === 'whatsapp'
        ? (whatsApp as Record<string, unknown> | null)?.id
        : isRecord(message?.payload)
          ? message.payload.attachment_id
          : undefined;
    if (typeof id !== 'string') return null;
    return this.uploads.some((upload) => upload.id === id && upload.accountId === accountId)
      ? null
      : `(#100) Invalid media id ${id}`;
  }

  private handleSend(res: ServerResponse, accountId: string, body: unknown): void {
    if (!isRecord(body)) return send(res, 400, graphError(100, 'Invalid JSON body'));
    if (body.messaging_product === 'whatsapp' && isWhatsAppReadReceipt(body)) {
      const problem = whatsAppReadProblem(body);
      if (problem) return send(res, 400, graphError(100, problem, 'OAuthException', 'whatsapp'));
      return send(res, 200, whatsAppReadAnswer());
    }
    const unknown = this.unknownUpload(accountId, body);
    if (body.messaging_product === 'whatsapp') {
      const problem = whatsAppSendProblem(body) ?? unknown;
      if (problem) return send(res, 400, graphError(100, problem, 'OAuthException', 'whatsapp'));
      return send(res, 200, whatsAppSendAnswer(body));
    }
    const instagram = this.instagramAccountIds.has(accountId) || accountId.startsWith('1784');
    if (body.sender_action !== undefined) {
      const problem = senderActionProblem(body, instagram);
      if (problem) return send(res, 400, graphError(100, problem));
      return send(res, 200, { recipient_id: String((body.recipient as Record<string, unknown>).id) });
    }
    const problem = messagingSendProblem(body) ?? unknown;
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
