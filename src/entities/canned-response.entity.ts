import { Check, Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Team } from './team.entity';
import { Agent } from './agent.entity';
import { CannedScope } from './enums';

/**
 * A reply agents insert by its shortcode. Its scope decides who sees and edits it: WORKSPACE
 * (everyone sees, admins edit), TEAM (the team's members and admins), PERSONAL (its owner alone).
 */
@ObjectType({
  implements: Node,
  description:
    'A ready-made reply, inserted by its shortcode; `{{customer.name}}`, `{{customer.fields.<key>}}`, `{{agent.name}}` and `{{conversation.id}}` in its body are filled by cannedResponseRender.',
})
@Entity()
// A TEAM response has its team, a PERSONAL one its owner, a WORKSPACE one neither.
@Check(
  'canned_response_scope_check',
  `(scope = 'TEAM') = (team_id IS NOT NULL) AND (scope = 'PERSONAL') = (owner_id IS NOT NULL)`,
)
// Unique per scope whatever the case, and the shortcode prefix and text search indexes: created in
// the migration (expression indexes).
@Index('canned_response_scope_shortcode_key', { synchronize: false })
@Index('canned_response_shortcode_prefix_idx', { synchronize: false })
@Index('canned_response_text_search_idx', { synchronize: false })
export class CannedResponse extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => CannedScope, { description: 'Who sees it: WORKSPACE, TEAM or PERSONAL.' })
  @Column({ type: 'enum', enum: CannedScope, enumName: 'canned_scope' })
  scope: CannedScope;

  /** The team of a TEAM response. */
  @Column('uuid', { nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  team?: Team;

  /** The agent a PERSONAL response belongs to. */
  @Column('uuid', { nullable: true })
  ownerId: string | null;

  @ManyToOne(() => Agent, { onDelete: 'CASCADE' })
  owner?: Agent;

  @Field({ description: 'What an agent types to insert it (without the slash), unique in its scope.' })
  @Column('text')
  shortcode: string;

  @Field({ description: 'A short title shown in pickers.' })
  @Column('text')
  title: string;

  @Field({ description: 'The text, with its variables unfilled.' })
  @Column('text')
  body: string;

  /** Uploaded attachments sent with it, in order. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  attachmentIds: string[];

  @Field({ description: 'When it was last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
