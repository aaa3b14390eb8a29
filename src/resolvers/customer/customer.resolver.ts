import { Arg, Args, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Customer } from '../../entities/customer.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { PageArgs } from '../../schema/pagination';
import { CUSTOMER_ORDER, customersOf, fieldEntries } from '../../services/customer/customer-query.service';
import { paginate } from '../../services/paging';
import { findOwned } from '../find-owned';
import { type AuthedContext } from '../../server/context';
import { ConversationConnection, CustomerConnection } from '../connections';

@ObjectType({ description: 'A custom field with its value on one customer.' })
export class CustomerFieldValueEntry {
  @Field(() => CustomField, { description: 'The field definition.' })
  field: CustomField;

  @Field({ description: 'The field key (same as field.key).' })
  key: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value in the field type; null when unset.' })
  value: unknown;
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, {
    nullable: true,
    description: 'A customer by id (NOT_FOUND when it does not exist in your workspace).',
  })
  @Access(Allow.read)
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: AuthedContext): Promise<Customer | null> {
    return findOwned(ctx, Customer, id);
  }

  @Query(() => CustomerConnection, { description: 'Customers, by text in name, phone or channel user id.' })
  @Access(Allow.read)
  customers(
    @Arg('search', () => String, {
      nullable: true,
      description:
        'Every word in the name, e-mail or channel user id (any order, accents and case aside), or digits of the phone; a text without a word of three characters is a substring of name, phone or channel user id (at most 200 characters).',
    })
    search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    return paginate(
      customersOf(ctx.deps.dataSource, ctx.viewer.workspaceId, search),
      CUSTOMER_ORDER,
      page,
      ctx.viewer.workspaceId,
    );
  }

  @FieldResolver(() => [CustomerFieldValueEntry], {
    description: 'Every custom field of the workspace, in position order, with this customer’s value.',
  })
  async fields(@Root() customer: Customer, @Ctx() ctx: AuthedContext): Promise<CustomerFieldValueEntry[]> {
    const [definitions, values] = await Promise.all([
      ctx.loaders.customFields(),
      ctx.loaders.fieldValuesByCustomer.load(customer.id),
    ]);
    return fieldEntries(definitions, values);
  }

  @FieldResolver(() => [Tag], { description: 'Tags on this customer.' })
  tags(@Root() customer: Customer, @Ctx() ctx: AuthedContext): Promise<Tag[]> {
    return ctx.loaders.tagsByCustomer.load(customer.id);
  }

  @FieldResolver(() => ConversationConnection, {
    description: 'Conversation history, newest first, all statuses.',
  })
  conversations(@Root() customer: Customer, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AuthedContext) {
    return ctx.loaders.conversationsByCustomer.load(customer.id, null, page);
  }
}
