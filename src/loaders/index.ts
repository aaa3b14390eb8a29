import DataLoader from 'dataloader';
import { In, type DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { Agent } from '../entities/agent.entity';
import { ChannelAccount } from '../entities/channel-account.entity';
import { Customer } from '../entities/customer.entity';
import { CustomField } from '../entities/custom-field.entity';
import { CustomerFieldValue } from '../entities/customer-field-value.entity';
import { Message } from '../entities/message.entity';
import { Tag } from '../entities/tag.entity';
import { Conversation } from '../entities/conversation.entity';

/** Loads rows of one workspace by id: the workspace is part of every key's query. */
function byId<T extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  workspaceId: string,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await dataSource
      .getRepository(entity)
      .find({ where: { id: In([...ids]), workspaceId } as never });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

export interface CustomerFieldEntry {
  field: CustomField;
  value: CustomerFieldValue['value'] | null;
}

/** One set per request: relation fields resolve through these, never one query per row. */
export function createLoaders(dataSource: DataSource, workspaceId: string) {
  return {
    agent: byId(dataSource, Agent, workspaceId),
    customer: byId(dataSource, Customer, workspaceId),
    channelAccount: byId(dataSource, ChannelAccount, workspaceId),
    message: byId(dataSource, Message, workspaceId),
    conversation: byId(dataSource, Conversation, workspaceId),
    tagsByCustomer: new DataLoader<string, Tag[]>(async (customerIds) => {
      const rows: { customer_id: string; id: string; name: string; color: string; created_at: Date }[] =
        await dataSource.query(
          `SELECT ct.customer_id, t.id, t.name, t.color, t.created_at
             FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id
            WHERE ct.customer_id = ANY($1) AND ct.workspace_id = $2
            ORDER BY t.name`,
          [[...customerIds], workspaceId],
        );
      const byCustomer = new Map<string, Tag[]>();
      for (const row of rows) {
        const tag = Object.assign(new Tag(), {
          id: row.id,
          workspaceId,
          name: row.name,
          color: row.color,
          createdAt: row.created_at,
        });
        byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), tag]);
      }
      return customerIds.map((id) => byCustomer.get(id) ?? []);
    }),
    fieldValuesByCustomer: new DataLoader<string, CustomerFieldValue[]>(async (customerIds) => {
      const rows = await dataSource
        .getRepository(CustomerFieldValue)
        .find({ where: { customerId: In([...customerIds]), workspaceId } });
      return customerIds.map((id) => rows.filter((row) => row.customerId === id));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
