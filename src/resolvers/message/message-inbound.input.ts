import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Message } from '../../entities/message.entity';
import { AttachmentKind, MessageStatus } from '../../entities/enums';
import { MutationPayload } from '../mutation-payload';

export enum InteractiveReplyKind {
  BUTTON = 'BUTTON',
  LIST = 'LIST',
}
registerEnumType(InteractiveReplyKind, {
  name: 'InteractiveReplyKind',
  description: 'What the customer tapped: a reply button or a list row.',
});

@InputType({ description: 'The customer tapped one of our reply buttons or list rows.' })
export class InteractiveReplyInput {
  @Field(() => InteractiveReplyKind, { description: 'BUTTON or LIST.' })
  kind: InteractiveReplyKind;

  @Field({ description: 'The id we gave the button or row (at most 256 characters).' })
  id: string;

  @Field({ description: 'Its title as the customer saw it (at most 24 characters).' })
  title: string;

  @Field(() => String, { nullable: true, description: 'A list row’s description (at most 72 characters).' })
  description?: string | null;
}

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
    description:
      'The text, 1 to 4096 characters; optional when attachments or `interactiveReply` (its title is the text) are given.',
  })
  text?: string | null;

  @Field(() => [InboundAttachmentInput], {
    nullable: true,
    description: 'Up to 10 files: uploads by id or URLs, in the order the customer sent them.',
  })
  attachments?: InboundAttachmentInput[] | null;

  @Field(() => InteractiveReplyInput, {
    nullable: true,
    description: 'A tap on one of our buttons or list rows.',
  })
  interactiveReply?: InteractiveReplyInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The channel id of the message this one quotes (ours are the `externalId`s of our outbound, `api_…`): it becomes `replyTo`.',
  })
  replyTo?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the customer wrote it; default now.' })
  sentAt?: Date | null;
}

@InputType({ description: 'Why the partner could not deliver our message.' })
export class PartnerMessageErrorInput {
  @Field(() => String, {
    nullable: true,
    description: 'The partner’s code (at most 64 characters); default PARTNER_FAILED.',
  })
  code?: string | null;

  @Field({ description: 'Short explanation agents see on the red triangle (at most 200 characters).' })
  title: string;

  @Field(() => String, {
    nullable: true,
    description: 'What happened and what to do (at most 1000 characters).',
  })
  detail?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether `messageRetry` may send it again; default false.',
  })
  retryable?: boolean | null;
}

@InputType({ description: 'A delivery status of one of our outbound messages on the partner’s channel.' })
export class MessageStatusReportInput {
  @Field(() => ID, { description: 'Our outbound message.' })
  messageId: string;

  @Field(() => MessageStatus, {
    description: 'SENT, DELIVERED, READ or FAILED; statuses never move backwards.',
  })
  status: MessageStatus;

  @Field(() => PartnerMessageErrorInput, { nullable: true, description: 'Required with FAILED.' })
  error?: PartnerMessageErrorInput | null;
}

@ObjectType({ description: 'Result of messageStatusReport.' })
export class MessageStatusReportPayload extends MutationPayload {
  @Field(() => Message, { nullable: true, description: 'The message with its status now.' })
  message: Message | null = null;

  @Field({ description: 'False when the status was already reached or is behind it: nothing changed.' })
  changed: boolean = false;
}
