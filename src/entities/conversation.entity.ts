import { Column, Entity, Index, ManyToOne, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { ChannelKind, ConversationStatus, Handler, Outcome, Priority } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Customer } from './customer.entity';
import { ChannelAccount } from './channel-account.entity';
import { Agent } from './agent.entity';
import { Team } from './team.entity';
import { type Message } from './message.entity';

@ObjectType({
  implements: Node,
  // No field of the row has a guard of its own: plain property reads, no per-field wrapper.
  simpleResolvers: true,
  description: 'A thread between a customer and the workspace on one channel.',
})
@Entity()
// One assignee's trays: by workspace, status and handler, then assignee, newest activity first (keyset on id).
@Index('conversation_tray_idx', { synchronize: false })
// Trays in their sort order (newest activity, then id), partial on open agent-handled rows and
// covering every column of the tray rules: pages are range reads, counts index-only. Per
// workspace and per team (migration TrayIndexes); per assignee: conversation_tray_idx.
@Index('conversation_agent_tray_idx', { synchronize: false })
@Index('conversation_agent_tray_team_idx', { synchronize: false })
// The conversation list, newest activity first.
@Index('conversation_activity_idx', { synchronize: false })
@Index('conversation_customer_idx', ['customerId', 'createdAt'])
// A team's queue and counts.
@Index('conversation_team_idx', ['teamId', 'status'])
// Open conversations by priority, then waiting time.
@Index('conversation_priority_idx', ['workspaceId', 'priority', 'waitingSince'], { where: `status = 'OPEN'` })
// Queue figures and tray counts: open, agent-handled conversations by workspace, assignee and team,
// with every column the tray rules read, so they are answered by index-only scans (migration QueueStats).
@Index('conversation_open_agent_idx', { synchronize: false })
// Reports: the conversations closed in a period.
@Index('conversation_closed_idx', ['workspaceId', 'closedAt'], { where: `status = 'CLOSED'` })
// SLA due times still running, for the sweep that catches lost timers.
@Index('conversation_sla_first_due_idx', ['slaFirstResponseDueAt'], {
  where: `status = 'OPEN' AND sla_first_response_at IS NULL AND sla_first_response_due_at IS NOT NULL`,
})
@Index('conversation_sla_next_due_idx', ['slaNextResponseDueAt'], {
  where: `status = 'OPEN' AND sla_next_response_due_at IS NOT NULL`,
})
@Index('conversation_sla_resolution_due_idx', ['slaResolutionDueAt'], {
  where: `status = 'OPEN' AND sla_resolution_due_at IS NOT NULL`,
})
// Time-driven moves still due, for the every-minute sweeps that catch lost timers: closings,
// snoozes, and expiring windows of the agents' trays (each scanned the whole table).
@Index('conversation_auto_close_due_idx', ['autoCloseAt'], {
  where: `status = 'OPEN' AND auto_close_at IS NOT NULL`,
})
@Index('conversation_snooze_due_idx', ['snoozedUntil'], {
  where: `status = 'OPEN' AND snoozed_until IS NOT NULL`,
})
@Index('conversation_window_expiry_idx', ['windowExpiresAt'], {
  where: `status = 'OPEN' AND handler = 'AGENT' AND outcome IS NULL AND outgoing_since IS NULL`,
})
// At most one open conversation per customer and channel account.
@Index('conversation_one_open_per_customer', { synchronize: false })
export class Conversation extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  customerId: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  customer?: Customer;

  @Column('uuid')
  channelAccountId: string;

  @ManyToOne(() => ChannelAccount, { onDelete: 'CASCADE' })
  channelAccount?: ChannelAccount;

  @Field(() => ChannelKind, { description: 'Channel of the conversation.' })
  @Column({ type: 'enum', enum: ChannelKind, enumName: 'channel_kind' })
  channel: ChannelKind;

  @Field(() => Handler, { description: 'BOT while the bot holds it, AGENT once handed off.' })
  @Column({ type: 'enum', enum: Handler, enumName: 'handler' })
  handler: Handler;

  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => Agent, { onDelete: 'SET NULL' })
  assignee?: Agent;

  /** Whose queue it waits in while unassigned; null: the workspace's general queue. */
  @Column('uuid', { nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  team?: Team;

  @Field(() => ConversationStatus, { description: 'OPEN or CLOSED.' })
  @Column({ type: 'enum', enum: ConversationStatus, enumName: 'conversation_status' })
  status: ConversationStatus;

  @Field(() => Date, { nullable: true, description: 'Channel time of the last customer message.' })
  @Column('timestamptz', { nullable: true })
  lastInboundAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the customer window closes (lastInboundAt + 24h). Outside it only templates may be sent.',
  })
  @Column('timestamptz', { nullable: true })
  windowExpiresAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Set while a template waits for the customer to answer.',
  })
  @Column('timestamptz', { nullable: true })
  outgoingSince: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last handoff, assignment or transfer to an agent.' })
  @Column('timestamptz', { nullable: true })
  handedOffAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'First agent reply since the last handoff or assignment.',
  })
  @Column('timestamptz', { nullable: true })
  firstAgentReplyAt: Date | null;

  @Field({ description: 'Last message or change; trays hide conversations older than `visibleDays`.' })
  @Column('timestamptz')
  lastActivityAt: Date;

  @Field(() => Outcome, { nullable: true, description: 'Outcome typed by the agent when closing.' })
  @Column({ type: 'enum', enum: Outcome, enumName: 'outcome', nullable: true })
  outcome: Outcome | null;

  @Field(() => String, { nullable: true, description: 'Reason typed with the outcome.' })
  @Column('text', { nullable: true })
  closeReason: string | null;

  @Field(() => Date, { nullable: true, description: 'When the pending close takes effect.' })
  @Column('timestamptz', { nullable: true })
  autoCloseAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed.' })
  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Field(() => Priority, { description: 'How urgent it is (agents, the bot or partners set it).' })
  @Column({ type: 'enum', enum: Priority, enumName: 'priority', default: Priority.NONE })
  priority: Priority;

  /** Out of the trays until then (or the customer's reply); `snoozedUntil` shows it while ahead. */
  @Column('timestamptz', { nullable: true })
  snoozedUntil: Date | null;

  /** Customer messages since the last reply (`awaitingReplyCount`); `unreadCount` is the viewer's own. */
  @Column('int', { default: 0 })
  unreadCount: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'Since when the customer has been waiting for an answer: channel time of their oldest message still unanswered, or the handoff to agents if earlier and unanswered (cleared by the next reply); null when nothing waits.',
  })
  @Column('timestamptz', { nullable: true })
  waitingSince: Date | null;

  @Column('uuid', { nullable: true })
  lastMessageId: string | null;

  /** The SLA policy that applies now (the first match by position), null: none. */
  @Column('uuid', { nullable: true })
  slaPolicyId: string | null;

  /** When agents first held it: the resolution clock counts from here. */
  @Column('timestamptz', { nullable: true })
  slaStartedAt: Date | null;

  /** Due time of the first answer; kept once answered, to tell MET from BREACHED. */
  @Column('timestamptz', { nullable: true })
  slaFirstResponseDueAt: Date | null;

  /** When an agent first answered (the first-response clock stops). */
  @Column('timestamptz', { nullable: true })
  slaFirstResponseAt: Date | null;

  /** Due time of the answer the customer waits for now (after the first). */
  @Column('timestamptz', { nullable: true })
  slaNextResponseDueAt: Date | null;

  /** Due time of the closing; kept once closed. */
  @Column('timestamptz', { nullable: true })
  slaResolutionDueAt: Date | null;

  /** The first breach of any target. */
  @Column('timestamptz', { nullable: true })
  slaBreachedAt: Date | null;

  /** The closed period an out-of-office reply was sent for (the instant it opens again). */
  @Column('timestamptz', { nullable: true })
  outOfOfficeFor: Date | null;

  /** The latest message, when the read that loaded this row joined it (a tray page); else unset. */
  lastMessage?: Message | null;

  /** When the satisfaction survey was sent (once per conversation). */
  @Column('timestamptz', { nullable: true })
  csatSentAt: Date | null;

  /** The customer's score, 1–5, from the survey's buttons or list. */
  @Column('smallint', { nullable: true })
  csatScore: number | null;

  @Column('timestamptz', { nullable: true })
  csatAnsweredAt: Date | null;

  /** The customer's words after the score: their next text within the comment window. */
  @Column('text', { nullable: true })
  csatComment: string | null;

  @Column('timestamptz', { nullable: true })
  csatCommentedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
