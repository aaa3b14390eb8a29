import { Check, Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Team } from './team.entity';
import { Agent } from './agent.entity';
import { CannedScope } from './enums';

/** One stored action of a macro, database ids only (see `macro-actions.ts` for its schema). */
export type StoredMacroAction = Record<string, unknown> & { type: string };

/**
 * An ordered list of actions agents run on one or many conversations. Its scope decides who sees,
 * runs and edits it, exactly as for canned responses: WORKSPACE, TEAM or PERSONAL.
 */
@ObjectType({
  implements: Node,
  description:
    'A named, ordered list of actions (label, tag, note, assign, transfer, priority, snooze, close, send a canned response) run with macroRun on conversations; its scope says who sees and runs it, as for canned responses.',
})
@Entity()
@Check(
  'macro_scope_check',
  `(scope = 'TEAM') = (team_id IS NOT NULL) AND (scope = 'PERSONAL') = (owner_id IS NOT NULL)`,
)
@Index('macro_workspace_name_idx', ['workspaceId', 'name'])
export class Macro extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => CannedScope, { description: 'Who sees and runs it: WORKSPACE, TEAM or PERSONAL.' })
  @Column({ type: 'enum', enum: CannedScope, enumName: 'canned_scope' })
  scope: CannedScope;

  /** The team of a TEAM macro. */
  @Column('uuid', { nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  team?: Team;

  /** The agent a PERSONAL macro belongs to. */
  @Column('uuid', { nullable: true })
  ownerId: string | null;

  @ManyToOne(() => Agent, { onDelete: 'CASCADE' })
  owner?: Agent;

  @Field({ description: 'Its name, shown in pickers.' })
  @Column('text')
  name: string;

  /** The actions in the order they run. */
  @Column('jsonb', { default: () => "'[]'" })
  actions: StoredMacroAction[];

  @Field({ description: 'When it was last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
