import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { type Message } from '../../entities/message.entity';
import { type Note } from '../../entities/note.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { notFound } from '../../services/errors';
import { searchMessages, SearchHitKind } from '../../services/search/message-search.service';
import { snippetHtml } from '../../services/search/snippet';
import { MessageSearchHit, MessageSearchHitConnection, SearchHitItem } from './message-search.types';

@Resolver(() => MessageSearchHit)
export class MessageSearchResolver {
  @Query(() => MessageSearchHitConnection, {
    description:
      'Messages and internal notes whose text holds every word of `query`, ignoring accents and case ("facturacion" finds "Facturación"), over all time, best first, each with a highlighted snippet. Only conversations the caller may read are searched: agents, their own and the queue.',
  })
  @Access(Allow.read)
  async messageSearch(
    @Arg('query', {
      description:
        'Words to find: at least one of 3 or more letters or digits; up to 8 words, 200 characters.',
    })
    query: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to read on from.' })
    after: string | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<MessageSearchHitConnection> {
    const connection = await searchMessages(ctx, query, { first, after });
    return Object.assign(new MessageSearchHitConnection(), {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({
        cursor,
        node: Object.assign(new MessageSearchHit(), {
          ...node,
          snippet: node.snippet.text,
          highlights: node.snippet.ranges,
        }),
      })),
    });
  }

  @FieldResolver(() => SearchHitItem, { description: 'The message or note itself.' })
  async item(@Root() hit: MessageSearchHit, @Ctx() ctx: AuthedContext): Promise<Message | Note> {
    const row =
      hit.kind === SearchHitKind.MESSAGE
        ? await ctx.loaders.message.load(hit.id)
        : await ctx.loaders.note.load(hit.id);
    if (!row) throw notFound(hit.kind === SearchHitKind.MESSAGE ? 'Message' : 'Note');
    return row;
  }

  @FieldResolver(() => Conversation, { description: 'The conversation it belongs to.' })
  async conversation(@Root() hit: MessageSearchHit, @Ctx() ctx: AuthedContext): Promise<Conversation> {
    const conversation = await ctx.loaders.conversation.load(hit.conversationId);
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who wrote it, when one did.' })
  senderAgent(@Root() hit: MessageSearchHit, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return hit.agentId ? ctx.loaders.agent.load(hit.agentId) : null;
  }

  @FieldResolver(() => String, {
    description:
      '`snippet` as HTML: every character escaped (& < > " \'), each match wrapped in `<mark>…</mark>`; safe to insert as markup.',
  })
  snippetHtml(@Root() hit: MessageSearchHit): string {
    return snippetHtml({ text: hit.snippet, ranges: hit.highlights });
  }
}
