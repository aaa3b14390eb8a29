import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { CustomFieldType } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';

@ObjectType({ implements: Node, description: 'A customer field an admin defined; agents fill its values.' })
@Entity()
@Index('custom_field_workspace_key_key', ['workspaceId', 'key'], { unique: true })
export class CustomField extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'Stable machine name, e.g. `plan`.' })
  @Column('text')
  key: string;

  @Field({ description: 'Label shown to agents.' })
  @Column('text')
  label: string;

  @Field(() => CustomFieldType, { description: 'Type values are validated against.' })
  @Column({ type: 'enum', enum: CustomFieldType, enumName: 'custom_field_type' })
  type: CustomFieldType;

  @Field({ description: 'Whether a value is required on every customer.' })
  @Column('boolean', { default: false })
  required: boolean;

  @Field(() => [String], { description: 'Allowed values for SELECT fields; empty otherwise.' })
  @Column('text', { array: true, default: '{}' })
  options: string[];

  @Field(() => Int, { description: 'Display order.' })
  @Column('int', { default: 0 })
  position: number;
}
