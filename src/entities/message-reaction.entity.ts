import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { ActorType } from './enums';
import { ChannelAccount } from './channel-account.entity';

/**
 * One reactor's reaction to one message, by the message's provider id: a customer's, or ours (the
 * business has one reaction per message on Meta's channels, whichever agent set it). Kept when its
 * message is unknown yet, so it shows once the message arrives. A removal keeps the row with no
 * emoji, so an older reaction delivered late does not come back.
 */
@ObjectType('Reaction', {
  simpleResolvers: true,
  description: 'An emoji reaction to a message, by the customer or by us.',
})
@Entity()
@Index('message_reaction_key', ['channelAccountId', 'targetExternalId', 'reactorKey'], { unique: true })
// Statuses Meta sends for our own reactions are recognised by the reaction's provider id.
@Index('message_reaction_external_id_idx', ['channelAccountId', 'externalId'], {
  where: 'external_id IS NOT NULL',
})
export class MessageReaction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  channelAccountId: string;

  @ManyToOne(() => ChannelAccount, { onDelete: 'CASCADE' })
  channelAccount?: ChannelAccount;

  /** Provider id of the message reacted to. */
  @Column('text')
  targetExternalId: string;

  /** `customer:<channel user id>`, or `business` for ours. */
  @Column('text')
  reactorKey: string;

  @Field(() => String, { description: 'The emoji.' })
  @Column('text', { nullable: true })
  emoji: string | null;

  @Field(() => ActorType, { description: 'CUSTOMER, AGENT, or API_KEY for a partner.' })
  @Column({ type: 'enum', enum: ActorType, enumName: 'actor_type' })
  actor: ActorType;

  @Column('uuid', { nullable: true })
  agentId: string | null;

  @Field({ description: 'When it was set (channel time for the customer’s).' })
  @Column('timestamptz')
  reactedAt: Date;

  /** Provider id of the reaction itself, when the channel gives one. */
  @Column('text', { nullable: true })
  externalId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
