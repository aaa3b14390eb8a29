import { type DataSource } from 'typeorm';
import { MediaStorageKind } from '../../../entities/attachment.entity';
import { type MediaConfig } from '../../../config';
import { type MediaStores } from '../../../runtime/media-storage';
import { PostgresMediaStorage } from './postgres.media-storage';
import { S3MediaStorage } from './s3.media-storage';

/**
 * PostgreSQL is always readable (it is the application's database); S3 when configured. Bytes
 * written before MEDIA_STORAGE changed stay readable where they are.
 */
export function createMediaStores(config: MediaConfig, dataSource: DataSource): MediaStores {
  const postgres = new PostgresMediaStorage(dataSource);
  const s3 = config.s3 ? new S3MediaStorage(config.s3) : null;
  return {
    current: config.storage === 's3' && s3 ? s3 : postgres,
    of: (kind) => (kind === MediaStorageKind.S3 ? s3 : postgres),
    close: async () => {
      await s3?.close();
    },
  };
}
