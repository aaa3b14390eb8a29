import { Field, ID, ObjectType } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';
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

@ObjectType({ description: 'Result of customerUpsert.' })
export class CustomerUpsertPayload extends MutationPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer as stored.' })
  customer?: Customer | null;

  @Field(() => Boolean, { nullable: true, description: 'True when this call created the customer.' })
  created?: boolean | null;
}

@ObjectType({ description: 'Result of customerUpdate.' })
export class CustomerUpdatePayload extends MutationPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer as stored.' })
  customer?: Customer | null;
}

@ObjectType({ description: 'Result of customerMerge.' })
export class CustomerMergePayload extends MutationPayload {
  @Field(() => Customer, { nullable: true, description: 'The survivor, with everything merged into it.' })
  customer?: Customer | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The merged customer’s id; it answers NOT_FOUND from now on.',
  })
  mergedCustomerId?: string | null;

  @Field(() => Conversation, {
    nullable: true,
    description:
      'The merged customer’s open conversation, closed because the survivor had one open on the account; null otherwise.',
  })
  closedConversation?: Conversation | null;
}
