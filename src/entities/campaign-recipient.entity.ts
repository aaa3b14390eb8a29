import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Campaign } from './campaign.entity';
import { Customer } from './customer.entity';
import { Message, MessageError } from './message.entity';
import { Conversation } from './conversation.entity';

/**
 * Where the send of one recipient stands. Once a message exists its delivery status is the
 * message's own (one source of truth); the stage only says how far the campaign got.
 */
export enum RecipientStage {
  /** Not looked at yet. */
  QUEUED = 'QUEUED',
  /** Its message exists (QUEUED) and the provider has not accepted it: safe to send. */
  READY = 'READY',
  /** A provider call started; until it answers, nobody may send it again. */
  SENDING = 'SENDING',
  /** The provider answered (accepted or refused): the message holds the status. */
  DISPATCHED = 'DISPATCHED',
  /** Opted out: never sent. */
  SKIPPED = 'SKIPPED',
  /** Could not be sent (a placeholder value missing): never sent, `error` says why. */
  FAILED = 'FAILED',
  /** The campaign was cancelled before it was sent. */
  CANCELLED = 'CANCELLED',
}

/** What clients see of a recipient, derived from the stage and the message. */
export enum CampaignRecipientStatus {
  QUEUED = 'QUEUED',
  SENDING = 'SENDING',
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  READ = 'READ',
  FAILED = 'FAILED',
  REPLIED = 'REPLIED',
  SKIPPED = 'SKIPPED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CampaignRecipientStatus, {
  name: 'CampaignRecipientStatus',
  description:
    'QUEUED (not sent yet), SENDING, SENT, DELIVERED, READ, FAILED (with its error), REPLIED (the customer answered), SKIPPED (opted out), CANCELLED.',
});

@ObjectType({ implements: Node, description: 'One customer of a campaign audience and how their send went.' })
@Entity()
// Exactly one recipient per customer and campaign, whatever the audience overlaps.
@Index('campaign_recipient_campaign_customer_key', ['campaignId', 'customerId'], { unique: true })
// The sender's claim: the not-yet-sent recipients of a campaign, in order.
@Index('campaign_recipient_pending_idx', ['campaignId', 'id'], {
  where: "stage IN ('QUEUED', 'READY', 'SENDING')",
})
@Index('campaign_recipient_message_key', ['messageId'], { unique: true, where: 'message_id IS NOT NULL' })
// The reply hook: recipients of a conversation still waiting for an answer.
@Index('campaign_recipient_awaiting_reply_idx', ['conversationId'], {
  where: 'replied_at IS NULL AND conversation_id IS NOT NULL',
})
export class CampaignRecipient extends TenantNode {
  @Column('uuid')
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  campaign?: Campaign;

  @Column('uuid')
  customerId: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  customer?: Customer;

  @Column({ type: 'enum', enum: RecipientStage, enumName: 'campaign_recipient_stage', default: 'QUEUED' })
  stage: RecipientStage;

  @Column('uuid', { nullable: true })
  messageId: string | null;

  @ManyToOne(() => Message, { onDelete: 'SET NULL' })
  message?: Message;

  @Column('uuid', { nullable: true })
  conversationId: string | null;

  @ManyToOne(() => Conversation, { onDelete: 'SET NULL' })
  conversation?: Conversation;

  /** Why it was not sent (stage FAILED) or skipped; a provider failure lives on the message. */
  @Column('jsonb', { nullable: true })
  error: MessageError | null;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('timestamptz', { nullable: true })
  attemptedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the customer first answered the campaign.' })
  @Column('timestamptz', { nullable: true })
  repliedAt: Date | null;

  @Field({ description: 'Last change.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
