import { type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { ConversationOrder, TrayKind, TrayView } from '../../entities/enums';
import { Access, Allow } from '../../schema/access.decorator';
import { PageArgs } from '../../schema/pagination';
import { invalidInput } from '../../services/errors';
import { ownedId } from '../find-owned';
import { Agent } from '../../entities/agent.entity';
import { Team } from '../../entities/team.entity';
import { listTrayConversations, trayCounts } from '../../services/conversation/conversation-query.service';
import { TRAYS_OF_VIEW } from '../../services/conversation/tray-rules';
import { type AuthedContext } from '../../server/context';
import { ConversationConnection } from '../connections';
import { ConversationFilter } from '../conversation/conversation-filter.input';
import { filterValues } from '../conversation/filter-ids';
import { Tray, trayWith } from './tray.type';

/** A team id no conversation has: the tray's team and the filter's disagree. */
const NO_TEAM_MATCHES = '00000000-0000-0000-0000-000000000000';

function checkKind(kind: TrayKind, view: TrayView): void {
  if (!TRAYS_OF_VIEW[view].includes(kind)) {
    throw invalidInput(
      `The ${view} view has no ${kind} tray; it has ${TRAYS_OF_VIEW[view].join(', ')}.`,
      'kind',
    );
  }
}

/** Whether the field being resolved selects `name` anywhere below it (fragments included). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === 'Field') return selection.name.value === name || walk(selection.selectionSet);
      if (selection.kind === 'InlineFragment') return walk(selection.selectionSet);
      const fragment = info.fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) return false;
      seen.add(fragment.name.value);
      return walk(fragment.selectionSet);
    });
  return info.fieldNodes.some((node: FieldNode) => walk(node.selectionSet));
}

@Resolver(() => Tray)
export class TrayResolver {
  @Query(() => [Tray], {
    description: 'Every tray of a view with its count. Admins may filter by agent; anyone by team.',
  })
  @Access(Allow.read)
  async trays(
    @Arg('view', () => TrayView, { defaultValue: TrayView.V2 }) view: TrayView,
    @Arg('agentId', () => ID, { nullable: true, description: 'Only this agent (admins).' })
    agentId: string | null,
    @Arg('teamId', () => ID, { nullable: true, description: 'Only conversations of this team.' })
    teamId: string | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<Tray[]> {
    const agent = agentId ? await ownedId(ctx, Agent, agentId) : null;
    const team = teamId ? await ownedId(ctx, Team, teamId) : null;
    const counts = await trayCounts(ctx, view, agent, { teamId: team });
    return TRAYS_OF_VIEW[view].map((kind) => trayWith(kind, view, counts.get(kind) ?? 0, agent, team));
  }

  @Query(() => Tray, { description: 'One tray, to page through its conversations.' })
  @Access(Allow.read)
  async tray(
    @Arg('kind', () => TrayKind) kind: TrayKind,
    @Arg('view', () => TrayView, { defaultValue: TrayView.V2 }) view: TrayView,
    @Arg('agentId', () => ID, { nullable: true, description: 'Only this agent (admins).' })
    agentId: string | null,
    @Arg('teamId', () => ID, { nullable: true, description: 'Only conversations of this team.' })
    teamId: string | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<Tray> {
    checkKind(kind, view);
    const agent = agentId ? await ownedId(ctx, Agent, agentId) : null;
    const team = teamId ? await ownedId(ctx, Team, teamId) : null;
    // The count is resolved lazily below; only the kind and filter are fixed here.
    return trayWith(kind, view, -1, agent, team);
  }

  @FieldResolver(() => Int, {
    name: 'count',
    description: 'How many conversations are in it now (for the viewer and the agent filter).',
  })
  async countField(@Root() tray: Tray, @Ctx() ctx: AuthedContext): Promise<number> {
    if (tray.count >= 0) return tray.count;
    const counts = await trayCounts(ctx, tray.view, tray.agentId, { teamId: tray.teamId ?? null });
    return counts.get(tray.kind) ?? 0;
  }

  @FieldResolver(() => ConversationConnection, {
    description:
      'Its conversations, newest activity first unless `orderBy` says otherwise (PRIORITY: URGENT first, then longest waiting). Filters: customer tags, conversation labels, channel, team, priority, text on customer name and phone.',
  })
  async conversations(
    @Root() tray: Tray,
    @Arg('filter', () => ConversationFilter, { nullable: true, description: 'Criteria; all must hold.' })
    filter: ConversationFilter | null,
    @Arg('orderBy', () => ConversationOrder, {
      defaultValue: ConversationOrder.LAST_ACTIVITY,
      description: 'Sort: LAST_ACTIVITY (default), WAITING_SINCE, CREATED or PRIORITY (then waiting time).',
    })
    orderBy: ConversationOrder,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const values = await filterValues(ctx, filter);
    // The tray's team and the filter's must agree; when they differ nothing matches.
    const teamIds = [tray.teamId, values?.teamId].filter((id): id is string => Boolean(id));
    const teamId = teamIds.length === 0 ? null : new Set(teamIds).size === 1 ? teamIds[0]! : NO_TEAM_MATCHES;
    return listTrayConversations(ctx, tray, { ...values, teamId }, orderBy, page, {
      withLastMessage: selects(info, 'lastMessage'),
    });
  }
}
