import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { EventType } from '../realtime/event-types';

@ObjectType({
  implements: Node,
  description:
    'A partner URL that receives the workspace events it subscribed to as signed JSON POSTs. The signing secret is shown once.',
})
@Entity()
@Index('webhook_endpoint_workspace_idx', ['workspaceId', 'createdAt'])
export class WebhookEndpoint extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'Where deliveries are POSTed (https; private addresses are refused).' })
  @Column('text')
  url: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' })
  @Column('text', { nullable: true })
  description: string | null;

  @Field(() => [EventType], { description: 'Event types delivered to this endpoint.' })
  @Column('text', { array: true })
  eventTypes: EventType[];

  /**
   * The signing secret, encrypted with the SecretBox. Not a hash: the sender needs the clear
   * secret to compute each delivery's HMAC.
   */
  @Column('text')
  secretEnc: string;

  @Field({ description: 'The first characters of the secret, to recognise it.' })
  @Column('text')
  secretPrefix: string;

  @Field({ description: 'Whether events are delivered; false once disabled by an admin or by failures.' })
  @Column('boolean', { default: true })
  enabled: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was disabled.' })
  @Column('timestamptz', { nullable: true })
  disabledAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it was disabled, e.g. failing for 24 hours; `webhookEndpointUpdate(enabled: true)` resumes it.',
  })
  @Column('text', { nullable: true })
  disabledReason: string | null;

  /** Last event-log sequence turned into deliveries: the durable fan-out position. */
  @Column('bigint', { default: 0 })
  cursorSeq: string;

  @Field(() => Int, { description: 'Failed delivery attempts since the last successful one.' })
  @Column('int', { default: 0 })
  consecutiveFailures: number;

  @Field(() => Date, {
    nullable: true,
    description: 'First failed attempt of the current failure streak; null while deliveries succeed.',
  })
  @Column('timestamptz', { nullable: true })
  failingSince: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last time a delivery was answered with a 2xx.' })
  @Column('timestamptz', { nullable: true })
  lastSuccessAt: Date | null;

  @Field({ description: 'When it was last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
