import { Column, DeleteDateColumn, Entity, Index, ManyToOne } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Conversation } from './conversation.entity';
import { Agent } from './agent.entity';

@ObjectType({
  implements: Node,
  description: 'An internal note on a conversation; never sent to the customer.',
})
@Entity()
@Index('note_conversation_idx', ['conversationId', 'createdAt'])
// Search: a trigram index over the folded body.
@Index('note_body_search_idx', { synchronize: false })
export class Note extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  @Column('uuid', { nullable: true })
  authorId: string | null;

  @ManyToOne(() => Agent, { onDelete: 'SET NULL' })
  author?: Agent;

  @Field({
    description:
      'The note text. Agents are mentioned as `@[Display Name](agentId)`, with the Agent global id.',
  })
  @Column('text')
  body: string;

  @Field(() => Date, { nullable: true, description: 'When it was last edited; null when never.' })
  @Column('timestamptz', { nullable: true })
  editedAt: Date | null;

  /** Deleted notes are out of every read (TypeORM skips soft-deleted rows); their revisions stay. */
  @Field(() => Date, { nullable: true, description: 'When it was deleted (admins reading deleted notes).' })
  @DeleteDateColumn({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
