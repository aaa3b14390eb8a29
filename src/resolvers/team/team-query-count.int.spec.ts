import { useTestApp } from '../../testing/test-lifecycle';
import {
  createConversation,
  createTestAgent,
  createTestWorkspace,
  factoryDeps,
} from '../../testing/factories';
import { countStatements } from '../../testing/query-counter';
import { Team } from '../../entities/team.entity';
import { TeamMember } from '../../entities/team-member.entity';

/** Teams with their members, and agents with their teams and workloads, cost the same for 2 rows or 40. */
describe('team and agent lists: statement count', () => {
  const t = useTestApp();

  it('does not grow with the number of teams or agents', async () => {
    const deps = factoryDeps(t.app);
    const w = await createTestWorkspace(deps);
    const agents = [w.agentA.agent, w.agentB.agent];
    for (let index = 0; index < 18; index += 1) {
      agents.push((await createTestAgent(deps, w.workspace.id)).agent);
    }
    const teams: Team[] = [];
    for (let index = 0; index < 40; index += 1) {
      teams.push(
        await deps.dataSource
          .getRepository(Team)
          .save({ workspaceId: w.workspace.id, name: `Team ${index}` }),
      );
    }
    await deps.dataSource.getRepository(TeamMember).save(
      teams.flatMap((team, index) =>
        [agents[index % agents.length]!, agents[(index + 1) % agents.length]!].map((agent) => ({
          workspaceId: w.workspace.id,
          teamId: team.id,
          agentId: agent.id,
        })),
      ),
    );
    for (const agent of agents) await createConversation(deps, w.channel, { assigneeId: agent.id });

    const teamsPage = (first: number) =>
      countStatements(() =>
        t.gql(
          `query($first: Int) { teams(first: $first) { nodes { name agents(first: 10) { totalCount nodes { name status } } } } }`,
          { first },
          w.admin.token,
        ),
      );
    const few = await teamsPage(2);
    const many = await teamsPage(40);
    expect(many.result.errors).toBeUndefined();
    expect((many.result.data as any).teams.nodes).toHaveLength(40);
    expect((many.result.data as any).teams.nodes.every((team: any) => team.agents.totalCount === 2)).toBe(
      true,
    );
    expect(many.statements.length).toBe(few.statements.length);

    const agentsList = await countStatements(() =>
      t.gql(`{ agents { name status openConversationCount teams { name } } }`, {}, w.admin.token),
    );
    expect(agentsList.result.errors).toBeUndefined();
    const listed = (agentsList.result.data as any).agents as {
      openConversationCount: number;
      teams: unknown[];
    }[];
    expect(listed.filter((agent) => agent.teams.length > 0)).toHaveLength(20);
    expect(listed.filter((agent) => agent.openConversationCount === 1)).toHaveLength(20);
    // The list, the teams of every agent (pairs, then rows), every count (the sign-in is counted apart).
    expect(agentsList.statements.length).toBeLessThanOrEqual(5);
  });
});
