import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { MediaStorageKind } from '../../../entities/attachment.entity';
import { type S3MediaConfig } from '../../../config';
import { type ByteRange, type MediaObjectRef, type MediaStorage } from '../../../runtime/media-storage';

/** S3's smallest part but the last: each upload holds at most one part in memory. */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * Attachment bytes in any S3-compatible store (AWS S3, MinIO, R2, Ceph…), one object per attachment
 * under `<prefix><workspaceId>/<attachmentId>`. A file smaller than a part is one PutObject; a
 * larger one a multipart upload, aborted when the body fails, so a refused upload leaves nothing.
 */
export class S3MediaStorage implements MediaStorage {
  readonly kind = MediaStorageKind.S3;
  private readonly client: S3Client;

  constructor(private readonly config: S3MediaConfig) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // Omnitray checks its own SHA-256; the SDK's default extra checksums (aws-chunked trailers)
      // are refused by several S3-compatible stores.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(ref: MediaObjectRef): string {
    return `${this.config.prefix}${ref.workspaceId}/${ref.attachmentId}`;
  }

  async put(ref: MediaObjectRef, body: AsyncIterable<Buffer>, contentType: string): Promise<number> {
    const target = { Bucket: this.config.bucket, Key: this.key(ref) };
    let part: Buffer[] = [];
    let partBytes = 0;
    let total = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const sendPart = async () => {
      uploadId ??= (
        await this.client.send(new CreateMultipartUploadCommand({ ...target, ContentType: contentType }))
      ).UploadId;
      const bytes = Buffer.concat(part);
      part = [];
      partBytes = 0;
      const PartNumber = parts.length + 1;
      const { ETag } = await this.client.send(
        new UploadPartCommand({
          ...target,
          UploadId: uploadId,
          PartNumber,
          Body: bytes,
          ContentLength: bytes.length,
        }),
      );
      parts.push({ PartNumber, ETag });
    };
    try {
      for await (const chunk of body) {
        part.push(chunk);
        partBytes += chunk.length;
        total += chunk.length;
        if (partBytes >= PART_BYTES) await sendPart();
      }
      if (uploadId === undefined) {
        const bytes = Buffer.concat(part);
        await this.client.send(
          new PutObjectCommand({
            ...target,
            Body: bytes,
            ContentLength: bytes.length,
            ContentType: contentType,
          }),
        );
        return total;
      }
      if (partBytes > 0) await sendPart();
      await this.client.send(
        new CompleteMultipartUploadCommand({
          ...target,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      return total;
    } catch (error) {
      if (uploadId !== undefined) {
        await this.client
          .send(new AbortMultipartUploadCommand({ ...target, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw error;
    }
  }

  async read(ref: MediaObjectRef, range: ByteRange): Promise<Readable> {
    const answer = await this.client.send(
      new GetObjectCommand({
        Bucket: this.config.bucket,
        Key: this.key(ref),
        Range: `bytes=${range.start}-${range.end}`,
      }),
    );
    if (!(answer.Body instanceof Readable)) throw new Error('The S3 client did not return a Node.js stream');
    return answer.Body;
  }

  async delete(ref: MediaObjectRef): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(ref) }));
  }

  async size(ref: MediaObjectRef): Promise<number | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(ref) }),
      );
      return head.ContentLength ?? 0;
    } catch (error) {
      if (error instanceof Error && error.name === 'NotFound') return null;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
