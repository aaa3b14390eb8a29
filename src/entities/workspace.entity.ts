import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { AssignmentOrder, AssignmentPolicy, Locale, ReadReceipts } from './enums';
import { type BusinessCalendarSpec } from '../services/business-hours/business-calendar';
import { Node } from '../schema/node';

@ObjectType({ implements: Node, description: 'A tenant: one company using Omnitray.' })
@Entity()
export class Workspace extends Node {
  @PrimaryGeneratedColumn('uuid')
  declare id: string;

  @Field({ description: 'Display name.' })
  @Column('text')
  name: string;

  @Column({ type: 'enum', enum: Locale, enumName: 'locale', default: Locale.es })
  locale: Locale;

  @Column('text', { default: 'UTC' })
  timezone: string;

  @Column('boolean', { default: true })
  botEnabled: boolean;

  @Column({ type: 'enum', enum: ReadReceipts, enumName: 'read_receipts', default: ReadReceipts.MANUAL })
  readReceipts: ReadReceipts;

  @Column('boolean', { default: true })
  aiSummaryEnabled: boolean;

  @Column('boolean', { default: true })
  aiSuggestionsEnabled: boolean;

  @Column('boolean', { default: false })
  aiRedactPii: boolean;

  @Column('int', { default: 0 })
  autoClosePositiveMinutes: number;

  @Column('int', { default: 0 })
  autoCloseNegativeMinutes: number;

  @Column('boolean', { default: true })
  autoCloseReturnToBot: boolean;

  @Column('int', { default: 30 })
  visibleDays: number;

  /** API keys may run only the workspace's registered (persisted) operations. */
  @Column('boolean', { default: false })
  apiKeysRequireSafelist: boolean;

  /** How the queue is given out (see README, Auto-assignment). */
  @Column({
    type: 'enum',
    enum: AssignmentPolicy,
    enumName: 'assignment_policy',
    default: AssignmentPolicy.MANUAL,
  })
  assignmentPolicy: AssignmentPolicy;

  /** The order in which automatic assignment drains the queue. */
  @Column({
    type: 'enum',
    enum: AssignmentOrder,
    enumName: 'assignment_order',
    default: AssignmentOrder.WAITING_SINCE,
  })
  assignmentOrder: AssignmentOrder;

  /** Conversations an agent holds at most before automatic assignment passes them by (their own capacity wins). */
  @Column('int', { default: 5 })
  defaultCapacity: number;
  /** Weekly openings and holidays; null: always open. */
  @Column('jsonb', { nullable: true })
  businessHours: BusinessCalendarSpec | null;

  /** Sent once per conversation per closed period when a customer writes while closed; null: none. */
  @Column('text', { nullable: true })
  outOfOfficeMessage: string | null;

  /** Highest cursor handed out in this workspace's event log; its row lock orders commits. */
  @Column('bigint', { default: 0 })
  eventSeq: string;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
