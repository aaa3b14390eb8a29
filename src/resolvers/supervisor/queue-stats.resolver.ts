import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { TrayView } from '../../entities/enums';
import { type EventRecord } from '../../entities/event-record.entity';
import { toGlobalId } from '../../entities/global-id';
import { Team } from '../../entities/team.entity';
import { currentEventSeq, decodeEventCursorFor } from '../../realtime/event-log';
import { EventType } from '../../realtime/event-types';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { notFound } from '../../services/errors';
import { queueStats } from '../../services/supervisor/queue-stats.service';
import { ownedId } from '../find-owned';
import { encodeEventCursor } from '../../realtime/event-log';
import { subscribeToEvents } from '../realtime/event-subscription';
import { QueueStatsFeed } from './queue-stats-feed';
import { AgentLoad, QueueStats, QueueStatsChange, toQueueStats } from './queue-stats.types';

type Data<A> = SubscribeResolverData<unknown, A, AuthedContext>;

interface QueueStatsArgs {
  teamId?: string | null;
  view: TrayView;
  after?: string | null;
}

/** Events after which the figures may differ: tray moves, assignments, presence, membership, new messages. */
const QUEUE_EVENT_TYPES = [
  EventType.TRAY_CHANGED,
  EventType.CONVERSATION_UPDATED,
  EventType.MESSAGE_ADDED,
  EventType.AGENT_STATUS_CHANGED,
  EventType.TEAM_MEMBER_ADDED,
  EventType.TEAM_MEMBER_REMOVED,
];

/** Whether an event may touch one team's figures: its conversation is or was the team's, or it is about agents. */
function concernsTeam(teamId: string, record: EventRecord): boolean {
  if (record.conversationId === null) return true;
  return record.teamId === teamId || record.payload.previousTeamId === teamId;
}

@Resolver()
export class QueueStatsResolver {
  @Query(() => QueueStats, {
    description:
      'The live figures of the queue — the workspace’s, or one team’s: how many wait and since when, every tray’s count, agents by status and their load. Two statements whatever the size (index-only scans).',
  })
  @Access(Allow.read)
  async queueStats(
    @Arg('teamId', () => ID, {
      nullable: true,
      description: 'Only this team: its queue, conversations and members.',
    })
    teamId: string | null,
    @Arg('view', () => TrayView, { defaultValue: TrayView.V2, description: 'The layout `byTray` counts.' })
    view: TrayView,
    @Ctx() ctx: AuthedContext,
  ): Promise<QueueStats> {
    const team = teamId ? await ownedId(ctx, Team, teamId) : null;
    return toQueueStats(view, await queueStats(ctx, { teamId: team, view }));
  }

  @Subscription(() => QueueStatsChange, {
    description:
      'The figures of `queueStats` as they change: a snapshot at once, then only what changed, at most one push per 250 ms (4 a second) per subscription however many events, and none when nothing changed. `after` is accepted like every feed; a snapshot follows, so nothing is missed.',
    subscribe: async ({ args, context }: Data<QueueStatsArgs>) => {
      const { workspaceId } = context.viewer;
      // A foreign or unknown team fails the subscription, as it would the query; so does a bad cursor.
      const team = args.teamId ? await ownedId(context, Team, args.teamId) : null;
      if (args.after) decodeEventCursorFor(args.after, workspaceId);
      // The head is read before the first reading, so every change after it is seen again.
      const startSeq = await currentEventSeq(context.deps.dataSource, workspaceId);
      const source = await subscribeToEvents(context, {
        types: QUEUE_EVENT_TYPES,
        after: encodeEventCursor(workspaceId, startSeq),
        where: team ? (record) => concernsTeam(team, record) : undefined,
      });
      return new QueueStatsFeed(source, {
        workspaceId,
        view: args.view,
        startSeq,
        read: () => queueStats(context, { teamId: team, view: args.view }),
        toGlobalAgentId: (id) => toGlobalId(Agent.name, id),
      });
    },
  })
  @Access(Allow.read)
  queueStatsChanged(
    @Root() change: QueueStatsChange,
    @Arg('teamId', () => ID, {
      nullable: true,
      description: 'Only this team: its queue, conversations and members.',
    })
    _teamId: string | null,
    @Arg('view', () => TrayView, { defaultValue: TrayView.V2, description: 'The layout `byTray` counts.' })
    _view: TrayView,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The cursor of the last push handled, when subscribing again; a snapshot comes first.',
    })
    _after: string | null,
  ): QueueStatsChange {
    return change;
  }
}

@Resolver(() => AgentLoad)
export class AgentLoadResolver {
  @FieldResolver(() => Agent, { description: 'The agent.' })
  async agent(@Root() load: AgentLoad, @Ctx() ctx: AuthedContext): Promise<Agent> {
    const agent = await ctx.loaders.agent.load(load.agentId);
    if (!agent) throw notFound('Agent');
    return agent;
  }
}
