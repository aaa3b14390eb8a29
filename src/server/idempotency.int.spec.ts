import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { parse } from 'graphql';
import { Tag } from '../entities/tag.entity';
import { IdempotencyRecord } from '../entities/idempotency-record.entity';
import { requestHashOf } from './idempotency.plugin';

const TAG_CREATE = `mutation($input: TagCreateInput!) { tagCreate(input: $input) { tag { id name } userErrors { code } } }`;

describe('Idempotency-Key on mutations', () => {
  const t = useTestApp();
  const w = useWorkspace(t, { scope: 'suite' });
  const tagCount = (name: string) =>
    t.app.deps.dataSource.getRepository(Tag).countBy({ workspaceId: w.workspace.id, name });

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
    expect(other.status).toBe(409);
    expect(other.data).toBeUndefined();
    expect(other.errors?.[0]?.extensions).toEqual({
      code: 'IDEMPOTENCY_CONFLICT',
      reason: 'DIFFERENT_REQUEST',
    });
    expect(other.errors?.[0]?.message).toMatch(/different request; use a new key/);
  });

  it('answers 409 IN_PROGRESS while the first request with the key has no response yet', async () => {
    const variables = { input: { name: 'Pending', color: '#000000' } };
    // The state a first request is in while it runs: claimed, no response stored yet.
    await t.app.deps.dataSource.getRepository(IdempotencyRecord).insert({
      workspaceId: w.workspace.id,
      principalKey: `http:${w.admin.agent.id}:in-flight`,
      requestHash: requestHashOf(parse(TAG_CREATE), variables),
      response: null,
      expiresAt: new Date(t.clock.now().getTime() + 60_000),
    });
    const second = await t.gql(TAG_CREATE, variables, w.admin.token, { 'idempotency-key': 'in-flight' });
    expect(second.status).toBe(409);
    expect(second.errors?.[0]?.extensions).toEqual({ code: 'IDEMPOTENCY_CONFLICT', reason: 'IN_PROGRESS' });
    expect(second.errors?.[0]?.message).toMatch(/still in progress; try again shortly/);
    expect(await tagCount('Pending')).toBe(0);
  });

  it('a mutation refused before it runs claims nothing: the key takes the corrected request', async () => {
    const headers = { 'idempotency-key': 'refused-first' };
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: __typename`).join(' ');
    const tooComplex = `mutation($input: TagCreateInput!) { ${aliases} tagCreate(input: $input) { tag { id } } }`;
    const refused = await t.gql(
      tooComplex,
      { input: { name: 'Later', color: '#000000' } },
      w.admin.token,
      headers,
    );
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const corrected = await t.gql(
      TAG_CREATE,
      { input: { name: 'Later', color: '#000000' } },
      w.admin.token,
      headers,
    );
    expect(corrected.status).toBe(200);
    expect(corrected.errors).toBeUndefined();
    expect(await tagCount('Later')).toBe(1);
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
