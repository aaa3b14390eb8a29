import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { AgentRole, AgentStatus } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';

@ObjectType({ implements: Node, simpleResolvers: true, description: 'A person who answers conversations.' })
@Entity()
@Index('agent_email_key', ['email'], { unique: true })
export class Agent extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'Sign-in e-mail, unique across Omnitray (lower case).' })
  @Column('text')
  email: string;

  @Field({ description: 'Display name.' })
  @Column('text')
  name: string;

  @Field(() => AgentRole, { description: 'ADMIN or AGENT.' })
  @Column({ type: 'enum', enum: AgentRole, enumName: 'agent_role' })
  role: AgentRole;

  @Field({ description: 'False once deactivated: the agent can no longer sign in.' })
  @Column('boolean', { default: true })
  active: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the agent asked for a password reset (passwordResetRequest) that no reset link has answered yet; ' +
      'admins issue one with agentPasswordResetLink.',
  })
  @Column('timestamptz', { nullable: true })
  passwordResetRequestedAt: Date | null;

  @Field(() => AgentStatus, {
    description:
      'ONLINE, BUSY or OFFLINE: the status the agent chose while they have a live session; OFFLINE once every session has ended for the grace period.',
  })
  @Column({ type: 'enum', enum: AgentStatus, enumName: 'agent_status', default: AgentStatus.OFFLINE })
  status: AgentStatus;

  /**
   * What the agent last chose; a new session brings it back after a disconnection made them
   * OFFLINE. Nobody is made available before they first say so.
   */
  @Column({ type: 'enum', enum: AgentStatus, enumName: 'agent_status', default: AgentStatus.OFFLINE })
  preferredStatus: AgentStatus;

  @Field(() => Date, { nullable: true, description: 'When `status` last changed.' })
  @Column('timestamptz', { nullable: true })
  statusChangedAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "How many conversations automatic assignment gives the agent at most (admins set it with agentSetCapacity); null: the workspace's default capacity.",
  })
  @Column('int', { nullable: true })
  capacity: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When automatic assignment last gave the agent a conversation.',
  })
  @Column('timestamptz', { nullable: true })
  lastAutoAssignedAt: Date | null;

  /**
   * The agent's place in the workspace's sequence of automatic assignments (higher: more recent);
   * clocks of different processes never reorder it. Null: never assigned automatically.
   */
  @Column('bigint', { nullable: true })
  autoAssignTurn: string | null;

  /** Bumped to invalidate every session token issued before. */
  @Column('int', { default: 0 })
  tokenVersion: number;
}
