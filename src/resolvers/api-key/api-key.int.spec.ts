import {
  type ApiKeyScope as GqlApiKeyScope,
  ApiKeyCreateDocument,
  ApiKeyListDocument,
  ApiKeyRevokeDocument,
  ViewerDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createTestApiKey, createTestWorkspace } from '../../testing/factories';
import { ApiKey } from '../../entities/api-key.entity';
import { ApiKeyScope } from '../../entities/enums';
import { hashApiKey } from '../../auth/tokens';
import { localId } from '../find-owned';

describe('API keys (admins)', () => {
  const t = useTestApp({ now: new Date('2026-03-10T12:00:00Z'), resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  async function createKey(name: string, scopes: GqlApiKeyScope[], token = w.admin.token) {
    const result = await t.gql(ApiKeyCreateDocument, { input: { name, scopes } }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.apiKeyCreate;
  }

  it('shows the key once, stores only its hash, and the key works at once', async () => {
    const created = await createKey(' CRM sync ', ['READ', 'WRITE', 'READ']);
    expect(created.userErrors).toEqual([]);
    expect(created.key).toMatch(/^omt_/);
    expect(created.apiKey).toMatchObject({
      name: 'CRM sync',
      scopes: ['READ', 'WRITE'],
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(created.key!.startsWith(created.apiKey!.prefix)).toBe(true);

    const row = await deps.dataSource
      .getRepository(ApiKey)
      .findOneByOrFail({ id: localId(created.apiKey!.id, 'ApiKey') });
    expect(row.keyHash).toBe(hashApiKey(created.key!));
    expect(JSON.stringify(row)).not.toContain(created.key!);

    const viewer = await t.gql(ViewerDocument, {}, created.key);
    expect(viewer.data!.viewer.apiKey).toMatchObject({ id: created.apiKey!.id, name: 'CRM sync' });
  });

  it('apiKeys lists keys without secrets, newest first, with lastUsedAt and revokedAt', async () => {
    const first = await createKey('first', ['READ']);
    t.clock.advance(60_000);
    const second = await createKey('second', ['BOT']);
    t.clock.advance(5 * 60_000);
    await t.gql(ViewerDocument, {}, first.key);

    const list = await t.gql(ApiKeyListDocument, {}, w.admin.token);
    expect(list.errors).toBeUndefined();
    const [newest, oldest] = list.data!.apiKeys;
    expect([newest!.name, oldest!.name]).toEqual(['second', 'first']);
    expect(oldest!.lastUsedAt).toBe(t.clock.now().toISOString());
    expect(newest!.lastUsedAt).toBeNull();
    expect(oldest!.createdAt).toEqual(expect.any(String));
    expect(Object.keys(oldest!).sort()).toEqual([
      'createdAt',
      'id',
      'lastUsedAt',
      'name',
      'prefix',
      'revokedAt',
      'scopes',
    ]);
    expect(JSON.stringify(list.data)).not.toContain(first.key!);
    expect(JSON.stringify(list.data)).not.toContain(second.key!);

    const secretField = await t.gql('{ apiKeys { keyHash } }', {}, w.admin.token);
    expect(secretField.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a revoked key is refused at once with UNAUTHENTICATED; revoking twice keeps the first time', async () => {
    const created = await createKey('partner', ['WRITE']);
    expect((await t.gql(ViewerDocument, {}, created.key)).errors).toBeUndefined();

    const revoked = await t.gql(
      ApiKeyRevokeDocument,
      { input: { apiKeyId: created.apiKey!.id } },
      w.admin.token,
    );
    expect(revoked.data!.apiKeyRevoke.userErrors).toEqual([]);
    expect(revoked.data!.apiKeyRevoke.apiKey!.revokedAt).toBe(t.clock.now().toISOString());

    const refused = await t.gql(ViewerDocument, {}, created.key);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toMatch(/revoked/);

    t.clock.advance(60_000);
    const again = await t.gql(
      ApiKeyRevokeDocument,
      { input: { apiKeyId: created.apiKey!.id } },
      w.admin.token,
    );
    expect(again.data!.apiKeyRevoke.apiKey!.revokedAt).toBe(revoked.data!.apiKeyRevoke.apiKey!.revokedAt);
    const list = await t.gql(ApiKeyListDocument, {}, w.admin.token);
    expect(list.data!.apiKeys[0]!.revokedAt).toBe(revoked.data!.apiKeyRevoke.apiKey!.revokedAt);
  });

  it('a name and at least one scope are needed (INVALID_INPUT)', async () => {
    expect((await createKey('  ', ['READ'])).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'name'] }),
    ]);
    expect((await createKey('none', [])).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'scopes'] }),
    ]);
    const unknownScope = await t.gql(
      ApiKeyCreateDocument,
      { input: { name: 'x', scopes: ['root' as GqlApiKeyScope] } },
      w.admin.token,
    );
    expect(unknownScope.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('foreign or unknown key ids are NOT_FOUND', async () => {
    const other = await createTestWorkspace(deps);
    const theirs = await createKey('theirs', ['READ'], other.admin.token);
    for (const apiKeyId of [theirs.apiKey!.id, 'nope']) {
      const result = await t.gql(ApiKeyRevokeDocument, { input: { apiKeyId } }, w.admin.token);
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await t.gql(ViewerDocument, {}, theirs.key)).errors).toBeUndefined();
    const list = await t.gql(ApiKeyListDocument, {}, w.admin.token);
    expect(list.data!.apiKeys).toEqual([]);
  });

  it('admins and admin keys manage keys; agents and other keys are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
    const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
    const byKey = await createKey('made by a key', ['READ'], adminKey);
    expect(byKey.userErrors).toEqual([]);
    expect((await t.gql(ApiKeyListDocument, {}, adminKey)).data!.apiKeys).toHaveLength(2);

    const refused: [string | null, string][] = [
      [w.agentA.token, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE, ApiKeyScope.BOT])).key, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ];
    for (const [token, code] of refused) {
      const created = await t.gql(ApiKeyCreateDocument, { input: { name: 'x', scopes: ['ADMIN'] } }, token);
      expect(created.errors?.[0]?.extensions?.code).toBe(code);
      const revoked = await t.gql(ApiKeyRevokeDocument, { input: { apiKeyId: byKey.apiKey!.id } }, token);
      expect(revoked.errors?.[0]?.extensions?.code).toBe(code);
      expect((await t.gql(ApiKeyListDocument, {}, token)).errors?.[0]?.extensions?.code).toBe(code);
    }
    const revoked = await t.gql(ApiKeyRevokeDocument, { input: { apiKeyId: byKey.apiKey!.id } }, adminKey);
    expect(revoked.data!.apiKeyRevoke.apiKey!.revokedAt).not.toBeNull();
  });
});
