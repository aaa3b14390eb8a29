import { type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { restrictedAgentId, type Viewer } from '../../auth/viewer';
import { Conversation } from '../../entities/conversation.entity';
import { type EventRecord } from '../../entities/event-record.entity';
import { EventType } from '../../realtime/event-types';
import { type SqlRunner } from '../../realtime/event-log';
import { type Caller } from '../caller';
import { notFound } from '../errors';
import { isRowId, ownedRowOrNull } from '../owned-row';
import { Attachment } from '../../entities/attachment.entity';
import { readableAttachmentOrNull } from '../media/attachment-visibility';

/**
 * Which conversations a viewer may read: those of their workspace, and for an agent (not an admin)
 * only the ones assigned to them, the unassigned ones of their teams' queues and the unassigned
 * ones of no team (the general queue). Lists, by-id reads and the event log use this one rule, as
 * SQL (`readableConversationSql`), on a loaded row (`mayReadConversation`) or on an event
 * (`mayReadEvent`); a hidden conversation reads exactly like one of another workspace.
 */
export interface ConversationReadScope {
  workspaceId: string;
  /** The restricted agent, or null when every conversation of the workspace is readable. */
  agentId: string | null;
  /** The restricted agent's teams: the queues they read besides the general one. */
  teamIds: readonly string[];
}

export function conversationReadScope(viewer: Viewer): ConversationReadScope {
  const agentId = restrictedAgentId(viewer);
  return { workspaceId: viewer.workspaceId, agentId, teamIds: agentId ? (viewer.teamIds ?? []) : [] };
}

/** The facts of a conversation the rule reads. */
export type ReadFacts = Pick<Conversation, 'workspaceId' | 'assigneeId' | 'teamId'>;

/** Whether an unassigned conversation of `teamId` (null: no team) waits in a queue the agent reads. */
function queueReadable(teamIds: readonly string[], teamId: string | null): boolean {
  return teamId === null || teamIds.includes(teamId);
}

export function mayReadConversation(scope: ConversationReadScope, conversation: ReadFacts): boolean {
  if (conversation.workspaceId !== scope.workspaceId) return false;
  if (scope.agentId === null || conversation.assigneeId === scope.agentId) return true;
  return conversation.assigneeId === null && queueReadable(scope.teamIds, conversation.teamId);
}

/** The same rule as a condition on the conversation row aliased `alias`; parameter names carry the alias. */
export function readableConversationSql(
  scope: ConversationReadScope,
  alias: string,
): { sql: string; parameters: Record<string, unknown> } {
  const { workspace, own, queue, parameters } = ruleParts(scope, alias);
  if (!own) return { sql: workspace, parameters };
  return { sql: `(${workspace} AND (${own} OR (${queue})))`, parameters };
}

/**
 * The same rule as disjoint parts whose union it is: the workspace for an unrestricted viewer; for
 * a restricted agent their own conversations, and the unassigned ones of the queues they read. For
 * a statement that counts over all of them: each part is an exact prefix of the open-agent index
 * (workspace, assignee), where the rule's OR makes the planner walk the whole workspace.
 */
export function readableConversationParts(
  scope: ConversationReadScope,
  alias: string,
): { sql: string; parameters: Record<string, unknown> }[] {
  const { workspace, own, queue, parameters } = ruleParts(scope, alias);
  if (!own) return [{ sql: workspace, parameters }];
  return [
    { sql: `${workspace} AND ${own}`, parameters },
    { sql: `${workspace} AND ${queue}`, parameters },
  ];
}

function ruleParts(scope: ConversationReadScope, alias: string) {
  const workspace = `${alias}ReadWorkspace`;
  const agent = `${alias}ReadAgent`;
  const teams = `${alias}ReadTeams`;
  const inWorkspace = `${alias}.workspace_id = :${workspace}`;
  if (scope.agentId === null) {
    return { workspace: inWorkspace, own: null, queue: null, parameters: { [workspace]: scope.workspaceId } };
  }
  return {
    workspace: inWorkspace,
    own: `${alias}.assignee_id = :${agent}`,
    queue: `${alias}.assignee_id IS NULL AND (${alias}.team_id IS NULL OR ${alias}.team_id = ANY(CAST(:${teams} AS uuid[])))`,
    parameters: { [workspace]: scope.workspaceId, [agent]: scope.agentId, [teams]: [...scope.teamIds] },
  };
}

/**
 * Whether an event of the log is the viewer's to see (the log is per workspace already). For a
 * restricted agent: the conversation as the change left it is readable to them, or the change
 * took it away from them — from their hands (`previousAssigneeId`) or, while unassigned, out of
 * a queue they read (`previousTeamId`). Events about no conversation (presence, teams) concern
 * everyone.
 */
export function mayReadEvent(
  scope: Pick<ConversationReadScope, 'agentId' | 'teamIds'>,
  record: Pick<EventRecord, 'assigneeId' | 'teamId' | 'payload'>,
): boolean {
  const { agentId, teamIds } = scope;
  if (agentId === null || record.assigneeId === agentId) return true;
  if (record.payload.previousAssigneeId === agentId) return true;
  if (record.assigneeId !== null) return false;
  if (queueReadable(teamIds, record.teamId ?? null)) return true;
  const previous = record.payload.previousTeamId;
  return (
    'previousTeamId' in record.payload &&
    (previous === null || typeof previous === 'string') &&
    queueReadable(teamIds, previous)
  );
}

/**
 * The read rule of a long-lived stream: the agent's teams as of one position of the log, then
 * kept current by the membership events the stream goes through (they are in the log in commit
 * order), so joining or leaving a team changes what the stream shows from that event on.
 */
export class StreamReadScope {
  private readonly teams: Set<string>;

  constructor(
    readonly agentId: string | null,
    teamIds: readonly string[],
    /** The log position the teams were read at: membership events up to it are already counted. */
    readonly asOf: bigint,
  ) {
    this.teams = new Set(teamIds);
  }

  get teamIds(): readonly string[] {
    return [...this.teams];
  }

  /** Feed every record of the stream, in order, before asking `mayRead` about it. */
  observe(record: Pick<EventRecord, 'type' | 'seq' | 'payload'>): void {
    if (this.agentId === null || BigInt(record.seq) <= this.asOf) return;
    if (record.payload.agentId !== this.agentId || typeof record.payload.teamId !== 'string') return;
    if (record.type === EventType.TEAM_MEMBER_ADDED) this.teams.add(record.payload.teamId);
    if (record.type === EventType.TEAM_MEMBER_REMOVED) this.teams.delete(record.payload.teamId);
  }

  mayRead(record: Pick<EventRecord, 'assigneeId' | 'teamId' | 'payload'>): boolean {
    return mayReadEvent({ agentId: this.agentId, teamIds: [...this.teams] }, record);
  }
}

/**
 * The stream scope of a viewer with the log position it holds at: the head and the agent's teams
 * are read in one statement, so they describe the same instant. A stream that starts from this
 * position (or resumes before it) misses no membership change.
 */
export async function streamReadScope(source: SqlRunner, viewer: Viewer): Promise<StreamReadScope> {
  const scope = conversationReadScope(viewer);
  if (scope.agentId === null) return new StreamReadScope(null, [], 0n);
  const [row] = (await source.query(
    `SELECT w.event_seq::text AS seq,
            ARRAY(SELECT tm.team_id::text FROM team_member tm WHERE tm.agent_id = $2) AS teams
       FROM workspace w WHERE w.id = $1`,
    [scope.workspaceId, scope.agentId],
  )) as { seq: string; teams: string[] | string }[];
  if (!row) throw notFound('Workspace');
  const teams = Array.isArray(row.teams)
    ? row.teams
    : row.teams
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);
  return new StreamReadScope(scope.agentId, teams, BigInt(row.seq));
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
