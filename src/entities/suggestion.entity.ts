import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Conversation } from './conversation.entity';

@ObjectType({ implements: Node, description: 'A reply the AI assistant suggests; one click sends it.' })
@Entity()
@Index('suggestion_conversation_idx', ['conversationId', 'batch', 'rank'])
export class Suggestion extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  /** Each generation or refresh is a new batch; the newest batch is current. */
  @Column('int')
  batch: number;

  @Field(() => Int, { description: '1 is the best.' })
  @Column('int')
  rank: number;

  @Field({ description: 'The reply text.' })
  @Column('text')
  text: string;

  @Field(() => String, { nullable: true, description: 'Where it came from (model, template, past reply).' })
  @Column('text', { nullable: true })
  source: string | null;

  @Field(() => Date, { nullable: true, description: 'When an agent sent it.' })
  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'True when sent as is, false when edited first.' })
  @Column('boolean', { nullable: true })
  usedAsIs: boolean | null;
}
