import 'reflect-metadata';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from '../entities';
import { SnakeNamingStrategy } from './naming-strategy';

/** Compiled and ts-jest runs both find the migrations beside the sources they were built from. */
const migrationsGlob = path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}');

export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}) {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: [migrationsGlob],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'omnitray' },
  });
}

/** For the TypeORM CLI (`npm run migration:generate`): reads DATABASE_URL. */
export default createDataSource(
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/omnitray_dev',
);
