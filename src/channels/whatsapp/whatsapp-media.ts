import { type ChannelCredentials } from '../channel-adapter';
import { type GraphFailure, graphRequest } from '../graph-api.client';
import { isObject, str } from '../webhook-body';
import { normalizeSha256 } from '../../services/media/media-checksum';

/** What `GET /{media-id}` says of an inbound file: where to download it (for ~5 minutes) and what it is. */
export interface WhatsAppMediaInfo {
  ok: true;
  url: string;
  mimeType: string | null;
  sha256: string | null;
  fileSize: number | null;
}

/**
 * Looks a webhook's media id up on the Graph API with the account token. The answer's `url` is
 * then downloaded with the same `Authorization: Bearer` (see the media copy). Failures come back
 * mapped, as from every Graph API call; an id past its 7 days answers a Graph error (code 100).
 */
export async function lookupWhatsAppMedia(
  credentials: ChannelCredentials,
  mediaId: string,
): Promise<WhatsAppMediaInfo | GraphFailure> {
  const answer = await graphRequest(credentials, {
    method: 'GET',
    path: `/${encodeURIComponent(mediaId)}`,
  });
  if (!answer.ok) return answer;
  const body = answer.body;
  const url = isObject(body) ? str(body.url) : null;
  if (!isObject(body) || !url) {
    return {
      ok: false,
      error: {
        code: 'PROVIDER_ERROR',
        title: 'The media lookup answered without a download URL',
        detail: 'The Graph API answer to GET /{media-id} has no `url`.',
        providerCode: null,
        retryable: true,
      },
    };
  }
  const size = Number(body.file_size);
  return {
    ok: true,
    url,
    mimeType: str(body.mime_type),
    sha256: normalizeSha256(str(body.sha256)),
    fileSize: Number.isSafeInteger(size) && size >= 0 ? size : null,
  };
}
