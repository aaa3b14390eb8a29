import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { type BusinessCalendarSpec } from '../services/business-hours/business-calendar';

@ObjectType({
  implements: Node,
  description:
    'A group of agents with its own queue: its unassigned conversations are seen by its members (and admins).',
})
@Entity()
// Names are unique per workspace whatever their case (created in the migration: an expression index).
@Index('team_workspace_name_key', { synchronize: false })
export class Team extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'Name, unique in the workspace (whatever the case).' })
  @Column('text')
  name: string;

  /** The team's own business hours; null: the workspace's. */
  @Column('jsonb', { nullable: true })
  businessHours: BusinessCalendarSpec | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
