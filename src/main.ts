import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { withDevelopmentSecret } from './development-secret';
import { resolveDatabase } from './database/database-url';
import { migrate } from './database/migrate';
import { createApplication } from './server/application';
import { seedDemo } from './demo/demo-seed';
import { sessionTokenFor } from './services/workspace/workspace.service';
import { Agent } from './entities/agent.entity';

async function main(): Promise<void> {
  const config = loadConfig(withDevelopmentSecret(process.env));
  const database = await resolveDatabase(config);
  let stopping = false;
  let app: Awaited<ReturnType<typeof createApplication>> | undefined;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    try {
      await app?.stop();
    } finally {
      await database.stop();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const ran = await migrate(database.url);
    if (ran.length > 0) console.log(`Migrations applied: ${ran.join(', ')}`);
    app = await createApplication(config, database.url);
    const url = await app.listen();
    console.log(
      `Omnitray GraphQL API: ${url}${database.embedded ? ` (embedded PostgreSQL in ${config.dataDir})` : ''}`,
    );
    if (config.seedDemo) {
      const { admin, created } = await seedDemo(app.deps.dataSource, app.deps.secretBox, {
        graphApiBaseUrl: config.graphApiBaseUrl,
      });
      const fresh = await app.deps.dataSource.getRepository(Agent).findOneByOrFail({ id: admin.id });
      const { token, expiresAt } = sessionTokenFor(fresh, config.appSecret, config.sessionTtlMinutes);
      console.log(`${created ? 'Demo workspace created.' : 'Demo workspace ready.'} Admin: ${admin.email}`);
      console.log(`Admin token (valid until ${expiresAt.toISOString()}):\n${token}`);
      console.log(
        `Try it:\n  curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' -d '{"query":"{ trays { kind count } }"}'`,
      );
    }
  } catch (error) {
    await app?.stop().catch(() => undefined);
    await database.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Omnitray failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
