import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { AuditAction } from '../../entities/audit-entry.entity';
import { type CannedResponse } from '../../entities/canned-response.entity';
import { type Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { CannedScope, ConversationEventType, MacroActionType } from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { Macro } from '../../entities/macro.entity';
import { Tag } from '../../entities/tag.entity';
import { Team } from '../../entities/team.entity';
import { actorOf, isAdmin } from '../../auth/viewer';
import { changesOf, recordAudit } from '../audit/audit.service';
import { type Caller } from '../caller';
import {
  readableCannedResponseOrNull,
  renderForConversation,
} from '../canned-response/canned-response.service';
import { mayManageScoped, whereScopedReadable } from '../canned-response/scoped-access';
import { appendHistory } from '../conversation/conversation-changes';
import {
  BulkItemError,
  type BulkOptions,
  conversationNotFound,
  lockConversationRows,
} from '../conversation/conversation-bulk.service';
import { applyLabelChange } from '../conversation/conversation-label.service';
import { applyPriority } from '../conversation/conversation-priority';
import { applySnooze, checkSnoozeUntil } from '../conversation/conversation-snooze';
import { conversationReadScope, mayReadConversation } from '../conversation/conversation-visibility';
import {
  applyStep,
  assignStep,
  closeStep,
  type ConversationStep,
  transferStep,
} from '../conversation/conversation-workflow.service';
import { applyCustomerTag, lockCustomerForChange } from '../customer/customer-card.service';
import { AccessError, BusinessRuleError, forbidden, notFound, UserErrorCode } from '../errors';
import { sendOnLockedConversation } from '../message/message-send.service';
import { checkNoteBody, writeNote } from '../note/note.service';
import { isRowId } from '../owned-row';
import { paginate, type PageRequest } from '../paging';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { checkActions, type MacroAction, type MacroActionFields, storedActions } from './macro-actions';

const AUDITED = ['scope', 'teamId', 'ownerId', 'name', 'actions'] as const;
const NAME_MAX = 100;
const MINUTE_MS = 60_000;

function invalid(message: string, field: string[]): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, field);
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > NAME_MAX) {
    throw invalid(`A macro's name is 1 to ${NAME_MAX} characters.`, ['input', 'name']);
  }
  return name;
}

/**
 * Every row the actions name exists in the workspace (and a canned response is one the writer may
 * read), so a macro never stores an id that could not run.
 */
async function checkReferences(caller: Caller, actions: MacroAction[]): Promise<void> {
  const { dataSource } = caller.deps;
  const workspaceId = caller.viewer.workspaceId;
  for (const action of actions) {
    // An id of another workspace reads like one that does not exist.
    const missing = (what: string) => notFound(what);
    switch (action.type) {
      case MacroActionType.LABEL:
      case MacroActionType.TAG:
        if (!(await dataSource.getRepository(Tag).exists({ where: { id: action.tagId, workspaceId } })))
          throw missing('Tag');
        break;
      case MacroActionType.ASSIGN:
        if (!(await dataSource.getRepository(Agent).exists({ where: { id: action.agentId, workspaceId } })))
          throw missing('Agent');
        break;
      case MacroActionType.TRANSFER:
        if (
          action.agentId &&
          !(await dataSource.getRepository(Agent).exists({ where: { id: action.agentId, workspaceId } }))
        )
          throw missing('Agent');
        if (
          action.teamId &&
          !(await dataSource.getRepository(Team).exists({ where: { id: action.teamId, workspaceId } }))
        )
          throw missing('Team');
        break;
      case MacroActionType.SEND_CANNED_RESPONSE:
        if (!(await readableCannedResponseOrNull(caller, action.cannedResponseId)))
          throw missing('CannedResponse');
        break;
      case MacroActionType.NOTE:
      case MacroActionType.SET_PRIORITY:
      case MacroActionType.SNOOZE:
      case MacroActionType.CLOSE:
        break;
    }
  }
}

function manageError(scope: CannedScope): never {
  throw forbidden(
    scope === CannedScope.WORKSPACE
      ? "Only admins create and change the workspace's macros."
      : scope === CannedScope.TEAM
        ? "Only the team's members (or admins) create and change its macros."
        : 'A personal macro is changed by its owner alone.',
  );
}

