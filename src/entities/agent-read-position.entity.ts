import { Column, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Agent } from './agent.entity';
import { Conversation } from './conversation.entity';

/** How far one agent has read one conversation: customer messages after `readAt` are unread to them. */
@Entity()
export class AgentReadPosition {
  @PrimaryColumn('uuid')
  conversationId: string;

  @PrimaryColumn('uuid')
  agentId: string;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  @ManyToOne(() => Agent, { onDelete: 'CASCADE' })
  agent?: Agent;

  @Column('timestamptz')
  readAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
