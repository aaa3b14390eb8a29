import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { createTag, deleteTag, updateTag } from '../../services/tag/tag.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { TagCreateInput, TagDeleteInput, TagUpdateInput } from './tag.input';
import { TagDeletePayload, TagPayload } from './tag.payload';

@Resolver(() => Tag)
export class TagResolver {
  @Query(() => [Tag], { description: 'Tags of the workspace, by name.' })
  @Access(Allow.read)
  tags(@Ctx() ctx: AuthedContext): Promise<Tag[]> {
    return ctx.deps.dataSource
      .getRepository(Tag)
      .find({ where: { workspaceId: ctx.viewer.workspaceId }, order: { name: 'ASC' } });
  }

  @Mutation(() => TagPayload, { description: 'Defines a tag (admins).' })
  @Access(Allow.admin)
  tagCreate(
    @Arg('input', () => TagCreateInput, { description: 'The tag.' }) input: TagCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<TagPayload> {
    return mutate(TagPayload, async () => ({ tag: await createTag(ctx, input) }));
  }

  @Mutation(() => TagPayload, { description: 'Renames or recolours a tag (admins).' })
  @Access(Allow.admin)
  tagUpdate(
    @Arg('input', () => TagUpdateInput, { description: 'The changes.' }) input: TagUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<TagPayload> {
    return mutate(TagPayload, async () => ({
      tag: await updateTag(ctx, { ...input, tagId: localId(input.tagId, Tag.name) }),
    }));
  }

  @Mutation(() => TagDeletePayload, { description: 'Deletes a tag, taking it off every customer (admins).' })
  @Access(Allow.admin)
  tagDelete(
    @Arg('input', () => TagDeleteInput, { description: 'The tag.' }) input: TagDeleteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<TagDeletePayload> {
    return mutate(TagDeletePayload, async () => ({
      deletedTagId: await deleteTag(ctx, localId(input.tagId, Tag.name)),
    }));
  }
}