export interface MacroCreate {
  scope: CannedScope;
  teamId?: string | null;
  name: string;
  actions: MacroActionFields[];
}

/** Creates a macro: who may is the canned responses' rule for the same scope. */
export async function createMacro(caller: Caller, input: MacroCreate): Promise<Macro> {
  const { viewer } = caller;
  const name = checkName(input.name);
  const actions = checkActions(input.actions);
  let teamId: string | null = null;
  let ownerId: string | null = null;
  if (input.scope === CannedScope.TEAM) {
    if (!input.teamId) throw invalid('A TEAM macro names its team (`teamId`).', ['input', 'teamId']);
    const team = await caller.deps.dataSource
      .getRepository(Team)
      .findOne({ where: { id: input.teamId, workspaceId: viewer.workspaceId } });
    if (!team) throw notFound('Team');
    teamId = team.id;
  } else if (input.teamId) {
    throw invalid('Only a TEAM macro has a team.', ['input', 'teamId']);
  }
  if (input.scope === CannedScope.PERSONAL) {
    if (viewer.principal.kind !== 'agent') {
      throw invalid('A PERSONAL macro belongs to an agent: an API key cannot own one.', ['input', 'scope']);
    }
    ownerId = viewer.principal.agent.id;
  }
  if (!mayManageScoped(viewer, { scope: input.scope, teamId, ownerId })) manageError(input.scope);
  await checkReferences(caller, actions);
  const macro = caller.deps.dataSource.getRepository(Macro).create({
    workspaceId: viewer.workspaceId,
    scope: input.scope,
    teamId,
    ownerId,
    name,
    actions,
  });
  return save(caller, macro, null, AuditAction.MACRO_CREATED);
}

async function save(caller: Caller, macro: Macro, before: Macro | null, action: AuditAction): Promise<Macro> {
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const saved = await uow.manager.getRepository(Macro).save(macro);
    await recordAudit(uow, caller, {
      action,
      targetType: 'Macro',
      targetId: saved.id,
      changes: changesOf(before, saved, AUDITED),
    });
    return saved;
  });
}

/** A macro the caller may see (and so run), by database id, or null: hidden reads like absent. */
export function readableMacroOrNull(caller: Caller, id: string): Promise<Macro | null> {
  if (!isRowId(id)) return Promise.resolve(null);
  const query = caller.deps.dataSource
    .getRepository(Macro)
    .createQueryBuilder('m')
    .where('m.id = :id', { id });
  return whereScopedReadable(query, caller.viewer, 'm').getOne();
}

export async function readableMacro(caller: Caller, id: string): Promise<Macro> {
  const macro = await readableMacroOrNull(caller, id);
  if (!macro) throw notFound('Macro');
  return macro;
}

async function manageable(caller: Caller, id: string): Promise<Macro> {
  const macro = await readableMacro(caller, id);
  if (!mayManageScoped(caller.viewer, macro)) manageError(macro.scope);
  return macro;
}

export interface MacroUpdate {
  macroId: string;
  name?: string | null;
  /** Replaces the whole list. */
  actions?: MacroActionFields[] | null;
}

/** Absent or null leaves a property as it is; the scope stays (create another to move one). */
export async function updateMacro(caller: Caller, input: MacroUpdate): Promise<Macro> {
  const macro = await manageable(caller, input.macroId);
  const before = Object.assign(new Macro(), macro);
  if (input.name != null) macro.name = checkName(input.name);
  if (input.actions != null) {
    const actions = checkActions(input.actions);
    await checkReferences(caller, actions);
    macro.actions = actions;
  }
  return save(caller, macro, before, AuditAction.MACRO_UPDATED);
}

export async function deleteMacro(caller: Caller, id: string): Promise<string> {
  const macro = await manageable(caller, id);
  await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    await uow.manager.delete(Macro, { id: macro.id, workspaceId: caller.viewer.workspaceId });
    await recordAudit(uow, caller, {
      action: AuditAction.MACRO_DELETED,
      targetType: 'Macro',
      targetId: macro.id,
      changes: changesOf(macro, null, AUDITED),
    });
  });
  return macro.globalId;
}

const MACRO_ORDER = {
  column: 'm.name',
  idColumn: 'm.id',
  table: 'macro',
  tableColumn: 'name',
  direction: 'ASC' as const,
};

