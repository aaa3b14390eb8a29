import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The first response to a mutation sent with an Idempotency-Key, replayed for 24 h. */
@Entity()
@Index('idempotency_record_expires_idx', ['expiresAt'])
export class IdempotencyRecord {
  @PrimaryColumn('uuid')
  workspaceId: string;

  /** The caller (agent or API key id) and the key it sent. */
  @PrimaryColumn('text')
  principalKey: string;

  @Column('text')
  requestHash: string;

  @Column('jsonb', { nullable: true })
  response: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;
}
