import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { MessageDirection, MessageSender, MessageStatus, MessageType } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Conversation } from './conversation.entity';
import { ChannelAccount } from './channel-account.entity';

@ObjectType({ description: 'Why a message failed: the red triangle.' })
export class MessageError {
  @Field({ description: 'Our code, e.g. WINDOW_CLOSED, RATE_LIMITED, UNDELIVERABLE, INBOUND_UNPROCESSABLE.' })
  code: string;

  @Field({ description: 'Short explanation.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'What the provider said, and what to do.' })
  detail: string | null;

  @Field(() => String, { nullable: true, description: 'The provider error code, e.g. 131047.' })
  providerCode: string | null;

  @Field({ description: 'Whether `messageRetry` may send it again.' })
  retryable: boolean;
}

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A message of a conversation, in either direction.',
})
@Entity()
@Index('message_conversation_idx', ['conversationId', 'sentAt', 'id'])
// Idempotency: one message per provider id per channel account, whatever the deliveries.
@Index('message_external_id_key', ['channelAccountId', 'externalId'], {
  unique: true,
  where: 'external_id IS NOT NULL',
})
// Search: a trigram index over the folded text.
@Index('message_text_search_idx', { synchronize: false })
// Statuses of a multi-part send's later parts: GIN over payload->'parts', where there are parts.
@Index('message_parts_idx', { synchronize: false })
@Index('message_failed_idx', ['workspaceId', 'updatedAt'], { where: "status = 'FAILED'" })
export class Message extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  @Column('uuid')
  channelAccountId: string;

  @ManyToOne(() => ChannelAccount, { onDelete: 'CASCADE' })
  channelAccount?: ChannelAccount;

  @Field(() => MessageDirection, { description: 'INBOUND or OUTBOUND.' })
  @Column({ type: 'enum', enum: MessageDirection, enumName: 'message_direction' })
  direction: MessageDirection;

  @Field(() => MessageSender, { description: 'Who wrote it.' })
  @Column({ type: 'enum', enum: MessageSender, enumName: 'message_sender' })
  sender: MessageSender;

  @Column('uuid', { nullable: true })
  senderAgentId: string | null;

  @Field(() => MessageType, { description: 'Kind of content.' })
  @Column({ type: 'enum', enum: MessageType, enumName: 'message_type' })
  type: MessageType;

  @Field(() => String, {
    nullable: true,
    description: 'Text, caption, or a readable rendering of the content.',
  })
  @Column('text', { nullable: true })
  text: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Structured content (media ids, location…).',
  })
  @Column('jsonb', { nullable: true })
  payload: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The provider message id (wamid, mid).' })
  @Column('text', { nullable: true })
  externalId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Provider id of the message this one replies or reacts to.',
  })
  @Column('text', { nullable: true })
  replyToExternalId: string | null;

  @Field(() => MessageStatus, { description: 'Delivery status; never moves backwards.' })
  @Column({ type: 'enum', enum: MessageStatus, enumName: 'message_status' })
  status: MessageStatus;

  @Field(() => MessageError, { nullable: true, description: 'Set when the message failed.' })
  @Column('jsonb', { nullable: true })
  error: MessageError | null;

  @Field({ description: 'Channel time of the message (when it was written or sent).' })
  @Column('timestamptz')
  sentAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the customer read it (our outbound: from the channel’s read receipt, or the partner’s READ on the API channel); null until then, and for inbound messages.',
  })
  @Column('timestamptz', { nullable: true })
  readAt: Date | null;

  @Column('uuid', { nullable: true })
  templateId: string | null;

  @Column('uuid', { nullable: true })
  suggestionId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
