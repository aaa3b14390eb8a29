import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { type Priority } from './enums';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';

@ObjectType({
  implements: Node,
  description:
    'Response and resolution targets for the conversations it matches: the first policy by position whose conditions all hold applies.',
})
@Entity()
@Index('sla_policy_workspace_position_idx', ['workspaceId', 'position'])
export class SlaPolicy extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'Name, for people.' })
  @Column('text')
  name: string;

  @Field(() => Int, {
    description: 'Order of evaluation: the lowest position that matches applies (1 first).',
  })
  @Column('int')
  position: number;

  /** Conditions: each non-empty list must contain the conversation's value (empty: any). */
  @Column('uuid', { array: true, default: '{}' })
  channelAccountIds: string[];

  @Column('uuid', { array: true, default: '{}' })
  teamIds: string[];

  @Column('text', { array: true, default: '{}' })
  priorities: Priority[];

  /** Conversation labels: the policy applies when the conversation carries any of them. */
  @Column('uuid', { array: true, default: '{}' })
  tagIds: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'Seconds to the first agent answer, counted from when the customer started waiting.',
  })
  @Column('int', { nullable: true })
  firstResponseSeconds: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Seconds to each later answer, counted from the customer's first unanswered message.",
  })
  @Column('int', { nullable: true })
  nextResponseSeconds: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Seconds to the closing, counted from when agents first held the conversation.',
  })
  @Column('int', { nullable: true })
  resolutionSeconds: number | null;

  @Field({
    description:
      "Whether the clocks run in business hours only (the conversation's team's, else the workspace's); false: around the clock.",
  })
  @Column('boolean', { default: true })
  businessHoursOnly: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
