import { Field, ID, InputType } from 'type-graphql';
import { AttachmentKind } from '../../entities/enums';

@InputType({
  description:
    'A file of a partner message: an upload of POST /media (`uploadId`), or a URL that Omnitray downloads (`url`). Exactly one of the two.',
})
export class InboundAttachmentInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'An Attachment uploaded with POST /media in this workspace, READY and not yet sent with another message.',
  })
  uploadId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An https URL on a public host (the outbound address policy): the file is copied into Omnitray by a job, PENDING until READY or FAILED.',
  })
  url?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Caption shown with the file, at most 1024 characters.',
  })
  caption?: string | null;

  @Field(() => String, { nullable: true, description: 'File name of a URL (an upload keeps its own).' })
  fileName?: string | null;

  @Field(() => AttachmentKind, {
    nullable: true,
    description:
      'What a URL is expected to be (default DOCUMENT); the bytes decide when they are recognised.',
  })
  kind?: AttachmentKind | null;
}

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

  @Field(() => String, {
    nullable: true,
    description: 'The text, 1 to 4096 characters; optional when attachments are given.',
  })
  text?: string | null;

  @Field(() => [InboundAttachmentInput], {
    nullable: true,
    description: 'Up to 10 files: uploads by id or URLs, in the order the customer sent them.',
  })
  attachments?: InboundAttachmentInput[] | null;

  @Field(() => Date, { nullable: true, description: 'When the customer wrote it; default now.' })
  sentAt?: Date | null;
}
