import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

/** One request the receiver got, with what it made of the signature. */
export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: {
    id: string;
    type: string;
    createdAt: string;
    cursor: string;
    workspaceId: string;
    data: Record<string, unknown>;
  };
  deliveryId: string;
  timestamp: number;
  /** The HMAC over "<timestamp>.<raw body>" matched and the timestamp was fresh. */
  verified: boolean;
  /** The status the receiver answered. */
  answered: number;
}

export interface WebhookReceiverOptions {
  /** The receiver's clock in milliseconds (tests pass the app's clock). */
  now?: () => number;
  /** Freshness window of the timestamp, in seconds. */
  toleranceSeconds?: number;
}

/**
 * A partner's endpoint for tests, on 127.0.0.1: it verifies every delivery the way the README tells
 * partners to (recomputing the HMAC itself), records it, and answers what the test scripted.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  /** The endpoint's signing secret, as shown once by the API. */
  secret = '';
  private readonly scripted: number[] = [];
  private server: Server | null = null;
  private baseUrl = '';

  constructor(private readonly options: WebhookReceiverOptions = {}) {}

  /** Answers these statuses to the next requests, in order, then 200 again. */
  failNext(times: number, status = 500): void {
    for (let i = 0; i < times; i += 1) this.scripted.push(status);
  }

  /** Answers `status` from now on until `reset`. */
  failAlways(status = 500): void {
    this.alwaysStatus = status;
  }

  reset(): void {
    this.scripted.length = 0;
    this.alwaysStatus = null;
    this.received.length = 0;
  }

  private alwaysStatus: number | null = null;

  /** The URL to register, e.g. http://127.0.0.1:PORT/hook. */
  url(path = '/hook'): string {
    return `${this.baseUrl}${path}`;
  }

  verify(headers: IncomingHttpHeaders, rawBody: string): boolean {
    const timestamp = String(headers['omnitray-timestamp'] ?? '');
    const signature = String(headers['omnitray-signature'] ?? '');
    if (!/^\d+$/.test(timestamp) || !this.secret) return false;
    const nowSeconds = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    if (Math.abs(nowSeconds - Number(timestamp)) > (this.options.toleranceSeconds ?? 300)) return false;
    const expected = createHmac('sha256', this.secret).update(`${timestamp}.${rawBody}`).digest();
    return signature.split(',').some((part) => {
      const [version, hex] = part.trim().split('=');
      if (version !== 'v1' || !hex) return false;
      const given = Buffer.from(hex, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const verified = this.verify(request.headers, rawBody);
        // A real receiver refuses what does not verify; scripted failures come after that check.
        const answered = !verified ? 401 : (this.scripted.shift() ?? this.alwaysStatus ?? 200);
        let body: ReceivedDelivery['body'];
        try {
          body = JSON.parse(rawBody) as ReceivedDelivery['body'];
        } catch {
          body = { id: '', type: '', createdAt: '', cursor: '', workspaceId: '', data: {} };
        }
        this.received.push({
          path: request.url ?? '',
          headers: request.headers,
          rawBody,
          body,
          deliveryId: String(request.headers['omnitray-delivery'] ?? ''),
          timestamp: Number(request.headers['omnitray-timestamp']),
          verified,
          answered,
        });
        response.writeHead(answered, { 'content-type': 'text/plain' });
        response.end(answered < 300 ? 'ok' : `scripted failure ${answered}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
