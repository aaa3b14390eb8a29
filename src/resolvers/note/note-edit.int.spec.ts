import {
  AgentMentionedDocument,
  ConversationNotesDocument,
  NoteDeleteDocument,
  NoteHistoryDocument,
  NoteUpdateDocument,
  NoteWriteDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createConversation,
  createTestAgent,
  createTestApiKey,
  createTestWorkspace,
  deactivateAgent,
  type TestAgent,
} from '../../testing/factories';
import { useConnections, headCursor, subscribe } from '../../testing/fixtures/subscription.fixture';
import { toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';
import { AgentRole, ApiKeyScope } from '../../entities/enums';
import { readEvents } from '../../realtime/event-log';
import { EventType } from '../../realtime/event-types';
import { mentionOf } from '../../services/note/note-mentions';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('notes: edit, delete, history and mentions', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);
  const open = useConnections();

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);
  const mention = (who: TestAgent) => mentionOf({ name: who.agent.name, globalId: who.agent.globalId });

  async function write(conversation: Conversation, token: string, body: string) {
    const result = await t.gql(
      NoteWriteDocument,
      { input: { conversationId: gid(conversation), body } },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.noteCreate;
  }
  const update = (noteId: string, token: string, body: string) =>
    t.gql(NoteUpdateDocument, { input: { noteId, body } }, token);
  const remove = (noteId: string, token: string) => t.gql(NoteDeleteDocument, { input: { noteId } }, token);
  const noteEvents = async () =>
    (await readEvents(deps.dataSource, w.workspace.id, 0n, 1000))
      .filter((record) => record.type.startsWith('NOTE_'))
      .map((record) => [record.type, record.payload.noteId, record.assigneeId]);

  it('the author edits; another agent is refused; an admin edits; every body stays in the history', async () => {
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    const { note } = await write(queued, w.agentA.token, 'Customer asked for a refund');
    const noteId = note!.id;

    const byOther = await update(noteId, w.agentB.token, 'rewritten by B');
    expect(byOther.data!.noteUpdate).toMatchObject({
      note: null,
      userErrors: [{ code: 'NOT_AUTHOR', field: ['input', 'noteId'] }],
    });
    t.clock.advance(60_000);
    const byAuthor = await update(noteId, w.agentA.token, 'Customer asked for a refund of order 1234');
    expect(byAuthor.data!.noteUpdate).toMatchObject({
      userErrors: [],
      note: {
        body: 'Customer asked for a refund of order 1234',
        editedAt: new Date(NOW.getTime() + 60_000).toISOString(),
      },
    });
    const byAdmin = await update(noteId, w.admin.token, 'Refund of order 1234 approved');
    expect(byAdmin.data!.noteUpdate.userErrors).toEqual([]);
    const writeKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    expect((await update(noteId, writeKey, 'by a key')).data!.noteUpdate.userErrors[0]!.code).toBe(
      'NOT_AUTHOR',
    );
    const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN, ApiKeyScope.WRITE]))
      .key;
    expect((await update(noteId, adminKey, 'Refund approved (checked)')).data!.noteUpdate.userErrors).toEqual(
      [],
    );

    const history = await t.gql(NoteHistoryDocument, { id: gid(queued) }, w.admin.token);
    expect(history.errors).toBeUndefined();
    const [read] = history.data!.conversation!.notes.nodes;
    expect(read!.body).toBe('Refund approved (checked)');
    expect(
      read!.revisions.map(({ kind, body, actorType, actor }) => [kind, body, actorType, actor?.id ?? null]),
    ).toEqual([
      ['CREATED', 'Customer asked for a refund', 'AGENT', w.agentA.agent.globalId],
      ['EDITED', 'Customer asked for a refund of order 1234', 'AGENT', w.agentA.agent.globalId],
      ['EDITED', 'Refund of order 1234 approved', 'AGENT', w.admin.agent.globalId],
      ['EDITED', 'Refund approved (checked)', 'API_KEY', null],
    ]);
    // The history is the admins'.
    const byAgent = await t.gql(NoteHistoryDocument, { id: gid(queued) }, w.agentA.token);
    expect(byAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const local = noteId && Buffer.from(noteId, 'base64url').toString().split(':')[1];
    expect(await noteEvents()).toEqual([
      ['NOTE_CREATED', local, null],
      ['NOTE_UPDATED', local, null],
      ['NOTE_UPDATED', local, null],
      ['NOTE_UPDATED', local, null],
    ]);
  });

  it('a deleted note leaves every read; admins still read it and its history', async () => {
    const mine = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const kept = (await write(mine, w.agentA.token, 'kept')).note!;
    t.clock.advance(1000);
    const gone = (await write(mine, w.agentA.token, 'wrong customer, sorry')).note!;
    expect((await remove(gone.id, w.agentB.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const deleted = await remove(gone.id, w.agentA.token);
    expect(deleted.data!.noteDelete).toMatchObject({
      userErrors: [],
      deletedNoteId: gone.id,
      conversation: { id: gid(mine) },
    });

    const asAgent = await t.gql(ConversationNotesDocument, { id: gid(mine) }, w.agentA.token);
    expect(asAgent.data!.conversation!.notes.nodes.map((node) => node.id)).toEqual([kept.id]);
    for (const token of [w.agentA.token, w.admin.token]) {
      const node = await t.gql('query($id: ID!) { node(id: $id) { id } }', { id: gone.id }, token);
      expect(node.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await update(gone.id, w.agentA.token, 'again')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await remove(gone.id, w.admin.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const withDeletedAsAgent = await t.gql(
      ConversationNotesDocument,
      { id: gid(mine), includeDeleted: true },
      w.agentA.token,
    );
    expect(withDeletedAsAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const asAdmin = await t.gql(NoteHistoryDocument, { id: gid(mine) }, w.admin.token);
    const notes = asAdmin.data!.conversation!.notes.nodes;
    expect(notes.map((node) => [node.id, node.deletedAt])).toEqual([
      [kept.id, null],
      [gone.id, new Date(NOW.getTime() + 1000).toISOString()],
    ]);
    expect(notes[1]!.revisions.map((revision) => [revision.kind, revision.body])).toEqual([
      ['CREATED', 'wrong customer, sorry'],
      ['DELETED', null],
    ]);
    expect((await noteEvents()).map(([type]) => type)).toEqual([
      'NOTE_CREATED',
      'NOTE_CREATED',
      'NOTE_DELETED',
    ]);
  });

  it('refuses bad bodies and notes the caller may not read; a foreign note is NOT_FOUND', async () => {
    const ofB = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const note = (await write(ofB, w.agentB.token, 'B’s note')).note!;
    expect((await update(note.id, w.agentB.token, '   ')).data!.noteUpdate.userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'body'] },
    ]);
    expect(
      (await update(note.id, w.agentB.token, 'x'.repeat(10_001))).data!.noteUpdate.userErrors[0]!.code,
    ).toBe('INVALID_INPUT');
    // Agent A cannot read B's conversation: the note reads as absent.
    const hidden = await update(note.id, w.agentA.token, 'x');
    const unknown = await update(
      toGlobalId('Note', '00000000-0000-4000-8000-000000000000'),
      w.agentA.token,
      'x',
    );
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    const other = await createTestWorkspace(deps);
    expect((await update(note.id, other.admin.token, 'x')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    expect((await remove(note.id, readKey)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Refusals wrote nothing.
    expect((await noteEvents()).map(([type]) => type)).toEqual(['NOTE_CREATED']);
  });

  it('mentions resolve only active agents of the workspace who may read the conversation', async () => {
    const ofA = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const other = await createTestWorkspace(deps);
    const retired = await createTestAgent(deps, w.workspace.id, AgentRole.AGENT, 'Retired');
    await deactivateAgent(deps, retired.agent.id);

    const ok = await write(ofA, w.agentA.token, `${mention(w.admin)} can you approve? cc ana@example.com`);
    expect(ok.userErrors).toEqual([]);
    expect(ok.note!.mentions.map((agent) => agent.id)).toEqual([w.admin.agent.globalId]);

    const refusals: [string, string][] = [
      [`${mention(other.agentA)} hi`, 'INVALID_INPUT'],
      [`@[Nobody](${toGlobalId('Agent', '00000000-0000-4000-8000-000000000000')}) hi`, 'INVALID_INPUT'],
      [`@[Not an agent](${ofA.globalId}) hi`, 'INVALID_INPUT'],
      [`${mention(retired)} hi`, 'AGENT_INACTIVE'],
      // B may not read A's conversation: mentioning would hand B the note.
      [`${mention(w.agentB)} please take over`, 'MENTION_NOT_ALLOWED'],
    ];
    for (const [body, code] of refusals) {
      const refused = await t.gql(
        NoteWriteDocument,
        { input: { conversationId: gid(ofA), body } },
        w.agentA.token,
      );
      expect({
        body,
        errors: refused.data!.noteCreate.userErrors.map((error) => [error.code, error.field]),
      }).toEqual({
        body,
        errors: [[code, ['input', 'body']]],
      });
    }
    // A foreign agent reads exactly like one that does not exist.
    const foreign = await t.gql(
      NoteWriteDocument,
      { input: { conversationId: gid(ofA), body: `${mention(other.agentA)}` } },
      w.agentA.token,
    );
    const nowhere = await t.gql(
      NoteWriteDocument,
      {
        input: {
          conversationId: gid(ofA),
          body: `@[${other.agentA.agent.name}](${toGlobalId('Agent', '00000000-0000-4000-8000-000000000000')})`,
        },
      },
      w.agentA.token,
    );
    expect(foreign.data!.noteCreate.userErrors[0]!.message).toBe(
      nowhere.data!.noteCreate.userErrors[0]!.message,
    );
    expect((await noteEvents()).map(([type]) => type)).toEqual(['NOTE_CREATED', 'NOTE_MENTION']);
  });

  it('a mention reaches the mentioned agent’s subscription and no one else’s; an edit notifies only new mentions', async () => {
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    const agentC = await createTestAgent(deps, w.workspace.id, AgentRole.AGENT, 'Agent C');
    const after = await headCursor(t.app.deps, w.workspace.id);
    const url = await t.wsUrl();
    const feed = (token: string) => subscribe(open(url, token), AgentMentionedDocument, { after });
    const [ofB, ofC, ofAdmin, ofAuthor] = [w.agentB.token, agentC.token, w.admin.token, w.agentA.token].map(
      feed,
    );

    const first = (await write(queued, w.agentA.token, `${mention(w.agentB)} the customer speaks German`))
      .note!;
    expect(await ofB!.waitFor(1)).toBe(true);
    expect(ofB!.data()[0]!.agentMentioned).toEqual({
      cursor: expect.any(String),
      note: { id: first.id, body: `${mention(w.agentB)} the customer speaks German` },
      conversation: { id: gid(queued) },
      mentionedAgent: { id: w.agentB.agent.globalId },
      author: { id: w.agentA.agent.globalId },
    });

    // Editing keeps B and adds C: only C is notified. Then sentinels for the admin and the author.
    const edited = await update(
      first.id,
      w.agentA.token,
      `${mention(w.agentB)} ${mention(agentC)} German, urgent`,
    );
    expect(edited.data!.noteUpdate.userErrors).toEqual([]);
    await write(queued, w.agentB.token, `${mention(w.admin)} ${mention(w.agentA)} done`);
    for (const sub of [ofC, ofAdmin, ofAuthor]) expect(await sub!.waitFor(1)).toBe(true);

    const received = (sub: typeof ofB) => sub!.data().map((data) => data.agentMentioned.note?.body);
    expect(received(ofC)).toEqual([`${mention(w.agentB)} ${mention(agentC)} German, urgent`]);
    expect(received(ofAdmin)).toEqual([`${mention(w.admin)} ${mention(w.agentA)} done`]);
    expect(received(ofAuthor)).toEqual([`${mention(w.admin)} ${mention(w.agentA)} done`]);
    // B's next delivery is its own sentinel: none of the mentions in between reached B.
    await write(queued, w.admin.token, `${mention(w.agentB)} sentinel`);
    expect(await ofB!.waitFor(2)).toBe(true);
    expect(received(ofB)).toEqual([
      `${mention(w.agentB)} the customer speaks German`,
      `${mention(w.agentB)} sentinel`,
    ]);
    const mentions = (await readEvents(deps.dataSource, w.workspace.id, 0n, 1000))
      .filter((record) => record.type === EventType.NOTE_MENTION)
      .map((record) => record.payload.mentionedAgentId);
    expect(mentions).toEqual([
      w.agentB.agent.id,
      agentC.agent.id,
      w.admin.agent.id,
      w.agentA.agent.id,
      w.agentB.agent.id,
    ]);
    for (const sub of [ofB, ofC, ofAdmin, ofAuthor])
      expect(sub!.results.filter((result) => result.errors)).toEqual([]);
  });
});
