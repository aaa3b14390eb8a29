import { Field, ID, ObjectType } from 'type-graphql';
import { PersistedQuery } from '../../entities/persisted-query.entity';
import { ConnectionType } from '../../schema/pagination';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of persistedQueryRegister.' })
export class PersistedQueryRegisterPayload extends MutationPayload {
  @Field(() => PersistedQuery, {
    nullable: true,
    description: 'The registered operation; run it by its sha256.',
  })
  persistedQuery?: PersistedQuery | null;
}

@ObjectType({ description: 'Result of persistedQueryDelete.' })
export class PersistedQueryDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Id of the removed PersistedQuery.' })
  deletedPersistedQueryId?: string | null;
}

@ObjectType({ description: 'A page of registered operations, newest first.' })
export class PersistedQueryConnection extends ConnectionType(PersistedQuery) {}
