import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
  Field,
  Info,
  ObjectType,
} from 'type-graphql';
import { type GraphQLResolveInfo } from 'graphql';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Agent } from '../../entities/agent.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Message } from '../../entities/message.entity';
import { Note } from '../../entities/note.entity';
import { Tag } from '../../entities/tag.entity';
import { Team } from '../../entities/team.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { ConversationOrder, TrayKind, TrayView } from '../../entities/enums';
import { Access, Allow } from '../../schema/access.decorator';
import { PageArgs } from '../../schema/pagination';
import { paginate } from '../../services/paging';
import { localId } from '../find-owned';
import { listConversations } from '../../services/conversation/conversation-query.service';
import { isSnoozed, trayOf } from '../../services/conversation/tray-rules';
import {
  conversationReadScope,
  mayReadConversation,
  readableConversation,
  whereConversationReadable,
} from '../../services/conversation/conversation-visibility';
import { type AuthedContext } from '../../server/context';
import { isAdmin } from '../../auth/viewer';
import { forbidden } from '../../services/errors';
import { ConversationFilter } from './conversation-filter.input';
import { filterValues } from './filter-ids';
import {
  ConversationConnection,
  ConversationEventConnection,
  MessageConnection,
  NoteConnection,
} from '../connections';
import { TimelineConnection } from './timeline.types';
import { connectionNodeFields, plainColumns } from '../selection';

/** Message fields that are a column and nothing more (the others have resolvers that may read any). */
const MESSAGE_PLAIN_FIELDS: Record<string, string> = {
  createdAt: 'createdAt',
  direction: 'direction',
  sender: 'sender',
  type: 'type',
  text: 'text',
  payload: 'payload',
  externalId: 'externalId',
  replyToExternalId: 'replyToExternalId',
  status: 'status',
  error: 'error',
  sentAt: 'sentAt',
};
const MESSAGE_ALWAYS_READ = ['id', 'workspaceId', 'conversationId', 'sentAt'];

/**
 * A conversation can reach a resolver the viewer may no longer read (the event that takes it away
 * from an agent, a transfer's payload): what it contains stays behind the read rule.
 */
function readable(ctx: AuthedContext, conversation: Conversation): boolean {
  return mayReadConversation(conversationReadScope(ctx.viewer), conversation);
}

@ObjectType({ description: 'Where a conversation sits right now in each tray view.' })
export class ConversationTrays {
  @Field(() => TrayKind, { nullable: true, description: 'Tray in the CLASSIC view, if any.' })
  classic: TrayKind | null;

  @Field(() => TrayKind, { nullable: true, description: 'Tray in the V2 view, if any.' })
  v2: TrayKind | null;
}

@Resolver(() => Conversation)
export class ConversationResolver {
  @Query(() => Conversation, {
    nullable: true,
    description:
      'A conversation by id (NOT_FOUND when it does not exist in your workspace, or, for an agent, when it is assigned to another agent or waits in the queue of a team they are not in).',
  })
  @Access(Allow.read)
  conversation(@Arg('id', () => ID) id: string, @Ctx() ctx: AuthedContext): Promise<Conversation | null> {
    return readableConversation(ctx, localId(id, 'Conversation'));
  }

  @Query(() => ConversationConnection, {
    description:
      "Any conversations by filter (customer, handler — BOT for bots —, status, channel, team, priority, snoozed, labels, dates, tray, text, unread, window), newest activity first unless `orderBy` says otherwise. Agents see their own, their teams' queues and the general queue.",
  })
  @Access(Allow.read)
  async conversations(
    @Arg('filter', () => ConversationFilter, { nullable: true, description: 'Criteria; all must hold.' })
    filter: ConversationFilter | null,
    @Arg('orderBy', () => ConversationOrder, {
      defaultValue: ConversationOrder.LAST_ACTIVITY,
      description: 'Sort: LAST_ACTIVITY (default), WAITING_SINCE, CREATED or PRIORITY (then waiting time).',
    })
    orderBy: ConversationOrder,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    return listConversations(ctx, await filterValues(ctx, filter), orderBy, page);
  }

