import { Field, ObjectType } from 'type-graphql';
import { ApiKey } from '../../entities/api-key.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of apiKeyCreate: the only time the key itself is shown.' })
export class ApiKeyCreatePayload extends MutationPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key record (no secret).' })
  apiKey?: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key to send as `Authorization: Bearer <key>`. Shown once: only its hash is stored.',
  })
  key?: string | null;
}

@ObjectType({ description: 'Result of apiKeyRevoke.' })
export class ApiKeyRevokePayload extends MutationPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key, with when it was revoked.' })
  apiKey?: ApiKey | null;
}
