import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A label admins define and agents put on customers.',
})
@Entity()
@Index('tag_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class Tag extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'Name, unique in the workspace.' })
  @Column('text')
  name: string;

  @Field({ description: 'Hex colour, e.g. #22c55e.' })
  @Column('text', { default: '#64748b' })
  color: string;
}
