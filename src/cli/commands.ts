import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from '../config';
import { withDevelopmentSecret } from '../development-secret';
import { resolveDatabase } from '../database/database-url';
import { migrate } from '../database/migrate';
import { createDataSource } from '../database/data-source';
import { Agent } from '../entities/agent.entity';
import { Workspace } from '../entities/workspace.entity';
import { ApiKeyScope } from '../entities/enums';
import { SecretBox } from '../auth/secret-box';
import { fromGlobalId } from '../entities/global-id';
import { seedDemo } from '../demo/demo-seed';
import { DEFAULT_SERVER_URL, graphSandboxBaseUrl } from '../demo/demo-channel';
import { CommandError, UsageError } from './cli-errors';
import { demoSay } from './demo-say.command';
import { issuePasswordReset } from '../services/session/password.service';
import { BusinessRuleError } from '../services/errors';
import {
  WorkspaceSetupError,
  createApiKey,
  createWorkspace,
  normalizeEmail,
  sessionTokenFor,
} from '../services/workspace/workspace.service';
import { recordSignIn, SYSTEM_ACTOR } from '../services/audit/audit.service';

const USAGE = `omnitray — operate an Omnitray installation

Commands (each accepts --json to print one JSON object):
  migrate                                                  run pending migrations
  workspace create --name N --admin-email E [--admin-name A]
  token --email E                                          a fresh session token for an agent
  apikey create --workspace W --name N --scopes read,write a partner API key (shown once)
  password reset-link --email E                            a one-use token for passwordSet (shown once)
  seed                                                     the demo workspace
  demo say --customer NAME --text TEXT [--phone P] [--url U] [--wait S]
                                                           play a customer writing to the demo's
                                                           WhatsApp channel on the running server
                                                           (default ${DEFAULT_SERVER_URL})

Environment: DATABASE_URL (unset: the embedded PostgreSQL in DATA_DIR), APP_SECRET.`;

export { CommandError, UsageError } from './cli-errors';

function parseFlags(args: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (args[index + 1] !== undefined && !args[index + 1]!.startsWith('--'))
      flags.set(name, args[++index]!);
    else flags.set(name, true);
  }
  return { positional, flags };
}

