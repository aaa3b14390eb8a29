import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { Agent } from './agent.entity';
import { Workspace } from './workspace.entity';

/** An agent's password, as an argon2id hash; an agent without a row cannot sign in with a password. */
@Entity()
export class AgentCredential {
  @PrimaryColumn('uuid')
  agentId: string;

  @ManyToOne(() => Agent, { onDelete: 'CASCADE' })
  agent?: Agent;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  /** PHC string: algorithm, parameters and salt travel with the hash. */
  @Column('text')
  passwordHash: string;

  @Column('timestamptz')
  passwordChangedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
