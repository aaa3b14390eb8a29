import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A label (a workspace tag) to put on, or take off, a conversation.' })
export class ConversationLabelInput {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field(() => ID, { description: 'The tag to use as a label (see `tags`).' })
  tagId: string;
}
