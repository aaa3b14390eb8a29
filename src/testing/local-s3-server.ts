import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

/** s3rver's fixed credentials: the server checks the signature with them. */
const ACCESS_KEY = 'S3RVER';

export interface LocalS3Server {
  endpoint: string;
  bucket: string;
  /** The MEDIA_* variables that point Omnitray at this server. */
  env: Record<string, string>;
  /** Keys stored under `prefix` (every key when omitted). */
  keys(prefix?: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A real S3-protocol server on loopback (s3rver: PutObject, multipart uploads, GetObject with
 * Range, HeadObject, DeleteObject), storing in a temporary directory, so the AWS SDK client code
 * runs unchanged against it.
 */
export async function startLocalS3Server(bucket = 'omnitray-media'): Promise<LocalS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'omnitray-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
  });
  const keys = async (prefix?: string) => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    return (listed.Contents ?? []).map((object) => object.Key!);
  };
  return {
    endpoint,
    bucket,
    env: {
      MEDIA_STORAGE: 's3',
      MEDIA_S3_BUCKET: bucket,
      MEDIA_S3_ENDPOINT: endpoint,
      MEDIA_S3_REGION: 'us-east-1',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
      MEDIA_S3_ACCESS_KEY_ID: ACCESS_KEY,
      MEDIA_S3_SECRET_ACCESS_KEY: ACCESS_KEY,
    },
    keys,
    async close() {
      const left = await keys().catch(() => []);
      if (left.length > 0) {
        await client
          .send(
            new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: left.map((Key) => ({ Key })) } }),
          )
          .catch(() => undefined);
      }
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
