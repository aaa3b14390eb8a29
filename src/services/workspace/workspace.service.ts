import { type DataSource, type EntityManager } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { ApiKey } from '../../entities/api-key.entity';
import { Workspace } from '../../entities/workspace.entity';
import { AgentRole, type ApiKeyScope } from '../../entities/enums';
import { generateApiKey, issueSessionToken } from '../../auth/tokens';
import { TEXT_LIMITS } from '../text-limits';

export class WorkspaceSetupError extends Error {}

export function normalizeEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed))
    throw new WorkspaceSetupError(`"${email}" is not an e-mail address.`);
  return trimmed;
}

/** A workspace and its first admin, in one transaction. */
export async function createWorkspace(
  dataSource: DataSource | EntityManager,
  input: { name: string; adminEmail: string; adminName?: string },
): Promise<{ workspace: Workspace; admin: Agent }> {
  const name = input.name.trim();
  if (!name || name.length > TEXT_LIMITS.name) {
    throw new WorkspaceSetupError(`The workspace name must be 1 to ${TEXT_LIMITS.name} characters.`);
  }
  const email = normalizeEmail(input.adminEmail);
  const manager = 'manager' in dataSource ? dataSource.manager : dataSource;
  return manager.transaction(async (tx) => {
    if (await tx.getRepository(Agent).exists({ where: { email } })) {
      throw new WorkspaceSetupError(`An agent with e-mail ${email} already exists.`);
    }
    const workspace = await tx.getRepository(Workspace).save(tx.create(Workspace, { name }));
    const admin = await tx.getRepository(Agent).save(
      tx.create(Agent, {
        workspaceId: workspace.id,
        email,
        name: input.adminName?.trim() || email.split('@')[0]!,
        role: AgentRole.ADMIN,
      }),
    );
    return { workspace, admin };
  });
}

export function sessionTokenFor(
  agent: Pick<Agent, 'id' | 'workspaceId' | 'tokenVersion'>,
  appSecret: string,
  ttlMinutes: number,
  now: Date = new Date(),
): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000);
  const token = issueSessionToken(appSecret, {
    agentId: agent.id,
    workspaceId: agent.workspaceId,
    tokenVersion: agent.tokenVersion,
    expiresAt,
  });
  return { token, expiresAt };
}

/** A new partner key; the clear key is returned once and never stored. */
export async function createApiKey(
  manager: EntityManager,
  input: { workspaceId: string; name: string; scopes: ApiKeyScope[] },
): Promise<{ apiKey: ApiKey; key: string }> {
  const { key, hash, prefix } = generateApiKey();
  const apiKey = await manager.getRepository(ApiKey).save(
    manager.create(ApiKey, {
      workspaceId: input.workspaceId,
      name: input.name,
      scopes: input.scopes,
      keyHash: hash,
      prefix,
    }),
  );
  return { apiKey, key };
}
