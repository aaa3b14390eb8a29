import { type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { restrictedAgentId, type Viewer } from '../../auth/viewer';
import { Conversation } from '../../entities/conversation.entity';
import { type Caller } from '../caller';
import { notFound } from '../errors';
import { isRowId, ownedRowOrNull } from '../owned-row';
import { Attachment } from '../../entities/attachment.entity';
import { readableAttachmentOrNull } from '../media/attachment-visibility';

/**
 * Which conversations a viewer may read: those of their workspace, and for an agent (not an admin)
 * only the ones assigned to them plus the unassigned queue. Lists and by-id reads use this one
 * rule, as SQL (`readableConversationSql`) or on a loaded row (`mayReadConversation`); a hidden
 * conversation reads exactly like one of another workspace.
 */
export interface ConversationReadScope {
  workspaceId: string;
  /** The restricted agent, or null when every conversation of the workspace is readable. */
  agentId: string | null;
}

export function conversationReadScope(viewer: Viewer): ConversationReadScope {
  return { workspaceId: viewer.workspaceId, agentId: restrictedAgentId(viewer) };
}

export function mayReadConversation(
  scope: ConversationReadScope,
  conversation: Pick<Conversation, 'workspaceId' | 'assigneeId'>,
): boolean {
  return (
    conversation.workspaceId === scope.workspaceId &&
    (scope.agentId === null || conversation.assigneeId === null || conversation.assigneeId === scope.agentId)
  );
}

/** The same rule as a condition on the conversation row aliased `alias`; parameter names carry the alias. */
export function readableConversationSql(
  scope: ConversationReadScope,
  alias: string,
): { sql: string; parameters: Record<string, string> } {
  const workspace = `${alias}ReadWorkspace`;
  const agent = `${alias}ReadAgent`;
  if (scope.agentId === null) {
    return { sql: `${alias}.workspace_id = :${workspace}`, parameters: { [workspace]: scope.workspaceId } };
  }
  return {
    sql: `(${alias}.workspace_id = :${workspace} AND (${alias}.assignee_id IS NULL OR ${alias}.assignee_id = :${agent}))`,
    parameters: { [workspace]: scope.workspaceId, [agent]: scope.agentId },
  };
}

/** Narrows a query over rows that belong to a conversation (`<alias>.conversation_id`) to readable ones. */
export function whereConversationReadable<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: ConversationReadScope,
  alias: string,
): SelectQueryBuilder<T> {
  const owner = `${alias}_conversation`;
  const rule = readableConversationSql(scope, owner);
  return query.andWhere(
    `EXISTS (SELECT 1 FROM conversation ${owner} WHERE ${owner}.id = ${alias}.conversation_id AND ${rule.sql})`,
    rule.parameters,
  );
}

/** A conversation by database id if the caller may read it, else null. */
export async function readableConversationOrNull(caller: Caller, id: string): Promise<Conversation | null> {
  if (!isRowId(id)) return null;
  const rule = readableConversationSql(conversationReadScope(caller.viewer), 'c');
  return caller.deps.dataSource
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .where('c.id = :id', { id })
    .andWhere(rule.sql, rule.parameters)
    .getOne();
}

/** A conversation by database id; NOT_FOUND when it is another workspace's or hidden from the caller. */
export async function readableConversation(caller: Caller, id: string): Promise<Conversation> {
  const conversation = await readableConversationOrNull(caller, id);
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

/**
 * A row that belongs to a conversation (message, note, AI summary, suggestion, history event) by
 * database id, or null when its conversation is hidden from the caller (or it is not theirs).
 */
export async function conversationOwnedRowOrNull<T extends ObjectLiteral>(
  caller: Caller,
  entity: EntityTarget<T> & { name: string },
  id: string,
): Promise<T | null> {
  if (!isRowId(id)) return null;
  const query = caller.deps.dataSource
    .getRepository(entity)
    .createQueryBuilder('owned')
    .where('owned.id = :id AND owned.workspace_id = :workspaceId', {
      id,
      workspaceId: caller.viewer.workspaceId,
    });
  return whereConversationReadable(query, conversationReadScope(caller.viewer), 'owned').getOne();
}

/** Whether rows of `entity` each belong to one conversation (a non-null `conversationId` column). */
export function belongsToConversation(caller: Caller, entity: EntityTarget<ObjectLiteral>): boolean {
  const column = caller.deps.dataSource.getMetadata(entity).findColumnWithPropertyName('conversationId');
  return column !== undefined && !column.isNullable;
}

/**
 * Any tenant row by database id under the read rule: a conversation, or a row of one, only when
 * the caller may read that conversation; an attachment under its own rule (its message's
 * conversation, or its uploader); any other row when it is in the caller's workspace.
 */
export async function readableRowOrNull<T extends ObjectLiteral>(
  caller: Caller,
  entity: EntityTarget<T> & { name: string },
  id: string,
): Promise<T | null> {
  if ((entity as unknown) === Conversation) return (await readableConversationOrNull(caller, id)) as T | null;
  if ((entity as unknown) === Attachment) return (await readableAttachmentOrNull(caller, id)) as T | null;
  if (belongsToConversation(caller, entity)) return conversationOwnedRowOrNull(caller, entity, id);
  return ownedRowOrNull(caller, entity, id);
}
