import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ChannelKind, InboundFailureCode } from './enums';

/** A verified webhook body, stored before the 200 and processed by a job. */
@Entity()
@Index('inbound_webhook_pending_idx', ['receivedAt'], { where: 'processed_at IS NULL' })
export class InboundWebhook {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  channelAccountId: string;

  @Column({ type: 'enum', enum: ChannelKind, enumName: 'channel_kind' })
  channel: ChannelKind;

  /** Exact bytes received, so processing can be re-run and audited. */
  @Column('bytea')
  body: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;

  @Column('timestamptz', { nullable: true })
  processedAt: Date | null;

  @Column('int', { default: 0 })
  attempts: number;

  /** Set with `error` when processing failed. */
  @Column({ type: 'enum', enum: InboundFailureCode, enumName: 'inbound_failure_code', nullable: true })
  errorCode: InboundFailureCode | null;

  /** A short reason, safe to show to agents: never the text of an internal error. */
  @Column('text', { nullable: true })
  error: string | null;
}
