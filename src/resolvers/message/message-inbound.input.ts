import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A customer message pushed by a partner on an API channel account.' })
export class MessageInboundInput {
  @Field(() => ID, { description: 'The API channel account it arrived on.' })
  channelAccountId: string;

  @Field({
    description:
      "The partner's id of the customer, at most 200 characters (creates the customer on first contact).",
  })
  customerChannelUserId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Customer name, as the partner knows it (at most 200 characters).',
  })
  customerName?: string | null;

  @Field(() => String, { nullable: true, description: 'Customer phone in E.164 digits (at most 32).' })
  customerPhone?: string | null;

  @Field({
    description:
      "The partner's message id, at most 200 characters: a second delivery with the same id stores nothing twice.",
  })
  externalId: string;

  @Field({ description: 'The text, 1 to 4096 characters.' })
  text: string;

  @Field(() => Date, { nullable: true, description: 'When the customer wrote it; default now.' })
  sentAt?: Date | null;
}