  @FieldResolver(() => Int, {
    description:
      "Customer messages the viewer has not read: those after their read position (conversationMarkRead, or their own reply), every customer message before they first read it. Reactions do not count. Partners' API keys have no read position and see `awaitingReplyCount` here — the meaning this field had before, deprecated for them: read `awaitingReplyCount`.",
  })
  unreadCount(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<number> | number {
    const principal = ctx.viewer.principal;
    if (principal.kind !== 'agent') return conversation.unreadCount;
    return ctx.loaders.unreadCountOf(principal.agent.id).load(conversation.id);
  }

  @FieldResolver(() => Int, {
    description:
      'Customer messages since our last reply (0 once answered): what `unreadCount` meant before it became per viewer. Reactions do not count.',
  })
  awaitingReplyCount(@Root() conversation: Conversation): number {
    return conversation.unreadCount;
  }

  @FieldResolver(() => Date, { description: 'When it was opened (`orderBy: CREATED` sorts by it).' })
  createdAt(@Root() conversation: Conversation): Date {
    return conversation.createdAt;
  }

  @FieldResolver(() => Customer, { description: 'The customer.' })
  async customer(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<Customer> {
    return (await ctx.loaders.customer.load(conversation.customerId))!;
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'The assigned agent; null while in the queue or with the bot.',
  })
  assignee(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return conversation.assigneeId ? ctx.loaders.agent.load(conversation.assigneeId) : null;
  }

  @FieldResolver(() => Team, {
    nullable: true,
    description:
      "Its team: while unassigned it waits in that team's queue, seen by the team's members; null: the general queue.",
  })
  team(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<Team | null> | null {
    return conversation.teamId ? ctx.loaders.team.load(conversation.teamId) : null;
  }

  @FieldResolver(() => ChannelAccount, { description: 'The channel account it runs on.' })
  async channelAccount(
    @Root() conversation: Conversation,
    @Ctx() ctx: AuthedContext,
  ): Promise<ChannelAccount> {
    return (await ctx.loaders.channelAccount.load(conversation.channelAccountId))!;
  }

  @FieldResolver(() => [Tag], {
    description:
      "The customer's tags (the same as `customer.tags`): they describe the person and show on every conversation of theirs. Tags put on this conversation alone are its `labels`.",
  })
  tags(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<Tag[]> {
    return ctx.loaders.tagsByCustomer.load(conversation.customerId);
  }

  @FieldResolver(() => [Tag], {
    description:
      'Labels of this conversation, by name: workspace tags put on the conversation itself (conversationLabel), unlike `tags`, which are the customer’s.',
  })
  labels(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<Tag[]> | Tag[] {
    // What a conversation is about stays behind the read rule, like its messages.
    if (!readable(ctx, conversation)) return [];
    return ctx.loaders.labelsByConversation.load(conversation.id);
  }

  @FieldResolver(() => Message, { nullable: true, description: 'The latest message.' })
  lastMessage(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<Message | null> | null {
    if (!conversation.lastMessageId || !readable(ctx, conversation)) return null;
    // Read with the page (a tray page joins it): no statement of its own.
    if (conversation.lastMessage !== undefined) return Promise.resolve(conversation.lastMessage);
    return ctx.loaders.message.load(conversation.lastMessageId);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether free text may be sent now (inside the customer window).',
  })
  windowOpen(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): boolean {
    return conversation.windowExpiresAt !== null && conversation.windowExpiresAt > ctx.deps.clock.now();
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: "While snoozed: when it comes back to the trays (or sooner, at the customer's reply).",
  })
  snoozedUntil(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Date | null {
    return isSnoozed(conversation, ctx.deps.clock.now()) ? conversation.snoozedUntil : null;
  }

  @FieldResolver(() => ConversationTrays, { description: 'The tray of each view it is in now.' })
  trays(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): ConversationTrays {
    const now = ctx.deps.clock.now();
    const days = ctx.viewer.workspace.visibleDays;
    return {
      classic: trayOf(conversation, TrayView.CLASSIC, now, days),
      v2: trayOf(conversation, TrayView.V2, now, days),
    };
  }

  @FieldResolver(() => TimelineConnection, {
    description:
      'Messages, internal notes and history events as one list, oldest first (`last` reads the newest); cursors stay valid as items arrive. Reactions are not items: they belong to their message.',
  })
  timeline(
    @Root() conversation: Conversation,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    return ctx.loaders.timelineByConversation.load(conversation.id, page);
  }

  @FieldResolver(() => MessageConnection, { description: 'Messages in channel-time order, oldest first.' })
  messages(
    @Root() conversation: Conversation,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const query = ctx.deps.dataSource.getRepository(Message).createQueryBuilder('m');
    // A history page reads only the columns asked (and those the page and the read rule need).
    const columns = plainColumns(connectionNodeFields(info), MESSAGE_PLAIN_FIELDS, MESSAGE_ALWAYS_READ);
    if (columns) query.select(columns.map((column) => `m.${column}`));
    query.where('m.conversation_id = :conversationId AND m.workspace_id = :workspaceId', {
      conversationId: conversation.id,
      workspaceId: ctx.viewer.workspaceId,
    });
    return paginate(
      whereConversationReadable(query, conversationReadScope(ctx.viewer), 'm'),
      { column: 'm.sent_at', idColumn: 'm.id', table: 'message', tableColumn: 'sent_at', direction: 'ASC' },
      page,
      ctx.viewer.workspaceId,
    );
  }

  @FieldResolver(() => NoteConnection, {
    description: 'Internal notes, oldest first; deleted notes are left out (admins may include them).',
  })
  notes(
    @Root() conversation: Conversation,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('includeDeleted', () => Boolean, {
      defaultValue: false,
      description: 'Admins only: include deleted notes (with `deletedAt` and their `revisions`).',
    })
    includeDeleted: boolean,
    @Ctx() ctx: AuthedContext,
  ) {
    if (includeDeleted && !isAdmin(ctx.viewer)) throw forbidden('Only admins read deleted notes.');
    const query = ctx.deps.dataSource
      .getRepository(Note)
      .createQueryBuilder('n')
      .where('n.conversation_id = :conversationId AND n.workspace_id = :workspaceId', {
        conversationId: conversation.id,
        workspaceId: ctx.viewer.workspaceId,
      });
    if (includeDeleted) query.withDeleted();
    return paginate(
      whereConversationReadable(query, conversationReadScope(ctx.viewer), 'n'),
      {
        column: 'n.created_at',
        idColumn: 'n.id',
        table: 'note',
        tableColumn: 'created_at',
        direction: 'ASC',
      },
      page,
      ctx.viewer.workspaceId,
    );
  }

  @FieldResolver(() => ConversationEventConnection, {
    description: 'History: handoffs, assignments, transfers, closings, reopenings, tray moves; oldest first.',
  })
  events(
    @Root() conversation: Conversation,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    const query = ctx.deps.dataSource
      .getRepository(ConversationEvent)
      .createQueryBuilder('e')
      .where('e.conversation_id = :conversationId AND e.workspace_id = :workspaceId', {
        conversationId: conversation.id,
        workspaceId: ctx.viewer.workspaceId,
      });
    return paginate(
      whereConversationReadable(query, conversationReadScope(ctx.viewer), 'e'),
      {
        column: 'e.created_at',
        idColumn: 'e.id',
        table: 'conversation_event',
        tableColumn: 'created_at',
        direction: 'ASC',
      },
      page,
      ctx.viewer.workspaceId,
    );
  }
}
