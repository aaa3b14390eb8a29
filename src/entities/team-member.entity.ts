import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Agent } from './agent.entity';
import { Team } from './team.entity';

/** An agent belongs to a team: they see its queue. */
@Entity()
@Index('team_member_agent_idx', ['agentId'])
export class TeamMember {
  @PrimaryColumn('uuid')
  teamId: string;

  @PrimaryColumn('uuid')
  agentId: string;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  team?: Team;

  @ManyToOne(() => Agent, { onDelete: 'CASCADE' })
  agent?: Agent;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
