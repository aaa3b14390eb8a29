import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SlaTarget } from './enums';
import { Workspace } from './workspace.entity';
import { Conversation } from './conversation.entity';

/**
 * One SLA target that passed its due time unmet: counted per agent and team for the reports. One
 * row per conversation, target and due time, so a timer that runs twice records it once.
 */
@Entity()
@Index('sla_breach_once', ['conversationId', 'target', 'dueAt'], { unique: true })
@Index('sla_breach_agent_idx', ['workspaceId', 'agentId', 'dueAt'])
@Index('sla_breach_team_idx', ['workspaceId', 'teamId', 'dueAt'])
export class SlaBreach {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  /** The policy that set the target (null once deleted). */
  @Column('uuid', { nullable: true })
  policyId: string | null;

  @Column({ type: 'enum', enum: SlaTarget, enumName: 'sla_target' })
  target: SlaTarget;

  @Column('timestamptz')
  dueAt: Date;

  /** The assignee and team when it was breached (null: the queue, no team). */
  @Column('uuid', { nullable: true })
  agentId: string | null;

  @Column('uuid', { nullable: true })
  teamId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
