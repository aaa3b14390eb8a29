import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Customer } from '../../entities/customer.entity';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { setCustomerField, tagCustomer, untagCustomer } from '../../services/customer/customer-card.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import {
  CustomerFieldSetInput,
  CustomerMergeInput,
  CustomerTagInput,
  CustomerUpdateInput,
  CustomerUpsertInput,
} from './customer-card.input';
import {
  CustomerFieldSetPayload,
  CustomerMergePayload,
  CustomerTagPayload,
  CustomerUpdatePayload,
  CustomerUpsertPayload,
} from './customer-card.payload';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { toGlobalId } from '../../entities/global-id';
import { updateCustomer, upsertCustomer } from '../../services/customer/customer.service';
import { mergeCustomers } from '../../services/customer/customer-merge.service';

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

  @Mutation(() => CustomerUpsertPayload, {
    description:
      'Finds the customer of a channel account by phone (normalized to E.164) or channel user id, or creates it, and writes the given name, e-mail and fields — e.g. to start a template conversation with a new number.',
  })
  @Access(Allow.write)
  customerUpsert(
    @Arg('input', () => CustomerUpsertInput, { description: 'Account, identity and values.' })
    input: CustomerUpsertInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomerUpsertPayload> {
    return mutate(CustomerUpsertPayload, () =>
      upsertCustomer(ctx, {
        ...input,
        channelAccountId: localId(input.channelAccountId, ChannelAccount.name),
      }),
    );
  }

  @Mutation(() => CustomerUpdatePayload, {
    description:
      'Edits a customer’s name, e-mail and custom fields in one go (all or none); the channel header is read-only.',
  })
  @Access(Allow.write)
  customerUpdate(
    @Arg('input', () => CustomerUpdateInput, { description: 'Customer and changes.' })
    input: CustomerUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomerUpdatePayload> {
    return mutate(CustomerUpdatePayload, async () => ({
      customer: await updateCustomer(ctx, { ...input, customerId: localId(input.customerId, Customer.name) }),
    }));
  }

  @Mutation(() => CustomerMergePayload, {
    description:
      'Merges `from` into `into`, two customers of one channel account (admins): conversations, notes, tags and fields move to `into` (its own values win unless empty); with an open conversation each, `from`’s is closed. `from` answers NOT_FOUND afterwards.',
  })
  @Access(Allow.admin)
  customerMerge(
    @Arg('input', () => CustomerMergeInput, { description: 'Survivor and merged customer.' })
    input: CustomerMergeInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomerMergePayload> {
    return mutate(CustomerMergePayload, async () => {
      const result = await mergeCustomers(ctx, {
        intoCustomerId: localId(input.into, Customer.name),
        fromCustomerId: localId(input.from, Customer.name),
      });
      return {
        customer: result.customer,
        mergedCustomerId: toGlobalId(Customer.name, result.mergedCustomerId),
        closedConversation: result.closedConversation,
      };
    });
  }
}
