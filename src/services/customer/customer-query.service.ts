import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { type Tag } from '../../entities/tag.entity';
import { tagsOfOwners } from '../tag/tag-links';
import { customerSearchCondition, SqlParameters } from '../search/search-query';
import { readableConversationSql, type ConversationReadScope } from '../conversation/conversation-visibility';

/** Newest first. */
export const CUSTOMER_ORDER = {
  column: 'cu.created_at',
  idColumn: 'cu.id',
  table: 'customer',
  tableColumn: 'created_at',
  direction: 'DESC',
} as const;

/** A customer's history reads like the conversation lists: newest activity first. */
export const HISTORY_ORDER = {
  column: 'c.last_activity_at',
  idColumn: 'c.id',
  table: 'conversation',
  tableColumn: 'last_activity_at',
  direction: 'DESC',
} as const;

/** The workspace's customers, optionally those `search` finds by name, e-mail, channel user id or phone. */
export function customersOf(
  dataSource: DataSource,
  workspaceId: string,
  search: string | null,
): SelectQueryBuilder<Customer> {
  const query = dataSource
    .getRepository(Customer)
    .createQueryBuilder('cu')
    .where('cu.workspace_id = :workspaceId', { workspaceId });
  if (search?.trim()) {
    const parameters = new SqlParameters('search');
    query.andWhere(customerSearchCondition('cu', search, parameters), parameters.values);
  }
  return query;
}

/** Every conversation of some customers that the viewer may read, all statuses. */
export function conversationsOfCustomers(
  dataSource: DataSource,
  scope: ConversationReadScope,
  customerIds: readonly string[],
): SelectQueryBuilder<Conversation> {
  const rule = readableConversationSql(scope, 'c');
  return dataSource
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .where(rule.sql, rule.parameters)
    .andWhere('c.customer_id = ANY(:customerIds)', { customerIds: [...customerIds] });
}

/** The workspace's custom fields in the order a customer card shows them. */
export function customFieldsOf(dataSource: DataSource, workspaceId: string): Promise<CustomField[]> {
  return dataSource
    .getRepository(CustomField)
    .find({ where: { workspaceId }, order: { position: 'ASC', key: 'ASC' } });
}

/** The tags on each customer, by name. */
export function tagsOfCustomers(
  dataSource: DataSource,
  workspaceId: string,
  customerIds: readonly string[],
): Promise<Map<string, Tag[]>> {
  return tagsOfOwners(dataSource, 'customer', workspaceId, customerIds);
}

/** The custom field values set on each customer. */
export async function fieldValuesOfCustomers(
  dataSource: DataSource,
  workspaceId: string,
  customerIds: readonly string[],
): Promise<Map<string, CustomerFieldValue[]>> {
  const rows = await dataSource
    .getRepository(CustomerFieldValue)
    .find({ where: { customerId: In([...customerIds]), workspaceId } });
  const byCustomer = new Map<string, CustomerFieldValue[]>(customerIds.map((id) => [id, []]));
  for (const row of rows) byCustomer.get(row.customerId)?.push(row);
  return byCustomer;
}

export interface CustomerFieldEntry {
  field: CustomField;
  key: string;
  value: CustomerFieldValue['value'] | null;
}

/** Every field definition with the customer's value; null where the customer has none. */
export function fieldEntries(definitions: CustomField[], values: CustomerFieldValue[]): CustomerFieldEntry[] {
  const byField = new Map(values.map((value) => [value.fieldId, value.value]));
  return definitions.map((field) => ({ field, key: field.key, value: byField.get(field.id) ?? null }));
}

/** Customers merged into `customerId` (their tombstones lead to it directly). */
export async function customersMergedInto(
  dataSource: DataSource,
  workspaceId: string,
  customerId: string,
): Promise<string[]> {
  const rows = (await dataSource.query(
    'SELECT id FROM customer WHERE merged_into_id = $1 AND workspace_id = $2',
    [customerId, workspaceId],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}
