import { Column, Entity, Index, ManyToOne, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { TemplateCategory, TemplateStatus } from './enums';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { ChannelAccount } from './channel-account.entity';

@ObjectType({
  implements: Node,
  description: 'A WhatsApp message template: the way to write outside the window.',
})
@Entity()
@Index('template_channel_name_language_key', ['channelAccountId', 'name', 'language'], { unique: true })
export class Template extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  channelAccountId: string;

  @ManyToOne(() => ChannelAccount, { onDelete: 'CASCADE' })
  channelAccount?: ChannelAccount;

  @Field(() => String, { nullable: true, description: 'Provider template id when synced.' })
  @Column('text', { nullable: true })
  externalId: string | null;

  @Field({ description: 'Template name.' })
  @Column('text')
  name: string;

  @Field({ description: 'Language code, e.g. es or en_US.' })
  @Column('text')
  language: string;

  @Field(() => TemplateCategory, { description: 'MARKETING, UTILITY or AUTHENTICATION.' })
  @Column({ type: 'enum', enum: TemplateCategory, enumName: 'template_category' })
  category: TemplateCategory;

  @Field(() => TemplateStatus, { description: 'Review status; only APPROVED can be sent.' })
  @Column({ type: 'enum', enum: TemplateStatus, enumName: 'template_status' })
  status: TemplateStatus;

  @Field({ description: 'POSITIONAL ({{1}}) or NAMED ({{name}}) placeholders.' })
  @Column('text', { default: 'POSITIONAL' })
  parameterFormat: string;

  @Field(() => [GraphQLJSONObject], {
    description: 'HEADER, BODY, FOOTER and BUTTONS components as the provider gives them.',
  })
  @Column('jsonb', { default: [] })
  components: Record<string, unknown>[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
