import { ApiKey } from '../../entities/api-key.entity';
import { type ApiKeyScope } from '../../entities/enums';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type AuthedContext } from '../../server/context';
import { findOwned } from '../../resolvers/find-owned';
import { createApiKey } from '../workspace/workspace.service';

const NAME_MAX = 100;

/** A new partner key; the clear key is in the result once and only its hash is stored. */
export async function issueApiKey(
  ctx: AuthedContext,
  input: { name: string; scopes: ApiKeyScope[] },
): Promise<{ apiKey: ApiKey; key: string }> {
  const name = input.name.trim();
  if (!name || name.length > NAME_MAX) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `The key name must be 1 to ${NAME_MAX} characters.`,
      ['input', 'name'],
    );
  }
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'Give the key at least one scope: read, write, admin or bot.',
      ['input', 'scopes'],
    );
  }
  return createApiKey(ctx.deps.dataSource.manager, { workspaceId: ctx.viewer.workspaceId, name, scopes });
}

/** Revokes a key at once (the next request with it is refused); revoking twice keeps the first time. */
export async function revokeApiKey(ctx: AuthedContext, apiKeyId: string): Promise<ApiKey> {
  const apiKey = await findOwned(ctx, ApiKey, apiKeyId);
  if (!apiKey.revokedAt) {
    const now = ctx.deps.clock.now();
    await ctx.deps.dataSource
      .getRepository(ApiKey)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now })
      .where('id = :id AND revoked_at IS NULL', { id: apiKey.id })
      .execute();
    return ctx.deps.dataSource.getRepository(ApiKey).findOneByOrFail({ id: apiKey.id });
  }
  return apiKey;
}

/** The workspace's keys, newest first, revoked ones included (they show when they were revoked). */
export function listApiKeys(ctx: AuthedContext): Promise<ApiKey[]> {
  return ctx.deps.dataSource
    .getRepository(ApiKey)
    .find({ where: { workspaceId: ctx.viewer.workspaceId }, order: { createdAt: 'DESC', id: 'ASC' } });
}
