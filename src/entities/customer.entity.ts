import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { ChannelKind } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { ChannelAccount } from './channel-account.entity';

@ObjectType({
  implements: Node,
  description: 'The person writing. Header fields come from the channel and are read-only.',
})
@Entity()
@Index('customer_channel_user_key', ['channelAccountId', 'channelUserId'], { unique: true })
@Index('customer_workspace_name_idx', ['workspaceId', 'name'])
// Search: trigram indexes over the folded name, e-mail and channel user id, and the phone's digits.
@Index('customer_text_search_idx', { synchronize: false })
@Index('customer_phone_digits_idx', { synchronize: false })
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

  @Field(() => String, { nullable: true, description: 'Name the channel reports.' })
  @Column('text', { nullable: true })
  name: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Phone number in E.164 digits when the channel has one.',
  })
  @Column('text', { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address when known.' })
  @Column('text', { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'Avatar URL when the channel gives one.' })
  @Column('text', { nullable: true })
  avatarUrl: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
