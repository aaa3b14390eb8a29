import { In, type DataSource } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import { Note } from '../../entities/note.entity';
import { NoteRevision, NoteRevisionKind } from '../../entities/note-revision.entity';
import { Conversation } from '../../entities/conversation.entity';
import { AgentRole } from '../../entities/enums';
import { actorOf, isAdmin, type Viewer } from '../../auth/viewer';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { EventType } from '../../realtime/event-types';
import { type Caller } from '../caller';
import { assertMayAct } from '../conversation/conversation-workflow.service';
import { conversationReadScope, mayReadConversation } from '../conversation/conversation-visibility';
import { isRowId } from '../owned-row';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { parseMentions } from './note-mentions';

const MAX_NOTE = 10_000;
/** More would be a broadcast, not a mention. */
const MAX_MENTIONS = 20;

const BODY_FIELD = ['input', 'body'];

export function checkNoteBody(raw: string): string {
  const body = raw.trim();
  if (body === '' || body.length > MAX_NOTE) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `A note needs 1 to ${MAX_NOTE} characters.`,
      BODY_FIELD,
    );
  }
  return body;
}

function authorIdOf(viewer: Viewer): string | null {
  return viewer.principal.kind === 'agent' ? viewer.principal.agent.id : null;
}

/**
 * The agents a body mentions, checked: each must be an active agent of the workspace who may read
 * the conversation (an agent reads their own conversations and the queue; admins every one), so a
 * mention never hands a note to someone the read rule keeps it from. An id of another workspace
 * reads exactly like one that does not exist.
 */
async function mentionedAgents(
  uow: UnitOfWork,
  conversation: Conversation,
  body: string,
  alreadyMentioned: ReadonlySet<string | null> = new Set(),
): Promise<Agent[]> {
  const all = parseMentions(body);
  if (all.length > MAX_MENTIONS) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `A note mentions at most ${MAX_MENTIONS} agents.`,
      BODY_FIELD,
    );
  }
  // Mentions kept from an earlier body were checked and announced then.
  const mentions = all.filter(
    (mention) => mention.agentId === null || !alreadyMentioned.has(mention.agentId),
  );
  const ids = mentions.map((mention) => mention.agentId).filter((id): id is string => id !== null);
  const agents = ids.length
    ? await uow.manager.find(Agent, { where: { id: In(ids), workspaceId: uow.workspaceId } })
    : [];
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  // Each mentioned agent's own read rule covers their teams' queues besides the general one.
  const memberships = ids.length
    ? ((await uow.manager.query(
        `SELECT agent_id::text AS agent_id, team_id::text AS team_id FROM team_member WHERE agent_id = ANY($1::uuid[])`,
        [ids],
      )) as { agent_id: string; team_id: string }[])
    : [];
  const teamsByAgent = new Map<string, string[]>();
  for (const row of memberships)
    teamsByAgent.set(row.agent_id, [...(teamsByAgent.get(row.agent_id) ?? []), row.team_id]);
  return mentions.map((mention) => {
    const agent = mention.agentId ? byId.get(mention.agentId) : undefined;
    if (!agent) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `The mention of "${mention.displayName}" names no agent of this workspace: write mentions as @[Name](agentId) with an Agent id.`,
        BODY_FIELD,
      );
    }
    if (!agent.active) {
      throw new BusinessRuleError(
        UserErrorCode.AGENT_INACTIVE,
        `${agent.name} is deactivated and cannot be mentioned.`,
        BODY_FIELD,
      );
    }
    const restricted = agent.role !== AgentRole.ADMIN;
    const scope = {
      workspaceId: uow.workspaceId,
      agentId: restricted ? agent.id : null,
      teamIds: restricted ? (teamsByAgent.get(agent.id) ?? []) : [],
    };
    if (!mayReadConversation(scope, conversation)) {
      throw new BusinessRuleError(
        UserErrorCode.MENTION_NOT_ALLOWED,
        `${agent.name} cannot read this conversation (it is assigned to another agent, or waits in a team queue they are not in): transfer it to them, or mention an admin.`,
        BODY_FIELD,
      );
    }
    return agent;
  });
}

/** NOTE_MENTION for each newly mentioned agent but the writer: its audience is that agent alone. */
function announceMentions(uow: UnitOfWork, viewer: Viewer, note: Note, agents: Agent[]): void {
  const authorId = authorIdOf(viewer);
  for (const agent of agents) {
    if (agent.id === authorId) continue;
    uow.emit({
      type: EventType.NOTE_MENTION,
      conversationId: note.conversationId,
      assigneeId: agent.id,
      payload: {
        conversationId: note.conversationId,
        noteId: note.id,
        mentionedAgentId: agent.id,
        authorId,
      },
    });
  }
}

async function addRevision(
  uow: UnitOfWork,
  caller: Caller,
  note: Note,
  kind: NoteRevisionKind,
  body: string | null,
): Promise<void> {
  const { actorType, actorId } = actorOf(caller.viewer);
  // After the note's latest revision even when the clock stands still, so the history sorts as it happened.
  const [latest] = (await uow.manager.query(
    'SELECT max(created_at) AS at FROM note_revision WHERE note_id = $1',
    [note.id],
  )) as { at: Date | null }[];
  const floor = latest?.at ? new Date(latest.at).getTime() + 1 : 0;
  await uow.manager.insert(NoteRevision, {
    workspaceId: note.workspaceId,
    noteId: note.id,
    kind,
    body,
    actorType,
    actorId,
    createdAt: new Date(Math.max(caller.deps.clock.now().getTime(), floor)),
  });
}

