import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ChannelKind } from './enums';

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

  @Column('text', { nullable: true })
  error: string | null;
}
