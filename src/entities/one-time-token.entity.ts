import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agent } from './agent.entity';
import { Workspace } from './workspace.entity';

export enum OneTimeTokenPurpose {
  INVITE = 'INVITE',
  PASSWORD_RESET = 'PASSWORD_RESET',
}

/** An invite or password-reset token for passwordSet: one use, expiring; only its SHA-256 is kept. */
@Entity()
@Index('one_time_token_agent_unused_idx', ['agentId'], { where: 'used_at IS NULL' })
export class OneTimeToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  agentId: string;

  @ManyToOne(() => Agent, { onDelete: 'CASCADE' })
  agent?: Agent;

  @Column({ type: 'enum', enum: OneTimeTokenPurpose, enumName: 'one_time_token_purpose' })
  purpose: OneTimeTokenPurpose;

  @Index('one_time_token_hash_key', { unique: true })
  @Column('text')
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  /** Set when used, or when a newer token for the same agent replaced it. */
  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;
}
