import { Field, ID, ObjectType } from 'type-graphql';
import { WebhookDelivery } from '../../entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../../entities/webhook-endpoint.entity';
import { ConnectionType } from '../../schema/pagination';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'A page of webhook deliveries, newest first.' })
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery) {}

@ObjectType({
  description:
    'Result of webhookEndpointCreate and webhookEndpointRotateSecret: the only time the secret is shown.',
})
export class WebhookEndpointSecretPayload extends MutationPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint (no secret).' })
  webhookEndpoint?: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret: verify `Omnitray-Signature` with it. Shown once; it is stored encrypted and never readable again.',
  })
  secret?: string | null;
}

@ObjectType({ description: 'Result of webhookEndpointUpdate.' })
export class WebhookEndpointUpdatePayload extends MutationPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint as it is now.' })
  webhookEndpoint?: WebhookEndpoint | null;
}

@ObjectType({ description: 'Result of webhookEndpointDelete.' })
export class WebhookEndpointDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Id of the deleted endpoint.' })
  deletedWebhookEndpointId?: string | null;
}

@ObjectType({ description: 'Result of webhookRedeliver.' })
export class WebhookRedeliverPayload extends MutationPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, PENDING again, due now.' })
  webhookDelivery?: WebhookDelivery | null;
}
