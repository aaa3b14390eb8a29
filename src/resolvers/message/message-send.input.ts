import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A free-text answer to the customer.' })
export class MessageSendInput {
  @Field(() => ID, { description: 'The conversation to answer.' })
  conversationId: string;

  @Field({ description: 'The text, 1 to 4096 characters.' })
  text: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The AI suggestion the text came from (recorded as used, as is or edited).',
  })
  suggestionId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "A message of this conversation to quote, already on the channel (sent as Meta's `context` / `reply_to`).",
  })
  replyToMessageId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Retrying with the same key and body returns the first message instead of sending twice (24 h).',
  })
  idempotencyKey?: string | null;
}
