import { createDataSource } from './data-source';

/** Runs pending migrations; returns the names it ran. */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, { poolSize: 2, applicationName: 'omnitray-migrate' });
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
