import { Field, ID, InputType } from 'type-graphql';
import { InteractiveInput } from './interactive.input';

@InputType({ description: 'An answer to the customer: text, files, or buttons and lists.' })
export class MessageSendInput {
  @Field(() => ID, { description: 'The conversation to answer.' })
  conversationId: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The text, 1 to 4096 characters; optional with attachmentIds (on WhatsApp it is the caption of the first image, video or document, up to 1024), the body of an interactive message.',
  })
  text?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Uploads (POST /media) to send, in order: READY, and yours unless you are an admin. At most 10; each goes out as its own provider message.',
  })
  attachmentIds?: string[] | null;

  @Field(() => InteractiveInput, {
    nullable: true,
    description: 'Reply buttons, a list or a link button, with `text` as their body.',
  })
  interactive?: InteractiveInput | null;

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
