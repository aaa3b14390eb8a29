import { type Agent } from '../entities/agent.entity';
import { type ApiKey } from '../entities/api-key.entity';
import { type Workspace } from '../entities/workspace.entity';
import { AgentRole, ActorType, ApiKeyScope } from '../entities/enums';

/** The authenticated caller: an agent with a session token, or a partner API key. */
export type Principal = { kind: 'agent'; agent: Agent } | { kind: 'apiKey'; apiKey: ApiKey };

export interface Viewer {
  workspace: Workspace;
  workspaceId: string;
  principal: Principal;
  /** An agent's teams when they signed in (their queues are readable); none when absent. */
  teamIds?: readonly string[];
}

/** An admin agent, or an API key with the `admin` scope: may see workspace administration. */
export function isAdmin(viewer: Viewer): boolean {
  return viewer.principal.kind === 'agent'
    ? viewer.principal.agent.role === AgentRole.ADMIN
    : viewer.principal.apiKey.scopes.includes(ApiKeyScope.ADMIN);
}

/** Agents (not admins) see only their own conversations and the queue; everyone else sees all. */
export function restrictedAgentId(viewer: Viewer): string | null {
  return viewer.principal.kind === 'agent' && viewer.principal.agent.role !== AgentRole.ADMIN
    ? viewer.principal.agent.id
    : null;
}

export function actorOf(viewer: Viewer): { actorType: ActorType; actorId: string } {
  return viewer.principal.kind === 'agent'
    ? { actorType: ActorType.AGENT, actorId: viewer.principal.agent.id }
    : { actorType: ActorType.API_KEY, actorId: viewer.principal.apiKey.id };
}
