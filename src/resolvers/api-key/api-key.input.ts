import { Field, ID, InputType } from 'type-graphql';
import { ApiKeyScope } from '../../entities/enums';

@InputType({ description: 'A new partner API key.' })
export class ApiKeyCreateInput {
  @Field({ description: 'What the key is for (1–100 characters).' })
  name: string;

  @Field(() => [ApiKeyScope], {
    description: 'What the key may do, at least one: admin implies write and read; write and bot imply read.',
  })
  scopes: ApiKeyScope[];
}

@InputType({ description: 'The API key to revoke.' })
export class ApiKeyRevokeInput {
  @Field(() => ID, { description: 'The key.' })
  apiKeyId: string;
}
