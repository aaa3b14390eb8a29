import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Attachment } from '../../entities/attachment.entity';
import { CannedResponse } from '../../entities/canned-response.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Team } from '../../entities/team.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { PageArgs } from '../../schema/pagination';
import { type AuthedContext } from '../../server/context';
import { readableAttachmentOrNull } from '../../services/media/attachment-visibility';
import {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  renderCannedResponse,
  updateCannedResponse,
} from '../../services/canned-response/canned-response.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import {
  CannedResponseCreateInput,
  CannedResponseDeleteInput,
  CannedResponseRenderInput,
  CannedResponseUpdateInput,
} from './canned-response.input';
import {
  CannedResponseConnection,
  CannedResponseDeletePayload,
  CannedResponsePayload,
  CannedResponseRenderPayload,
} from './canned-response.payload';

const attachmentIds = (ids: string[] | null | undefined) =>
  ids == null ? ids : ids.map((id) => localId(id, Attachment.name));

@Resolver(() => CannedResponse)
export class CannedResponseResolver {
  @Query(() => CannedResponseConnection, {
    description:
      'The canned responses you see (the workspace\'s, your teams\', your own), by shortcode; `search` matches a shortcode prefix ("/ref" or "ref") or words of the title and text (accents and case ignored, 3 characters or more).',
  })
  @Access(Allow.read)
  cannedResponses(
    @Arg('search', () => String, { nullable: true, description: 'Shortcode prefix or text.' })
    search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    return listCannedResponses(ctx, search, page);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team of a TEAM response.' })
  team(@Root() response: CannedResponse, @Ctx() ctx: AuthedContext): Promise<Team | null> | null {
    return response.teamId ? ctx.loaders.team.load(response.teamId) : null;
  }

  @FieldResolver(() => [Attachment], {
    description:
      'Files sent with it, in order: those the caller may read (a file since sent follows its conversation).',
  })
  async attachments(@Root() response: CannedResponse, @Ctx() ctx: AuthedContext): Promise<Attachment[]> {
    const attachments = await ctx.loaders.attachmentsByCannedResponse.load(response.id);
    // The attachment read rule, as on every other path: a canned response opens no way round it.
    const readable = await Promise.all(
      attachments.map((attachment) => readableAttachmentOrNull(ctx, attachment.id)),
    );
    return readable.filter((attachment): attachment is Attachment => attachment !== null);
  }

  @Mutation(() => CannedResponsePayload, {
    description:
      "Creates a canned response: WORKSPACE ones by admins, TEAM ones by the team's members or admins, PERSONAL ones by any agent for themselves.",
  })
  @Access(Allow.write)
  cannedResponseCreate(
    @Arg('input', () => CannedResponseCreateInput, { description: 'The canned response.' })
    input: CannedResponseCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CannedResponsePayload> {
    return mutate(CannedResponsePayload, async () => ({
      cannedResponse: await createCannedResponse(ctx, {
        ...input,
        teamId: input.teamId ? localId(input.teamId, Team.name) : null,
        attachmentIds: attachmentIds(input.attachmentIds),
      }),
    }));
  }

  @Mutation(() => CannedResponsePayload, {
    description: 'Changes a canned response (whoever may create it in its scope).',
  })
  @Access(Allow.write)
  cannedResponseUpdate(
    @Arg('input', () => CannedResponseUpdateInput, { description: 'The changes.' })
    input: CannedResponseUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CannedResponsePayload> {
    return mutate(CannedResponsePayload, async () => ({
      cannedResponse: await updateCannedResponse(ctx, {
        ...input,
        cannedResponseId: localId(input.cannedResponseId, CannedResponse.name),
        attachmentIds: attachmentIds(input.attachmentIds),
      }),
    }));
  }

  @Mutation(() => CannedResponseDeletePayload, {
    description: 'Deletes a canned response (whoever may create it in its scope).',
  })
  @Access(Allow.write)
  cannedResponseDelete(
    @Arg('input', () => CannedResponseDeleteInput, { description: 'The canned response.' })
    input: CannedResponseDeleteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CannedResponseDeletePayload> {
    return mutate(CannedResponseDeletePayload, async () => ({
      deletedCannedResponseId: await deleteCannedResponse(
        ctx,
        localId(input.cannedResponseId, CannedResponse.name),
      ),
    }));
  }

  @Mutation(() => CannedResponseRenderPayload, {
    description:
      "Fills a canned response's variables for a conversation you may read; MISSING_VARIABLE names every one that cannot be filled (nothing with braces is returned).",
  })
  @Access(Allow.read)
  cannedResponseRender(
    @Arg('input', () => CannedResponseRenderInput, {
      description: 'The canned response and the conversation.',
    })
    input: CannedResponseRenderInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CannedResponseRenderPayload> {
    return mutate(CannedResponseRenderPayload, async () => {
      const rendered = await renderCannedResponse(ctx, {
        cannedResponseId: localId(input.cannedResponseId, CannedResponse.name),
        conversationId: localId(input.conversationId, Conversation.name),
      });
      return { text: rendered.text, cannedResponse: rendered.response };
    });
  }
}
