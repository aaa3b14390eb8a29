import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { ChannelAccount } from './channel-account.entity';
import { Template } from './template.entity';
import { Agent } from './agent.entity';
import { Tag } from './tag.entity';
import { AttachmentKind } from './enums';

/**
 * The file of a template's image, video or document header: an upload, sent to WhatsApp once per
 * campaign (its media id noted in `providerId`), or a link WhatsApp fetches.
 */
@ObjectType('CampaignHeaderMedia', { description: 'The file of the template header every recipient gets.' })
export class CampaignHeaderMedia {
  /** The upload's database id; the file is not exposed here (unsent uploads are their uploader's). */
  attachmentId: string | null;

  @Field(() => AttachmentKind, { nullable: true, description: 'IMAGE, VIDEO or DOCUMENT, for an upload.' })
  kind: AttachmentKind | null;

  @Field(() => String, { nullable: true, description: 'The upload’s file name.' })
  fileName: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The https link WhatsApp fetches, instead of an upload.',
  })
  link: string | null;

  /** WhatsApp's media id of the upload, once sent there. */
  providerId?: string;
}

@ObjectType({ description: 'A fixed value of one of the template’s buttons.' })
export class CampaignButtonValue {
  @Field(() => Int, { description: 'The button, by its position in the template (from 0).' })
  index: number;

  @Field(() => String, { nullable: true, description: 'A URL button’s {{1}} suffix.' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'A quick reply’s payload.' })
  payload?: string | null;
}

export enum CampaignStatus {
  /** Waits for its start time. */
  SCHEDULED = 'SCHEDULED',
  /** Sending at the channel account's pace. */
  RUNNING = 'RUNNING',
  /** Every recipient has been handled (sent, failed, skipped). */
  COMPLETED = 'COMPLETED',
  /** Stopped by an admin; recipients not yet sent were not sent. */
  CANCELLED = 'CANCELLED',
}
registerEnumType(CampaignStatus, {
  name: 'CampaignStatus',
  description: 'Where a campaign stands: SCHEDULED, RUNNING, COMPLETED or CANCELLED.',
});

export enum CampaignComponent {
  BODY = 'BODY',
  HEADER = 'HEADER',
}
registerEnumType(CampaignComponent, {
  name: 'CampaignComponent',
  description: 'The template component a placeholder belongs to.',
});

/** A template placeholder's value: fixed, or read from each customer. */
@ObjectType({ description: 'How one template placeholder is filled for each recipient.' })
export class CampaignVariable {
  @Field(() => CampaignComponent, { description: 'BODY or HEADER.' })
  component: CampaignComponent;

  @Field({ description: 'The placeholder: `1`, `2`… for positional templates, the name for named ones.' })
  placeholder: string;

  @Field(() => String, { nullable: true, description: 'The same value for every recipient.' })
  value: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Taken from the customer: `name`, `phone`, or a custom field key.',
  })
  field: string | null;
}

@ObjectType({
  implements: Node,
  description:
    'An APPROVED template sent to an audience of customers at the channel pace; replies reach the campaign assignee or the queue.',
})
@Entity()
@Index('campaign_workspace_created_idx', ['workspaceId', 'createdAt'])
export class Campaign extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'Name for the team.' })
  @Column('text')
  name: string;

  @Field(() => CampaignStatus, { description: 'SCHEDULED, RUNNING, COMPLETED or CANCELLED.' })
  @Column({ type: 'enum', enum: CampaignStatus, enumName: 'campaign_status' })
  status: CampaignStatus;

  @Column('uuid')
  channelAccountId: string;

  @ManyToOne(() => ChannelAccount, { onDelete: 'CASCADE' })
  channelAccount?: ChannelAccount;

  @Column('uuid')
  templateId: string;

  @ManyToOne(() => Template, { onDelete: 'CASCADE' })
  template?: Template;

  /** Who receives the replies; null: the queue. */
  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => Agent, { onDelete: 'SET NULL' })
  assignee?: Agent;

  @Field(() => [CampaignVariable], { description: 'How each placeholder is filled.' })
  @Column('jsonb', { default: [] })
  variables: CampaignVariable[];

  @Field(() => CampaignHeaderMedia, {
    nullable: true,
    description: 'The header file of a template with an image, video or document header.',
  })
  @Column('jsonb', { nullable: true })
  headerMedia: CampaignHeaderMedia | null;

  @Field(() => [CampaignButtonValue], { description: 'Fixed values of the template’s buttons.' })
  @Column('jsonb', { default: [] })
  buttons: CampaignButtonValue[];

  /** Customers with this tag are skipped (opted out). */
  @Column('uuid', { nullable: true })
  optOutTagId: string | null;

  @ManyToOne(() => Tag, { onDelete: 'SET NULL' })
  optOutTag?: Tag;

  @Field(() => String, {
    nullable: true,
    description: 'Key of a BOOLEAN custom field: customers with the value true are skipped (opted out).',
  })
  @Column('text', { nullable: true })
  optOutFieldKey: string | null;

  @Field(() => Date, { nullable: true, description: 'When sending starts; null: at once.' })
  @Column('timestamptz', { nullable: true })
  startAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the first recipient was sent.' })
  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When every recipient had been handled.' })
  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' })
  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Sending waits until then: the provider asked to slow down (rate limit).',
  })
  @Column('timestamptz', { nullable: true })
  pausedUntil: Date | null;

  /**
   * The token the next tick job must carry: rotated by each tick as it schedules its successor, so
   * exactly one chain of ticks drives the campaign even if a job is delivered twice.
   */
  @Column('uuid', { nullable: true })
  tickToken: string | null;

  @Column('timestamptz', { nullable: true })
  lastTickAt: Date | null;

  /** The agent who created it; null for an API key. */
  @Column('uuid', { nullable: true })
  createdById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
