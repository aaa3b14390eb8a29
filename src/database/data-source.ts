import 'reflect-metadata';
import path from 'node:path';
import {
  DataSource,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  type DataSourceOptions,
  type QueryRunner,
  type ReplicationMode,
} from 'typeorm';
import { entities } from '../entities';
import { type PoolCounts } from '../runtime/metrics';
import { SnakeNamingStrategy } from './naming-strategy';
import {
  databaseTimeoutOf,
  DatabaseTimeoutKind,
  sessionOptions,
  type SessionLimits,
} from './database-timeouts';

/** Compiled and ts-jest runs both find the migrations beside the sources they were built from. */
const migrationsGlob = path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}');

export interface DataSourceSettings {
  poolSize?: number;
  applicationName?: string;
  /** Time limits of every session of the pool; none when absent (migrations, the CLI). */
  limits?: SessionLimits;
  /** How long a caller waits for a free connection before TIMEOUT (POOL); unset or 0: as long as it takes. */
  poolWaitMs?: number;
  /** Told of every statement or session a time limit stopped. */
  onTimeout?: (kind: DatabaseTimeoutKind) => void;
}

interface PgClient {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * A TypeORM data source whose query runners report the time limits they meet. When PostgreSQL
 * ends a session that sat idle in a transaction, TypeORM releases its runner, and the runner's
 * next statement would fail as "already released": it fails with the server's own error instead,
 * so the caller learns why.
 */
class LimitedDataSource extends DataSource {
  /** pg clients → the error that ended their session. */
  private readonly endings = new WeakMap<object, Error>();

  constructor(
    options: DataSourceOptions,
    private readonly onTimeout: (kind: DatabaseTimeoutKind) => void,
  ) {
    super(options);
  }

  /** pg-pool's `onConnect`: every client is watched for the error that ends it, from its start. */
  watchClient(client: PgClient): void {
    client.on('error', (error) => {
      // The first error is the server's reason; "Connection terminated" follows it.
      if (this.endings.has(client)) return;
      this.endings.set(client, error);
      if (databaseTimeoutOf(error) === DatabaseTimeoutKind.IDLE_IN_TRANSACTION) {
        this.onTimeout(DatabaseTimeoutKind.IDLE_IN_TRANSACTION);
      }
    });
  }

  override createQueryRunner(mode?: ReplicationMode): QueryRunner {
    const runner = super.createQueryRunner(mode);
    // The driver's own `query`, looked up at each call (the statement counter of the tests wraps it).
    const query = (...args: unknown[]) =>
      (Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> }).query.apply(
        runner,
        args,
      );
    runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
      try {
        return await query(sql, parameters, structured);
      } catch (error) {
        const client = (runner as unknown as { databaseConnection?: object }).databaseConnection;
        const ending = client ? this.endings.get(client) : undefined;
        if (error instanceof QueryRunnerAlreadyReleasedError && ending && databaseTimeoutOf(ending)) {
          throw new QueryFailedError(sql, parameters, ending);
        }
        const kind = databaseTimeoutOf(error);
        // A wait for the pool is counted where the connection is asked for, below.
        if (kind && kind !== DatabaseTimeoutKind.POOL) this.onTimeout(kind);
        throw error;
      }
    }) as QueryRunner['query'];
    const connect = runner.connect.bind(runner);
    runner.connect = async () => {
      try {
        return (await connect()) as unknown;
      } catch (error) {
        if (databaseTimeoutOf(error) === DatabaseTimeoutKind.POOL) this.onTimeout(DatabaseTimeoutKind.POOL);
        throw error;
      }
    };
    return runner;
  }
}

export function createDataSource(url: string, settings: DataSourceSettings = {}): DataSource {
  const dataSource: LimitedDataSource = new LimitedDataSource(
    {
      type: 'postgres',
      url,
      entities,
      migrations: [migrationsGlob],
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      namingStrategy: new SnakeNamingStrategy(),
      synchronize: false,
      logging: false,
      extra: {
        max: settings.poolSize ?? 10,
        application_name: settings.applicationName ?? 'omnitray',
        ...(settings.limits ? { options: sessionOptions(settings.limits) } : {}),
        ...(settings.poolWaitMs ? { connectionTimeoutMillis: settings.poolWaitMs } : {}),
        onConnect: (client: PgClient) => dataSource.watchClient(client),
      },
    },
    settings.onTimeout ?? (() => undefined),
  );
  return dataSource;
}

/** For the TypeORM CLI (`npm run migration:generate`): reads DATABASE_URL. */
export default createDataSource(
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/omnitray_dev',
);

/** The node-postgres pool under an initialized data source, for its counts; undefined before. */
export function poolOf(dataSource: DataSource): PoolCounts | undefined {
  return (dataSource.driver as unknown as { master?: PoolCounts }).master;
}
