import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AiSummaryStatus, AiTrigger } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Conversation } from './conversation.entity';

@ObjectType({
  implements: Node,
  description: 'What the AI assistant wrote when the conversation changed hands.',
})
@Entity()
@Index('ai_summary_conversation_idx', ['conversationId', 'createdAt'])
export class AiSummary extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  conversation?: Conversation;

  @Field(() => AiTrigger, { description: 'What asked for it.' })
  @Column({ type: 'enum', enum: AiTrigger, enumName: 'ai_trigger' })
  trigger: AiTrigger;

  @Field(() => AiSummaryStatus, { description: 'PENDING, READY or FAILED.' })
  @Column({ type: 'enum', enum: AiSummaryStatus, enumName: 'ai_summary_status' })
  status: AiSummaryStatus;

  @Field(() => String, { nullable: true, description: 'The summary.' })
  @Column('text', { nullable: true })
  text: string | null;

  @Field(() => String, { nullable: true, description: 'What the customer asks for.' })
  @Column('text', { nullable: true })
  customerRequest: string | null;

  @Field(() => [String], { description: 'Questions still open.' })
  @Column('text', { array: true, default: '{}' })
  openQuestions: string[];

  @Field(() => String, { nullable: true, description: 'Customer mood, e.g. calm, frustrated.' })
  @Column('text', { nullable: true })
  mood: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Provider that wrote it (openai, anthropic, ollama, offline).',
  })
  @Column('text', { nullable: true })
  provider: string | null;

  @Field(() => String, { nullable: true, description: 'Model used.' })
  @Column('text', { nullable: true })
  model: string | null;

  @Field(() => String, { nullable: true, description: 'Version of the prompt used.' })
  @Column('text', { nullable: true })
  promptVersion: string | null;

  @Column('uuid', { nullable: true })
  lastMessageId: string | null;

  @Field(() => Int, { nullable: true, description: 'Time the generation took, in milliseconds.' })
  @Column('int', { nullable: true })
  latencyMs: number | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Token usage reported by the provider.' })
  @Column('jsonb', { nullable: true })
  tokenUsage: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Why it failed.' })
  @Column('text', { nullable: true })
  error: string | null;

  @Field(() => Date, { nullable: true, description: 'When it became READY or FAILED.' })
  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;
}
