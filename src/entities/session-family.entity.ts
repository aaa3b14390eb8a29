import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agent } from './agent.entity';
import { Workspace } from './workspace.entity';

/** Why a session family ended. */
export enum SessionRevokedReason {
  /** sessionRevoke: the agent signed out. */
  SIGNED_OUT = 'SIGNED_OUT',
  /** sessionRevoke with everywhere: true. */
  SIGNED_OUT_EVERYWHERE = 'SIGNED_OUT_EVERYWHERE',
  /** passwordSet: a new password ends every earlier sign-in. */
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  /** A refresh token was presented a second time: someone else may hold a copy. */
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
}

/**
 * One password sign-in and every refresh token rotated from it. Access tokens carry the family id,
 * so revoking the family refuses them at their next check.
 */
@Entity()
@Index('session_family_agent_live_idx', ['agentId'], { where: 'revoked_at IS NULL' })
export class SessionFamily {
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

  /** The agent's token version at sign-in: once it moves on (deactivation, signed out everywhere), no refresh. */
  @Column('int')
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  lastRefreshedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'enum', enum: SessionRevokedReason, enumName: 'session_revoked_reason', nullable: true })
  revokedReason: SessionRevokedReason | null;
}
