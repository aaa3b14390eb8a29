import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';

@ObjectType({
  implements: Node,
  description:
    "A GraphQL document registered by the workspace's admins: callers run it by its `sha256` (`extensions.persistedQuery.sha256Hash`), and the workspace's API keys may be held to these alone (`apiKeysRequireSafelist`).",
})
@Entity()
@Index('persisted_query_workspace_sha256_key', ['workspaceId', 'sha256'], { unique: true })
@Index('persisted_query_workspace_name_key', ['workspaceId', 'name'], { unique: true })
@Index('persisted_query_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
export class PersistedQuery extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'A name for people, unique in the workspace, e.g. "crm: open conversations".' })
  @Column('text')
  name: string;

  @Field({
    description:
      "Lower-case hex SHA-256 of `query`, the operation's identifier in requests (as `extensions.persistedQuery.sha256Hash`).",
  })
  @Column('text')
  sha256: string;

  @Field({ description: 'The document, exactly as registered.' })
  @Column('text')
  query: string;
}
