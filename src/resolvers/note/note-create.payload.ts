import { Field, ObjectType } from 'type-graphql';
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
