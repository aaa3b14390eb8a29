import { createDataSource } from '../database/data-source';
import { verifySessionToken, hashApiKey } from '../auth/tokens';
import { fromGlobalId } from '../entities/global-id';
import { testDatabaseUrl } from '../testing/test-environment';
import { runCommand, UsageError } from './commands';

/** The operator commands against the test database (DATABASE_URL points there). */
describe('omnitray CLI', () => {
  const env = { ...process.env };
  beforeAll(() => {
    process.env.DATABASE_URL = testDatabaseUrl();
  });
  afterAll(() => {
    process.env = env;
  });

  it('migrate reports nothing pending on a migrated database', async () => {
    const { result } = await runCommand(['migrate']);
    expect(result).toEqual({ migrations: [] });
  });

  it('workspace create → token → apikey create, each printing its JSON object', async () => {
    const email = `ops-${Date.now()}@cli.omnitray.local`;
    const created = await runCommand([
      'workspace',
      'create',
      '--name',
      'Acme',
      '--admin-email',
      email,
      '--admin-name',
      'Ops',
    ]);
    const { workspaceId, adminId, adminToken } = created.result as Record<string, string>;
    expect(fromGlobalId(workspaceId!)?.type).toBe('Workspace');
    expect(fromGlobalId(adminId!)?.type).toBe('Agent');
    expect(verifySessionToken(process.env.APP_SECRET!, adminToken!, new Date()).ok).toBe(true);

    const token = await runCommand(['token', '--email', email.toUpperCase()]);
    expect(token.result).toMatchObject({ agentId: adminId, token: expect.stringMatching(/^ots_/) });

    const key = await runCommand([
      'apikey',
      'create',
      '--workspace',
      workspaceId!,
      '--name',
      'crm',
      '--scopes',
      'read,write',
    ]);
    const { apiKeyId, key: secret } = key.result as Record<string, string>;
    expect(secret).toMatch(/^omt_/);
    const dataSource = createDataSource(testDatabaseUrl(), { poolSize: 1 });
    await dataSource.initialize();
    const [row] = await dataSource.query('SELECT key_hash, scopes FROM api_key WHERE id = $1', [
      fromGlobalId(apiKeyId!)!.id,
    ]);
    await dataSource.destroy();
    // Stored as a hash only.
    expect(row.key_hash).toBe(hashApiKey(secret!));
    expect(row.scopes).toBe('{read,write}');
  });

  it('token records the session it issues in the audit log, as SYSTEM, without the token', async () => {
    const email = `audit-${Date.now()}@cli.omnitray.local`;
    const created = await runCommand(['workspace', 'create', '--name', 'Audit', '--admin-email', email]);
    const { workspaceId, adminId } = created.result as Record<string, string>;
    const issued = await runCommand(['token', '--email', email]);
    const { token, expiresAt } = issued.result as Record<string, string>;
    const dataSource = createDataSource(testDatabaseUrl(), { poolSize: 1 });
    await dataSource.initialize();
    const entries = await dataSource.query(
      'SELECT actor_type, actor_id, action, target_type, target_id, changes FROM audit_entry WHERE workspace_id = $1',
      [fromGlobalId(workspaceId!)!.id],
    );
    const [event] = await dataSource.query(
      `SELECT payload FROM event_log WHERE workspace_id = $1 AND type = 'AUDIT_RECORDED'`,
      [fromGlobalId(workspaceId!)!.id],
    );
    await dataSource.destroy();
    expect(entries).toEqual([
      {
        actor_type: 'SYSTEM',
        actor_id: null,
        action: 'SIGNED_IN',
        target_type: 'Agent',
        target_id: fromGlobalId(adminId!)!.id,
        changes: {
          method: { before: null, after: 'cli-token' },
          expiresAt: { before: null, after: expiresAt },
        },
      },
    ]);
    expect(event.payload).toMatchObject({ action: 'SIGNED_IN', targetId: adminId, actorId: null });
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('refuses bad input with a clear message', async () => {
    await expect(runCommand(['token', '--email', 'nobody@cli.omnitray.local'])).rejects.toThrow(
      /No agent with e-mail/,
    );
    await expect(
      runCommand(['apikey', 'create', '--workspace', 'x', '--name', 'n', '--scopes', 'read,root']),
    ).rejects.toThrow(UsageError);
    await expect(runCommand(['workspace', 'create', '--name', 'X'])).rejects.toThrow(
      /--admin-email is required/,
    );
    await expect(runCommand(['frobnicate'])).rejects.toThrow(/Unknown command/);
  });

  it('seed loads the demo once and hands out a token each time', async () => {
    const first = await runCommand(['seed']);
    const second = await runCommand(['seed']);
    expect(first.result.workspaceId).toBe(second.result.workspaceId);
    expect(second.result.adminToken).toMatch(/^ots_/);
  });
});
