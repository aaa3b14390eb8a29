import { type DataSource } from 'typeorm';
import { Agent } from '../entities/agent.entity';
import { ApiKey } from '../entities/api-key.entity';
import { Workspace } from '../entities/workspace.entity';
import { API_KEY_PREFIX, hashApiKey, verifySessionToken } from './tokens';
import { type Viewer } from './viewer';
import { createHash } from 'node:crypto';
import { type CredentialCache } from './credential-cache';

export type AuthResult = { ok: true; viewer: Viewer } | { ok: false; reason: string } | { ok: null };

const LAST_USED_GRANULARITY_MS = 60_000;

/** Marks the statement that reads a caller (`/* sign-in *\/`), so statement counts can tell it apart. */
export const SIGN_IN_COMMENT = 'sign-in';

/**
 * Reads `Bearer <token>` and loads the caller with its workspace in one statement, or, with a
 * `cache`, takes the caller verified by an earlier request of this process (a session token is
 * still checked for its signature and expiry on every request).
 */
export async function authenticate(
  dataSource: DataSource,
  appSecret: string,
  authorization: string | undefined,
  now: Date,
  cache?: CredentialCache,
): Promise<AuthResult> {
  if (!authorization) return { ok: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return { ok: false, reason: 'Authorization must be "Bearer <token>".' };
  const token = match[1]!;

  if (token.startsWith(API_KEY_PREFIX)) {
    const hash = hashApiKey(token);
    const cached = cache?.lookup(`k:${hash}`, now.getTime());
    if (cached && cached.principal.kind === 'apiKey') {
      if (await touchApiKey(dataSource, cached.principal.apiKey, now)) cache!.keyUsed(`k:${hash}`, now);
      return { ok: true, viewer: cached };
    }
    const generation = cache?.begin() ?? 0;
    const apiKey = await dataSource
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .innerJoinAndMapOne('k.workspace', Workspace, 'w', 'w.id = k.workspace_id')
      .where('k.key_hash = :hash', { hash })
      .comment(SIGN_IN_COMMENT)
      .getOne();
    if (!apiKey || apiKey.revokedAt) return { ok: false, reason: 'The API key is unknown or revoked.' };
    await touchApiKey(dataSource, apiKey, now);
    const workspace = apiKey.workspace!;
    const viewer: Viewer = { workspace, workspaceId: workspace.id, principal: { kind: 'apiKey', apiKey } };
    cache?.remember(`k:${hash}`, viewer, generation, now.getTime());
    return { ok: true, viewer };
  }

  const verdict = verifySessionToken(appSecret, token, now);
  if (!verdict.ok) {
    return {
      ok: false,
      reason: verdict.reason === 'expired' ? 'The session token has expired.' : 'The token is invalid.',
    };
  }
  const key = `s:${createHash('sha256').update(token).digest('base64url')}`;
  const cached = cache?.lookup(key, now.getTime());
  if (cached) return { ok: true, viewer: cached };
  const generation = cache?.begin() ?? 0;
  const query = dataSource
    .getRepository(Agent)
    .createQueryBuilder('a')
    .innerJoinAndMapOne('a.workspace', Workspace, 'w', 'w.id = a.workspace_id')
    .where('a.id = :id AND a.workspace_id = :workspaceId', {
      id: verdict.claims.agentId,
      workspaceId: verdict.claims.workspaceId,
    });
  // A token from a password sign-in lives only as long as its session family: signing out (or a
  // reused refresh token) refuses it at the next request, in the same statement.
  if (verdict.claims.familyId) {
    query.andWhere(
      'EXISTS (SELECT 1 FROM session_family f WHERE f.id = :familyId AND f.agent_id = a.id AND f.revoked_at IS NULL)',
      { familyId: verdict.claims.familyId },
    );
  }
  query.comment(SIGN_IN_COMMENT);
  // The agent's teams in the same statement: their queues are part of what the agent may read.
  query.addSelect('ARRAY(SELECT tm.team_id::text FROM team_member tm WHERE tm.agent_id = a.id)', 'team_ids');
  const { entities, raw } = await query.getRawAndEntities<{ team_ids: string[] | string | null }>();
  const agent = entities[0];
  if (!agent || !agent.active || agent.tokenVersion !== verdict.claims.tokenVersion) {
    return { ok: false, reason: 'The session is no longer valid; sign in again.' };
  }
  const workspace = agent.workspace!;
  const viewer: Viewer = {
    workspace,
    workspaceId: workspace.id,
    principal: { kind: 'agent', agent },
    teamIds: textArray(raw[0]?.team_ids),
  };
  cache?.remember(key, viewer, generation, now.getTime());
  return { ok: true, viewer };
}

/** `lastUsedAt` to the minute: a write at most once a minute per key (the cache's triggers ignore it). */
async function touchApiKey(dataSource: DataSource, apiKey: ApiKey, now: Date): Promise<boolean> {
  if (apiKey.lastUsedAt && now.getTime() - apiKey.lastUsedAt.getTime() <= LAST_USED_GRANULARITY_MS)
    return false;
  apiKey.lastUsedAt = now;
  await dataSource.getRepository(ApiKey).update({ id: apiKey.id }, { lastUsedAt: now });
  return true;
}

/** A text[] column as the driver hands it over: parsed, or in its literal form. */
function textArray(value: string[] | string | null | undefined): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === '{}') return [];
  return value.replace(/^\{|\}$/g, '').split(',');
}
