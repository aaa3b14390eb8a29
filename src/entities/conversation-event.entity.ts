import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ActorType, ConversationEventType, TrayKind } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Conversation } from './conversation.entity';

@ObjectType({ implements: Node, description: 'An entry of a conversation history: who did what, and when.' })
@Entity()
@Index('conversation_event_conversation_idx', ['conversationId', 'createdAt', 'id'])
export class ConversationEvent extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  @Field(() => ConversationEventType, { description: 'What happened.' })
  @Column({ type: 'enum', enum: ConversationEventType, enumName: 'conversation_event_type' })
  type: ConversationEventType;

  @Field(() => ActorType, { description: 'Kind of actor.' })
  @Column({ type: 'enum', enum: ActorType, enumName: 'actor_type' })
  actorType: ActorType;

  /** Agent or API key id, by `actorType`. */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('uuid', { nullable: true })
  fromAgentId: string | null;

  @Column('uuid', { nullable: true })
  toAgentId: string | null;

  @Field(() => TrayKind, { nullable: true, description: 'V2 tray before (tray moves).' })
  @Column({ type: 'enum', enum: TrayKind, enumName: 'tray_kind', nullable: true })
  fromTray: TrayKind | null;

  @Field(() => TrayKind, { nullable: true, description: 'V2 tray after (tray moves).' })
  @Column({ type: 'enum', enum: TrayKind, enumName: 'tray_kind', nullable: true })
  toTray: TrayKind | null;

  @Field(() => String, { nullable: true, description: 'Comment (transfers) or reason (closings).' })
  @Column('text', { nullable: true })
  comment: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Extra facts of the event.' })
  @Column('jsonb', { nullable: true })
  data: Record<string, unknown> | null;
}
