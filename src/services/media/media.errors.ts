/** Why an upload or a download is refused; the HTTP edge maps each code to its status. */
export enum MediaErrorCode {
  /** X-File-Name is missing or not a usable name. */
  FILE_NAME_REQUIRED = 'FILE_NAME_REQUIRED',
  EMPTY_FILE = 'EMPTY_FILE',
  /** Over the channel limit of its kind (declared or counted). */
  TOO_LARGE = 'TOO_LARGE',
  /** A type Meta does not accept, or a compressed (Content-Encoding) body. */
  UNSUPPORTED_TYPE = 'UNSUPPORTED_TYPE',
  /** The bytes, the declared Content-Type and the file name's extension disagree. */
  TYPE_MISMATCH = 'TYPE_MISMATCH',
  /** HTML, SVG or script markup: never stored, whatever the name says. */
  ACTIVE_CONTENT = 'ACTIVE_CONTENT',
  /** A download URL whose signature does not match, or that has expired. */
  URL_INVALID = 'URL_INVALID',
  URL_EXPIRED = 'URL_EXPIRED',
  NOT_FOUND = 'NOT_FOUND',
  /** The attachment exists but has no bytes to serve (pending, failed, or removed by retention). */
  NOT_AVAILABLE = 'NOT_AVAILABLE',
  /** The store that holds the bytes is not configured or did not answer. */
  STORAGE_UNAVAILABLE = 'STORAGE_UNAVAILABLE',
}

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    /** What the caller may need to fix it: the kind and its limit, the accepted types. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'MediaError';
  }
}
