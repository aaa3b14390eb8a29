import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Customer } from '../../entities/customer.entity';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { setCustomerField, tagCustomer, untagCustomer } from '../../services/customer/customer-card.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { CustomerFieldSetInput, CustomerTagInput } from './customer-card.input';
import { CustomerFieldSetPayload, CustomerTagPayload } from './customer-card.payload';

const tagInputOf = (input: CustomerTagInput) => ({
  customerId: localId(input.customerId, Customer.name),
  tagId: localId(input.tagId, Tag.name),
});

/** What agents (and `write` keys) change on a customer: custom field values and tags. */
@Resolver()
export class CustomerCardResolver {
  @Mutation(() => CustomerFieldSetPayload, {
    description:
      'Sets or clears a custom field value on a customer, validated against the field type. Header ' +
      'fields (name, phone, channel…) come from the channel and are refused with READ_ONLY_FIELD.',
  })
  @Access(Allow.write)
  customerFieldSet(
    @Arg('input', () => CustomerFieldSetInput, { description: 'Customer, key and value.' })
    input: CustomerFieldSetInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomerFieldSetPayload> {
    return mutate(CustomerFieldSetPayload, async () => {
      const { customer, field, value } = await setCustomerField(ctx, {
        ...input,
        customerId: localId(input.customerId, Customer.name),
      });
      return { customer, fieldValue: { field, key: field.key, value } };
    });
  }

  @Mutation(() => CustomerTagPayload, { description: 'Puts a tag on a customer (no-op when already there).' })
  @Access(Allow.write)
  customerTag(
    @Arg('input', () => CustomerTagInput, { description: 'Customer and tag.' }) input: CustomerTagInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomerTagPayload> {
    return mutate(CustomerTagPayload, () => tagCustomer(ctx, tagInputOf(input)));
  }

  @Mutation(() => CustomerTagPayload, { description: 'Takes a tag off a customer (no-op when not there).' })
  @Access(Allow.write)
  customerUntag(
    @Arg('input', () => CustomerTagInput, { description: 'Customer and tag.' }) input: CustomerTagInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomerTagPayload> {
    return mutate(CustomerTagPayload, () => untagCustomer(ctx, tagInputOf(input)));
  }
}
