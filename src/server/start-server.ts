import { type Config } from '../config';
import { migrate } from '../database/migrate';
import { seedDemo } from '../demo/demo-seed';
import { demoAdminToken } from '../demo/demo-access';
import { type Agent } from '../entities/agent.entity';
import { createApplication, type Application, type ApplicationOptions } from './application';

export interface DemoAccess {
  admin: Agent;
  created: boolean;
  token: string;
  expiresAt: Date;
}

export interface StartedServer {
  app: Application;
  /** The GraphQL URL. */
  url: string;
  migrations: string[];
  /** The demo workspace's admin and a fresh token; null with SEED_DEMO=false. */
  demo: DemoAccess | null;
}

/**
 * What `npm start` runs once the database is known: migrations, the app, listening, then the demo
 * seed, which needs the port the sandbox answers on.
 */
export async function startServer(
  config: Config,
  databaseUrl: string,
  options: ApplicationOptions = {},
): Promise<StartedServer> {
  const migrations = await migrate(databaseUrl);
  const app = await createApplication(config, databaseUrl, options);
  try {
    const url = await app.listen();
    let demo: DemoAccess | null = null;
    if (config.seedDemo) {
      const { admin, created } = await seedDemo(app.deps.dataSource, app.deps.secretBox, {
        graphApiBaseUrl: config.graphApiBaseUrl,
        sandboxBaseUrl: app.graphSandboxUrl(),
      });
      const access = await demoAdminToken(app.deps.dataSource, config, app.deps.clock.now());
      if (!access) throw new Error(`The demo admin ${admin.email} vanished right after the seed.`);
      demo = { admin, created, token: access.token, expiresAt: access.expiresAt };
    }
    return { app, url, migrations, demo };
  } catch (error) {
    await app.stop().catch(() => undefined);
    throw error;
  }
}
