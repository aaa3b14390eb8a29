import { pipeline } from 'node:stream/promises';
import express, { type Express, type Request, type Response } from 'express';
import { authenticate } from '../auth/authenticate';
import { ruleAllows } from '../auth/access';
import { type Viewer } from '../auth/viewer';
import { type Attachment } from '../entities/attachment.entity';
import { toGlobalId } from '../entities/global-id';
import { type AppDeps } from '../runtime/app-deps';
import { currentRequestId } from '../runtime/request-scope';
import { Allow } from '../schema/access.decorator';
import { assertNever } from '../services/errors';
import { MediaError, MediaErrorCode } from '../services/media/media.errors';
import { uploadAttachment } from '../services/media/media-upload.service';
import { attachmentBytes, signedAttachment } from '../services/media/media-download.service';
import { servableMimeType } from '../services/media/media-types';

export function mediaErrorStatus(code: MediaErrorCode): number {
  switch (code) {
    case MediaErrorCode.FILE_NAME_REQUIRED:
    case MediaErrorCode.EMPTY_FILE:
      return 400;
    case MediaErrorCode.URL_INVALID:
    case MediaErrorCode.URL_EXPIRED:
      return 403;
    case MediaErrorCode.NOT_FOUND:
      return 404;
    case MediaErrorCode.NOT_AVAILABLE:
      return 410;
    case MediaErrorCode.TOO_LARGE:
      return 413;
    case MediaErrorCode.UNSUPPORTED_TYPE:
    case MediaErrorCode.TYPE_MISMATCH:
    case MediaErrorCode.ACTIVE_CONTENT:
      return 415;
    case MediaErrorCode.STORAGE_UNAVAILABLE:
      return 503;
    default:
      return assertNever(code);
  }
}

/** What a client learns about an attachment right after uploading it (the same fields as in GraphQL). */
export function attachmentJson(attachment: Attachment) {
  return {
    id: toGlobalId('Attachment', attachment.id),
    kind: attachment.kind,
    mimeType: attachment.mimeType,
    fileName: attachment.fileName,
    byteSize: attachment.byteSize,
    sha256: attachment.sha256,
    status: attachment.status,
    createdAt: attachment.createdAt.toISOString(),
  };
}

function refuse(
  request: Request,
  response: Response,
  status: number,
  code: string,
  message: string,
  details = {},
) {
  // A body still on its way is not read: close the connection instead of draining it.
  if (!request.complete) response.set('connection', 'close');
  response.status(status).json({ error: { code, message, ...details } });
}

/** `filename*` (RFC 8187) with the exact name, and a plain ASCII `filename` for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Nothing served from here may run in a browser: no sniffing, no scripts, no framing, a download. */
function protectDownload(response: Response): void {
  response.set({
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    'referrer-policy': 'no-referrer',
  });
}

async function uploader(
  deps: AppDeps,
  request: Request,
): Promise<Viewer | { status: number; code: string; message: string }> {
  const result = await authenticate(
    deps.dataSource,
    deps.config.appSecret,
    request.get('authorization'),
    deps.clock.now(),
  );
  if (result.ok !== true) {
    return {
      status: 401,
      code: 'UNAUTHENTICATED',
      message:
        result.ok === false
          ? result.reason
          : 'Send Authorization: Bearer <token> (an agent token or an API key).',
    };
  }
  const { principal } = result.viewer;
  const allowed = ruleAllows(
    Allow.reply,
    principal.kind === 'agent'
      ? { kind: 'agent', role: principal.agent.role }
      : { kind: 'apiKey', scopes: principal.apiKey.scopes },
  );
  if (!allowed) {
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: 'Uploading needs an agent, or an API key with the write or bot scope.',
    };
  }
  return result.viewer;
}

