import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { EventType } from '../realtime/event-types';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description:
    'PENDING (first attempt or retries to come), SUCCEEDED (a 2xx answer), FAILED (retries exhausted).',
});

@ObjectType({
  implements: Node,
  description:
    'One event sent to one endpoint. Its id is the `Omnitray-Delivery` header and the body `id`, the same on every attempt.',
})
@Entity()
@Index('webhook_delivery_endpoint_seq_key', ['endpointId', 'eventSeq'], { unique: true })
@Index('webhook_delivery_endpoint_created_idx', ['endpointId', 'createdAt'])
@Index('webhook_delivery_due_idx', ['status', 'nextAttemptAt'])
export class WebhookDelivery extends TenantNode {
  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  endpoint?: WebhookEndpoint;

  @Column('uuid')
  endpointId: string;

  /** The event's position in the workspace log; one delivery per endpoint and event. */
  @Column('bigint')
  eventSeq: string;

  @Field(() => EventType, { description: 'The event type delivered.' })
  @Column('text')
  eventType: EventType;

  /** The exact JSON sent, kept so every attempt (and a redelivery) posts the same bytes. */
  @Field({ description: 'The JSON body posted (the same on every attempt).' })
  @Column('text')
  body: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  @Column({ type: 'enum', enum: WebhookDeliveryStatus, enumName: 'webhook_delivery_status' })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Column('int', { default: 0 })
  attempts: number;

  /** Start of the retry window (24 h); a redelivery starts a new one. */
  @Column('timestamptz', { nullable: true })
  retryWindowStartedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the last attempt started.' })
  @Column('timestamptz', { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an attempt was answered with a 2xx.' })
  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer; null when none came.' })
  @Column('int', { nullable: true })
  lastStatusCode: number | null;

  @Field(() => Int, { nullable: true, description: 'Duration of the last attempt in milliseconds.' })
  @Column('int', { nullable: true })
  lastLatencyMs: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed (timeout, refused address, HTTP status…), short.',
  })
  @Column('text', { nullable: true })
  lastError: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The first characters of the last answer body (never more is kept).',
  })
  @Column('text', { nullable: true })
  responseExcerpt: string | null;
}
