import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { Tag } from '../entities/tag.entity';

const TAG_CREATE = `mutation($input: TagCreateInput!) { tagCreate(input: $input) { tag { id name } userErrors { code } } }`;

describe('Idempotency-Key on mutations', () => {
  const t = useTestApp();
  const w = useWorkspace(t, { scope: 'suite' });

  it('replays the first response for the same key and body, and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': 'create-vip-1' };
    const first = await t.gql(
      TAG_CREATE,
      { input: { name: 'VIP', color: '#f59e0b' } },
      w.admin.token,
      headers,
    );
    const again = await t.gql(
      TAG_CREATE,
      { input: { name: 'VIP', color: '#f59e0b' } },
      w.admin.token,
      headers,
    );
    expect(first.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(
      await t.app.deps.dataSource.getRepository(Tag).count({ where: { workspaceId: w.workspace.id } }),
    ).toBe(1);

    const other = await t.gql(
      TAG_CREATE,
      { input: { name: 'Other', color: '#000000' } },
      w.admin.token,
      headers,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0]?.message).toMatch(/different request/);
  });

  it('keys are per caller: another agent may use the same key', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const mine = await t.gql(
      TAG_CREATE,
      { input: { name: 'Mine', color: '#000000' } },
      w.admin.token,
      headers,
    );
    const otherAdmin = await t.gql(
      `mutation { agentCreate(input: { email: "second-admin-${Date.now()}@test.omnitray.local", name: "Second", role: ADMIN }) { token agent { id } } }`,
      {},
      w.admin.token,
    );
    const token = (otherAdmin.data as any)?.agentCreate?.token as string;
    const theirs = await t.gql(TAG_CREATE, { input: { name: 'Theirs', color: '#000000' } }, token, headers);
    expect(mine.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect((theirs.data as any).tagCreate.tag.name).toBe('Theirs');
  });
});
