import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Attachment } from '../../entities/attachment.entity';
import { MutationPayload } from '../mutation-payload';

@InputType({ description: 'A FAILED file a channel brought, to download again.' })
export class AttachmentRetryInput {
  @Field(() => ID, { description: 'The attachment (status FAILED).' })
  attachmentId: string;
}

@ObjectType({ description: 'Result of attachmentRetry.' })
export class AttachmentRetryPayload extends MutationPayload {
  @Field(() => Attachment, {
    nullable: true,
    description: 'The attachment, PENDING again until its copy ends READY or FAILED.',
  })
  attachment: Attachment | null = null;
}
