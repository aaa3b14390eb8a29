import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { WebhookDeliveryStatus } from '../../entities/webhook-delivery.entity';
import { EventType } from '../../realtime/event-types';
import { PageArgs } from '../../schema/pagination';

@InputType({ description: 'A new partner webhook endpoint.' })
export class WebhookEndpointCreateInput {
  @Field({
    description:
      'Where deliveries are POSTed: https, on a public address (private, loopback and link-local addresses are refused).',
  })
  url: string;

  @Field(() => [EventType], { description: 'Event types to deliver, at least one.' })
  eventTypes: EventType[];

  @Field(() => String, { nullable: true, description: 'What the endpoint is for (up to 200 characters).' })
  description?: string | null;
}

@InputType({ description: 'Changes to a webhook endpoint; omitted fields stay as they are.' })
export class WebhookEndpointUpdateInput {
  @Field(() => ID, { description: 'The endpoint.' })
  webhookEndpointId: string;

  @Field(() => String, { nullable: true, description: 'A new URL (checked like at creation).' })
  url?: string | null;

  @Field(() => [EventType], { nullable: true, description: 'The new set of event types, at least one.' })
  eventTypes?: EventType[] | null;

  @Field(() => String, { nullable: true, description: 'A new description; null clears it.' })
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'false pauses deliveries; true resumes a disabled endpoint (pending deliveries are retried at once, events since then are delivered).',
  })
  enabled?: boolean | null;
}

@InputType({ description: 'The webhook endpoint concerned.' })
export class WebhookEndpointIdInput {
  @Field(() => ID, { description: 'The endpoint.' })
  webhookEndpointId: string;
}

@InputType({ description: 'The delivery to send again.' })
export class WebhookRedeliverInput {
  @Field(() => ID, { description: 'The delivery (its id is also the `Omnitray-Delivery` header).' })
  deliveryId: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { description: 'The endpoint whose deliveries to list.' })
  endpointId: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  status?: WebhookDeliveryStatus | null;
}
