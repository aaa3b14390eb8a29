import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { toGlobalId } from '../../entities/global-id';
import { SlaPolicy } from '../../entities/sla-policy.entity';
import { Tag } from '../../entities/tag.entity';
import { Team } from '../../entities/team.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { PageArgs } from '../../schema/pagination';
import { type AuthedContext } from '../../server/context';
import { slaBreachedAtOf, slaTargetsOf } from '../../services/sla/sla-clock';
import {
  createSlaPolicy,
  deleteSlaPolicy,
  listSlaPolicies,
  type SlaConditionsValues,
  updateSlaPolicy,
} from '../../services/sla/sla-policy.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import {
  SlaConditionsInput,
  SlaPolicyCreateInput,
  SlaPolicyDeleteInput,
  SlaPolicyUpdateInput,
} from './sla-policy.input';
import { SlaPolicyDeletePayload, SlaPolicyPayload } from './sla-policy.payload';
import { ConversationSla, SlaConditions, SlaPolicyConnection } from './sla.types';

function conditionIds(input: SlaConditionsInput | null | undefined): SlaConditionsValues | null {
  if (!input) return null;
  const decode = (ids: string[] | null | undefined, type: string) =>
    ids == null ? null : ids.map((id) => localId(id, type));
  return {
    channelAccountIds: decode(input.channelAccountIds, ChannelAccount.name),
    teamIds: decode(input.teamIds, Team.name),
    tagIds: decode(input.tagIds, Tag.name),
    priorities: input.priorities ?? null,
  };
}

const FROM_DESCRIPTION = 'Count breaches due at or after this instant (absent: from the start).';
const TO_DESCRIPTION = 'Count breaches due before this instant (absent: until now).';

@Resolver(() => SlaPolicy)
export class SlaPolicyResolver {
  @Query(() => SlaPolicyConnection, {
    description: 'The SLA policies of the workspace in evaluation order: the first that matches applies.',
  })
  @Access(Allow.signedIn)
  slaPolicies(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AuthedContext) {
    return listSlaPolicies(ctx, page);
  }

  @Mutation(() => SlaPolicyPayload, { description: 'Creates an SLA policy (admins).' })
  @Access(Allow.admin)
  slaPolicyCreate(
    @Arg('input', () => SlaPolicyCreateInput, { description: 'The policy.' }) input: SlaPolicyCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<SlaPolicyPayload> {
    return mutate(SlaPolicyPayload, async () => ({
      slaPolicy: await createSlaPolicy(ctx, { ...input, conditions: conditionIds(input.conditions) }),
    }));
  }

  @Mutation(() => SlaPolicyPayload, {
    description:
      'Changes an SLA policy (admins). Open conversations take the change at their next change (an answer, a message, a priority, a team, a snooze, a closing).',
  })
  @Access(Allow.admin)
  slaPolicyUpdate(
    @Arg('input', () => SlaPolicyUpdateInput, { description: 'The policy and its changes.' })
    input: SlaPolicyUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<SlaPolicyPayload> {
    return mutate(SlaPolicyPayload, async () => ({
      slaPolicy: await updateSlaPolicy(ctx, {
        ...input,
        slaPolicyId: localId(input.slaPolicyId, SlaPolicy.name),
        conditions: conditionIds(input.conditions),
      }),
    }));
  }

  @Mutation(() => SlaPolicyDeletePayload, {
    description: 'Deletes an SLA policy (admins): open conversations it applied to lose their due times.',
  })
  @Access(Allow.admin)
  slaPolicyDelete(
    @Arg('input', () => SlaPolicyDeleteInput, { description: 'The policy.' }) input: SlaPolicyDeleteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<SlaPolicyDeletePayload> {
    return mutate(SlaPolicyDeletePayload, async () => ({
      deletedSlaPolicyId: toGlobalId(
        SlaPolicy.name,
        await deleteSlaPolicy(ctx, localId(input.slaPolicyId, SlaPolicy.name)),
      ),
    }));
  }

  @FieldResolver(() => SlaConditions, { description: 'Which conversations it applies to.' })
  conditions(@Root() policy: SlaPolicy): SlaConditions {
    return {
      channelAccountIds: policy.channelAccountIds.map((id) => toGlobalId(ChannelAccount.name, id)),
      teamIds: policy.teamIds.map((id) => toGlobalId(Team.name, id)),
      priorities: policy.priorities,
      tagIds: policy.tagIds.map((id) => toGlobalId(Tag.name, id)),
    };
  }
}

@Resolver(() => Conversation)
export class ConversationSlaResolver {
  @FieldResolver(() => ConversationSla, {
    nullable: true,
    description:
      'Its SLA: the policy that applies and each target with its due time, met or breached (exact at read time); null when no policy applies and none did.',
  })
  async sla(@Root() conversation: Conversation, @Ctx() ctx: AuthedContext): Promise<ConversationSla | null> {
    const now = ctx.deps.clock.now();
    const targets = slaTargetsOf(conversation, now);
    if (conversation.slaPolicyId === null && targets.length === 0) return null;
    return {
      policy: conversation.slaPolicyId ? await ctx.loaders.slaPolicy.load(conversation.slaPolicyId) : null,
      firstResponseDueAt: conversation.slaFirstResponseDueAt,
      nextResponseDueAt: conversation.slaNextResponseDueAt,
      resolutionDueAt: conversation.slaResolutionDueAt,
      breachedAt: slaBreachedAtOf(conversation, now),
      targets,
    };
  }
}

@Resolver(() => Agent)
export class AgentSlaResolver {
  @FieldResolver(() => Int, {
    description: 'SLA targets breached while the conversation was assigned to the agent.',
  })
  slaBreaches(
    @Root() agent: Agent,
    @Ctx() ctx: AuthedContext,
    @Arg('from', () => Date, { nullable: true, description: FROM_DESCRIPTION }) from: Date | null,
    @Arg('to', () => Date, { nullable: true, description: TO_DESCRIPTION }) to: Date | null,
  ): Promise<number> {
    return ctx.loaders.slaBreachesByAgent({ from: from ?? null, to: to ?? null }).load(agent.id);
  }
}

@Resolver(() => Team)
export class TeamSlaResolver {
  @FieldResolver(() => Int, { description: 'SLA targets breached while the conversation was in the team.' })
  slaBreaches(
    @Root() team: Team,
    @Ctx() ctx: AuthedContext,
    @Arg('from', () => Date, { nullable: true, description: FROM_DESCRIPTION }) from: Date | null,
    @Arg('to', () => Date, { nullable: true, description: TO_DESCRIPTION }) to: Date | null,
  ): Promise<number> {
    return ctx.loaders.slaBreachesByTeam({ from: from ?? null, to: to ?? null }).load(team.id);
  }
}
