import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { withDevelopmentSecret } from './development-secret';
import { resolveDatabase } from './database/database-url';
import { type Application } from './server/application';
import { startServer } from './server/start-server';
import { DEFAULT_SERVER_URL } from './demo/demo-channel';

/** `demo say` aims at http://localhost:4000 unless told otherwise. */
function serverUrlFlag(graphqlUrl: string): string {
  const origin = new URL(graphqlUrl).origin;
  return origin === DEFAULT_SERVER_URL ? '' : ` --url ${origin}`;
}

async function main(): Promise<void> {
  const config = loadConfig(withDevelopmentSecret(process.env));
  const database = await resolveDatabase(config);
  let stopping = false;
  let app: Application | undefined;
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
    const started = await startServer(config, database.url);
    app = started.app;
    const { url, migrations, demo } = started;
    if (migrations.length > 0) console.log(`Migrations applied: ${migrations.join(', ')}`);
    console.log(
      `Omnitray GraphQL API: ${url}${database.embedded ? ` (embedded PostgreSQL in ${config.dataDir})` : ''}`,
    );
    if (demo) {
      const { admin, created, token, expiresAt } = demo;
      console.log(`${created ? 'Demo workspace created.' : 'Demo workspace ready.'} Admin: ${admin.email}`);
      console.log(`Admin token (valid until ${expiresAt.toISOString()}):\n${token}`);
      console.log(
        `Try it:\n  curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' -d '{"query":"{ trays { kind count } }"}'`,
      );
      const sandbox = app.graphSandboxUrl();
      if (sandbox) {
        console.log(
          `The demo's WhatsApp channel talks to the Graph API sandbox at ${sandbox} (no network). Play the customer:\n  npm run cli -- demo say --customer "Ana" --text "Hola"${serverUrlFlag(url)}`,
        );
      }
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
