import { ApiKey } from '../../entities/api-key.entity';
import { type ApiKeyScope } from '../../entities/enums';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { createApiKey } from '../workspace/workspace.service';
import { inTransaction } from '../unit-of-work';
import { changesOf, recordAudit } from '../audit/audit.service';
import { AuditAction } from '../../entities/audit-entry.entity';

/** What the audit log shows of a key (never the key or its hash). */
const AUDITED = ['name', 'scopes', 'revokedAt'] as const;

const NAME_MAX = 100;

/** A new partner key; the clear key is in the result once and only its hash is stored. */
export async function issueApiKey(
  caller: Caller,
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
  const workspaceId = caller.viewer.workspaceId;
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    const issued = await createApiKey(uow.manager, { workspaceId, name, scopes });
    const changes = changesOf(null, issued.apiKey, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.API_KEY_CREATED,
      targetType: 'ApiKey',
      targetId: issued.apiKey.id,
      changes,
    });
    return issued;
  });
}

/** Revokes a key at once (the next request with it is refused); revoking twice keeps the first time. */
export async function revokeApiKey(caller: Caller, apiKeyId: string): Promise<ApiKey> {
  const apiKey = await ownedRow(caller, ApiKey, apiKeyId);
  if (!apiKey.revokedAt) {
    const now = caller.deps.clock.now();
    return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
      await uow.manager
        .getRepository(ApiKey)
        .createQueryBuilder()
        .update()
        .set({ revokedAt: now })
        .where('id = :id AND revoked_at IS NULL', { id: apiKey.id })
        .execute();
      const revoked = await uow.manager.getRepository(ApiKey).findOneByOrFail({ id: apiKey.id });
      const changes = changesOf(apiKey, revoked, AUDITED);
      await recordAudit(uow, caller, {
        action: AuditAction.API_KEY_REVOKED,
        targetType: 'ApiKey',
        targetId: apiKey.id,
        changes,
      });
      return revoked;
    });
  }
  return apiKey;
}

/** The workspace's keys, newest first, revoked ones included (they show when they were revoked). */
export function listApiKeys(caller: Caller): Promise<ApiKey[]> {
  return caller.deps.dataSource
    .getRepository(ApiKey)
    .find({ where: { workspaceId: caller.viewer.workspaceId }, order: { createdAt: 'DESC', id: 'ASC' } });
}
