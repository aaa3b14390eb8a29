import { AiSummary } from '../../entities/ai-summary.entity';
import { type Conversation } from '../../entities/conversation.entity';
import { AiSummaryStatus, type AiTrigger } from '../../entities/enums';
import { type Workspace } from '../../entities/workspace.entity';
import { JobName } from '../../runtime/job-queue';
import { type Logger } from '../../runtime/logger';
import { type UnitOfWork } from '../unit-of-work';

/** Data of the AI_ASSIST job (plus `workspaceId`, added by the unit of work). */
export interface AiAssistJobData {
  conversationId: string;
  /** The PENDING summary row to fill, when summaries are enabled. */
  aiSummaryId: string | null;
  summary: boolean;
  suggestions: boolean;
  trigger: AiTrigger;
}

/**
 * Asks the AI assistant for a summary and suggestions when the conversation changes hands. Written in
 * a savepoint of the caller's transaction: a failure here is logged and never undoes the handoff or
 * transfer it rides on.
 */
export async function requestAiAssist(
  uow: UnitOfWork,
  conversation: Pick<Conversation, 'id' | 'workspaceId'>,
  workspace: Pick<Workspace, 'aiSummaryEnabled' | 'aiSuggestionsEnabled'>,
  trigger: AiTrigger,
  logger?: Logger,
): Promise<AiAssistJobData | null> {
  const summary = workspace.aiSummaryEnabled;
  const suggestions = workspace.aiSuggestionsEnabled;
  if (!summary && !suggestions) return null;
  try {
    return await uow.manager.transaction(async (manager) => {
      let aiSummaryId: string | null = null;
      if (summary) {
        const row = await manager.getRepository(AiSummary).save(
          manager.create(AiSummary, {
            workspaceId: conversation.workspaceId,
            conversationId: conversation.id,
            trigger,
            status: AiSummaryStatus.PENDING,
          }),
        );
        aiSummaryId = row.id;
      }
      const data: AiAssistJobData = {
        conversationId: conversation.id,
        aiSummaryId,
        summary,
        suggestions,
        trigger,
      };
      await uow.enqueue(JobName.AI_ASSIST, { ...data });
      return data;
    });
  } catch (error) {
    logger?.error('AI assist request failed', {
      conversationId: conversation.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}
