import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Template } from '../../entities/template.entity';
import { TemplateStatus } from '../../entities/enums';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';

@Resolver(() => Template)
export class TemplateResolver {
  @Query(() => [Template], {
    description: 'WhatsApp templates, optionally of one status (APPROVED ones can be sent).',
  })
  @Access(Allow.read)
  templates(
    @Arg('status', () => TemplateStatus, { nullable: true }) status: TemplateStatus | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<Template[]> {
    return ctx.deps.dataSource.getRepository(Template).find({
      where: { workspaceId: ctx.viewer.workspaceId, ...(status ? { status } : {}) },
      order: { name: 'ASC', language: 'ASC' },
    });
  }
}
