import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { print, type DocumentNode } from 'graphql';
import { LessThan } from 'typeorm';
import { IdempotencyRecord } from '../entities/idempotency-record.entity';
import { ApiError, ApiErrorCode, formatError } from '../schema/errors';
import { type RequestContext } from './context';

const TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 200;

export enum IdempotencyConflictReason {
  DIFFERENT_REQUEST = 'DIFFERENT_REQUEST',
  IN_PROGRESS = 'IN_PROGRESS',
}

const CONFLICT_MESSAGES: Record<IdempotencyConflictReason, string> = {
  [IdempotencyConflictReason.DIFFERENT_REQUEST]:
    'This Idempotency-Key was already used with a different request; use a new key for a new request.',
  [IdempotencyConflictReason.IN_PROGRESS]:
    'A request with this Idempotency-Key is still in progress; try again shortly.',
};

/** What a replay must match. The variables passed the depth limit by now: stringifying cannot overflow. */
export function requestHashOf(document: DocumentNode, variables: Record<string, unknown>): string {
  return createHash('sha256').update(print(document)).update(JSON.stringify(variables)).digest('hex');
}

/**
 * `Idempotency-Key` on mutations: the first response to a key is stored for 24 h and replayed for
 * the same key and body; the same key with another body, or while its first request runs, answers
 * 409 IDEMPOTENCY_CONFLICT. A request that failed with a top-level error releases its key, so the
 * client can simply try again.
 *
 * The key is claimed in `responseForOperation`, which Apollo calls only once every
 * `didResolveOperation` check (limits, input, budget; they run concurrently) has passed: a refused
 * request writes nothing and leaves its key free.
 */
export function idempotencyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      let key: string | null = null;
      let claim: { workspaceId: string; principalKey: string } | null = null;
      const ctx = contextValue;
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'mutation' || !ctx.idempotencyKey || !ctx.viewer) return;
          key = ctx.idempotencyKey.trim();
          if (!key || key.length > MAX_KEY_LENGTH) {
            throw new ApiError(
              ApiErrorCode.BAD_USER_INPUT,
              `Idempotency-Key must be 1–${MAX_KEY_LENGTH} characters.`,
            );
          }
        },
        async responseForOperation({ document, request }): Promise<GraphQLResponse | null> {
          if (!key || !ctx.viewer) return null;
          const principal = ctx.viewer.principal;
          const principalId = principal.kind === 'agent' ? principal.agent.id : principal.apiKey.id;
          const principalKey = `http:${principalId}:${key}`;
          const requestHash = requestHashOf(document, request.variables ?? {});
          const now = ctx.deps.clock.now();
          const repository = ctx.deps.dataSource.getRepository(IdempotencyRecord);
          const workspaceId = ctx.viewer.workspaceId;
          await repository.delete({ workspaceId, principalKey, expiresAt: LessThan(now) });
          const inserted = await repository
            .createQueryBuilder()
            .insert()
            .values({
              workspaceId,
              principalKey,
              requestHash,
              response: null,
              expiresAt: new Date(now.getTime() + TTL_MS),
            })
            .orIgnore()
            .execute();
          if ((inserted.raw as unknown[]).length > 0) {
            claim = { workspaceId, principalKey };
            return null;
          }
          const existing = await repository.findOneByOrFail({ workspaceId, principalKey });
          if (existing.requestHash !== requestHash || !existing.response) {
            const reason =
              existing.requestHash !== requestHash
                ? IdempotencyConflictReason.DIFFERENT_REQUEST
                : IdempotencyConflictReason.IN_PROGRESS;
            const error = new ApiError(ApiErrorCode.IDEMPOTENCY_CONFLICT, CONFLICT_MESSAGES[reason], {
              reason,
            });
            // The refusal-status plugin turns the code into HTTP 409.
            return {
              http: { status: undefined, headers: new Map() as never },
              body: {
                kind: 'single',
                singleResult: {
                  errors: [formatError(error.toJSON(), error, ctx.requestId, ctx.deps.logger)],
                },
              },
            };
          }
          return {
            http: { status: undefined, headers: new Map([['idempotent-replayed', 'true']]) as never },
            body: { kind: 'single', singleResult: existing.response },
          };
        },
        async willSendResponse({ response }) {
          if (!claim || response.body.kind !== 'single') return;
          const repository = ctx.deps.dataSource.getRepository(IdempotencyRecord);
          const { errors, data } = response.body.singleResult;
          if (errors && errors.length > 0) {
            await repository.delete(claim);
          } else {
            await repository.update(claim, { response: { data } as never });
          }
        },
      };
    },
  };
}
