import { type ApolloServerPlugin } from '@apollo/server';
import { ApiError, ApiErrorCode } from '../schema/errors';
import { assessOperation } from '../schema/query-cost';
import { budgetKey, type BudgetVerdict, type CostBudget } from './rate-limiter';
import { type RequestContext } from './context';
import { introspectionRefusal, mayReadSchema } from './schema-access.plugin';

/** The RATE_LIMITED refusal of a charge, on HTTP and WebSocket alike. */
export function overBudget(budget: CostBudget, cost: number, verdict: BudgetVerdict): ApiError {
  return new ApiError(
    ApiErrorCode.RATE_LIMITED,
    `This query costs ${cost} points and ${verdict.available} are available; the budget of ${budget.capacity} points a minute is full again in ${verdict.resetSeconds} s.`,
    {
      cost: { requestedQueryCost: cost, currentlyAvailable: verdict.available },
      retryAfterSeconds: verdict.resetSeconds,
    },
  );
}

/**
 * Depth, aliases, selections, page sizes and cost are checked once the operation is known
 * (variables included), introspection apart from data and only for callers who may read the
 * schema; a refused operation is charged nothing. Otherwise the caller's budget —
 * its credential's, or its address's when anonymous — is charged at least 1 point, and
 * `extensions.cost` tells what is left.
 */
export function graphqlLimitsPlugin(budget: CostBudget): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let charge: { cost: number; verdict: BudgetVerdict } | null = null;
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const { shape, refusal } = assessOperation(document, operation, request.variables ?? {});
          if (shape.introspection.fields > 0 && !mayReadSchema(contextValue)) {
            throw introspectionRefusal(contextValue);
          }
          if (refusal) throw refusal;
          const cost = Math.max(1, shape.cost);
          const key = budgetKey(contextValue.viewer, contextValue.clientAddress);
          const verdict = await budget.charge(key, cost);
          charge = { cost, verdict };
          if (!verdict.allowed) throw overBudget(budget, cost, verdict);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !charge) return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: {
              requestedQueryCost: charge.cost,
              throttleStatus: {
                maximumAvailable: budget.capacity,
                currentlyAvailable: charge.verdict.available,
                restoreRate: Math.floor(budget.restoreRate),
              },
            },
          };
        },
      };
    },
  };
}
