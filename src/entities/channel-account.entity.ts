import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { ChannelKind } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { Team } from './team.entity';

@ObjectType({
  implements: Node,
  description:
    'A connected WhatsApp number, Facebook page, Instagram account or API channel. Secrets are never readable.',
})
@Entity()
@Index('channel_account_kind_external_id_key', ['kind', 'externalId'], { unique: true })
export class ChannelAccount extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => ChannelKind, { description: 'Which channel.' })
  @Column({ type: 'enum', enum: ChannelKind, enumName: 'channel_kind' })
  kind: ChannelKind;

  @Field({ description: 'Display name.' })
  @Column('text')
  name: string;

  @Field({ description: 'phone_number_id, page id, Instagram account id, or the partner channel id.' })
  @Column('text')
  externalId: string;

  @Field(() => String, {
    nullable: true,
    description: 'WhatsApp Business Account id (templates live there).',
  })
  @Column('text', { nullable: true })
  wabaId: string | null;

  /** Encrypted at rest (AES-256-GCM, key derived from APP_SECRET). */
  @Column('text', { nullable: true })
  accessTokenEnc: string | null;

  @Column('text', { nullable: true })
  appSecretEnc: string | null;

  @Column('text', { nullable: true })
  verifyTokenEnc: string | null;

  @Field({ description: 'Graph API base URL the sends go to.' })
  @Column('text')
  apiBaseUrl: string;

  @Field({ description: 'Messenger/Instagram: agents may answer up to 7 days with the HUMAN_AGENT tag.' })
  @Column('boolean', { default: false })
  humanAgentTagEnabled: boolean;

  @Field({ description: 'Messages per second the sends are paced at.' })
  @Column('int', { default: 80 })
  messagesPerSecond: number;

  /** The team new conversations of this account belong to (`defaultTeam`); null: the general queue. */
  @Column('uuid', { nullable: true })
  defaultTeamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  defaultTeam?: Team;
}
