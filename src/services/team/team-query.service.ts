import { type DataSource } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { Team } from '../../entities/team.entity';
import { type Caller } from '../caller';
import { paginate, type PageRequest } from '../paging';

export const TEAM_ORDER = {
  column: 't.name',
  idColumn: 't.id',
  table: 'team',
  tableColumn: 'name',
  direction: 'ASC' as const,
};

/** The workspace's teams by name; everyone signed in may see them. */
export function listTeams(caller: Caller, page: PageRequest) {
  const query = caller.deps.dataSource
    .getRepository(Team)
    .createQueryBuilder('t')
    .where('t.workspace_id = :workspaceId', { workspaceId: caller.viewer.workspaceId });
  return paginate(query, TEAM_ORDER, page, caller.viewer.workspaceId);
}

/** The teams of each agent, by name, in one statement. */
export async function teamsOfAgents(
  dataSource: DataSource,
  workspaceId: string,
  agentIds: readonly string[],
): Promise<Map<string, Team[]>> {
  const rows = (await dataSource.query(
    `SELECT tm.agent_id, t.id FROM team_member tm JOIN team t ON t.id = tm.team_id
      WHERE tm.agent_id = ANY($1::uuid[]) AND t.workspace_id = $2 ORDER BY t.name, t.id`,
    [[...agentIds], workspaceId],
  )) as { agent_id: string; id: string }[];
  const teams = await dataSource
    .getRepository(Team)
    .createQueryBuilder('t')
    .where('t.id = ANY(:ids)', { ids: [...new Set(rows.map((row) => row.id))] })
    .getMany();
  const byId = new Map(teams.map((team) => [team.id, team]));
  const result = new Map<string, Team[]>(agentIds.map((id) => [id, []]));
  for (const row of rows) result.get(row.agent_id)?.push(byId.get(row.id)!);
  return result;
}

/** The members of each team, by name (a team's members are few: one statement, paged in memory). */
export async function membersOfTeams(
  dataSource: DataSource,
  workspaceId: string,
  teamIds: readonly string[],
): Promise<Map<string, Agent[]>> {
  const rows = (await dataSource.query(
    `SELECT tm.team_id, a.id FROM team_member tm JOIN agent a ON a.id = tm.agent_id
      WHERE tm.team_id = ANY($1::uuid[]) AND a.workspace_id = $2 ORDER BY a.name, a.id`,
    [[...teamIds], workspaceId],
  )) as { team_id: string; id: string }[];
  const agents = await dataSource
    .getRepository(Agent)
    .createQueryBuilder('a')
    .where('a.id = ANY(:ids)', { ids: [...new Set(rows.map((row) => row.id))] })
    .getMany();
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const result = new Map<string, Agent[]>(teamIds.map((id) => [id, []]));
  for (const row of rows) result.get(row.team_id)?.push(byId.get(row.id)!);
  return result;
}

/** Open agent-held conversations assigned to each agent, in one grouped statement. */
export async function openCountsOfAgents(
  dataSource: DataSource,
  workspaceId: string,
  agentIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = (await dataSource.query(
    `SELECT assignee_id, count(*)::int AS n FROM conversation
      WHERE workspace_id = $1 AND assignee_id = ANY($2::uuid[]) AND status = 'OPEN' AND handler = 'AGENT'
      GROUP BY assignee_id`,
    [workspaceId, [...agentIds]],
  )) as { assignee_id: string; n: number }[];
  const result = new Map<string, number>(agentIds.map((id) => [id, 0]));
  for (const row of rows) result.set(row.assignee_id, row.n);
  return result;
}
