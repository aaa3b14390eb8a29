import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Team } from '../../entities/team.entity';
import { toGlobalId } from '../../entities/global-id';
import { Access, Allow } from '../../schema/access.decorator';
import { PageArgs } from '../../schema/pagination';
import { type AuthedContext } from '../../server/context';
import { pageOfList } from '../../services/paging';
import {
  addTeamMember,
  createTeam,
  deleteTeam,
  removeTeamMember,
  updateTeam,
} from '../../services/team/team.service';
import { listTeams } from '../../services/team/team-query.service';
import { AgentConnection, TeamConnection } from '../connections';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { TeamCreateInput, TeamDeleteInput, TeamMemberInput, TeamUpdateInput } from './team.input';
import { TeamDeletePayload, TeamMemberPayload, TeamPayload } from './team.payload';

const memberIds = (input: TeamMemberInput) => ({
  teamId: localId(input.teamId, Team.name),
  agentId: localId(input.agentId, Agent.name),
});

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => TeamConnection, { description: 'The teams of the workspace, by name.' })
  @Access(Allow.signedIn)
  teams(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AuthedContext) {
    return listTeams(ctx, page);
  }

  @Mutation(() => TeamPayload, { description: 'Creates a team (admins).' })
  @Access(Allow.admin)
  teamCreate(
    @Arg('input', () => TeamCreateInput, { description: 'Its name.' }) input: TeamCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<TeamPayload> {
    return mutate(TeamPayload, async () => ({ team: await createTeam(ctx, input) }));
  }

  @Mutation(() => TeamPayload, { description: 'Renames a team (admins).' })
  @Access(Allow.admin)
  teamUpdate(
    @Arg('input', () => TeamUpdateInput, { description: 'The team and its new name.' })
    input: TeamUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<TeamPayload> {
    return mutate(TeamPayload, async () => ({
      team: await updateTeam(ctx, { teamId: localId(input.teamId, Team.name), name: input.name }),
    }));
  }

  @Mutation(() => TeamDeletePayload, {
    description:
      'Deletes a team (admins): its open conversations leave it (unassigned ones go to the general queue), its members leave it, channel accounts that sent conversations to it send them to the general queue.',
  })
  @Access(Allow.admin)
  teamDelete(
    @Arg('input', () => TeamDeleteInput, { description: 'The team.' }) input: TeamDeleteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<TeamDeletePayload> {
    return mutate(TeamDeletePayload, async () => {
      const result = await deleteTeam(ctx, localId(input.teamId, Team.name));
      return {
        deletedTeamId: toGlobalId(Team.name, result.teamId),
        movedConversationCount: result.movedConversationCount,
      };
    });
  }

  @Mutation(() => TeamMemberPayload, {
    description:
      'Adds an agent to a team (admins): they see its queue from now on. DUPLICATE if already in it.',
  })
  @Access(Allow.admin)
  teamMemberAdd(
    @Arg('input', () => TeamMemberInput, { description: 'The team and the agent.' }) input: TeamMemberInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<TeamMemberPayload> {
    return mutate(TeamMemberPayload, () => addTeamMember(ctx, memberIds(input)));
  }

  @Mutation(() => TeamMemberPayload, {
    description:
      'Removes an agent from a team (admins): its queue is no longer theirs; what is assigned to them stays theirs. NOT_TEAM_MEMBER if not in it.',
  })
  @Access(Allow.admin)
  teamMemberRemove(
    @Arg('input', () => TeamMemberInput, { description: 'The team and the agent.' }) input: TeamMemberInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<TeamMemberPayload> {
    return mutate(TeamMemberPayload, () => removeTeamMember(ctx, memberIds(input)));
  }

  @FieldResolver(() => AgentConnection, { description: 'Its members, by name.' })
  async agents(@Root() team: Team, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AuthedContext) {
    return pageOfList(await ctx.loaders.membersByTeam.load(team.id), page);
  }
}

@Resolver(() => Agent)
export class AgentTeamsResolver {
  @FieldResolver(() => [Team], { description: 'The teams the agent belongs to, by name.' })
  teams(@Root() agent: Agent, @Ctx() ctx: AuthedContext): Promise<Team[]> {
    return ctx.loaders.teamsByAgent.load(agent.id);
  }

  @FieldResolver(() => Int, { description: 'Open conversations assigned to the agent now.' })
  openConversationCount(@Root() agent: Agent, @Ctx() ctx: AuthedContext): Promise<number> {
    return ctx.loaders.openConversationCountByAgent.load(agent.id);
  }
}
