import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Field } from 'type-graphql';
import { Node } from '../schema/node';

/** A row owned by one workspace: every read of it is scoped by `workspaceId`. */
export abstract class TenantNode extends Node {
  @PrimaryGeneratedColumn('uuid')
  declare id: string;

  @Column('uuid')
  workspaceId: string;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
