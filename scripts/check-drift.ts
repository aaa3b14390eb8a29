import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { withDevelopmentSecret } from '../src/development-secret';
import { createDataSource } from '../src/database/data-source';
import { resolveDatabase } from '../src/database/database-url';
import { printApiSchema } from '../src/schema/emit-schema';

const root = path.resolve(__dirname, '..', '..');
const problems: string[] = [];

/** Entities and migrations agree: a fresh database migrated to the end needs no further change. */
async function checkMigrations(): Promise<void> {
  const database = await resolveDatabase(loadConfig(withDevelopmentSecret(process.env)));
  const name = `omnitray_drift_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(database.url);
  url.pathname = `/${name}`;
  const dataSource = createDataSource(url.toString(), { poolSize: 2 });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length > 0) {
      problems.push(
        `Entities and migrations disagree; a migration is missing (npm run migration:generate -- migrations/Name):\n${sql.upQueries
          .map((query) => `  ${query.query}`)
          .join('\n')}`,
      );
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await database.stop();
  }
}

async function checkSchema(): Promise<void> {
  const committed = readFileSync(path.join(root, 'schema.graphql'), 'utf8');
  if (committed !== (await printApiSchema())) {
    problems.push(
      'schema.graphql is out of date with the resolvers: run `npm run codegen` and commit the result.',
    );
  }
}

/** Generated files agree with what their codegen config makes of the committed schema now. */
function checkCodegen(config: string, committedPath: string): void {
  const directory = mkdtempSync(path.join(tmpdir(), 'omnitray-codegen-'));
  const output = path.join(directory, 'graphql.ts');
  try {
    execFileSync(
      path.join(root, 'node_modules', '.bin', 'graphql-codegen'),
      ['--config', config, '--silent'],
      {
        cwd: root,
        env: { ...process.env, CODEGEN_OUT: output, OMNITRAY_SCHEMA_URL: '' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const committed = readFileSync(path.join(root, committedPath), 'utf8');
    if (readFileSync(output, 'utf8') !== committed) {
      problems.push(`${committedPath} is out of date: run \`npm run codegen\` and commit the result.`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await checkSchema();
  checkCodegen('codegen.yml', 'src/testing/generated/graphql.ts');
  checkCodegen('examples/web-inbox/codegen.ts', 'examples/web-inbox/src/generated/graphql.ts');
  await checkMigrations();
  if (problems.length > 0) {
    console.error(problems.map((problem) => `✗ ${problem}`).join('\n'));
    process.exit(1);
  }
  console.log('✓ schema.graphql, generated operations (tests and examples) and migrations are up to date');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