/** The macros the caller sees, by name. */
export function listMacros(caller: Caller, page: PageRequest) {
  const query = whereScopedReadable(
    caller.deps.dataSource.getRepository(Macro).createQueryBuilder('m'),
    caller.viewer,
    'm',
  );
  return paginate(query, MACRO_ORDER, page, caller.viewer.workspaceId);
}

/** The rows a run's actions use, read once before the conversations are locked. */
interface RunReferences {
  tags: Map<string, Tag>;
  canned: Map<string, CannedResponse>;
}

/**
 * Checks a macro can run for this caller, before anything is locked: its actions still parse, the
 * tags and canned responses they name still exist (and the canned response is readable by the
 * runner), and an ASSIGN comes from an admin.
 */
async function prepareRun(
  caller: Caller,
  macro: Macro,
): Promise<{ actions: MacroAction[]; refs: RunReferences }> {
  const actions = storedActions(macro.actions);
  const refs: RunReferences = { tags: new Map(), canned: new Map() };
  const tagIds = actions.flatMap((action) =>
    action.type === MacroActionType.LABEL || action.type === MacroActionType.TAG ? [action.tagId] : [],
  );
  if (tagIds.length > 0) {
    const tags = await caller.deps.dataSource
      .getRepository(Tag)
      .findBy({ id: In(tagIds), workspaceId: caller.viewer.workspaceId });
    for (const tag of tags) refs.tags.set(tag.id, tag);
  }
  for (const [index, action] of actions.entries()) {
    const field = ['macro', 'actions', String(index)];
    const gone = (what: string) =>
      invalid(
        `Action ${index + 1} (${action.type}) of "${macro.name}": its ${what} no longer exists; edit the macro.`,
        field,
      );
    if (
      (action.type === MacroActionType.LABEL || action.type === MacroActionType.TAG) &&
      !refs.tags.has(action.tagId)
    )
      throw gone('tag');
    if (action.type === MacroActionType.ASSIGN && !isAdmin(caller.viewer))
      throw forbidden(`"${macro.name}" assigns conversations: only admins run it.`);
    if (action.type === MacroActionType.SEND_CANNED_RESPONSE) {
      const canned = await readableCannedResponseOrNull(caller, action.cannedResponseId);
      if (!canned) throw gone('canned response');
      refs.canned.set(canned.id, canned);
    }
  }
  return { actions, refs };
}

/** One step of a conversation rule that leaves a conversation already so as it is. */
async function applyUnlessSame(
  caller: Caller,
  uow: UnitOfWork,
  conversation: Conversation,
  step: ConversationStep,
): Promise<Conversation> {
  try {
    return await applyStep(caller, uow, conversation, step);
  } catch (error) {
    // A macro run twice finds its assignee or team already set: nothing to do, not a refusal.
    if (
      error instanceof BusinessRuleError &&
      (error.code === UserErrorCode.SAME_AGENT || error.code === UserErrorCode.SAME_TEAM)
    )
      return conversation;
    throw error;
  }
}

/** Runs one action on a locked conversation, as its single mutation would; returns the row. */
async function runAction(
  caller: Caller,
  uow: UnitOfWork,
  conversation: Conversation,
  action: MacroAction,
  refs: RunReferences,
  customers: Map<string, Customer>,
  field: string[],
): Promise<Conversation> {
  switch (action.type) {
    case MacroActionType.LABEL:
      await applyLabelChange(caller, uow, conversation, refs.tags.get(action.tagId)!, 'add');
      return conversation;
    case MacroActionType.TAG:
      await applyCustomerTag(uow, customers.get(conversation.customerId)!, refs.tags.get(action.tagId)!);
      return conversation;
    case MacroActionType.NOTE: {
      const body = await renderForConversation(caller, action.body, conversation);
      await writeNote(caller, uow, conversation, checkNoteBody(body));
      return conversation;
    }
    case MacroActionType.ASSIGN:
      return applyUnlessSame(caller, uow, conversation, assignStep(caller, action.agentId));
    case MacroActionType.TRANSFER:
      return applyUnlessSame(
        caller,
        uow,
        conversation,
        transferStep(caller, {
          agentId: action.agentId ?? null,
          toTeamId: action.teamId ?? null,
          comment: action.comment ?? null,
        }),
      );
    case MacroActionType.SET_PRIORITY:
      return applyStep(caller, uow, conversation, {
        decide: (row) => {
          const entries = applyPriority(caller.viewer, row, action.priority);
          return entries.length === 0 ? null : entries;
        },
      });
    case MacroActionType.SNOOZE: {
      const until = new Date(caller.deps.clock.now().getTime() + action.snoozeMinutes * MINUTE_MS);
      checkSnoozeUntil(caller, until, field);
      return applyStep(caller, uow, conversation, {
        decide: (row, _uow, now) => applySnooze(caller, row, until, now),
      });
    }
    case MacroActionType.CLOSE:
      return applyStep(caller, uow, conversation, closeStep(caller, action.outcome, action.reason));
    case MacroActionType.SEND_CANNED_RESPONSE: {
      const canned = refs.canned.get(action.cannedResponseId)!;
      const text = await renderForConversation(caller, canned.body, conversation);
      const sent = await sendOnLockedConversation(caller, uow, conversation, {
        conversationId: conversation.id,
        text,
      });
      return sent.conversation;
    }
  }
}

