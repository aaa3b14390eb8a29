import { Field, ID, ObjectType } from 'type-graphql';
import { SlaPolicy } from '../../entities/sla-policy.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of slaPolicyCreate and slaPolicyUpdate.' })
export class SlaPolicyPayload extends MutationPayload {
  @Field(() => SlaPolicy, { nullable: true, description: 'The policy as stored.' })
  slaPolicy?: SlaPolicy | null;
}

@ObjectType({ description: 'Result of slaPolicyDelete.' })
export class SlaPolicyDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted policy.' })
  deletedSlaPolicyId?: string | null;
}
