import { Field, ObjectType } from 'type-graphql';
import { Customer } from '../../entities/customer.entity';
import { Tag } from '../../entities/tag.entity';
import { MutationPayload } from '../mutation-payload';
import { CustomerFieldValueEntry } from './customer.resolver';

@ObjectType({ description: 'Result of customerFieldSet.' })
export class CustomerFieldSetPayload extends MutationPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer, with every field value.' })
  customer?: Customer | null;

  @Field(() => CustomerFieldValueEntry, { nullable: true, description: 'The field and its value as stored.' })
  fieldValue?: CustomerFieldValueEntry | null;
}

@ObjectType({ description: 'Result of customerTag and customerUntag.' })
export class CustomerTagPayload extends MutationPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer, with its tags.' })
  customer?: Customer | null;

  @Field(() => Tag, { nullable: true, description: 'The tag put on or taken off.' })
  tag?: Tag | null;
}
