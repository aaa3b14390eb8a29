import { createHash, createHmac, randomBytes } from 'node:crypto';
import { type ServerResponse } from 'node:http';
import { graphError } from '../channels/graph-api.responses';

/** How a media id misbehaves until `restore`: the ways Meta's media lookups and downloads fail. */
export type MediaFailure =
  /** The lookup answers Graph error 100 / 33, as for an id past its 7 days. */
  | 'expired'
  /** The lookup answers, the download URL 404s (the file is gone). */
  | 'not_found'
  /** The lookup announces a SHA-256 the bytes do not have. */
  | 'checksum';

interface StoredMedia {
  bytes: Buffer;
  mimeType: string;
  failure: MediaFailure | null;
}

interface CdnFile {
  bytes: Buffer;
  contentType: string | null;
}

/** WhatsApp's media URLs: `lookaside.fbsbx.com/whatsapp_business/attachments/?mid=…&ext=…&hash=…`. */
export const FAKE_MEDIA_DOWNLOAD_PATH = '/whatsapp_business/attachments/';
/** Messenger and Instagram CDN links: `/v/t…/<token>/<name>?oe=<hex expiry>&_nc_sig=…`. */
const CDN_PATH = /^\/cdn\/([0-9a-f]{32})(?:\/[^/]*)?$/;
const LOOKUP_PATH = /^\/v\d+\.\d+\/([^/]+)$/;

/**
 * The media half of the fake Graph API, served the real way: `GET /{version}/{media-id}` answers
 * the lookup JSON (url, mime_type, sha256, file_size), the URL serves the bytes only with a bearer
 * token and only until it expires (5 minutes, like Meta's); CDN links of Messenger and Instagram
 * attachments need no token and expire too. Tests make a media id fail, then recover.
 */
export class FakeGraphMedia {
  private readonly media = new Map<string, StoredMedia>();
  private readonly cdn = new Map<string, CdnFile>();
  private readonly secret = randomBytes(16);
  /** Added to the fake's clock when URLs are checked: `expireUrls` moves it past every URL handed out. */
  private skewMs = 0;

  constructor(
    private readonly baseUrl: () => string,
    private readonly urlTtlMs = 5 * 60 * 1000,
  ) {}

  /** A file a customer sent: its media id is what a webhook carries. Returns its hex SHA-256. */
  add(mediaId: string, bytes: Buffer, mimeType: string): string {
    this.media.set(mediaId, { bytes, mimeType, failure: null });
    return createHash('sha256').update(bytes).digest('hex');
  }

  fail(mediaId: string, failure: MediaFailure): void {
    const stored = this.media.get(mediaId);
    if (!stored) throw new Error(`No media ${mediaId}`);
    stored.failure = failure;
  }

  restore(mediaId: string): void {
    const stored = this.media.get(mediaId);
    if (stored) stored.failure = null;
  }

  /** A file on the "CDN", as a Messenger or Instagram webhook links it; returns the URL. */
  addCdnFile(bytes: Buffer, contentType: string | null, fileName = 'file'): string {
    const token = randomBytes(16).toString('hex');
    this.cdn.set(token, { bytes, contentType });
    const expires = Math.floor((Date.now() + this.urlTtlMs) / 1000).toString(16);
    return `${this.baseUrl()}/cdn/${token}/${encodeURIComponent(fileName)}?oe=${expires}&_nc_sig=${this.sign(token, expires)}`;
  }

  /** Every URL handed out so far has expired (as five minutes later). */
  expireUrls(): void {
    this.skewMs += this.urlTtlMs + 1_000;
  }

  reset(): void {
    this.media.clear();
    this.cdn.clear();
    this.skewMs = 0;
  }

  private now(): number {
    return Date.now() + this.skewMs;
  }

  private sign(id: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`${id}.${expires}`).digest('hex').slice(0, 32);
  }

  private valid(id: string, expires: string | null, signature: string | null): boolean {
    if (!expires || !signature || signature !== this.sign(id, expires)) return false;
    return parseInt(expires, 16) * 1000 > this.now();
  }

  /** Answers a request that needs no token (CDN links); false when it is not one. */
  handlePublic(res: ServerResponse, method: string, url: URL): boolean {
    const match = CDN_PATH.exec(url.pathname);
    if (!match || method !== 'GET') return false;
    const file = this.cdn.get(match[1]!);
    if (!file) return send(res, 404, 'Not Found');
    if (!this.valid(match[1]!, url.searchParams.get('oe'), url.searchParams.get('_nc_sig'))) {
      return send(res, 403, 'URL signature expired');
    }
    res.writeHead(200, {
      'Content-Length': String(file.bytes.length),
      ...(file.contentType ? { 'Content-Type': file.contentType } : {}),
    });
    res.end(file.bytes);
    return true;
  }

  /** Answers the lookup and the download (the caller checked the bearer token); false when neither. */
  handleAuthorized(res: ServerResponse, method: string, url: URL): boolean {
    if (method !== 'GET') return false;
    if (url.pathname === FAKE_MEDIA_DOWNLOAD_PATH) return this.download(res, url);
    const lookup = LOOKUP_PATH.exec(url.pathname);
    if (!lookup) return false;
    const mediaId = decodeURIComponent(lookup[1]!);
    const stored = this.media.get(mediaId);
    if (!stored || stored.failure === 'expired') {
      const { error } = graphError(
        100,
        `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        'GraphMethodException',
      ) as { error: Record<string, unknown> };
      sendJson(res, 400, { error: { ...error, error_subcode: 33 } });
      return true;
    }
    const expires = Math.floor((this.now() + this.urlTtlMs) / 1000).toString(16);
    const sha256 =
      stored.failure === 'checksum'
        ? createHash('sha256').update('not these bytes').digest('hex')
        : createHash('sha256').update(stored.bytes).digest('hex');
    const query = new URLSearchParams({ mid: mediaId, ext: expires, hash: this.sign(mediaId, expires) });
    sendJson(res, 200, {
      messaging_product: 'whatsapp',
      url: `${this.baseUrl()}${FAKE_MEDIA_DOWNLOAD_PATH}?${query}`,
      mime_type: stored.mimeType,
      sha256,
      file_size: stored.bytes.length,
      id: mediaId,
    });
    return true;
  }

  private download(res: ServerResponse, url: URL): boolean {
    const mediaId = url.searchParams.get('mid') ?? '';
    const stored = this.media.get(mediaId);
    if (!this.valid(mediaId, url.searchParams.get('ext'), url.searchParams.get('hash'))) {
      return send(res, 403, 'URL signature expired');
    }
    if (!stored || stored.failure === 'not_found') return send(res, 404, 'Not Found');
    res.writeHead(200, {
      'Content-Type': stored.mimeType,
      'Content-Length': String(stored.bytes.length),
    });
    res.end(stored.bytes);
    return true;
  }
}

function send(res: ServerResponse, status: number, text: string): true {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(text);
  return true;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
