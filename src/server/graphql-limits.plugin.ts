import { type ApolloServerPlugin } from '@apollo/server';
import { ApiError, ApiErrorCode } from '../schema/errors';
import { assessOperation } from '../schema/query-cost';
import { expenseOf } from '../schema/expensive-operations';
import { type Admission, type ShareRefusalReason, type TenantShare } from '../runtime/tenant-share';
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

/** Seconds a caller refused its workspace's share should wait: expensive operations end quickly or time out. */
const SHARE_RETRY_AFTER_SECONDS = 1;

/** The RATE_LIMITED refusal of an expensive operation over its workspace's share. */
export function overShare(share: TenantShare, reason: ShareRefusalReason, retryAfterMs = 0): ApiError {
  const { concurrency, queueLimit, queueTimeoutMs, timeBudgetMsPerMinute = 0 } = share.options;
  if (reason === 'TIME_BUDGET') {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new ApiError(
      ApiErrorCode.RATE_LIMITED,
      `Your workspace's expensive operations (searches, large pages) have run their ${timeBudgetMsPerMinute / 1000} s of this minute. Try again in ${retryAfterSeconds} s.`,
      { reason: 'DATABASE_TIME', retryAfterSeconds },
    );
  }
  const running = `Your workspace already runs ${concurrency} expensive operation${concurrency === 1 ? '' : 's'} (searches, large pages) at once`;
  const message =
    reason === 'QUEUE_FULL'
      ? `${running}, and ${queueLimit} more wait.`
      : `${running}; this one waited ${queueTimeoutMs} ms for them.`;
  return new ApiError(ApiErrorCode.RATE_LIMITED, `${message} Try again in ${SHARE_RETRY_AFTER_SECONDS} s.`, {
    reason: 'CONCURRENCY',
    retryAfterSeconds: SHARE_RETRY_AFTER_SECONDS,
  });
}

export interface FairShare {
  share: TenantShare;
  /** Operations of this cost or more are expensive whatever they select. */
  expensiveCost: number;
}

/**
 * Depth, aliases, selections, page sizes and cost are checked once the operation is known
 * (variables included), introspection apart from data and only for callers who may read the
 * schema; a refused operation is charged nothing. An expensive operation then takes its share of
 * the workspace's permits (waiting in line, or refused and charged nothing) and holds it until its
 * response is sent. Otherwise the caller's budget — its credential's, or its address's when
 * anonymous — is charged at least 1 point, and `extensions.cost` tells what is left.
 */
export function graphqlLimitsPlugin(
  budget: CostBudget,
  fairShare?: FairShare,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let charge: { cost: number; verdict: BudgetVerdict } | null = null;
      let lease: Extract<Admission, { admitted: true }> | null = null;
      // Another plugin's refusal may send the response while this one still waits in line.
      let responded = false;
      return {
        async didResolveOperation({ document, operation, request, contextValue, schema }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          const { shape, refusal } = assessOperation(document, operation, variables);
          if (shape.introspection.fields > 0 && !mayReadSchema(contextValue)) {
            throw introspectionRefusal(contextValue);
          }
          if (refusal) throw refusal;
          const cost = Math.max(1, shape.cost);
          // Anonymous callers run nothing expensive: those fields ask for credentials.
          const workspaceId = contextValue.viewer?.workspaceId;
          if (fairShare && workspaceId) {
            const expense = expenseOf(schema, document, operation, variables, cost, fairShare.expensiveCost);
            if (expense.expensive) {
              const admission = await fairShare.share.acquire(workspaceId, expense.fields);
              if (!admission.admitted)
                throw overShare(fairShare.share, admission.reason, admission.retryAfterMs);
              if (responded) return admission.release();
              lease = admission;
            }
          }
          const key = budgetKey(contextValue.viewer, contextValue.clientAddress);
          const verdict = await budget.charge(key, cost).catch((error: unknown) => {
            lease?.release();
            throw error;
          });
          charge = { cost, verdict };
          if (!verdict.allowed) {
            lease?.release();
            throw overBudget(budget, cost, verdict);
          }
        },
        async willSendResponse({ response }) {
          responded = true;
          lease?.release();
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
