import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access, Allow } from '../../schema/access.decorator';
import { WebhookDelivery } from '../../entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../../entities/webhook-endpoint.entity';
import { encodeEventCursor } from '../../realtime/event-log';
import { type AuthedContext } from '../../server/context';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../../services/partner-webhook/partner-webhook.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import {
  WebhookDeliveriesArgs,
  WebhookEndpointCreateInput,
  WebhookEndpointIdInput,
  WebhookEndpointUpdateInput,
  WebhookRedeliverInput,
} from './webhook.input';
import {
  WebhookDeliveryConnection,
  WebhookEndpointDeletePayload,
  WebhookEndpointSecretPayload,
  WebhookEndpointUpdatePayload,
  WebhookRedeliverPayload,
} from './webhook.payload';

const endpointIdOf = (globalId: string) => localId(globalId, WebhookEndpoint.name);

/** Partner webhooks: endpoints, their delivery log and redelivery. Workspace administration only. */
@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => [WebhookEndpoint], {
    description: 'Partner webhook endpoints of the workspace, newest first, without secrets (admins).',
  })
  @Access(Allow.admin)
  webhookEndpoints(@Ctx() ctx: AuthedContext): Promise<WebhookEndpoint[]> {
    return listWebhookEndpoints(ctx);
  }

  @Query(() => WebhookDeliveryConnection, {
    description:
      "An endpoint's delivery log, newest first: status, attempts, last status code and latency (admins).",
  })
  @Access(Allow.admin)
  async webhookDeliveries(
    @Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    const { endpointId, status, ...page } = args;
    return listWebhookDeliveries(ctx, endpointIdOf(endpointId), status ?? null, page);
  }

  @Mutation(() => WebhookEndpointSecretPayload, {
    description: 'Registers a partner webhook endpoint; its signing secret is shown once (admins).',
  })
  @Access(Allow.admin)
  webhookEndpointCreate(
    @Arg('input', () => WebhookEndpointCreateInput, { description: 'URL and event types.' })
    input: WebhookEndpointCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<WebhookEndpointSecretPayload> {
    return mutate(WebhookEndpointSecretPayload, () => createWebhookEndpoint(ctx, input));
  }

  @Mutation(() => WebhookEndpointUpdatePayload, {
    description: 'Changes a webhook endpoint, pauses it or resumes it after it was disabled (admins).',
  })
  @Access(Allow.admin)
  webhookEndpointUpdate(
    @Arg('input', () => WebhookEndpointUpdateInput, { description: 'The endpoint and what changes.' })
    input: WebhookEndpointUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<WebhookEndpointUpdatePayload> {
    const { webhookEndpointId, ...changes } = input;
    return mutate(WebhookEndpointUpdatePayload, async () => ({
      webhookEndpoint: await updateWebhookEndpoint(ctx, endpointIdOf(webhookEndpointId), changes),
    }));
  }

  @Mutation(() => WebhookEndpointDeletePayload, {
    description: 'Deletes a webhook endpoint and its delivery log; nothing more is sent to it (admins).',
  })
  @Access(Allow.admin)
  webhookEndpointDelete(
    @Arg('input', () => WebhookEndpointIdInput, { description: 'The endpoint.' })
    input: WebhookEndpointIdInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<WebhookEndpointDeletePayload> {
    return mutate(WebhookEndpointDeletePayload, async () => {
      await deleteWebhookEndpoint(ctx, endpointIdOf(input.webhookEndpointId));
      return { deletedWebhookEndpointId: input.webhookEndpointId };
    });
  }

  @Mutation(() => WebhookEndpointSecretPayload, {
    description: 'Replaces the signing secret, shown once; every later attempt is signed with it (admins).',
  })
  @Access(Allow.admin)
  webhookEndpointRotateSecret(
    @Arg('input', () => WebhookEndpointIdInput, { description: 'The endpoint.' })
    input: WebhookEndpointIdInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<WebhookEndpointSecretPayload> {
    return mutate(WebhookEndpointSecretPayload, () =>
      rotateWebhookSecret(ctx, endpointIdOf(input.webhookEndpointId)),
    );
  }

  @Mutation(() => WebhookRedeliverPayload, {
    description:
      'Sends a delivery again now: the same delivery id and body, a new signed attempt, retried for 24 h if it fails (admins).',
  })
  @Access(Allow.admin)
  webhookRedeliver(
    @Arg('input', () => WebhookRedeliverInput, { description: 'The delivery.' }) input: WebhookRedeliverInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<WebhookRedeliverPayload> {
    return mutate(WebhookRedeliverPayload, async () => ({
      webhookDelivery: await redeliverWebhook(ctx, localId(input.deliveryId, WebhookDelivery.name)),
    }));
  }

  @FieldResolver(() => Date, { description: 'When the endpoint was registered.' })
  createdAt(@Root() endpoint: WebhookEndpoint): Date {
    return endpoint.createdAt;
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => Date, { description: 'When the event was turned into this delivery.' })
  createdAt(@Root() delivery: WebhookDelivery): Date {
    return delivery.createdAt;
  }

  @FieldResolver(() => String, {
    description: 'The event-log cursor of the delivered event (as in `events`).',
  })
  eventCursor(@Root() delivery: WebhookDelivery): string {
    return encodeEventCursor(delivery.workspaceId, delivery.eventSeq);
  }
}
