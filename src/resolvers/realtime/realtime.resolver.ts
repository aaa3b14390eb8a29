import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { In } from 'typeorm';
import { Access, Allow } from '../../schema/access.decorator';
import { AiSummary } from '../../entities/ai-summary.entity';
import { Conversation } from '../../entities/conversation.entity';
import { type EventRecord } from '../../entities/event-record.entity';
import { Message } from '../../entities/message.entity';
import { type MessageStatus, type TrayKind, TrayView } from '../../entities/enums';
import { decodeEventCursorFor, readEventPage } from '../../realtime/event-log';
import { EventType } from '../../realtime/event-types';
import { invalidInput, notFound } from '../../services/errors';
import { DEFAULT_PAGE, MAX_PAGE } from '../../services/paging';
import { type AuthedContext } from '../../server/context';
import { assertMayFilterByAgent, trayCounts } from '../../services/conversation/conversation-query.service';
import { localId, ownedId } from '../find-owned';
import { Team } from '../../entities/team.entity';
import { readableConversation } from '../../services/conversation/conversation-visibility';
import { TRAYS_OF_VIEW } from '../../services/conversation/tray-rules';
import { Tray, trayWith } from '../tray/tray.type';
import { Agent } from '../../entities/agent.entity';
import { CoalescingIterator, cursorOf, subscribeToEvents, visibleTo } from './event-subscription';
import { EventConnection, LogEvent, MessageEvent, TrayChange } from './realtime.types';
import { toAgentStatusChange } from '../agent/agent-status.types';

type Data<A> = SubscribeResolverData<unknown, A, AuthedContext>;

/** Recounts at most this often per subscriber while changes keep coming. */
const COUNTS_WINDOW_MS = 150;

const MESSAGE_EVENTS = [
  EventType.MESSAGE_ADDED,
  EventType.MESSAGE_STATUS_CHANGED,
  EventType.MESSAGE_DELIVERY_FAILED,
  EventType.MESSAGE_REACTION,
] as const;

async function conversationFilter(
  ctx: AuthedContext,
  conversationId?: string | null,
): Promise<string | null> {
  return conversationId
    ? (await readableConversation(ctx, localId(conversationId, 'Conversation'))).id
    : null;
}

function payloadString(record: EventRecord, key: string): string | null {
  const value = record.payload[key];
  return typeof value === 'string' ? value : null;
}

function conversationIdOf(record: EventRecord): string {
  const id = record.conversationId ?? payloadString(record, 'conversationId');
  if (!id) throw notFound('Conversation');
  return id;
}

