import { Field, ID, ObjectType } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';
import { Note } from '../../entities/note.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of noteCreate.' })
export class NoteCreatePayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The new note.' })
  note: Note | null = null;

  @Field(() => Conversation, { nullable: true, description: 'The conversation it is on.' })
  conversation: Conversation | null = null;
}

@ObjectType({ description: 'Result of noteUpdate.' })
export class NoteUpdatePayload extends MutationPayload {
  @Field(() => Note, { nullable: true, description: 'The note as edited.' })
  note: Note | null = null;

  @Field(() => Conversation, { nullable: true, description: 'The conversation it is on.' })
  conversation: Conversation | null = null;
}

@ObjectType({ description: 'Result of noteDelete.' })
export class NoteDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Id of the deleted note; it no longer answers.' })
  deletedNoteId: string | null = null;

  @Field(() => Conversation, { nullable: true, description: 'The conversation it was on.' })
  conversation: Conversation | null = null;
}
