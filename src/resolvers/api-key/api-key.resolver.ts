import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiKey } from '../../entities/api-key.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../services/api-key/api-key.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { ApiKeyCreateInput, ApiKeyRevokeInput } from './api-key.input';
import { ApiKeyCreatePayload, ApiKeyRevokePayload } from './api-key.payload';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], {
    description: 'Partner API keys of the workspace, newest first, without secrets (admins).',
  })
  @Access(Allow.admin)
  apiKeys(@Ctx() ctx: AuthedContext): Promise<ApiKey[]> {
    return listApiKeys(ctx);
  }

  @Mutation(() => ApiKeyCreatePayload, { description: 'Creates a partner API key, shown once (admins).' })
  @Access(Allow.admin)
  apiKeyCreate(
    @Arg('input', () => ApiKeyCreateInput, { description: 'Name and scopes.' }) input: ApiKeyCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ApiKeyCreatePayload> {
    return mutate(ApiKeyCreatePayload, () => issueApiKey(ctx, input));
  }

  @Mutation(() => ApiKeyRevokePayload, { description: 'Revokes a partner API key at once (admins).' })
  @Access(Allow.admin)
  apiKeyRevoke(
    @Arg('input', () => ApiKeyRevokeInput, { description: 'The key.' }) input: ApiKeyRevokeInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ApiKeyRevokePayload> {
    return mutate(ApiKeyRevokePayload, async () => ({
      apiKey: await revokeApiKey(ctx, localId(input.apiKeyId, ApiKey.name)),
    }));
  }

  @FieldResolver(() => Date, { description: 'When the key was created.' })
  createdAt(@Root() apiKey: ApiKey): Date {
    return apiKey.createdAt;
  }
}