/** The conversation an event names: the event's visibility decides (its contents stay behind the read rule). */
async function loadConversation(ctx: AuthedContext, id: string): Promise<Conversation> {
  const conversation = await ctx.loaders.conversationOfEvent.load(id);
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

export function toTrayChange(record: EventRecord): TrayChange {
  return Object.assign(new TrayChange(), {
    cursor: cursorOf(record),
    occurredAt: record.createdAt,
    conversationId: conversationIdOf(record),
    view: payloadString(record, 'view') as TrayView,
    from: payloadString(record, 'from') as TrayKind | null,
    to: payloadString(record, 'to') as TrayKind | null,
  });
}

export function toMessageEvent(record: EventRecord): MessageEvent {
  const messageId = payloadString(record, 'messageId');
  if (!messageId) throw notFound('Message');
  return Object.assign(new MessageEvent(), {
    cursor: cursorOf(record),
    type: record.type as EventType,
    occurredAt: record.createdAt,
    messageId,
    conversationId: conversationIdOf(record),
    status: payloadString(record, 'status') as MessageStatus | null,
    previousStatus: payloadString(record, 'previousStatus') as MessageStatus | null,
  });
}

async function loadSummaries(ctx: AuthedContext, records: EventRecord[]): Promise<Map<string, AiSummary>> {
  const ids = records.map((record) => payloadString(record, 'aiSummaryId')).filter((id) => id !== null);
  if (ids.length === 0) return new Map();
  const rows = await ctx.deps.dataSource
    .getRepository(AiSummary)
    .find({ where: { id: In(ids), workspaceId: ctx.viewer.workspaceId } });
  return new Map(rows.map((row) => [row.id, row]));
}

async function toLogEvent(
  ctx: AuthedContext,
  record: EventRecord,
  summaries: Map<string, AiSummary>,
): Promise<LogEvent> {
  const type = record.type as EventType;
  const conversationId = record.conversationId ?? payloadString(record, 'conversationId');
  const changes = record.payload.events;
  return Object.assign(new LogEvent(), {
    cursor: cursorOf(record),
    type,
    occurredAt: record.createdAt,
    conversation: conversationId ? await ctx.loaders.conversationOfEvent.load(conversationId) : null,
    trayChange: type === EventType.TRAY_CHANGED ? toTrayChange(record) : null,
    messageEvent: (MESSAGE_EVENTS as readonly EventType[]).includes(type) ? toMessageEvent(record) : null,
    aiSummary: summaries.get(payloadString(record, 'aiSummaryId') ?? '') ?? null,
    changes: Array.isArray(changes) ? changes.map(String) : null,
    agentStatusChange: type === EventType.AGENT_STATUS_CHANGED ? toAgentStatusChange(record) : null,
  });
}

interface TrayArgs {
  view: TrayView;
  after?: string | null;
}

interface TrayCountsArgs extends TrayArgs {
  agentId?: string | null;
  teamId?: string | null;
}

/** The agent and team filters of tray counts as database ids, checked like `trays` checks them. */
async function trayCountsFilter(
  ctx: AuthedContext,
  args: Pick<TrayCountsArgs, 'agentId' | 'teamId'>,
): Promise<{ agent: string | null; team: string | null }> {
  const agent = args.agentId ? await ownedId(ctx, Agent, args.agentId) : null;
  const team = args.teamId ? await ownedId(ctx, Team, args.teamId) : null;
  assertMayFilterByAgent(ctx, agent);
  return { agent, team };
}
@ArgsType()
class MessageFeedArgs {
  @Field(() => ID, { nullable: true, description: 'Only this conversation.' })
  conversationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Resume after this event cursor: replay, then live.' })
  after?: string | null;
}
type MessageArgs = MessageFeedArgs;

/** The subscribe function of a message feed: one event type, optionally one conversation. */
function messageFeed(type: EventType) {
  return async ({ args, context }: Data<MessageArgs>) =>
    subscribeToEvents(context, {
      types: [type],
      after: args.after,
      conversationId: await conversationFilter(context, args.conversationId),
    });
}

/**
 * The live side of the API. Every subscription is a filtered view of the workspace event log
 * (`subscribeToEvents`): replay after `after`, then live, with the viewer's visibility applied.
 */
@Resolver()
export class RealtimeResolver {
  @Subscription(() => TrayChange, {
    description:
      'Conversations moving between trays of a view, as they happen (time-driven moves included). Agents see their own conversations and the queue.',
    subscribe: ({ args, context }: Data<TrayArgs>) =>
      subscribeToEvents(context, {
        types: [EventType.TRAY_CHANGED],
        after: args.after,
        where: (record) => record.payload.view === args.view,
      }),
  })
  @Access(Allow.read)
  trayChanged(
    @Root() record: EventRecord,
    @Arg('view', () => TrayView, { defaultValue: TrayView.V2, description: 'Which layout.' }) _view: TrayView,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Resume after this event cursor: replay, then live.',
    })
    _after: string | null,
  ): TrayChange {
    return toTrayChange(record);
  }

  @Subscription(() => [Tray], {
    description:
      'The trays of a view with their counts, filtered like `trays` (agent, team): once at subscription, then after each burst of tray moves the viewer may see (at most one push per 150 ms).',
    subscribe: async ({ args, context }: Data<TrayCountsArgs>) => {
      // A foreign or unknown agent or team fails the subscription, as it would the query; an
      // agent asking for another agent's trays is FORBIDDEN, as in `trays`.
      const { agent, team } = await trayCountsFilter(context, args);
      return new CoalescingIterator(
        await subscribeToEvents(context, {
          types: [EventType.TRAY_CHANGED],
          where: (record) =>
            record.payload.view === args.view &&
            (!team || record.teamId === team || record.payload.previousTeamId === team) &&
            (!agent || record.assigneeId === agent || record.payload.previousAssigneeId === agent),
        }),
        COUNTS_WINDOW_MS,
      );
    },
  })
  @Access(Allow.read)
  async trayCountsChanged(
    @Arg('view', () => TrayView, { defaultValue: TrayView.V2, description: 'Which layout.' }) view: TrayView,
    @Arg('agentId', () => ID, { nullable: true, description: 'Only this agent (admins).' })
    agentId: string | null,
    @Arg('teamId', () => ID, { nullable: true, description: 'Only conversations of this team.' })
    teamId: string | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<Tray[]> {
    const { agent, team } = await trayCountsFilter(ctx, { agentId, teamId });
    const counts = await trayCounts(ctx, view, agent, { teamId: team });
    return TRAYS_OF_VIEW[view].map((kind) => trayWith(kind, view, counts.get(kind) ?? 0, agent, team));
  }

  @Subscription(() => MessageEvent, {
    description: 'New messages, inbound and outbound, of the workspace or of one conversation.',
    subscribe: messageFeed(EventType.MESSAGE_ADDED),
  })
  @Access(Allow.read)
  messageAdded(
    @Root() record: EventRecord,
    @Args(() => MessageFeedArgs) _args: MessageFeedArgs,
  ): MessageEvent {
    return toMessageEvent(record);
  }

  @Subscription(() => MessageEvent, {
    description: 'Delivery status changes of messages (SENT, DELIVERED, READ, FAILED).',
    subscribe: messageFeed(EventType.MESSAGE_STATUS_CHANGED),
  })
  @Access(Allow.read)
  messageStatusChanged(
    @Root() record: EventRecord,
    @Args(() => MessageFeedArgs) _args: MessageFeedArgs,
  ): MessageEvent {
    return toMessageEvent(record);
  }

  @Subscription(() => MessageEvent, {
    description: 'Messages that failed, with their error: the dashboard feed of red triangles.',
    subscribe: ({ args, context }: Data<Pick<MessageArgs, 'after'>>) =>
      subscribeToEvents(context, { types: [EventType.MESSAGE_DELIVERY_FAILED], after: args.after }),
  })
  @Access(Allow.read)
  messageDeliveryFailed(
    @Root() record: EventRecord,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Resume after this event cursor: replay, then live.',
    })
    _after: string | null,
  ): MessageEvent {
    return toMessageEvent(record);
  }

  @Subscription(() => AiSummary, {
    description: 'AI summaries as they become ready, for the workspace or one conversation.',
    subscribe: async ({ args, context }: Data<Pick<MessageArgs, 'conversationId'>>) =>
      subscribeToEvents(context, {
        types: [EventType.AI_SUMMARY_READY],
        conversationId: await conversationFilter(context, args.conversationId),
      }),
  })
  @Access(Allow.read)
  async aiSummaryReady(
    @Root() record: EventRecord,
    @Arg('conversationId', () => ID, { nullable: true, description: 'Only this conversation.' })
    _conversationId: string | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<AiSummary> {
    const summary = (await loadSummaries(ctx, [record])).get(payloadString(record, 'aiSummaryId') ?? '');
    if (!summary) throw notFound('AiSummary');
    return summary;
  }

  @Query(() => EventConnection, {
    description:
      'The event log for partners that poll: the same events, cursors and visibility as the subscriptions, oldest first. Without `after` it starts at the oldest event kept; CURSOR_EXPIRED when `after` is older than that.',
  })
  @Access(Allow.read)
  async events(
    @Arg('after', () => String, { nullable: true, description: 'Continue after this event cursor.' })
    after: string | null,
    @Arg('first', () => Int, { nullable: true, description: `Events to read, 1–${MAX_PAGE}.` })
    first: number | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<EventConnection> {
    const size = first ?? DEFAULT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
      throw invalidInput(`\`first\` must be between 1 and ${MAX_PAGE}.`, 'first');
    }
    const workspaceId = ctx.viewer.workspaceId;
    const afterSeq = after ? decodeEventCursorFor(after, workspaceId) : null;
    const page = await readEventPage(ctx.deps.dataSource, workspaceId, afterSeq, size);
    const visible = visibleTo(ctx.viewer);
    const records = page.records.filter(visible);
    const summaries = await loadSummaries(ctx, records);
    const nodes = await Promise.all(records.map((record) => toLogEvent(ctx, record, summaries)));
    // The position advances over events the viewer may not see, so polling never re-reads them.
    const last = page.records.at(-1);
    return Object.assign(new EventConnection(), {
      edges: nodes.map((node) => ({ cursor: node.cursor, node })),
      nodes,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: afterSeq !== null,
        startCursor: nodes[0]?.cursor ?? null,
        endCursor: last ? cursorOf(last) : after,
      },
    });
  }
}

@Resolver(() => TrayChange)
export class TrayChangeResolver {
  @FieldResolver(() => Conversation, { description: 'The conversation as it is now.' })
  conversation(@Root() change: TrayChange, @Ctx() ctx: AuthedContext): Promise<Conversation> {
    return loadConversation(ctx, change.conversationId);
  }
}

@Resolver(() => MessageEvent)
export class MessageEventResolver {
  @FieldResolver(() => Message, { description: 'The message as it is now (with its error when it failed).' })
  async message(@Root() event: MessageEvent, @Ctx() ctx: AuthedContext): Promise<Message> {
    const message = await ctx.loaders.message.load(event.messageId);
    if (!message) throw notFound('Message');
    return message;
  }

  @FieldResolver(() => Conversation, { description: 'Its conversation.' })
  conversation(@Root() event: MessageEvent, @Ctx() ctx: AuthedContext): Promise<Conversation> {
    return loadConversation(ctx, event.conversationId);
  }
}
