import { Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { ApiKey } from '../../entities/api-key.entity';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { fromGlobalId } from '../../entities/global-id';
import { Access, Allow } from '../../schema/access.decorator';
import { ConnectionType } from '../../schema/pagination';
import { type AuthedContext } from '../../server/context';
import { listAuditLog } from '../../services/audit/audit-query.service';
import { invalidInput } from '../../services/errors';
import { ownedId } from '../find-owned';
import { AuditLogArgs } from './audit.input';

@ObjectType({ description: 'A page of audit entries, newest first.' })
export class AuditEntryConnection extends ConnectionType(AuditEntry) {}

const ACTORS = { Agent, ApiKey };

/** The actor filter: an agent or key of this workspace (a foreign one is NOT_FOUND, like elsewhere). */
async function actorFilterId(
  ctx: AuthedContext,
  globalId: string | null | undefined,
): Promise<string | null> {
  if (globalId == null) return null;
  const type = fromGlobalId(globalId)?.type;
  if (type !== 'Agent' && type !== 'ApiKey') {
    throw invalidInput('`filter.actorId` is not the id of an Agent or ApiKey.', 'actorId');
  }
  return ownedId(ctx, ACTORS[type], globalId);
}

/** The target filter: any object's id, deleted ones too, so it is only decoded (others match nothing). */
function targetFilterId(globalId: string | null | undefined): string | null {
  if (globalId == null) return null;
  const decoded = fromGlobalId(globalId);
  if (!decoded) throw invalidInput('`filter.targetId` is not the id of an object.', 'targetId');
  return decoded.id;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'The audit log of admin actions: who changed settings, custom fields, tags, agents, API keys, channels and webhooks, and sign-ins. Newest first (admins).',
  })
  @Access(Allow.admin)
  async auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: AuthedContext) {
    const { filter, ...page } = args;
    return listAuditLog(
      ctx,
      {
        action: filter?.action ?? null,
        actorId: await actorFilterId(ctx, filter?.actorId),
        targetId: targetFilterId(filter?.targetId),
        from: filter?.from ?? null,
        to: filter?.to ?? null,
      },
      page,
    );
  }
}
