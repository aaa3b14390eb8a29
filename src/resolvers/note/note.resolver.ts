import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Access, Allow } from '../../schema/access.decorator';
import { Agent } from '../../entities/agent.entity';
import { Note } from '../../entities/note.entity';
import { type AuthedContext } from '../../server/context';
import { localId } from '../find-owned';
import { createNote } from '../../services/note/note.service';
import { mutate } from '../mutation-payload';
import { NoteCreateInput } from './note-create.input';
import { NoteCreatePayload } from './note-create.payload';

@Resolver(() => Note)
export class NoteResolver {
  @Mutation(() => NoteCreatePayload, {
    description: 'Adds an internal note to a conversation; it is never sent to the customer.',
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

  @FieldResolver(() => Date, { description: 'When it was written.' })
  createdAt(@Root() note: Note): Date {
    return note.createdAt;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who wrote it; null for API keys.' })
  author(@Root() note: Note, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return note.authorId ? ctx.loaders.agent.load(note.authorId) : null;
  }
}
