import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { print } from 'graphql';
import { LessThan } from 'typeorm';
import { IdempotencyRecord } from '../entities/idempotency-record.entity';
import { ApiError, ApiErrorCode } from '../schema/errors';
import { type RequestContext } from './context';

const TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 200;

/**
 * `Idempotency-Key` on mutations: the first response to a key is stored for 24 h and replayed for
 * the same key and body; the same key with another body is refused. A request that failed with a
 * top-level error releases its key, so the client can simply try again.
 */
export function idempotencyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      let claim: { workspaceId: string; principalKey: string } | null = null;
      let replay: Record<string, unknown> | null = null;
      const ctx = contextValue;
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation?.operation !== 'mutation' || !ctx.idempotencyKey || !ctx.viewer) return;
          const key = ctx.idempotencyKey.trim();
          if (!key || key.length > MAX_KEY_LENGTH) {
            throw new ApiError(
              ApiErrorCode.BAD_USER_INPUT,
              `Idempotency-Key must be 1–${MAX_KEY_LENGTH} characters.`,
            );
          }
          const principal = ctx.viewer.principal;
          const principalId = principal.kind === 'agent' ? principal.agent.id : principal.apiKey.id;
          const principalKey = `http:${principalId}:${key}`;
          const requestHash = createHash('sha256')
            .update(print(document))
            .update(JSON.stringify(request.variables ?? {}))
            .digest('hex');
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
            return;
          }
          const existing = await repository.findOneByOrFail({ workspaceId, principalKey });
          if (existing.requestHash !== requestHash) {
            throw new ApiError(
              ApiErrorCode.BAD_USER_INPUT,
              'This Idempotency-Key was already used with a different request; use a new key for a new request.',
            );
          }
          if (!existing.response) {
            throw new ApiError(
              ApiErrorCode.BAD_USER_INPUT,
              'A request with this Idempotency-Key is still in progress.',
            );
          }
          replay = existing.response;
        },
        async responseForOperation(): Promise<GraphQLResponse | null> {
          if (!replay) return null;
          return {
            http: { status: undefined, headers: new Map([['idempotent-replayed', 'true']]) as never },
            body: { kind: 'single', singleResult: replay },
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
