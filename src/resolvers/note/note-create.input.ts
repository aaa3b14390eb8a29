import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'An internal note on a conversation.' })
export class NoteCreateInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field({ description: 'The note, 1 to 10000 characters; never sent to the customer.' })
  body: string;
}

@InputType({ description: 'A new body for a note.' })
export class NoteUpdateInput {
  @Field(() => ID, { description: 'The note.' })
  noteId: string;

  @Field({
    description:
      'The new body, 1 to 10000 characters. Agents mentioned here for the first time (`@[Name](agentId)`) are notified.',
  })
  body: string;
}

@InputType({ description: 'The note to delete.' })
export class NoteDeleteInput {
  @Field(() => ID, { description: 'The note.' })
  noteId: string;
}
