import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'An internal note on a conversation.' })
export class NoteCreateInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field({ description: 'The note, 1 to 10000 characters; never sent to the customer.' })
  body: string;
}
