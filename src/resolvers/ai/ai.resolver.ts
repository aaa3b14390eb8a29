import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { AiSummary } from '../../entities/ai-summary.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Suggestion } from '../../entities/suggestion.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { localId } from '../find-owned';
import { notFound } from '../../services/errors';
import {
  conversationReadScope,
  mayReadConversation,
} from '../../services/conversation/conversation-visibility';
import { refreshSuggestions, requestManualSummary } from '../../services/ai-assist/ai-assist.service';
import { mutate } from '../mutation-payload';
import { aiLoaders } from './ai-by-conversation.loader';
import { AiSummaryGenerateInput, SuggestionsRefreshInput } from './ai.input';
import { AiSummaryGeneratePayload, SuggestionsRefreshPayload } from './ai.payload';

/** What the AI assistant wrote for a conversation. */
@Resolver(() => Conversation)
export class ConversationAiResolver {
  @FieldResolver(() => AiSummary, {
    nullable: true,
    description:
      'The newest AI summary (PENDING while it is being written); null when none was ever asked for.',
  })
  async aiSummary(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<AiSummary | null> {
    if (!mayReadConversation(conversationReadScope(ctx.viewer), conversation)) return null;
    return aiLoaders(ctx).latestSummary.load(conversation.id);
  }

  @FieldResolver(() => [Suggestion], {
    description: 'The current AI reply suggestions, best first; empty when there are none.',
  })
  async suggestions(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<Suggestion[]> {
    if (!mayReadConversation(conversationReadScope(ctx.viewer), conversation)) return [];
    return aiLoaders(ctx).currentSuggestions.load(conversation.id);
  }
}

@Resolver(() => AiSummary)
export class AiSummaryResolver {
  @FieldResolver(() => Conversation, { description: 'The conversation it summarizes.' })
  async conversation(@Root() summary: AiSummary, @Ctx() ctx: AuthedContext): Promise<Conversation> {
    const conversation = await ctx.loaders.conversation.load(summary.conversationId);
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }
}

@Resolver()
export class AiAssistResolver {
  @Mutation(() => AiSummaryGeneratePayload, {
    description:
      'Asks for a new AI summary now (trigger MANUAL); it is written in the background and announced by `aiSummaryReady`. AI_DISABLED when the workspace turned summaries off.',
  })
  @Access(Allow.write)
  aiSummaryGenerate(
    @Arg('input', () => AiSummaryGenerateInput, { description: 'The conversation.' })
    input: AiSummaryGenerateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AiSummaryGeneratePayload> {
    return mutate(AiSummaryGeneratePayload, async () => ({
      aiSummary: await requestManualSummary(ctx, localId(input.conversationId, 'Conversation')),
    }));
  }

  @Mutation(() => SuggestionsRefreshPayload, {
    description:
      'Replaces the AI reply suggestions with a new set that repeats none of the recent ones, and returns it. AI_DISABLED when the workspace turned suggestions off; AI_UNAVAILABLE when the provider failed.',
  })
  @Access(Allow.write)
  suggestionsRefresh(
    @Arg('input', () => SuggestionsRefreshInput, { description: 'The conversation.' })
    input: SuggestionsRefreshInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<SuggestionsRefreshPayload> {
    return mutate(SuggestionsRefreshPayload, async () => ({
      suggestions: await refreshSuggestions(ctx, ctx.deps.ai, localId(input.conversationId, 'Conversation')),
    }));
  }
}
