import { createHash } from 'node:crypto';
import { actorOf } from '../../auth/viewer';
import { Attachment } from '../../entities/attachment.entity';
import { AttachmentStatus } from '../../entities/enums';
import { type Caller } from '../caller';
import { MediaError, MediaErrorCode } from './media.errors';
import { declaredUpload, KIND_LIMITS, SNIFF_BYTES, sniffUpload, tooLarge } from './media-types';

export interface UploadInput {
  /** The declared Content-Type. */
  contentType: string | undefined;
  /** The file name as the client gave it (already decoded from its header). */
  fileName: string | undefined;
  /** The declared Content-Length, or null for a chunked body. */
  declaredLength: number | null;
  contentEncoding: string | undefined;
  /** The body, read only once the declared facts pass. */
  body: AsyncIterable<Buffer>;
}

const MAX_FILE_NAME = 255;

/** The last path segment, without control characters, at most 255 characters; null when nothing usable is left. */
export function cleanFileName(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const name = [...(raw.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim()]
    .slice(0, MAX_FILE_NAME)
    .join('');
  return name === '' || name === '.' || name === '..' ? null : name;
}

/**
 * An upload (POST /media): the declared type, name and length are checked before the body is read
 * (a declared length over the kind's limit is refused at once); then the first bytes decide the
 * type, and the rest streams to storage while it is counted and hashed. Any refusal leaves no row
 * and no bytes. The attachment belongs to no message until it is sent.
 */
export async function uploadAttachment(caller: Caller, input: UploadInput): Promise<Attachment> {
  const fileName = cleanFileName(input.fileName);
  if (!fileName) {
    throw new MediaError(
      MediaErrorCode.FILE_NAME_REQUIRED,
      'Name the file in the X-File-Name header (percent-encoded UTF-8), e.g. X-File-Name: invoice.pdf.',
    );
  }
  if (input.contentEncoding && input.contentEncoding.toLowerCase() !== 'identity') {
    throw new MediaError(
      MediaErrorCode.UNSUPPORTED_TYPE,
      `Send the file as it is, without Content-Encoding (got "${input.contentEncoding}").`,
    );
  }
  const type = declaredUpload(input.contentType, fileName);
  if (input.declaredLength === 0) throw new MediaError(MediaErrorCode.EMPTY_FILE, 'The file is empty.');
  if (input.declaredLength !== null && input.declaredLength > KIND_LIMITS[type.kind]) {
    throw tooLarge(type, KIND_LIMITS[type.kind]);
  }

  const source = input.body[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let complete = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) {
      complete = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  if (sample.length === 0) throw new MediaError(MediaErrorCode.EMPTY_FILE, 'The file is empty.');
  const { maxBytes } = await sniffUpload(type, sample, complete);
  if (Math.max(input.declaredLength ?? 0, sample.length) > maxBytes) throw tooLarge(type, maxBytes);

  const hash = createHash('sha256');
  async function* counted(): AsyncGenerator<Buffer> {
    let seen = 0;
    const take = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) throw tooLarge(type, maxBytes);
      hash.update(chunk);
      return chunk;
    };
    // Stopped early (refused, or the store failed), the rest is simply not read: the answer closes
    // the connection, and destroying the request here would lose that answer.
    yield take(sample);
    while (!complete) {
      const next = await source.next();
      if (next.done) complete = true;
      else yield take(next.value);
    }
  }

  const repository = caller.deps.dataSource.getRepository(Attachment);
  const store = caller.deps.media.current;
  const actor = actorOf(caller.viewer);
  const attachment = await repository.save(
    repository.create({
      workspaceId: caller.viewer.workspaceId,
      // The application's clock: the retention counts from it.
      createdAt: caller.deps.clock.now(),
      messageId: null,
      conversationId: null,
      kind: type.kind,
      mimeType: type.mimeType,
      fileName,
      status: AttachmentStatus.PENDING,
      uploaderType: actor.actorType,
      uploaderId: actor.actorId,
      storage: store.kind,
    }),
  );
  const ref = { workspaceId: attachment.workspaceId, attachmentId: attachment.id };
  try {
    attachment.byteSize = await store.put(ref, counted(), type.mimeType);
  } catch (error) {
    await store.delete(ref).catch(() => undefined);
    await repository.delete({ id: attachment.id });
    throw error;
  }
  attachment.sha256 = hash.digest('hex');
  attachment.status = AttachmentStatus.READY;
  await repository.update(
    { id: attachment.id },
    { byteSize: attachment.byteSize, sha256: attachment.sha256, status: attachment.status },
  );
  return attachment;
}
