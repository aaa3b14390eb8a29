import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { ActorType } from '../../entities/enums';
import { type AccessRule } from '../../auth/access';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { localId } from '../find-owned';
import {
  assignConversation,
  closeConversation,
  handoffConversation,
  reopenConversation,
  setConversationTeam,
  takeConversation,
  transferConversation,
} from '../../services/conversation/conversation-workflow.service';
import {
  ConversationAssignInput,
  ConversationCloseInput,
  ConversationHandoffInput,
  ConversationReopenInput,
  ConversationSetTeamInput,
  ConversationTakeInput,
  ConversationTransferInput,
} from './conversation-workflow.input';
import {
  ConversationAssignPayload,
  ConversationClosePayload,
  ConversationHandoffPayload,
  ConversationReopenPayload,
  ConversationSetTeamPayload,
  ConversationTakePayload,
  ConversationTransferPayload,
} from './conversation-workflow.payload';
import { mutate } from '../mutation-payload';

/** Taking assigns the conversation to the caller, so only a signed-in agent can do it. */
const AGENTS_ONLY: AccessRule[] = ['AGENT'];

const conversationIdOf = (input: { conversationId: string }) => localId(input.conversationId, 'Conversation');
const agentIdOf = (agentId: string | null | undefined) => (agentId ? localId(agentId, 'Agent') : null);
const teamIdOf = (teamId: string | null | undefined) => (teamId ? localId(teamId, 'Team') : null);
/** Admins put conversations in teams; so does the bot, routing before it hands off. */
const TEAM_SETTERS: AccessRule[] = ['ADMIN', 'admin', 'bot'];

@Resolver()
export class ConversationWorkflowResolver {
  @Mutation(() => ConversationHandoffPayload, {
    description:
      'The bot hands the conversation to an agent, or to the queue without `agentId`. Bot API keys and admins.',
  })
  @Access(Allow.bot)
  conversationHandoff(
    @Arg('input', () => ConversationHandoffInput, { description: 'Conversation, agent and comment.' })
    input: ConversationHandoffInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationHandoffPayload> {
    return mutate(ConversationHandoffPayload, async () => ({
      conversation: await handoffConversation(ctx, {
        conversationId: conversationIdOf(input),
        agentId: agentIdOf(input.agentId),
        teamId: teamIdOf(input.teamId),
        priority: input.priority ?? null,
        comment: input.comment ?? null,
      }),
    }));
  }

  @Mutation(() => ConversationAssignPayload, {
    description: 'An admin assigns, reassigns, or (with `agentId: null`) unassigns a conversation.',
  })
  @Access(Allow.admin)
  conversationAssign(
    @Arg('input', () => ConversationAssignInput, { description: 'Conversation and agent.' })
    input: ConversationAssignInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationAssignPayload> {
    return mutate(ConversationAssignPayload, async () => ({
      conversation: await assignConversation(ctx, {
        conversationId: conversationIdOf(input),
        agentId: agentIdOf(input.agentId),
      }),
    }));
  }

  @Mutation(() => ConversationTakePayload, {
    description: 'The calling agent takes a conversation waiting in the queue (ALREADY_ASSIGNED if taken).',
  })
  @Access(AGENTS_ONLY)
  conversationTake(
    @Arg('input', () => ConversationTakeInput, { description: 'The conversation.' })
    input: ConversationTakeInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationTakePayload> {
    return mutate(ConversationTakePayload, async () => ({
      conversation: await takeConversation(ctx, { conversationId: conversationIdOf(input) }),
    }));
  }

  @Mutation(() => ConversationTransferPayload, {
    description:
      "The assignee or an admin transfers the conversation to another active agent, to a team's queue (`toTeamId`), or to a member of a team (both).",
  })
  @Access(Allow.write)
  conversationTransfer(
    @Arg('input', () => ConversationTransferInput, { description: 'Conversation, agent and comment.' })
    input: ConversationTransferInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationTransferPayload> {
    return mutate(ConversationTransferPayload, async () => ({
      conversation: await transferConversation(ctx, {
        conversationId: conversationIdOf(input),
        agentId: agentIdOf(input.agentId),
        toTeamId: teamIdOf(input.toTeamId),
        comment: input.comment ?? null,
      }),
    }));
  }

  @Mutation(() => ConversationSetTeamPayload, {
    description:
      'Puts the conversation in a team (its queue while unassigned), or with `teamId: null` in none. Admins and the bot.',
  })
  @Access(TEAM_SETTERS)
  conversationSetTeam(
    @Arg('input', () => ConversationSetTeamInput, { description: 'Conversation and team.' })
    input: ConversationSetTeamInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationSetTeamPayload> {
    return mutate(ConversationSetTeamPayload, async () => ({
      conversation: await setConversationTeam(ctx, {
        conversationId: conversationIdOf(input),
        teamId: teamIdOf(input.teamId),
      }),
    }));
  }

  @Mutation(() => ConversationClosePayload, {
    description:
      "Closes with an outcome: the conversation leaves the trays now and closes after the workspace's delay for that outcome.",
  })
  @Access(Allow.write)
  conversationClose(
    @Arg('input', () => ConversationCloseInput, { description: 'Conversation, outcome and reason.' })
    input: ConversationCloseInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationClosePayload> {
    return mutate(ConversationClosePayload, async () => ({
      conversation: await closeConversation(ctx, {
        conversationId: conversationIdOf(input),
        outcome: input.outcome,
        reason: input.reason,
      }),
    }));
  }

  @Mutation(() => ConversationReopenPayload, {
    description: 'Reopens a closing or closed conversation to the agents.',
  })
  @Access(Allow.write)
  conversationReopen(
    @Arg('input', () => ConversationReopenInput, { description: 'The conversation.' })
    input: ConversationReopenInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationReopenPayload> {
    return mutate(ConversationReopenPayload, async () => ({
      conversation: await reopenConversation(ctx, { conversationId: conversationIdOf(input) }),
    }));
  }
}

/** Who a history line is about: the agents are stored by id and resolved through the loaders. */
@Resolver(() => ConversationEvent)
export class ConversationEventResolver {
  @FieldResolver(() => Date, { description: 'When it happened; the history sorts by it.' })
  createdAt(@Root() event: ConversationEvent): Date {
    return event.createdAt;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who did it, when an agent did.' })
  actorAgent(@Root() event: ConversationEvent, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return event.actorType === ActorType.AGENT && event.actorId
      ? ctx.loaders.agent.load(event.actorId)
      : null;
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'The agent the conversation left (transfers, reassignments, closings).',
  })
  fromAgent(@Root() event: ConversationEvent, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return event.fromAgentId ? ctx.loaders.agent.load(event.fromAgentId) : null;
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'The agent the conversation went to (handoffs, assignments, takes, transfers).',
  })
  toAgent(@Root() event: ConversationEvent, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return event.toAgentId ? ctx.loaders.agent.load(event.toAgentId) : null;
  }
}
