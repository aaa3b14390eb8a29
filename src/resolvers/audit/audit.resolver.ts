import { Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { fromGlobalId } from '../../entities/global-id';
import { Access, Allow } from '../../schema/access.decorator';
import { ConnectionType } from '../../schema/pagination';
import { type AuthedContext } from '../../server/context';
import { listAuditLog } from '../../services/audit/audit-query.service';
import { invalidInput } from '../../services/errors';
import { AuditLogArgs } from './audit.input';

@ObjectType({ description: 'A page of audit entries, newest first.' })
export class AuditEntryConnection extends ConnectionType(AuditEntry) {}

const ACTOR_TYPES = new Set(['Agent', 'ApiKey']);

/** A filter id to its database id; a malformed one (or an actor of another type) is bad input. */
function filterId(globalId: string | null | undefined, field: string, types?: Set<string>): string | null {
  if (globalId == null) return null;
  const decoded = fromGlobalId(globalId);
  if (!decoded || (types && !types.has(decoded.type))) {
    throw invalidInput(
      `\`filter.${field}\` is not the id of ${types ? 'an Agent or ApiKey' : 'an object'}.`,
      field,
    );
  }
  return decoded.id;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'The audit log of admin actions: who changed settings, custom fields, tags, agents, API keys, channels and webhooks, and sign-ins. Newest first (admins).',
  })
  @Access(Allow.admin)
  auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: AuthedContext) {
    const { filter, ...page } = args;
    return listAuditLog(
      ctx,
      {
        action: filter?.action ?? null,
        actorId: filterId(filter?.actorId, 'actorId', ACTOR_TYPES),
        targetId: filterId(filter?.targetId, 'targetId'),
        from: filter?.from ?? null,
        to: filter?.to ?? null,
      },
      page,
    );
  }
}