function required(flags: Map<string, string | true>, name: string): string {
  const value = flags.get(name);
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required.`);
  return value;
}

function optional(flags: Map<string, string | true>, name: string): string | undefined {
  const value = flags.get(name);
  if (value === true) throw new UsageError(`--${name} needs a value.`);
  return value;
}

async function withDatabase<T>(config: Config, run: (url: string) => Promise<T>): Promise<T> {
  const database = await resolveDatabase(config);
  try {
    await migrate(database.url);
    return await run(database.url);
  } finally {
    await database.stop();
  }
}

async function withDataSource<T>(
  url: string,
  run: (ds: ReturnType<typeof createDataSource>) => Promise<T>,
): Promise<T> {
  const dataSource = createDataSource(url, { poolSize: 2, applicationName: 'omnitray-cli' });
  await dataSource.initialize();
  try {
    return await run(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Runs one command; the result is what `--json` prints, the text what a person reads. */
export async function runCommand(argv: string[]): Promise<{ result: Record<string, unknown>; text: string }> {
  const { positional, flags } = parseFlags(argv);
  const [command, sub] = positional;
  // Every command reads the config, and the config needs APP_SECRET: outside production the CLI
  // shares the server's development secret, so its tokens work against `npm start`.
  const config = loadConfig(withDevelopmentSecret(process.env));
  switch (command) {
    case 'migrate': {
      const database = await resolveDatabase(config);
      try {
        const ran = await migrate(database.url);
        return {
          result: { migrations: ran },
          text: ran.length ? `Applied: ${ran.join(', ')}` : 'No pending migrations.',
        };
      } finally {
        await database.stop();
      }
    }
    case 'workspace': {
      if (sub !== 'create')
        throw new UsageError('Usage: workspace create --name N --admin-email E [--admin-name A]');
      const name = required(flags, 'name');
      const adminEmail = required(flags, 'admin-email');
      const adminName = flags.get('admin-name');
      return withDatabase(config, (url) =>
        withDataSource(url, async (ds) => {
          const { workspace, admin } = await createWorkspace(ds, {
            name,
            adminEmail,
            adminName: typeof adminName === 'string' ? adminName : undefined,
          });
          const { token } = sessionTokenFor(admin, config.appSecret, config.sessionTtlMinutes);
          return {
            result: { workspaceId: workspace.globalId, adminId: admin.globalId, adminToken: token },
            text: `Workspace ${workspace.name} (${workspace.globalId}) with admin ${admin.email}.\nAdmin token: ${token}`,
          };
        }),
      );
    }
    case 'token': {
      const email = normalizeEmail(required(flags, 'email'));
      return withDatabase(config, (url) =>
        withDataSource(url, async (ds) => {
          const agent = await ds.getRepository(Agent).findOne({ where: { email } });
          if (!agent) throw new UsageError(`No agent with e-mail ${email}.`);
          if (!agent.active) throw new UsageError(`Agent ${email} is deactivated.`);
          const { token, expiresAt } = sessionTokenFor(agent, config.appSecret, config.sessionTtlMinutes);
          await ds.transaction((m) =>
            recordSignIn(m, agent, { method: 'cli-token', expiresAt, actor: SYSTEM_ACTOR }),
          );
          return {
            result: { agentId: agent.globalId, token, expiresAt: expiresAt.toISOString() },
            text: `Token for ${email} (valid until ${expiresAt.toISOString()}):\n${token}`,
          };
        }),
      );
    }
    case 'apikey': {
      if (sub !== 'create')
        throw new UsageError('Usage: apikey create --workspace W --name N --scopes read,write');
      const workspaceRef = required(flags, 'workspace');
      const name = required(flags, 'name');
      const scopes = required(flags, 'scopes')
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean);
      const valid = Object.values(ApiKeyScope) as string[];
      const unknown = scopes.filter((scope) => !valid.includes(scope));
      if (scopes.length === 0 || unknown.length > 0) {
        throw new UsageError(
          `--scopes takes a comma-separated list of ${valid.join(', ')}; got ${unknown.join(', ') || 'none'}.`,
        );
      }
      return withDatabase(config, (url) =>
        withDataSource(url, async (ds) => {
          const workspace = await findWorkspace(ds, workspaceRef);
          const { apiKey, key } = await createApiKey(ds.manager, {
            workspaceId: workspace.id,
            name,
            scopes: scopes as ApiKeyScope[],
          });
          return {
            result: { apiKeyId: apiKey.globalId, key },
            text: `API key ${name} (${apiKey.globalId}) — shown once:\n${key}`,
          };
        }),
      );
    }
    case 'password': {
      if (sub !== 'reset-link') throw new UsageError('Usage: password reset-link --email E');
      const email = normalizeEmail(required(flags, 'email'));
      return withDatabase(config, (url) =>
        withDataSource(url, async (ds) => {
          const agent = await ds.getRepository(Agent).findOne({ where: { email } });
          if (!agent) throw new UsageError(`No agent with e-mail ${email}.`);
          let issued;
          try {
            issued = await ds.transaction((manager) =>
              issuePasswordReset(manager, config, agent, new Date()),
            );
          } catch (error) {
            if (error instanceof BusinessRuleError) throw new UsageError(error.message);
            throw error;
          }
          const expiresAt = issued.expiresAt.toISOString();
          return {
            result: { token: issued.token, expiresAt },
            text: `Password reset token for ${email} (one use, valid until ${expiresAt}); give it to passwordSet:\n${issued.token}`,
          };
        }),
      );
    }
    case 'seed': {
      return withDatabase(config, (url) =>
        withDataSource(url, async (ds) => {
          const { workspace, admin } = await seedDemo(ds, new SecretBox(config.appSecret), {
            graphApiBaseUrl: config.graphApiBaseUrl,
            // The server this database belongs to answers on PORT; starting it points the channel again.
            sandboxBaseUrl: config.graphSandbox
              ? graphSandboxBaseUrl(`http://127.0.0.1:${config.port}`)
              : null,
          });
          const { token } = sessionTokenFor(admin, config.appSecret, config.sessionTtlMinutes);
          return {
            result: { workspaceId: workspace.globalId, adminToken: token },
            text: `Demo workspace ${workspace.globalId}.\nAdmin token: ${token}`,
          };
        }),
      );
    }
    case 'demo': {
      if (sub !== 'say')
        throw new UsageError('Usage: demo say --customer NAME --text TEXT [--phone P] [--url U] [--wait S]');
      const customer = required(flags, 'customer');
      const text = required(flags, 'text');
      const phone = optional(flags, 'phone');
      const url = optional(flags, 'url');
      const wait = optional(flags, 'wait') ?? '10';
      if (!/^\d{1,3}$/.test(wait)) throw new UsageError(`--wait takes whole seconds (0–999); got "${wait}".`);
      return withDatabase(config, (databaseUrl) =>
        withDataSource(databaseUrl, (ds) =>
          demoSay(ds, config.appSecret, { customer, text, phone, url, waitMs: Number(wait) * 1000 }),
        ),
      );
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
  }
}

/** A workspace by global id, raw uuid or exact name. */
async function findWorkspace(ds: ReturnType<typeof createDataSource>, ref: string): Promise<Workspace> {
  const decoded = fromGlobalId(ref);
  const id = decoded?.type === 'Workspace' ? decoded.id : /^[0-9a-f-]{36}$/i.test(ref) ? ref : null;
  const workspace = id
    ? await ds.getRepository(Workspace).findOne({ where: { id } })
    : await ds.getRepository(Workspace).findOne({ where: { name: ref } });
  if (!workspace) throw new UsageError(`No workspace "${ref}".`);
  return workspace;
}

export async function cli(argv: string[] = process.argv.slice(2)): Promise<void> {
  const json = argv.includes('--json');
  const args = argv.filter((arg) => arg !== '--json');
  try {
    const { result, text } = await runCommand(args);
    console.log(json ? JSON.stringify(result) : text);
  } catch (error) {
    const known =
      error instanceof UsageError ||
      error instanceof CommandError ||
      error instanceof ConfigError ||
      error instanceof WorkspaceSetupError;
    const message = known
      ? error.message
      : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    if (json) console.log(JSON.stringify({ error: message }));
    else console.error(message);
    process.exitCode = known ? 2 : 1;
  }
}
