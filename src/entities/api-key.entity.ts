import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { ApiKeyScope } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';

@ObjectType({
  implements: Node,
  description: 'A partner credential. The key itself is shown once, at creation.',
})
@Entity()
export class ApiKey extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'What the key is for.' })
  @Column('text')
  name: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do.' })
  @Column({ type: 'enum', enum: ApiKeyScope, enumName: 'api_key_scope', array: true })
  scopes: ApiKeyScope[];

  /** SHA-256 of the whole key; the key is random enough that a slow hash adds nothing. */
  @Index('api_key_hash_key', { unique: true })
  @Column('text')
  keyHash: string;

  @Field({ description: 'The first characters of the key, to recognise it.' })
  @Column('text')
  prefix: string;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; a revoked key is refused.' })
  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Last time it authenticated a request (minute precision).',
  })
  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;
}
