import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Access, Allow } from '../../schema/access.decorator';
import { Agent } from '../../entities/agent.entity';
import { Note } from '../../entities/note.entity';
import { NoteRevision } from '../../entities/note-revision.entity';
import { ActorType } from '../../entities/enums';
import { isAdmin } from '../../auth/viewer';
import { type AuthedContext } from '../../server/context';
import { localId } from '../find-owned';
import { createNote, deleteNote, updateNote } from '../../services/note/note.service';
import { parseMentions } from '../../services/note/note-mentions';
import { forbidden } from '../../services/errors';
import { mutate } from '../mutation-payload';
import { NoteCreateInput, NoteDeleteInput, NoteUpdateInput } from './note-create.input';
import { NoteCreatePayload, NoteDeletePayload, NoteUpdatePayload } from './note-create.payload';

@Resolver(() => Note)
export class NoteResolver {
  @Mutation(() => NoteCreatePayload, {
    description:
      'Adds an internal note to a conversation; it is never sent to the customer. Agents mentioned as `@[Name](agentId)` get NOTE_MENTION.',
  })
  @Access(Allow.write)
  noteCreate(
    @Arg('input', () => NoteCreateInput, { description: 'Conversation and body.' }) input: NoteCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<NoteCreatePayload> {
    return mutate(NoteCreatePayload, () =>
      createNote(ctx, { conversationId: localId(input.conversationId, 'Conversation'), body: input.body }),
    );
  }

  @Mutation(() => NoteUpdatePayload, {
    description:
      'Edits a note: its author or an admin (NOT_AUTHOR otherwise). Earlier bodies stay in `revisions`.',
  })
  @Access(Allow.write)
  noteUpdate(
    @Arg('input', () => NoteUpdateInput, { description: 'Note and new body.' }) input: NoteUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<NoteUpdatePayload> {
    return mutate(NoteUpdatePayload, () =>
      updateNote(ctx, { noteId: localId(input.noteId, Note.name), body: input.body }),
    );
  }

  @Mutation(() => NoteDeletePayload, {
    description:
      'Deletes a note: its author or an admin. It leaves every read; admins still read it and its revisions with `notes(includeDeleted: true)`.',
  })
  @Access(Allow.write)
  noteDelete(
    @Arg('input', () => NoteDeleteInput, { description: 'The note.' }) input: NoteDeleteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<NoteDeletePayload> {
    return mutate(NoteDeletePayload, async () => {
      const { note, conversation } = await deleteNote(ctx, { noteId: localId(input.noteId, Note.name) });
      return { deletedNoteId: note.globalId, conversation };
    });
  }

  @FieldResolver(() => Date, { description: 'When it was written.' })
  createdAt(@Root() note: Note): Date {
    return note.createdAt;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who wrote it; null for API keys.' })
  author(@Root() note: Note, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return note.authorId ? ctx.loaders.agent.load(note.authorId) : null;
  }

  @FieldResolver(() => [Agent], {
    description: 'The agents the body mentions (`@[Name](agentId)`), in order.',
  })
  async mentions(@Root() note: Note, @Ctx() ctx: AuthedContext): Promise<Agent[]> {
    const ids = parseMentions(note.body).flatMap((mention) => (mention.agentId ? [mention.agentId] : []));
    if (ids.length === 0) return [];
    const agents = await ctx.loaders.agent.loadMany(ids);
    return agents.filter((agent): agent is Agent => agent instanceof Agent);
  }

  @FieldResolver(() => [NoteRevision], {
    description:
      'Admins only: every change of the note, oldest first — the body written, each edit, the deletion.',
  })
  revisions(@Root() note: Note, @Ctx() ctx: AuthedContext): Promise<NoteRevision[]> {
    if (!isAdmin(ctx.viewer)) throw forbidden('Only admins read the history of notes.');
    return ctx.loaders.revisionsByNote.load(note.id);
  }
}

@Resolver(() => NoteRevision)
export class NoteRevisionResolver {
  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'The agent who made the change; null for API keys.',
  })
  actor(@Root() revision: NoteRevision, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return revision.actorType === ActorType.AGENT && revision.actorId
      ? ctx.loaders.agent.load(revision.actorId)
      : null;
  }
}
