import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { ActorType } from './enums';
import { Workspace } from './workspace.entity';
import { toGlobalId } from './global-id';

/** Every admin action the log records; a new admin mutation adds its action here. */
export enum AuditAction {
  SETTINGS_UPDATED = 'SETTINGS_UPDATED',
  CUSTOM_FIELD_CREATED = 'CUSTOM_FIELD_CREATED',
  CUSTOM_FIELD_UPDATED = 'CUSTOM_FIELD_UPDATED',
  CUSTOM_FIELD_DELETED = 'CUSTOM_FIELD_DELETED',
  TAG_CREATED = 'TAG_CREATED',
  TAG_UPDATED = 'TAG_UPDATED',
  TAG_DELETED = 'TAG_DELETED',
  AGENT_CREATED = 'AGENT_CREATED',
  AGENT_UPDATED = 'AGENT_UPDATED',
  AGENT_DEACTIVATED = 'AGENT_DEACTIVATED',
  AGENT_REACTIVATED = 'AGENT_REACTIVATED',
  API_KEY_CREATED = 'API_KEY_CREATED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  CHANNEL_CONNECTED = 'CHANNEL_CONNECTED',
  CHANNEL_UPDATED = 'CHANNEL_UPDATED',
  WEBHOOK_ENDPOINT_CREATED = 'WEBHOOK_ENDPOINT_CREATED',
  WEBHOOK_ENDPOINT_UPDATED = 'WEBHOOK_ENDPOINT_UPDATED',
  WEBHOOK_ENDPOINT_DELETED = 'WEBHOOK_ENDPOINT_DELETED',
  WEBHOOK_SECRET_ROTATED = 'WEBHOOK_SECRET_ROTATED',
  WEBHOOK_REDELIVERED = 'WEBHOOK_REDELIVERED',
  SIGNED_IN = 'SIGNED_IN',
  TEAM_CREATED = 'TEAM_CREATED',
  TEAM_UPDATED = 'TEAM_UPDATED',
  TEAM_DELETED = 'TEAM_DELETED',
  TEAM_MEMBER_ADDED = 'TEAM_MEMBER_ADDED',
  TEAM_MEMBER_REMOVED = 'TEAM_MEMBER_REMOVED',
  PERSISTED_QUERY_REGISTERED = 'PERSISTED_QUERY_REGISTERED',
  PERSISTED_QUERY_DELETED = 'PERSISTED_QUERY_DELETED',
  CUSTOMER_MERGED = 'CUSTOMER_MERGED',
  CANNED_RESPONSE_CREATED = 'CANNED_RESPONSE_CREATED',
  CANNED_RESPONSE_UPDATED = 'CANNED_RESPONSE_UPDATED',
  CANNED_RESPONSE_DELETED = 'CANNED_RESPONSE_DELETED',
  MACRO_CREATED = 'MACRO_CREATED',
  MACRO_UPDATED = 'MACRO_UPDATED',
  MACRO_DELETED = 'MACRO_DELETED',
  BUSINESS_HOURS_SET = 'BUSINESS_HOURS_SET',
  SLA_POLICY_CREATED = 'SLA_POLICY_CREATED',
  SLA_POLICY_UPDATED = 'SLA_POLICY_UPDATED',
  SLA_POLICY_DELETED = 'SLA_POLICY_DELETED',
}
registerEnumType(AuditAction, { name: 'AuditAction', description: 'What an admin action did.' });

/** One changed field: its value before and after (null when it did not exist). */
export interface AuditChange {
  before: unknown;
  after: unknown;
}

@ObjectType({
  implements: Node,
  description:
    'One admin action: who did what to which object, with the fields it changed. Append-only; secrets never appear.',
})
@Entity()
@Index('audit_entry_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
export class AuditEntry extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => ActorType, { description: 'AGENT, API_KEY, or SYSTEM (the command line, jobs).' })
  @Column({ type: 'enum', enum: ActorType, enumName: 'actor_type' })
  actorType: ActorType;

  /** The agent or API key; null for SYSTEM. */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Field(() => AuditAction, { description: 'What was done.' })
  @Column('text')
  action: AuditAction;

  @Field({ description: 'The GraphQL type of the object acted on, e.g. Tag, Agent, Workspace.' })
  @Column('text')
  targetType: string;

  @Column('uuid')
  targetId: string;

  @Field(() => GraphQLJSONObject, {
    description:
      'The fields changed: `{ field: { before, after } }` (secrets, tokens and hashes never appear).',
  })
  @Column('jsonb')
  changes: Record<string, AuditChange>;

  @Field(() => String, { nullable: true, description: 'The `x-request-id` of the request, when known.' })
  @Column('text', { nullable: true })
  requestId: string | null;

  @Field(() => String, { nullable: true, description: "The client's address, when known." })
  @Column('text', { nullable: true })
  clientAddress: string | null;

  @Field(() => Date, { name: 'createdAt', description: 'When the action was recorded.' })
  get recordedAt(): Date {
    return this.createdAt;
  }

  @Field(() => ID, {
    name: 'actorId',
    nullable: true,
    description: 'Global id of the acting Agent or ApiKey; null for SYSTEM.',
  })
  get actorGlobalId(): string | null {
    if (!this.actorId) return null;
    return toGlobalId(this.actorType === ActorType.API_KEY ? 'ApiKey' : 'Agent', this.actorId);
  }

  @Field(() => ID, {
    name: 'targetId',
    description: 'Global id of the object acted on (it may since be deleted).',
  })
  get targetGlobalId(): string {
    return toGlobalId(this.targetType, this.targetId);
  }
}
