import { type DataSource } from 'typeorm';
import { Agent } from '../entities/agent.entity';
import { ApiKey } from '../entities/api-key.entity';
import { ActorType } from '../entities/enums';
import { Workspace } from '../entities/workspace.entity';
import { type Viewer } from './viewer';

/**
 * The viewer of an agent or API key as they are now, for work done later on their behalf (a bulk
 * job's chunks): null when the agent was deactivated or the key revoked, so nothing runs with
 * rights they no longer have. Their teams are read again, as at sign-in.
 */
export async function currentViewerOf(
  dataSource: DataSource,
  workspaceId: string,
  actorType: ActorType,
  actorId: string,
): Promise<Viewer | null> {
  const workspace = await dataSource.getRepository(Workspace).findOne({ where: { id: workspaceId } });
  if (!workspace) return null;
  if (actorType === ActorType.AGENT) {
    const agent = await dataSource.getRepository(Agent).findOne({ where: { id: actorId, workspaceId } });
    if (!agent?.active) return null;
    const teams = (await dataSource.query(
      'SELECT team_id::text AS team_id FROM team_member WHERE agent_id = $1',
      [agent.id],
    )) as { team_id: string }[];
    return {
      workspace,
      workspaceId,
      principal: { kind: 'agent', agent },
      teamIds: teams.map((row) => row.team_id),
    };
  }
  if (actorType === ActorType.API_KEY) {
    const apiKey = await dataSource.getRepository(ApiKey).findOne({ where: { id: actorId, workspaceId } });
    if (!apiKey || apiKey.revokedAt) return null;
    return { workspace, workspaceId, principal: { kind: 'apiKey', apiKey } };
  }
  return null;
}
