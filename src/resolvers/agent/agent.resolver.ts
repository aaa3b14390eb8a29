import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import {
  createAgent,
  deactivateAgent,
  listAgents,
  reactivateAgent,
  updateAgent,
} from '../../services/agent/agent.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import {
  AgentCreateInput,
  AgentDeactivateInput,
  AgentReactivateInput,
  AgentUpdateInput,
} from './agent.input';
import {
  AgentCreatePayload,
  AgentDeactivatePayload,
  AgentReactivatePayload,
  AgentUpdatePayload,
} from './agent.payload';

@Resolver(() => Agent)
export class AgentResolver {
  @Query(() => [Agent], { description: 'The team, by name.' })
  @Access(Allow.signedIn)
  agents(
    @Arg('includeInactive', () => Boolean, {
      defaultValue: false,
      description: 'Also list deactivated agents.',
    })
    includeInactive: boolean,
    @Ctx() ctx: AuthedContext,
  ): Promise<Agent[]> {
    return listAgents(ctx, includeInactive);
  }

  @Mutation(() => AgentCreatePayload, { description: 'Adds an agent or admin to the team (admins).' })
  @Access(Allow.admin)
  agentCreate(
    @Arg('input', () => AgentCreateInput, { description: 'E-mail, name and role.' }) input: AgentCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentCreatePayload> {
    return mutate(AgentCreatePayload, () => createAgent(ctx, input));
  }

  @Mutation(() => AgentUpdatePayload, { description: 'Renames an agent or changes their role (admins).' })
  @Access(Allow.admin)
  agentUpdate(
    @Arg('input', () => AgentUpdateInput, { description: 'The changes.' }) input: AgentUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentUpdatePayload> {
    return mutate(AgentUpdatePayload, async () => ({
      agent: await updateAgent(ctx, { ...input, agentId: localId(input.agentId, Agent.name) }),
    }));
  }

  @Mutation(() => AgentDeactivatePayload, {
    description:
      'Deactivates an agent (admins): their session tokens stop working and their open conversations ' +
      'go back to the queue.',
  })
  @Access(Allow.admin)
  agentDeactivate(
    @Arg('input', () => AgentDeactivateInput, { description: 'The agent.' }) input: AgentDeactivateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentDeactivatePayload> {
    return mutate(AgentDeactivatePayload, () => deactivateAgent(ctx, localId(input.agentId, Agent.name)));
  }

  @Mutation(() => AgentReactivatePayload, {
    description: 'Brings a deactivated agent back with a new session token (admins).',
  })
  @Access(Allow.admin)
  agentReactivate(
    @Arg('input', () => AgentReactivateInput, { description: 'The agent.' }) input: AgentReactivateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentReactivatePayload> {
    return mutate(AgentReactivatePayload, () => reactivateAgent(ctx, localId(input.agentId, Agent.name)));
  }
}
