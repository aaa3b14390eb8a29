import { Column, DeleteDateColumn, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { ChannelKind } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { ChannelAccount } from './channel-account.entity';

@ObjectType({
  implements: Node,
  // No field of the row has a guard of its own: plain property reads, no per-field wrapper.
  simpleResolvers: true,
  description:
    'The person writing on one channel account. The channel header (channel, channel user id, phone, avatar) comes from the channel and is read-only; name, e-mail and custom fields are editable.',
})
@Entity()
@Index('customer_channel_user_key', ['channelAccountId', 'channelUserId'], { unique: true })
@Index('customer_workspace_name_idx', ['workspaceId', 'name'])
// Search: trigram indexes over the folded name, e-mail and channel user id, and the phone's digits.
@Index('customer_text_search_idx', { synchronize: false })
@Index('customer_phone_digits_idx', { synchronize: false })
// customerUpsert by phone.
@Index('customer_channel_phone_idx', ['channelAccountId', 'phone'])
// The tombstones of a survivor: re-pointed by the next merge, followed by its conversations' feeds.
@Index('customer_merged_into_idx', ['mergedIntoId'], { where: 'merged_into_id IS NOT NULL' })
export class Customer extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  channelAccountId: string;

  @ManyToOne(() => ChannelAccount, { onDelete: 'CASCADE' })
  channelAccount?: ChannelAccount;

  @Field(() => ChannelKind, { description: 'Channel the customer writes from.' })
  @Column({ type: 'enum', enum: ChannelKind, enumName: 'channel_kind' })
  channel: ChannelKind;

  @Field({ description: 'wa_id, PSID, IGSID or the partner user id.' })
  @Column('text')
  channelUserId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Name: the one the channel reports until it is set with customerUpdate or customerUpsert.',
  })
  @Column('text', { nullable: true })
  name: string | null;

  /** Set once the name is written through the API: the channel's profile name no longer replaces it. */
  @Column('timestamptz', { nullable: true })
  nameEditedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'E-mail address, set through the API.' })
  @Column('text', { nullable: true })
  email: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Phone number in E.164 (`+` and digits, e.g. +34600123456) when the channel has one.',
  })
  @Column('text', { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'Avatar URL when the channel gives one.' })
  @Column('text', { nullable: true })
  avatarUrl: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /**
   * The survivor of a merge this customer was merged into. The row stays, out of every read (TypeORM
   * skips soft-deleted rows), so the channel identity it holds routes new messages to the survivor.
   */
  @Column('uuid', { nullable: true })
  mergedIntoId: string | null;

  @DeleteDateColumn({ type: 'timestamptz', nullable: true })
  mergedAt: Date | null;
}
