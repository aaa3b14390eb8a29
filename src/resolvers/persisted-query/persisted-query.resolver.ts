import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLResolveInfo } from 'graphql';
import { PersistedQuery } from '../../entities/persisted-query.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { documentProblem } from '../../schema/document-check';
import { PageArgs } from '../../schema/pagination';
import { type AuthedContext } from '../../server/context';
import {
  deletePersistedQuery,
  listPersistedQueries,
  registerPersistedQuery,
} from '../../services/persisted-query/persisted-query.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { PersistedQueryDeleteInput, PersistedQueryRegisterInput } from './persisted-query.input';
import {
  PersistedQueryConnection,
  PersistedQueryDeletePayload,
  PersistedQueryRegisterPayload,
} from './persisted-query.payload';

/** The workspace's registered operations: what its API keys may run when it requires a safelist. */
@Resolver(() => PersistedQuery)
export class PersistedQueryResolver {
  @Query(() => PersistedQueryConnection, {
    description: 'Operations registered for the workspace, newest first (admins).',
  })
  @Access(Allow.admin)
  persistedQueries(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AuthedContext) {
    return listPersistedQueries(ctx, page);
  }

  @Mutation(() => PersistedQueryRegisterPayload, {
    description:
      'Registers a document: any credential of the workspace then runs it by its sha256, and a safelisted API key runs only such documents (admins).',
  })
  @Access(Allow.admin)
  persistedQueryRegister(
    @Arg('input', () => PersistedQueryRegisterInput, { description: 'The document and its name.' })
    input: PersistedQueryRegisterInput,
    @Ctx() ctx: AuthedContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PersistedQueryRegisterPayload> {
    return mutate(PersistedQueryRegisterPayload, async () => ({
      persistedQuery: await registerPersistedQuery(ctx, input, (query) =>
        documentProblem(info.schema, query),
      ),
    }));
  }

  @Mutation(() => PersistedQueryDeletePayload, {
    description: 'Removes a registered operation; safelisted API keys can no longer run it (admins).',
  })
  @Access(Allow.admin)
  persistedQueryDelete(
    @Arg('input', () => PersistedQueryDeleteInput, { description: 'The operation.' })
    input: PersistedQueryDeleteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<PersistedQueryDeletePayload> {
    return mutate(PersistedQueryDeletePayload, async () => ({
      deletedPersistedQueryId: await deletePersistedQuery(
        ctx,
        localId(input.persistedQueryId, PersistedQuery.name),
      ),
    }));
  }

  @FieldResolver(() => Date, { description: 'When it was registered.' })
  createdAt(@Root() registered: PersistedQuery): Date {
    return registered.createdAt;
  }
}
