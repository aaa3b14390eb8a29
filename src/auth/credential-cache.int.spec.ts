import { ApiKeyScope } from '../entities/enums';
import { toGlobalId } from '../entities/global-id';
import { createTestApiKey, factoryDeps } from '../testing/factories';
import { AgentDeactivateDocument, ViewerDocument } from '../testing/generated/graphql';
import { countStatements } from '../testing/query-counter';
import { useTestApp, useWorkspace, type TestAppHandle } from '../testing/test-lifecycle';
import { CredentialCache } from './credential-cache';

const code = async (t: TestAppHandle, token: string) =>
  (await t.gql(ViewerDocument, {}, token)).errors?.[0]?.extensions?.code ?? 'OK';

/** Until the process has dropped the workspace's callers (the change's notification has arrived). */
async function dropped(t: TestAppHandle, workspaceId: string): Promise<void> {
  const cache = t.app.deps.credentials!;
  for (let turn = 0; turn < 1_000 && cache.keptOf(workspaceId) > 0; turn += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(cache.keptOf(workspaceId)).toBe(0);
}

describe('verified callers kept per process', () => {
  // Two API processes on one database.
  const one = useTestApp();
  const other = useTestApp();
  const w = useWorkspace(one);

  it('a caller verified once is not read again on the next request', async () => {
    expect(one.app.deps.credentials?.serving).toBe(true);
    const first = await countStatements(() => one.gql(ViewerDocument, {}, w.agentA.token));
    const second = await countStatements(() => one.gql(ViewerDocument, {}, w.agentA.token));
    expect(first.result.errors).toBeUndefined();
    expect(second.result.errors).toBeUndefined();
    expect(first.signIns.length + second.signIns.length).toBeLessThanOrEqual(1);
    expect(second.signIns).toEqual([]);
  });

  it('deactivating an agent in one process refuses its token in this one and in the other', async () => {
    expect(await code(one, w.agentB.token)).toBe('OK');
    expect(await code(other, w.agentB.token)).toBe('OK');
    expect(await code(other, w.agentB.token)).toBe('OK');
    const answer = await one.gql(
      AgentDeactivateDocument,
      { input: { agentId: toGlobalId('Agent', w.agentB.agent.id) } },
      w.admin.token,
    );
    expect(answer.errors).toBeUndefined();
    // The process that ran the mutation knows at once.
    expect(await code(one, w.agentB.token)).toBe('UNAUTHENTICATED');
    // The other hears it from the database's notification at the commit.
    await dropped(other, w.workspace.id);
    expect(await code(other, w.agentB.token)).toBe('UNAUTHENTICATED');
  });

  it('a key revoked outside the API (a plain UPDATE) is refused once the notification arrives', async () => {
    const { key, apiKey } = await createTestApiKey(factoryDeps(one.app), w.workspace.id, [ApiKeyScope.READ]);
    // The key's own creation notifies too: a read that crossed it is not kept, the next one is.
    expect(await code(other, key)).toBe('OK');
    expect(await code(other, key)).toBe('OK');
    const kept = await countStatements(() => other.gql(ViewerDocument, {}, key));
    expect(kept.signIns).toEqual([]);
    await one.app.deps.dataSource.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [apiKey.id]);
    await dropped(other, w.workspace.id);
    expect(await code(other, key)).toBe('UNAUTHENTICATED');
  });

  it('a team membership change drops the workspace’s callers (it changes what an agent may read)', async () => {
    expect(await code(other, w.agentA.token)).toBe('OK');
    expect(await code(other, w.agentA.token)).toBe('OK');
    expect(other.app.deps.credentials!.keptOf(w.workspace.id)).toBeGreaterThan(0);
    const [team] = await one.app.deps.dataSource.query(
      `INSERT INTO team (workspace_id, name) VALUES ($1, 'Late shift') RETURNING id`,
      [w.workspace.id],
    );
    await one.app.deps.dataSource.query(
      `INSERT INTO team_member (workspace_id, team_id, agent_id) VALUES ($1, $2, $3)`,
      [w.workspace.id, team.id, w.agentA.agent.id],
    );
    await dropped(other, w.workspace.id);
  });
});

describe('CredentialCache', () => {
  const viewer = (workspaceId: string) =>
    ({
      workspaceId,
      workspace: { id: workspaceId },
      principal: { kind: 'agent', agent: { id: 'a' } },
    }) as never;

  it('serves nothing until its listener is live, and nothing read before a drop', () => {
    const cache = new CredentialCache(10_000, 10);
    cache.remember('s:1', viewer('w1'), cache.begin(), 0);
    expect(cache.lookup('s:1', 0)).toBeNull();
    cache.setLive(true);
    const started = cache.begin();
    cache.forgetWorkspace('w2');
    cache.remember('s:1', viewer('w1'), started, 0);
    expect(cache.lookup('s:1', 0)).toBeNull();
    cache.remember('s:1', viewer('w1'), cache.begin(), 0);
    expect(cache.lookup('s:1', 1)).not.toBeNull();
    // Never longer than its lifetime.
    expect(cache.lookup('s:1', 10_000)).toBeNull();
    cache.remember('s:1', viewer('w1'), cache.begin(), 0);
    cache.setLive(false);
    expect(cache.lookup('s:1', 1)).toBeNull();
  });
});
