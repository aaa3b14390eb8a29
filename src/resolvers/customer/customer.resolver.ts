import { Arg, Args, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Customer } from '../../entities/customer.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { PageArgs } from '../../schema/pagination';
import { paginate } from '../../services/paging';
import { findOwned } from '../find-owned';
import { type AuthedContext } from '../../server/context';
import { ConversationConnection, CustomerConnection } from '../connections';
import { CONVERSATION_SORT } from '../conversation/conversation.resolver';

@ObjectType({ description: 'A custom field with its value on one customer.' })
export class CustomerFieldValueEntry {
  @Field(() => CustomField, { description: 'The field definition.' })
  field: CustomField;

  @Field({ description: 'The field key (same as field.key).' })
  key: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value in the field type; null when unset.' })
  value: unknown;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
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
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    const query = ctx.deps.dataSource
      .getRepository(Customer)
      .createQueryBuilder('cu')
      .where('cu.workspace_id = :workspaceId', { workspaceId: ctx.viewer.workspaceId });
    const text = search?.trim();
    if (text) {
      query.andWhere('(cu.name ILIKE :text OR cu.phone ILIKE :text OR cu.channel_user_id ILIKE :text)', {
        text: `%${escapeLike(text)}%`,
      });
    }
    return paginate(
      query,
      {
        column: 'cu.created_at',
        idColumn: 'cu.id',
        table: 'customer',
        tableColumn: 'created_at',
        direction: 'DESC',
      },
      page,
    );
  }

  @FieldResolver(() => [CustomerFieldValueEntry], {
    description: 'Every custom field of the workspace, in position order, with this customer’s value.',
  })
  async fields(@Root() customer: Customer, @Ctx() ctx: AuthedContext): Promise<CustomerFieldValueEntry[]> {
    const [definitions, values] = await Promise.all([
      ctx.deps.dataSource
        .getRepository(CustomField)
        .find({ where: { workspaceId: ctx.viewer.workspaceId }, order: { position: 'ASC', key: 'ASC' } }),
      ctx.loaders.fieldValuesByCustomer.load(customer.id),
    ]);
    const byField = new Map(values.map((value) => [value.fieldId, value.value]));
    return definitions.map((field) => ({ field, key: field.key, value: byField.get(field.id) ?? null }));
  }

  @FieldResolver(() => [Tag], { description: 'Tags on this customer.' })
  tags(@Root() customer: Customer, @Ctx() ctx: AuthedContext): Promise<Tag[]> {
    return ctx.loaders.tagsByCustomer.load(customer.id);
  }

  @FieldResolver(() => ConversationConnection, {
    description: 'Conversation history, newest first, all statuses.',
  })
  conversations(@Root() customer: Customer, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AuthedContext) {
    const query = ctx.deps.dataSource
      .getRepository(Conversation)
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId AND c.customer_id = :customerId', {
        workspaceId: ctx.viewer.workspaceId,
        customerId: customer.id,
      });
    return paginate(query, CONVERSATION_SORT, page);
  }
}
