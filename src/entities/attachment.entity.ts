import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { ActorType, AttachmentKind, AttachmentStatus } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Conversation } from './conversation.entity';
import { Message, MessageError } from './message.entity';

/** Where an attachment's bytes are kept; recorded per row, so changing MEDIA_STORAGE strands nothing. */
export enum MediaStorageKind {
  POSTGRES = 'postgres',
  S3 = 's3',
}

/**
 * Where the bytes of a file a channel brought are fetched from, kept until they are copied (and
 * after, so a retry can fetch them again): a WhatsApp media id, looked up on the Graph API, or a
 * URL (Messenger and Instagram CDN links, a partner's link on an API channel).
 */
export type AttachmentSource =
  | {
      type: 'graph_media';
      mediaId: string;
      /** What the webhook announced; the lookup's own answer is checked too. */
      sha256?: string | null;
      mimeType?: string | null;
    }
  | { type: 'url'; url: string };

/**
 * A file of a message, or uploaded to be sent in one. An upload exists before its message: it
 * belongs to no conversation until it is sent, and meanwhile only its uploader and admins see it.
 * Inbound media is created PENDING with its message and becomes READY once its bytes are copied.
 */
@ObjectType({
  implements: Node,
  description:
    'A file of a message (image, audio, video, document, sticker), or one uploaded with POST /media to be sent. Its bytes are downloaded through `url`.',
})
@Entity()
@Index('attachment_message_idx', ['messageId'], { where: 'message_id IS NOT NULL' })
@Index('attachment_conversation_idx', ['conversationId'], { where: 'conversation_id IS NOT NULL' })
// The retention sweep walks the oldest kept files of each workspace.
@Index('attachment_kept_idx', ['workspaceId', 'createdAt'], { where: "status = 'READY'" })
// Uploads abandoned half-way (the process died) are found by age.
@Index('attachment_pending_idx', ['createdAt'], { where: "status = 'PENDING'" })
export class Attachment extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid', { nullable: true })
  messageId: string | null;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  message?: Message;

  /** Set with `messageId`: the conversation whose read rule the attachment follows. */
  @Column('uuid', { nullable: true })
  conversationId: string | null;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  @Field(() => AttachmentKind, { description: 'IMAGE, AUDIO, VIDEO, DOCUMENT or STICKER.' })
  @Column({ type: 'enum', enum: AttachmentKind, enumName: 'attachment_kind' })
  kind: AttachmentKind;

  @Field({ description: 'The MIME type, checked against the bytes (e.g. image/png, application/pdf).' })
  @Column('text')
  mimeType: string;

  @Field(() => String, { nullable: true, description: 'The file name given at upload or by the channel.' })
  @Column('text', { nullable: true })
  fileName: string | null;

  @Field(() => Int, { nullable: true, description: 'Size in bytes, once the bytes are stored.' })
  @Column('integer', { nullable: true })
  byteSize: number | null;

  @Field(() => String, { nullable: true, description: 'Lower-case hex SHA-256 of the bytes, once stored.' })
  @Column('text', { nullable: true })
  sha256: string | null;

  @Field(() => String, { nullable: true, description: 'The caption shown with an image, video or document.' })
  @Column('text', { nullable: true })
  caption: string | null;

  @Field(() => AttachmentStatus, { description: 'PENDING, READY, FAILED or EXPIRED.' })
  @Column({ type: 'enum', enum: AttachmentStatus, enumName: 'attachment_status' })
  status: AttachmentStatus;

  @Field(() => MessageError, { nullable: true, description: 'Why the bytes could not be stored (FAILED).' })
  @Column('jsonb', { nullable: true })
  error: MessageError | null;

  /** Who created it: the uploading agent or API key, or CUSTOMER / SYSTEM for what a channel brought. */
  @Column({ type: 'enum', enum: ActorType, enumName: 'actor_type' })
  uploaderType: ActorType;

  @Column('uuid', { nullable: true })
  uploaderId: string | null;

  @Column({ type: 'enum', enum: MediaStorageKind, enumName: 'media_storage_kind' })
  storage: MediaStorageKind;

  @Field(() => Date, {
    nullable: true,
    description: 'When the retention policy removed the bytes (EXPIRED).',
  })
  @Column('timestamptz', { nullable: true })
  expiredAt: Date | null;

  @Field({
    description: 'An audio file recorded as a voice note (WhatsApp `voice`), rather than a sent audio file.',
  })
  @Column('boolean', { default: false })
  voiceNote: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Length in whole seconds of an audio or video file, when it could be read from its bytes.',
  })
  @Column('integer', { nullable: true })
  durationSeconds: number | null;

  /** Its place among its message's files, from 0. */
  @Column('smallint', { default: 0 })
  position: number;

  /** Where a channel's file is fetched from; null for uploads. Never shown: CDN links carry access tokens. */
  @Column('jsonb', { nullable: true })
  source: AttachmentSource | null;

  /** Copies tried since the last (re)queue. */
  @Column('integer', { default: 0 })
  copyAttempts: number;

  /** A copy in progress holds the row until then; a second run of the job leaves it alone. */
  @Column('timestamptz', { nullable: true })
  copyLeaseUntil: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * The bytes of an attachment kept in PostgreSQL, in pieces of at most 256 KiB keyed by the offset
 * of their first byte: a download reads the pieces it needs one at a time, never the whole file.
 */
@Entity()
export class AttachmentChunk {
  @Column('uuid', { primary: true })
  attachmentId: string;

  @Column('bigint', { primary: true })
  startByte: string;

  @ManyToOne(() => Attachment, { onDelete: 'CASCADE' })
  attachment?: Attachment;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('bytea')
  data: Buffer;
}
