import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { isAdmin, type Viewer } from '../../auth/viewer';
import { type CannedResponse } from '../../entities/canned-response.entity';
import { CannedScope } from '../../entities/enums';

/**
 * Who sees a canned response: WORKSPACE ones everyone; TEAM ones the team's members, admins and API
 * keys; PERSONAL ones their owner alone (not even admins). One rule for lists and reads by id.
 */
export function cannedReadSql(
  viewer: Viewer,
  alias: string,
): { sql: string; parameters: Record<string, unknown> } {
  const agentId = viewer.principal.kind === 'agent' ? viewer.principal.agent.id : null;
  const allTeams = viewer.principal.kind === 'apiKey' || isAdmin(viewer);
  return {
    sql: `(${alias}.workspace_id = :cannedWorkspace AND (${alias}.scope = 'WORKSPACE'
      OR (${alias}.scope = 'TEAM' AND (:cannedAllTeams OR ${alias}.team_id = ANY(CAST(:cannedTeams AS uuid[]))))
      OR (${alias}.scope = 'PERSONAL' AND ${alias}.owner_id = :cannedOwner)))`,
    parameters: {
      cannedWorkspace: viewer.workspaceId,
      cannedAllTeams: allTeams,
      cannedTeams: [...(viewer.teamIds ?? [])],
      // No agent owns nothing: a uuid no row has.
      cannedOwner: agentId ?? '00000000-0000-0000-0000-000000000000',
    },
  };
}

export function whereCannedReadable<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  viewer: Viewer,
  alias: string,
): SelectQueryBuilder<T> {
  const rule = cannedReadSql(viewer, alias);
  return query.andWhere(rule.sql, rule.parameters);
}

/**
 * Who creates, edits and deletes one: admins (agents or `admin` keys) those of the workspace and of
 * every team; a team's members those of their team; an agent their own personal ones.
 */
export function mayManageCanned(
  viewer: Viewer,
  response: Pick<CannedResponse, 'scope' | 'teamId' | 'ownerId'>,
): boolean {
  const agentId = viewer.principal.kind === 'agent' ? viewer.principal.agent.id : null;
  switch (response.scope) {
    case CannedScope.WORKSPACE:
      return isAdmin(viewer);
    case CannedScope.TEAM:
      return (
        isAdmin(viewer) || (response.teamId !== null && (viewer.teamIds ?? []).includes(response.teamId))
      );
    case CannedScope.PERSONAL:
      return agentId !== null && response.ownerId === agentId;
  }
}
