import { Conversation } from '../../entities/conversation.entity';
import { type Viewer } from '../../auth/viewer';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createConversation, createTestApiKey, type TestAgent } from '../../testing/factories';
import { ApiKeyScope } from '../../entities/enums';
import { Team } from '../../entities/team.entity';
import {
  conversationReadScope,
  mayReadConversation,
  readableConversationOrNull,
  readableConversationSql,
} from './conversation-visibility';

/** The read rule is one rule: its SQL and its check on a loaded row agree on every case. */
describe('conversation read rule', () => {
  const t = useTestApp();
  const w = useWorkspace(t, { scope: 'suite' });
  const other = useWorkspace(t, { scope: 'suite' });

  const agentViewer = (workspace: typeof w, agent: TestAgent, teamIds: string[] = []): Viewer => ({
    workspace: workspace.workspace,
    workspaceId: workspace.workspace.id,
    principal: { kind: 'agent', agent: agent.agent },
    teamIds,
  });

  it('gives the same answer as SQL and as a check, for agents, admins, API keys, teams and other workspaces', async () => {
    const deps = t.factories;
    const teams = deps.dataSource.getRepository(Team);
    const sales = await teams.save({ workspaceId: w.workspace.id, name: `Sales ${Date.now()}` });
    const support = await teams.save({ workspaceId: w.workspace.id, name: `Support ${Date.now()}` });
    const inTeam = (teamId: string, assigneeId: string | null) =>
      createConversation(deps, w.channel, { assigneeId, overrides: { teamId } });
    const conversations = [
      await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id }),
      await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id }),
      await createConversation(deps, w.channel, { assigneeId: w.admin.agent.id }),
      await createConversation(deps, w.channel, { assigneeId: null }),
      await createConversation(deps, other.channel, { assigneeId: null }),
      await createConversation(deps, other.channel, { assigneeId: other.agentA.agent.id }),
      await inTeam(sales.id, null),
      await inTeam(support.id, null),
      await inTeam(sales.id, w.agentB.agent.id),
    ];
    const { apiKey } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ]);
    const viewers: Record<string, Viewer> = {
      agentA: agentViewer(w, w.agentA),
      agentB: agentViewer(w, w.agentB),
      agentAInSales: agentViewer(w, w.agentA, [sales.id]),
      agentBInBoth: agentViewer(w, w.agentB, [sales.id, support.id]),
      admin: agentViewer(w, w.admin),
      apiKey: { workspace: w.workspace, workspaceId: w.workspace.id, principal: { kind: 'apiKey', apiKey } },
      otherAgent: agentViewer(other, other.agentA),
    };
    const ids = conversations.map((conversation) => conversation.id);
    const expected: Record<string, number[]> = {
      agentA: [0, 3],
      agentB: [1, 3, 8],
      agentAInSales: [0, 3, 6],
      agentBInBoth: [1, 3, 6, 7, 8],
      admin: [0, 1, 2, 3, 6, 7, 8],
      apiKey: [0, 1, 2, 3, 6, 7, 8],
      otherAgent: [4, 5],
    };
    for (const [name, viewer] of Object.entries(viewers)) {
      const scope = conversationReadScope(viewer);
      const rule = readableConversationSql(scope, 'c');
      const bySql = await t.app.deps.dataSource
        .getRepository(Conversation)
        .createQueryBuilder('c')
        .where('c.id = ANY(:ids)', { ids })
        .andWhere(rule.sql, rule.parameters)
        .getMany();
      const byCheck = conversations.filter((conversation) => mayReadConversation(scope, conversation));
      const indexes = (rows: Conversation[]) => rows.map((row) => ids.indexOf(row.id)).sort();
      expect({ name, sql: indexes(bySql), check: indexes(byCheck) }).toEqual({
        name,
        sql: expected[name],
        check: expected[name],
      });
    }
  });

  it('reads a conversation by id only when the rule allows it; a malformed id is simply absent', async () => {
    const deps = t.factories;
    const ofB = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const caller = (viewer: Viewer) => ({ deps: t.app.deps, viewer });
    await expect(readableConversationOrNull(caller(agentViewer(w, w.agentA)), ofB.id)).resolves.toBeNull();
    await expect(readableConversationOrNull(caller(agentViewer(w, w.agentB)), ofB.id)).resolves.toMatchObject(
      {
        id: ofB.id,
      },
    );
    await expect(readableConversationOrNull(caller(agentViewer(w, w.admin)), ofB.id)).resolves.toMatchObject({
      id: ofB.id,
    });
    await expect(
      readableConversationOrNull(caller(agentViewer(w, w.admin)), 'not-a-uuid'),
    ).resolves.toBeNull();
  });
});