function noteEvent(uow: UnitOfWork, type: EventType, note: Note, conversation: Conversation): void {
  uow.emit({
    type,
    conversationId: conversation.id,
    assigneeId: conversation.assigneeId,
    payload: { conversationId: conversation.id, noteId: note.id },
  });
}

/** An internal note: stored and announced to the team, never sent to the customer. */
export async function createNote(
  caller: Caller,
  input: { conversationId: string; body: string },
): Promise<{ note: Note; conversation: Conversation }> {
  const body = checkNoteBody(input.body);
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const conversation = await uow.manager.findOne(Conversation, {
      where: { id: input.conversationId, workspaceId: viewer.workspaceId },
    });
    if (!conversation) throw notFound('Conversation');
    const note = await writeNote(caller, uow, conversation, body);
    return { note, conversation };
  });
}

/** The note rule on a conversation read in `uow` (single mutations and macros); `body` checked. */
export async function writeNote(
  caller: Caller,
  uow: UnitOfWork,
  conversation: Conversation,
  body: string,
): Promise<Note> {
  const { deps, viewer } = caller;
  assertMayAct(viewer, conversation);
  const mentioned = await mentionedAgents(uow, conversation, body);
  const note = await uow.manager.save(
    uow.manager.create(Note, {
      workspaceId: viewer.workspaceId,
      conversationId: conversation.id,
      authorId: authorIdOf(viewer),
      body,
      createdAt: deps.clock.now(),
    }),
  );
  await addRevision(uow, caller, note, NoteRevisionKind.CREATED, body);
  noteEvent(uow, EventType.NOTE_CREATED, note, conversation);
  announceMentions(uow, viewer, note, mentioned);
  return note;
}

/**
 * The note, locked, with its conversation, when the caller may change it: the conversation must be
 * readable (else NOT_FOUND, like a note that does not exist), and the caller its author or an admin.
 */
async function changeableNote(
  uow: UnitOfWork,
  caller: Caller,
  noteId: string,
): Promise<{ note: Note; conversation: Conversation }> {
  const { viewer } = caller;
  if (!isRowId(noteId)) throw notFound('Note');
  const note = await uow.manager.findOne(Note, {
    where: { id: noteId, workspaceId: viewer.workspaceId },
    lock: { mode: 'pessimistic_write' },
  });
  const conversation = note
    ? await uow.manager.findOne(Conversation, { where: { id: note.conversationId } })
    : null;
  if (!note || !conversation || !mayReadConversation(conversationReadScope(viewer), conversation)) {
    throw notFound('Note');
  }
  const authorId = authorIdOf(viewer);
  if (!isAdmin(viewer) && (authorId === null || note.authorId !== authorId)) {
    throw new BusinessRuleError(
      UserErrorCode.NOT_AUTHOR,
      'Only the note’s author or an admin can change it; add a note of your own instead.',
      ['input', 'noteId'],
    );
  }
  return { note, conversation };
}

/**
 * Edits a note's body; the earlier bodies stay in its revisions. Agents mentioned for the first time
 * in the new body are checked and notified (NOTE_MENTION); those mentioned before are not again.
 */
export async function updateNote(
  caller: Caller,
  input: { noteId: string; body: string },
): Promise<{ note: Note; conversation: Conversation }> {
  const body = checkNoteBody(input.body);
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const { note, conversation } = await changeableNote(uow, caller, input.noteId);
    if (note.body === body) return { note, conversation };
    const before = new Set(parseMentions(note.body).map((mention) => mention.agentId));
    const mentioned = await mentionedAgents(uow, conversation, body, before);
    note.body = body;
    note.editedAt = deps.clock.now();
    await uow.manager.update(Note, { id: note.id }, { body, editedAt: note.editedAt });
    await addRevision(uow, caller, note, NoteRevisionKind.EDITED, body);
    noteEvent(uow, EventType.NOTE_UPDATED, note, conversation);
    announceMentions(uow, viewer, note, mentioned);
    return { note, conversation };
  });
}

/** Deletes a note: it leaves every read; its revisions, ending with the deletion, stay for admins. */
export async function deleteNote(
  caller: Caller,
  input: { noteId: string },
): Promise<{ note: Note; conversation: Conversation }> {
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const { note, conversation } = await changeableNote(uow, caller, input.noteId);
    note.deletedAt = deps.clock.now();
    await uow.manager.update(Note, { id: note.id }, { deletedAt: note.deletedAt });
    await addRevision(uow, caller, note, NoteRevisionKind.DELETED, null);
    noteEvent(uow, EventType.NOTE_DELETED, note, conversation);
    return { note, conversation };
  });
}

/** The revisions of each note, oldest first; deleted notes keep theirs. */
export async function revisionsOfNotes(
  dataSource: DataSource,
  workspaceId: string,
  noteIds: readonly string[],
): Promise<Map<string, NoteRevision[]>> {
  const rows = await dataSource.getRepository(NoteRevision).find({
    where: { noteId: In([...noteIds]), workspaceId },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const byNote = new Map<string, NoteRevision[]>(noteIds.map((id) => [id, []]));
  for (const row of rows) byNote.get(row.noteId)?.push(row);
  return byNote;
}