/**
 * `POST /media`: the raw bytes as the body, `Content-Type`, and the name in `X-File-Name`
 * (percent-encoded UTF-8) → 201 with the attachment. `GET /media/:id?expires&signature`: the
 * bytes behind a signed URL from the API's `Attachment.url`, with byte ranges.
 */
export function mountMedia(app: Express, deps: AppDeps): void {
  const router = express.Router();

  router.post('/', async (request: Request, response: Response) => {
    const viewer = await uploader(deps, request);
    if (!('workspaceId' in viewer))
      return refuse(request, response, viewer.status, viewer.code, viewer.message);
    const rawName = request.get('x-file-name');
    let fileName: string | undefined;
    try {
      fileName = rawName === undefined ? undefined : decodeURIComponent(rawName);
    } catch {
      fileName = undefined;
    }
    const length = request.get('content-length');
    try {
      const attachment = await uploadAttachment(
        { deps, viewer },
        {
          contentType: request.get('content-type'),
          fileName,
          declaredLength: length === undefined ? null : Number(length),
          contentEncoding: request.get('content-encoding'),
          body: request,
        },
      );
      response.status(201).json(attachmentJson(attachment));
    } catch (error) {
      if (error instanceof MediaError) {
        return refuse(
          request,
          response,
          mediaErrorStatus(error.code),
          error.code,
          error.message,
          error.details,
        );
      }
      // The client went away mid-upload: nobody is left to answer.
      if (request.destroyed && !request.complete) return;
      deps.logger.error('media upload failed', {
        requestId: currentRequestId(),
        error: error instanceof Error ? error.message : String(error),
      });
      refuse(
        request,
        response,
        503,
        MediaErrorCode.STORAGE_UNAVAILABLE,
        'The file could not be stored; try again shortly.',
        {
          requestId: currentRequestId(),
        },
      );
    }
  });

  router.get('/:attachmentId', async (request: Request, response: Response) => {
    protectDownload(response);
    try {
      const attachment = await signedAttachment(
        deps,
        String(request.params.attachmentId),
        request.query.expires,
        request.query.signature,
      );
      const size = attachment.byteSize!;
      const etag = `"${attachment.sha256}"`;
      const secondsLeft = Math.max(
        0,
        Number(request.query.expires) - Math.floor(deps.clock.now().getTime() / 1000),
      );
      response.set({
        'content-type': servableMimeType(attachment.mimeType),
        'content-disposition': contentDisposition(attachment.fileName ?? `attachment-${attachment.id}`),
        'accept-ranges': 'bytes',
        etag,
        'cache-control': `private, max-age=${secondsLeft}`,
      });
      let range = { start: 0, end: size - 1 };
      const ifRange = request.get('if-range');
      if (request.get('range') && (ifRange === undefined || ifRange === etag)) {
        const ranges = request.range(size);
        if (ranges === -1) {
          response.status(416).set('content-range', `bytes */${size}`).end();
          return;
        }
        // One range is served as asked; a malformed or multiple-range header gets the whole file.
        if (Array.isArray(ranges) && ranges.length === 1 && ranges.type === 'bytes') {
          range = { start: ranges[0]!.start, end: ranges[0]!.end };
          response.status(206).set('content-range', `bytes ${range.start}-${range.end}/${size}`);
        }
      }
      response.set('content-length', String(range.end - range.start + 1));
      if (request.method === 'HEAD') return void response.end();
      const bytes = await attachmentBytes(deps, attachment, range);
      await pipeline(bytes, response).catch((error: unknown) => {
        // Mostly a client that stopped reading; a store that failed mid-file cuts the response short.
        if (!response.writableFinished) response.destroy();
        if (!request.destroyed) {
          deps.logger.warn('media download cut short', {
            attachmentId: attachment.id,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      });
    } catch (error) {
      if (error instanceof MediaError) {
        return void response
          .status(mediaErrorStatus(error.code))
          .json({ error: { code: error.code, message: error.message } });
      }
      throw error;
    }
  });

  app.use('/media', router);
}
