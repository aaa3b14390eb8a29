import { type Readable } from 'node:stream';
import { type MediaStorageKind } from '../entities/attachment.entity';

/** Which object: every attachment's bytes are one object, named by its workspace and id. */
export interface MediaObjectRef {
  workspaceId: string;
  attachmentId: string;
}

/** Bytes `start` to `end`, both included (an HTTP byte range). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where attachment bytes live: PostgreSQL or an S3-compatible store. Writes and reads stream, so
 * memory stays flat whatever the file size.
 */
export interface MediaStorage {
  readonly kind: MediaStorageKind;
  /**
   * Stores everything `body` yields as the object's bytes and returns how many there were. When
   * `body` fails (too large, the client went away) nothing of it is left behind.
   */
  put(ref: MediaObjectRef, body: AsyncIterable<Buffer>, contentType: string): Promise<number>;
  /** A stream of the bytes of `range`; fails before streaming when the object is not there. */
  read(ref: MediaObjectRef, range: ByteRange): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(ref: MediaObjectRef): Promise<void>;
  /** The object's size, or null when there is none (tests and checks). */
  size(ref: MediaObjectRef): Promise<number | null>;
  close(): Promise<void>;
}

/** The stores this process can reach: new bytes go to `current`; each attachment is read from its own. */
export interface MediaStores {
  current: MediaStorage;
  /** The store named on an attachment row, or null when this process is not configured for it. */
  of(kind: MediaStorageKind): MediaStorage | null;
  close(): Promise<void>;
}