export interface MacroRun {
  /** Names this run in the MACRO_RUN history line of each conversation. */
  runId: string;
  conversations: Conversation[];
}

/**
 * Runs a macro's actions, in order, on conversations inside `uow`: every row is locked first in
 * one statement (in id order, as bulk updates lock, so concurrent runs queue behind each other and
 * never deadlock), then each conversation gets its MACRO_RUN history line followed by its actions'
 * lines, each action applied by its single mutation's rule. Without `onItemError` the first
 * refusal names its conversation and rolls everything back; with it (a job's chunk) the refused
 * conversation is undone alone, by a savepoint, and the others keep their changes.
 */
export async function applyMacro(
  caller: Caller,
  uow: UnitOfWork,
  macro: Macro,
  conversationIds: readonly string[],
  options: BulkOptions = {},
): Promise<MacroRun> {
  const { deps, viewer } = caller;
  const { actions, refs } = await prepareRun(caller, macro);
  const runId = randomUUID();
  const byId = await lockConversationRows(uow, conversationIds);
  const customers = new Map<string, Customer>();
  if (actions.some((action) => action.type === MacroActionType.TAG)) {
    // Customers in id order too, for the same reason as the conversations.
    const customerIds = [...new Set([...byId.values()].map((row) => row.customerId))].sort();
    for (const customerId of customerIds)
      customers.set(customerId, await lockCustomerForChange(uow, customerId));
  }
  const scope = conversationReadScope(viewer);
  const actor = actorOf(viewer);
  const done: Conversation[] = [];
  for (const [index, id] of conversationIds.entries()) {
    const events = uow.events.length;
    const work = async () => {
      let conversation = byId.get(id);
      if (!conversation || !mayReadConversation(scope, conversation)) throw conversationNotFound();
      await appendHistory(uow, deps.clock, conversation, actor, [
        {
          type: ConversationEventType.MACRO_RUN,
          data: { macroId: macro.globalId, name: macro.name, runId },
        },
      ]);
      for (const [position, action] of actions.entries()) {
        const field = ['macro', 'actions', String(position)];
        try {
          conversation = await runAction(caller, uow, conversation, action, refs, customers, field);
        } catch (error) {
          if (!(error instanceof BusinessRuleError)) throw error;
          throw new BusinessRuleError(
            error.code,
            `action ${position + 1} (${action.type}): ${error.message}`,
            error.field,
          );
        }
      }
      return conversation;
    };
    try {
      done.push(options.onItemError ? await uow.manager.transaction(() => work()) : await work());
    } catch (caught) {
      // In a job's chunk, a row an action names that is gone (a deleted team) refuses this conversation alone.
      const error =
        caught instanceof AccessError && options.onItemError
          ? new BusinessRuleError(UserErrorCode.INVALID_INPUT, caught.message)
          : caught;
      if (!(error instanceof BusinessRuleError)) throw error;
      const itemError = new BulkItemError(toGlobalId('Conversation', id), index, error);
      if (!options.onItemError) throw itemError;
      // Rolled back to the savepoint: the events it announced go too.
      uow.events.splice(events);
      options.onItemError(itemError);
    }
  }
  return { runId, conversations: done };
}
