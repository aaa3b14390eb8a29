import { In, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { type AiInput, type AiLocale, type TranscriptSender } from '../../ai/ai-input';
import { AiGenerationError } from '../../ai/ai-generation.error';
import { generateSuggestions, generateSummary } from '../../ai/assistant';
import { type AiProvider } from '../../ai/ai-provider';
import { Agent } from '../../entities/agent.entity';
import { Attachment } from '../../entities/attachment.entity';
import { describeMedia, type TranscriptMedia } from '../../ai/media-description';
import { isMediaPlaceholderLine } from '../../channels/media-placeholders';
import { AiSummary } from '../../entities/ai-summary.entity';
import { Conversation } from '../../entities/conversation.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { Customer } from '../../entities/customer.entity';
import {
  AiSummaryStatus,
  AiTrigger,
  ConversationStatus,
  Handler,
  MessageDirection,
  MessageSender,
  MessageType,
  TemplateStatus,
} from '../../entities/enums';
import { Message } from '../../entities/message.entity';
import { Note } from '../../entities/note.entity';
import { Suggestion } from '../../entities/suggestion.entity';
import { Template } from '../../entities/template.entity';
import { Workspace } from '../../entities/workspace.entity';
import { JobName } from '../../runtime/job-queue';
import { EventType } from '../../realtime/event-types';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { type AppDeps } from '../../runtime/app-deps';
import { type AiAssistJobData } from './ai-assist-request';
import { type Caller } from '../caller';
import { assertMayAct, assertOpen, lockConversation } from '../conversation/conversation-workflow.service';
import { inTransaction } from '../unit-of-work';

/** Enough recent history for a handover; the prompt trims further by size. */
const TRANSCRIPT_MESSAGES = 50;
const NOTES = 20;
const TEMPLATES = 100;
/** Past agent replies the offline default retrieves from and models see as style examples. */
const PAST_REPLIES = 200;
/** A refresh avoids what the agent saw in the last batches, so two refreshes do not bounce back. */
const REFRESH_EXCLUDE_BATCHES = 2;
/** Stored errors stay short: the safe message of AiGenerationError, never a stack or provider body. */
const MAX_ERROR_CHARS = 300;

/** The AI_ASSIST job data as it arrives from the queue (the unit of work adds `workspaceId`). */
export interface AiAssistJob extends AiAssistJobData {
  workspaceId: string;
}

/** The message as the assistant reads it: its files described, their captions, and what was written. */
function transcriptText(message: Message, files: Attachment[]): string {
  if (files.length > 0) {
    const captions = files.map((file) => file.caption).filter((caption): caption is string => !!caption);
    const written = (message.text ?? '')
      .split('\n')
      .filter((line) => line.trim() !== '' && !isMediaPlaceholderLine(line) && !captions.includes(line));
    return [...files.map((file) => describeMedia(mediaOf(file))), ...captions, ...written].join(' ');
  }
  if (message.text && message.text.trim() !== '') return message.text;
  // Media without a caption still tells the model something happened ("sent a photo").
  return message.type === MessageType.TEXT ? '' : `[${message.type.toLowerCase()}]`;
}

function mediaOf(file: Attachment): TranscriptMedia {
  return {
    kind: file.kind,
    fileName: file.fileName,
    voiceNote: file.voiceNote,
    durationSeconds: file.durationSeconds,
  };
}

function fieldValueText(value: CustomerFieldValue['value']): string {
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}

function templateBody(template: Template): string | null {
  const body = template.components.find((component) => component.type === 'BODY');
  return body && typeof body.text === 'string' && body.text.trim() !== '' ? body.text : null;
}

/**
 * Everything the assistant may look at for one conversation, read from the workspace's own rows:
 * the recent transcript, the customer card with field labels, tags, notes, approved templates and
 * replies agents sent in other conversations.
 */
export async function buildAiInput(
  manager: EntityManager,
  workspace: Workspace,
  conversation: Conversation,
): Promise<AiInput> {
  const workspaceId = workspace.id;
  const [messages, customer, values, tags, notes, templates, replies] = await Promise.all([
    manager.find(Message, {
      where: { workspaceId, conversationId: conversation.id },
      order: { sentAt: 'DESC', id: 'DESC' },
      take: TRANSCRIPT_MESSAGES,
    }),
    manager.findOne(Customer, { where: { workspaceId, id: conversation.customerId } }),
    manager
      .createQueryBuilder(CustomerFieldValue, 'v')
      .innerJoinAndMapOne('v.field', CustomField, 'f', 'f.id = v.fieldId AND f.workspaceId = v.workspaceId')
      .where('v.workspaceId = :workspaceId AND v.customerId = :customerId', {
        workspaceId,
        customerId: conversation.customerId,
      })
      .orderBy('f.position', 'ASC')
      .getMany(),
    manager.query(
      `SELECT t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id
        WHERE ct.workspace_id = $1 AND ct.customer_id = $2 ORDER BY t.name`,
      [workspaceId, conversation.customerId],
    ) as Promise<{ name: string }[]>,
    manager.find(Note, {
      where: { workspaceId, conversationId: conversation.id },
      order: { createdAt: 'DESC' },
      take: NOTES,
    }),
    manager.find(Template, {
      where: { workspaceId, status: TemplateStatus.APPROVED },
      order: { name: 'ASC' },
      take: TEMPLATES,
    }),
    manager.query(
      `SELECT text FROM message
        WHERE workspace_id = $1 AND conversation_id <> $2 AND direction = $3 AND sender = $4
          AND type = $5 AND text IS NOT NULL
        ORDER BY sent_at DESC LIMIT $6`,
      [
        workspaceId,
        conversation.id,
        MessageDirection.OUTBOUND,
        MessageSender.AGENT,
        MessageType.TEXT,
        PAST_REPLIES,
      ],
    ) as Promise<{ text: string }[]>,
  ]);
  const files =
    messages.length === 0
      ? []
      : await manager.find(Attachment, {
          where: { workspaceId, messageId: In(messages.map((message) => message.id)) },
          order: { position: 'ASC', createdAt: 'ASC' },
        });
  const filesOf = new Map<string, Attachment[]>();
  for (const file of files) filesOf.set(file.messageId!, [...(filesOf.get(file.messageId!) ?? []), file]);
  const authorIds = [...new Set(notes.map((note) => note.authorId).filter((id) => id !== null))];
  const authors =
    authorIds.length === 0 ? [] : await manager.find(Agent, { where: { workspaceId, id: In(authorIds) } });
  const authorName = new Map(authors.map((agent) => [agent.id, agent.name]));

  return {
    locale: workspace.locale as AiLocale,
    conversationId: conversation.id,
    transcript: messages
      .reverse()
      .map((message) => {
        const own = filesOf.get(message.id) ?? [];
        return {
          id: message.id,
          sender: message.sender as TranscriptSender,
          text: transcriptText(message, own),
          at: message.sentAt,
          ...(own.length > 0 ? { media: own.map(mediaOf) } : {}),
        };
      })
      .filter((message) => message.text !== ''),
    customer: {
      name: customer?.name ?? '',
      phone: customer?.phone ?? '',
      channel: conversation.channel,
      fields: values.map((value) => ({
        label: (value as CustomerFieldValue & { field: CustomField }).field.label,
        value: fieldValueText(value.value),
      })),
    },
    tags: tags.map((tag) => tag.name),
    notes: notes.reverse().map((note) => ({
      author: (note.authorId && authorName.get(note.authorId)) || 'Agent',
      body: note.body,
      at: note.createdAt,
    })),
    templates: templates.flatMap((template) => {
      const text = templateBody(template);
      return text ? [{ name: template.name, text }] : [];
    }),
    pastAgentReplies: [...new Set(replies.map((reply) => reply.text))],
    redactPii: workspace.aiRedactPii,
  };
}

function safeError(error: unknown): string {
  const message =
    error instanceof AiGenerationError
      ? `${error.code}: ${error.message}`
      : 'AI_UNKNOWN: The AI assistant failed.';
  return message.slice(0, MAX_ERROR_CHARS);
}

/** Serializes batch numbering per conversation (jobs and refreshes may race). */
async function lockSuggestionBatches(manager: EntityManager, conversationId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('suggestion-batch:' || $1))`, [conversationId]);
}

async function nextBatch(
  manager: EntityManager,
  workspaceId: string,
  conversationId: string,
): Promise<number> {
  const [row] = (await manager.query(
    `SELECT COALESCE(MAX(batch), 0) + 1 AS next FROM suggestion WHERE workspace_id = $1 AND conversation_id = $2`,
    [workspaceId, conversationId],
  )) as { next: number }[];
  return Number(row?.next ?? 1);
}

async function insertBatch(
  manager: EntityManager,
  conversation: Conversation,
  replies: { text: string; source: string; rank: number }[],
  now: Date,
): Promise<Suggestion[]> {
  const batch = await nextBatch(manager, conversation.workspaceId, conversation.id);
  return manager.save(
    replies.map((reply) =>
      manager.create(Suggestion, {
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        batch,
        rank: reply.rank,
        text: reply.text,
        source: reply.source,
        usedAt: null,
        usedAsIs: null,
        // The app clock, so freshness compares with handedOffAt on one time line.
        createdAt: now,
      }),
    ),
  );
}

/** Whether the conversation already has suggestions written since it last changed hands. */
async function hasFreshSuggestions(
  manager: EntityManager,
  conversation: Conversation,
  since: Date | null,
): Promise<boolean> {
  return manager.exists(Suggestion, {
    where: {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      ...(since ? { createdAt: MoreThanOrEqual(since) } : {}),
    },
  });
}

/**
 * The AI_ASSIST job: re-reads the state, generates what is still wanted and stores it. Running it
 * twice is harmless: a summary that is no longer PENDING is left alone, and suggestions are not
 * written again once a batch exists since the conversation changed hands. Provider failures end in a
 * FAILED summary; nothing here touches the conversation itself.
 */
export async function runAiAssist(deps: AppDeps, provider: AiProvider, job: AiAssistJob): Promise<void> {
  const manager = deps.dataSource.manager;
  const [workspace, conversation] = await Promise.all([
    manager.findOne(Workspace, { where: { id: job.workspaceId } }),
    manager.findOne(Conversation, { where: { id: job.conversationId, workspaceId: job.workspaceId } }),
  ]);
  if (!workspace || !conversation) return;

  const pending =
    job.summary && job.aiSummaryId
      ? await manager.findOne(AiSummary, {
          where: { id: job.aiSummaryId, workspaceId: workspace.id, status: AiSummaryStatus.PENDING },
        })
      : null;
  // Suggestions help whoever answers next: not for a conversation the bot took back or that closed.
  const wantSuggestions =
    job.suggestions &&
    conversation.handler === Handler.AGENT &&
    conversation.status === ConversationStatus.OPEN &&
    !(await hasFreshSuggestions(manager, conversation, conversation.handedOffAt));
  if (!pending && !wantSuggestions) return;

  const input = await buildAiInput(manager, workspace, conversation);
  const log = { conversationId: conversation.id, workspaceId: workspace.id, trigger: job.trigger };

  // One after the other: the summary is what the next agent reads first.
  if (pending) {
    let changes: Partial<AiSummary>;
    try {
      const result = await generateSummary(input, provider);
      changes = {
        status: AiSummaryStatus.READY,
        text: result.summary,
        customerRequest: result.customerRequest,
        openQuestions: result.openQuestions,
        mood: result.mood,
        provider: result.provider,
        model: result.model,
        promptVersion: result.promptVersion,
        lastMessageId: result.lastMessageId,
        latencyMs: result.latencyMs,
        tokenUsage: result.tokenUsage ? { ...result.tokenUsage } : null,
        error: null,
      };
    } catch (error) {
      deps.logger.warn('AI summary failed', {
        ...log,
        error: error instanceof AiGenerationError ? `${error.code} ${error.detail ?? ''}` : String(error),
      });
      changes = {
        status: AiSummaryStatus.FAILED,
        provider: provider.name,
        model: provider.model,
        error: safeError(error),
      };
    }
    await completeSummary(deps, conversation, pending.id, changes);
  }

  if (wantSuggestions) {
    let replies: Awaited<ReturnType<typeof generateSuggestions>>;
    try {
      replies = await generateSuggestions(input, provider);
    } catch (error) {
      // Suggestions have no status of their own: the agent simply gets none, or refreshes.
      deps.logger.warn('AI suggestions failed', {
        ...log,
        error: error instanceof AiGenerationError ? `${error.code} ${error.detail ?? ''}` : String(error),
      });
      return;
    }
    if (replies.length === 0) return;
    await inTransaction(deps, workspace.id, async (uow) => {
      await lockSuggestionBatches(uow.manager, conversation.id);
      if (await hasFreshSuggestions(uow.manager, conversation, conversation.handedOffAt)) return;
      await insertBatch(uow.manager, conversation, replies, deps.clock.now());
    });
  }
}

/** Stores the outcome once (only a PENDING row changes) and tells subscribers in the same transaction. */
async function completeSummary(
  deps: AppDeps,
  conversation: Conversation,
  aiSummaryId: string,
  changes: Partial<AiSummary>,
): Promise<void> {
  await inTransaction(deps, conversation.workspaceId, async (uow) => {
    const result = await uow.manager.update(
      AiSummary,
      { id: aiSummaryId, workspaceId: conversation.workspaceId, status: AiSummaryStatus.PENDING },
      { ...changes, completedAt: deps.clock.now() } as never,
    );
    if (!result.affected) return;
    // The assignee of now decides who sees the event, not the one at the time of the request.
    const current = await uow.manager.findOne(Conversation, {
      where: { id: conversation.id, workspaceId: conversation.workspaceId },
    });
    uow.emit({
      type: EventType.AI_SUMMARY_READY,
      conversationId: conversation.id,
      assigneeId: current?.assigneeId ?? null,
      payload: { aiSummaryId, conversationId: conversation.id, status: changes.status },
    });
  });
}

/**
 * An agent asks for a fresh summary (trigger MANUAL). The summary is written by the AI_ASSIST job;
 * the PENDING row is returned at once and `aiSummaryReady` announces the result. A second click
 * while one is still pending returns that one.
 */
export async function requestManualSummary(caller: Caller, conversationId: string): Promise<AiSummary> {
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const conversation = await lockConversation(uow, conversationId);
    assertMayAct(viewer, conversation);
    if (!viewer.workspace.aiSummaryEnabled) {
      throw new BusinessRuleError(
        UserErrorCode.AI_DISABLED,
        'AI summaries are turned off for this workspace; an admin can turn them on with settingsUpdate.',
      );
    }
    const latest = await uow.manager.findOne(AiSummary, {
      where: { workspaceId: viewer.workspaceId, conversationId: conversation.id },
      order: { createdAt: 'DESC' },
    });
    if (latest?.status === AiSummaryStatus.PENDING) return latest;
    const summary = await uow.manager.save(
      uow.manager.create(AiSummary, {
        workspaceId: viewer.workspaceId,
        conversationId: conversation.id,
        trigger: AiTrigger.MANUAL,
        status: AiSummaryStatus.PENDING,
      }),
    );
    const data: AiAssistJobData = {
      conversationId: conversation.id,
      aiSummaryId: summary.id,
      summary: true,
      suggestions: false,
      trigger: AiTrigger.MANUAL,
    };
    await uow.enqueue(JobName.AI_ASSIST, { ...data });
    return summary;
  });
}

/**
 * A new set of suggestions, generated while the agent waits (one click), that repeats none of the
 * recently shown ones. A provider failure is a userError the agent can retry.
 */
export async function refreshSuggestions(
  caller: Caller,
  provider: AiProvider,
  conversationId: string,
): Promise<Suggestion[]> {
  const { deps, viewer } = caller;
  const manager = deps.dataSource.manager;
  const conversation = await manager.findOne(Conversation, {
    where: { id: conversationId, workspaceId: viewer.workspaceId },
  });
  if (!conversation) throw notFound('Conversation');
  assertMayAct(viewer, conversation);
  assertOpen(conversation);
  if (!viewer.workspace.aiSuggestionsEnabled) {
    throw new BusinessRuleError(
      UserErrorCode.AI_DISABLED,
      'AI suggestions are turned off for this workspace; an admin can turn them on with settingsUpdate.',
    );
  }
  const shown = (await manager.query(
    `SELECT text FROM suggestion
      WHERE workspace_id = $1 AND conversation_id = $2
        AND batch > (SELECT COALESCE(MAX(batch), 0) FROM suggestion WHERE workspace_id = $1 AND conversation_id = $2) - $3
      ORDER BY batch DESC, rank`,
    [viewer.workspaceId, conversation.id, REFRESH_EXCLUDE_BATCHES],
  )) as { text: string }[];

  const input = await buildAiInput(manager, viewer.workspace, conversation);
  let replies: Awaited<ReturnType<typeof generateSuggestions>>;
  try {
    replies = await generateSuggestions(input, provider, { exclude: shown.map((row) => row.text) });
  } catch (error) {
    deps.logger.warn('AI suggestions refresh failed', {
      conversationId: conversation.id,
      error: error instanceof AiGenerationError ? `${error.code} ${error.detail ?? ''}` : String(error),
    });
    throw new BusinessRuleError(
      UserErrorCode.AI_UNAVAILABLE,
      `${error instanceof AiGenerationError ? error.message : 'The AI assistant failed.'} Try again in a moment.`,
    );
  }
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    await lockSuggestionBatches(uow.manager, conversation.id);
    return insertBatch(uow.manager, conversation, replies, deps.clock.now());
  });
}

/** A summary still PENDING after this long lost its job (retries spent, worker gone). */
export const STALE_SUMMARY_MS = 15 * 60 * 1000;

/**
 * Ends summaries whose job will never finish as FAILED, so an inbox never waits on them forever;
 * the agent can ask again with `aiSummaryGenerate`.
 */
export async function failStaleSummaries(deps: AppDeps): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - STALE_SUMMARY_MS);
  const stale = await deps.dataSource.getRepository(AiSummary).find({
    where: { status: AiSummaryStatus.PENDING, createdAt: LessThan(cutoff) },
    take: 100,
    order: { createdAt: 'ASC' },
  });
  for (const summary of stale) {
    const conversation = await deps.dataSource
      .getRepository(Conversation)
      .findOne({ where: { id: summary.conversationId, workspaceId: summary.workspaceId } });
    if (!conversation) continue;
    await completeSummary(deps, conversation, summary.id, {
      status: AiSummaryStatus.FAILED,
      error: 'AI_TIMEOUT: The summary was not written in time; ask for it again.',
    });
  }
  return stale.length;
}
