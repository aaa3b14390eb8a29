import { Ctx, Query, Resolver } from 'type-graphql';
import { CustomField } from '../../entities/custom-field.entity';
import { Access, Allow } from '../../auth/access';
import { type AuthedContext } from '../../server/context';

@Resolver(() => CustomField)
export class CustomFieldResolver {
  @Query(() => [CustomField], { description: 'Custom customer fields, in display order.' })
  @Access(Allow.read)
  customFields(@Ctx() ctx: AuthedContext): Promise<CustomField[]> {
    return ctx.deps.dataSource
      .getRepository(CustomField)
      .find({ where: { workspaceId: ctx.viewer.workspaceId }, order: { position: 'ASC', key: 'ASC' } });
  }
}
