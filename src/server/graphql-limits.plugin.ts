import { type ApolloServerPlugin } from '@apollo/server';
import { ApiError, ApiErrorCode } from '../schema/errors';
import { assessOperation } from '../schema/query-cost';
import { type CostRateLimiter } from './rate-limiter';
import { type RequestContext } from './context';
import { type Clock } from '../runtime/clock';

/**
 * Depth, aliases and cost are checked once the operation is known (variables included), then the
 * caller's cost budget is charged; `extensions.cost` tells what is left.
 */
export function graphqlLimitsPlugin(
  limiter: CostRateLimiter,
  clock: Clock,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost = 0;
      let available: number | null = null;
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const { shape, refusal } = assessOperation(document, operation, request.variables ?? {});
          if (refusal) throw refusal;
          cost = shape.cost;
          const viewer = contextValue.viewer;
          if (!viewer) return;
          const key =
            viewer.principal.kind === 'agent' ? viewer.principal.agent.id : viewer.principal.apiKey.id;
          const verdict = limiter.take(key, cost, clock.now().getTime());
          available = verdict.available;
          if (!verdict.allowed) {
            throw new ApiError(
              ApiErrorCode.RATE_LIMITED,
              `This query costs ${cost} points and ${verdict.available} are available; the budget refills at ${Math.floor(limiter.restoreRate)} points per second.`,
              { cost: { requestedQueryCost: cost, currentlyAvailable: verdict.available } },
            );
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || available === null) return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: {
              requestedQueryCost: cost,
              throttleStatus: {
                maximumAvailable: limiter.capacity,
                currentlyAvailable: available,
                restoreRate: Math.floor(limiter.restoreRate),
              },
            },
          };
        },
      };
    },
  };
}
