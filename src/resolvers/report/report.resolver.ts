import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Team } from '../../entities/team.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { notFound } from '../../services/errors';
import { agentStats } from '../../services/report/agent-stats.service';
import { ReportKind, startReportExport } from '../../services/report/report-export.service';
import { ownedId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { AgentStats, ConversationTimings, ReportExportPayload } from './report.types';

const DAY_HELP = 'A calendar day, YYYY-MM-DD, in the workspace time zone';

@Resolver(() => AgentStats)
export class ReportResolver {
  @Query(() => [AgentStats], {
    description:
      "Each agent's first responses, closes by outcome and handle times (business seconds) over local days `from`..`to` (both included, in the workspace time zone, at most 366 days), by name. Admins and API keys with the read scope.",
  })
  @Access(Allow.reports)
  async agentStats(
    @Arg('from', { description: `${DAY_HELP}: the first of the period.` }) from: string,
    @Arg('to', { description: `${DAY_HELP}: the last of the period.` }) to: string,
    @Arg('teamId', () => ID, { nullable: true, description: 'Only conversations of this team.' })
    teamId: string | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentStats[]> {
    const team = teamId ? await ownedId(ctx, Team, teamId) : null;
    const { rows } = await agentStats(ctx.deps, ctx.viewer.workspace, { from, to, teamId: team });
    return rows.map((row) => Object.assign(new AgentStats(), row));
  }

  @FieldResolver(() => Agent, { description: 'The agent.' })
  async agent(@Root() stats: AgentStats, @Ctx() ctx: AuthedContext): Promise<Agent> {
    const agent = await ctx.loaders.agent.load(stats.agentId);
    if (!agent) throw notFound('Agent');
    return agent;
  }

  @Mutation(() => ReportExportPayload, {
    description:
      'Exports a report as CSV over local days `from`..`to`: a job writes it into an attachment (streamed, any size); poll the attachment (`node`) until READY and download its `url`. Admins and API keys with the read scope.',
  })
  @Access(Allow.reports)
  reportExport(
    @Arg('kind', () => ReportKind) kind: ReportKind,
    @Arg('from', { description: `${DAY_HELP}: the first of the period.` }) from: string,
    @Arg('to', { description: `${DAY_HELP}: the last of the period.` }) to: string,
    @Arg('teamId', () => ID, { nullable: true, description: 'Only conversations of this team.' })
    teamId: string | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<ReportExportPayload> {
    return mutate(ReportExportPayload, async () => {
      const team = teamId ? await ownedId(ctx, Team, teamId) : null;
      return { attachment: await startReportExport(ctx, kind, { from, to, teamId: team }) };
    });
  }
}

@Resolver(() => Conversation)
export class ConversationTimingsResolver {
  @FieldResolver(() => ConversationTimings, {
    description: 'How long it waited, took to answer and to handle (business seconds).',
  })
  async timings(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<ConversationTimings> {
    const timings = await ctx.loaders.timingsByConversation.load(conversation.id);
    return Object.assign(new ConversationTimings(), timings);
  }
}
