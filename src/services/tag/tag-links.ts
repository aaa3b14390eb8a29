import { type DataSource } from 'typeorm';
import { Tag } from '../../entities/tag.entity';

/** The tables that put tags on something: customers' tags, and conversations' labels. */
const TAG_LINKS = {
  customer: { table: 'customer_tag', owner: 'customer_id' },
  conversation: { table: 'conversation_label', owner: 'conversation_id' },
} as const;

/** The tags linked to each owner, by name, in one statement; an owner without any maps to []. */
export async function tagsOfOwners(
  dataSource: DataSource,
  link: keyof typeof TAG_LINKS,
  workspaceId: string,
  ownerIds: readonly string[],
): Promise<Map<string, Tag[]>> {
  const { table, owner } = TAG_LINKS[link];
  const rows: { owner_id: string; id: string; name: string; color: string; created_at: Date }[] =
    await dataSource.query(
      `SELECT l.${owner} AS owner_id, t.id, t.name, t.color, t.created_at
         FROM ${table} l JOIN tag t ON t.id = l.tag_id
        WHERE l.${owner} = ANY($1) AND l.workspace_id = $2
        ORDER BY t.name`,
      [[...ownerIds], workspaceId],
    );
  const byOwner = new Map<string, Tag[]>(ownerIds.map((id) => [id, []]));
  for (const row of rows) {
    const tag = Object.assign(new Tag(), {
      id: row.id,
      workspaceId,
      name: row.name,
      color: row.color,
      createdAt: row.created_at,
    });
    byOwner.get(row.owner_id)?.push(tag);
  }
  return byOwner;
}
