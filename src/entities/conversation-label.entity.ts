import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Conversation } from './conversation.entity';
import { Tag } from './tag.entity';

/**
 * A label on a conversation: a workspace tag put on this conversation only. The customer's own
 * tags (`customer_tag`) describe the person and follow them to every conversation; labels describe
 * one conversation (a refund case, a complaint) and stay with it.
 */
@Entity()
@Index('conversation_label_tag_idx', ['tagId'])
export class ConversationLabel {
  @PrimaryColumn('uuid')
  conversationId: string;

  @PrimaryColumn('uuid')
  tagId: string;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  @ManyToOne(() => Tag, { onDelete: 'CASCADE' })
  tag?: Tag;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
