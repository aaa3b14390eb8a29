import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A document to register for the workspace.' })
export class PersistedQueryRegisterInput {
  @Field({
    description:
      'The GraphQL document, exactly as clients will hash it; it must be valid against the schema.',
  })
  query: string;

  @Field({ description: 'A name for people (1–100 characters), unique in the workspace.' })
  name: string;
}

@InputType({ description: 'The registered operation to remove.' })
export class PersistedQueryDeleteInput {
  @Field(() => ID, { description: 'The PersistedQuery.' })
  persistedQueryId: string;
}
