import { Ctx, Query, Resolver } from 'type-graphql';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../auth/access';
import { type AuthedContext } from '../../server/context';

@Resolver(() => Tag)
export class TagResolver {
  @Query(() => [Tag], { description: 'Tags of the workspace, by name.' })
  @Access(Allow.read)
  tags(@Ctx() ctx: AuthedContext): Promise<Tag[]> {
    return ctx.deps.dataSource
      .getRepository(Tag)
      .find({ where: { workspaceId: ctx.viewer.workspaceId }, order: { name: 'ASC' } });
  }
}
