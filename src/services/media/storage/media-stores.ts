import { type DataSource } from 'typeorm';
import { MediaStorageKind } from '../../../entities/attachment.entity';
import { type MediaConfig } from '../../../config';
import { type MediaStores } from '../../../runtime/media-storage';
import { PostgresMediaStorage } from './postgres.media-storage';
import type * as S3StorageModule from './s3.media-storage';

/**
 * PostgreSQL is always readable (it is the application's database); S3 when configured. Bytes
 * written before MEDIA_STORAGE changed stay readable where they are.
 */
export function createMediaStores(config: MediaConfig, dataSource: DataSource): MediaStores {
  const postgres = new PostgresMediaStorage(dataSource);
  // The AWS SDK (a fifth of a second of module loading) is loaded only when S3 is configured.
  const s3 = config.s3
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      new (require('./s3.media-storage') as typeof S3StorageModule).S3MediaStorage(config.s3)
    : null;
  return {
    current: config.storage === 's3' && s3 ? s3 : postgres,
    of: (kind) => (kind === MediaStorageKind.S3 ? s3 : postgres),
    close: async () => {
      await s3?.close();
    },
  };
}
