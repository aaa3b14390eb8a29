import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { isAdmin, type Viewer } from '../../auth/viewer';
import { CannedScope } from '../../entities/enums';

/** A row shared at one of the three scopes: canned responses and macros. */
export interface ScopedRow {
  scope: CannedScope;
  teamId: string | null;
  ownerId: string | null;
}

/**
 * Who sees a scoped row (a canned response, a macro): WORKSPACE ones everyone; TEAM ones the team's
 * members, admins and API keys; PERSONAL ones their owner alone (not even admins). One rule for
 * lists and reads by id, whatever the table.
 */
export function scopedReadSql(
  viewer: Viewer,
  alias: string,
): { sql: string; parameters: Record<string, unknown> } {
  const agentId = viewer.principal.kind === 'agent' ? viewer.principal.agent.id : null;
  const allTeams = viewer.principal.kind === 'apiKey' || isAdmin(viewer);
  return {
    sql: `(${alias}.workspace_id = :scopeWorkspace AND (${alias}.scope = 'WORKSPACE'
      OR (${alias}.scope = 'TEAM' AND (:scopeAllTeams OR ${alias}.team_id = ANY(CAST(:scopeTeams AS uuid[]))))
      OR (${alias}.scope = 'PERSONAL' AND ${alias}.owner_id = :scopeOwner)))`,
    parameters: {
      scopeWorkspace: viewer.workspaceId,
      scopeAllTeams: allTeams,
      scopeTeams: [...(viewer.teamIds ?? [])],
      // No agent owns nothing: a uuid no row has.
      scopeOwner: agentId ?? '00000000-0000-0000-0000-000000000000',
    },
  };
}

export function whereScopedReadable<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  viewer: Viewer,
  alias: string,
): SelectQueryBuilder<T> {
  const rule = scopedReadSql(viewer, alias);
  return query.andWhere(rule.sql, rule.parameters);
}

/**
 * Who creates, edits and deletes one: admins (agents or `admin` keys) those of the workspace and of
 * every team; a team's members those of their team; an agent their own personal ones.
 */
export function mayManageScoped(viewer: Viewer, response: ScopedRow): boolean {
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
