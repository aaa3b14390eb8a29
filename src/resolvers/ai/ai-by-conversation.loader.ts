import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { AiSummary } from '../../entities/ai-summary.entity';
import { Suggestion } from '../../entities/suggestion.entity';
import { type RequestContext } from '../../server/context';

function createAiLoaders(dataSource: DataSource, workspaceId: string) {
  return {
    /** The newest summary of each conversation, whatever its status. */
    latestSummary: new DataLoader<string, AiSummary | null>(async (conversationIds) => {
      const rows = await dataSource
        .getRepository(AiSummary)
        .createQueryBuilder('s')
        .distinctOn(['s.conversation_id'])
        .where('s.workspace_id = :workspaceId AND s.conversation_id = ANY(:ids)', {
          workspaceId,
          ids: [...conversationIds],
        })
        .orderBy('s.conversation_id')
        .addOrderBy('s.created_at', 'DESC')
        .addOrderBy('s.id', 'DESC')
        .getMany();
      const byConversation = new Map(rows.map((row) => [row.conversationId, row]));
      return conversationIds.map((id) => byConversation.get(id) ?? null);
    }),
    /** The newest batch of each conversation, best first. */
    currentSuggestions: new DataLoader<string, Suggestion[]>(async (conversationIds) => {
      const rows = await dataSource
        .getRepository(Suggestion)
        .createQueryBuilder('s')
        .where('s.workspace_id = :workspaceId AND s.conversation_id = ANY(:ids)', {
          workspaceId,
          ids: [...conversationIds],
        })
        .andWhere(
          `s.batch = (SELECT MAX(b.batch) FROM suggestion b
                       WHERE b.workspace_id = s.workspace_id AND b.conversation_id = s.conversation_id)`,
        )
        .orderBy('s.rank', 'ASC')
        .getMany();
      return conversationIds.map((id) => rows.filter((row) => row.conversationId === id));
    }),
  };
}

export type AiLoaders = ReturnType<typeof createAiLoaders>;

const perRequest = new WeakMap<RequestContext, AiLoaders>();

/** The AI loaders of this request, created on first use (keys are scoped to the caller's workspace). */
export function aiLoaders(ctx: RequestContext & { viewer: { workspaceId: string } }): AiLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = createAiLoaders(ctx.deps.dataSource, ctx.viewer.workspaceId);
    perRequest.set(ctx, loaders);
  }
  return loaders;
}
