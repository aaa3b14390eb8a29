import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The event log: what subscriptions carry and `events(after)` replays. `seq` is drawn from the
 * workspace row under its lock inside the writing transaction, so per workspace it grows in
 * commit order.
 */
@Entity({ name: 'event_log' })
@Index('event_log_created_idx', ['createdAt'])
export class EventRecord {
  @PrimaryColumn('uuid')
  workspaceId: string;

  @PrimaryColumn('bigint')
  seq: string;

  /** e.g. TRAY_CHANGED, MESSAGE_ADDED, MESSAGE_STATUS_CHANGED, MESSAGE_DELIVERY_FAILED, AI_SUMMARY_READY */
  @Column('text')
  type: string;

  @Column('uuid', { nullable: true })
  conversationId: string | null;

  /** Who may see it: the assignee at the time (null: the queue or workspace-wide). */
  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  /** With a null assignee: whose queue it is in (null: the general queue). */
  @Column('uuid', { nullable: true })
  teamId: string | null;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
