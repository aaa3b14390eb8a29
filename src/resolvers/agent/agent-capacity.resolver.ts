import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { setAgentCapacity } from '../../services/assignment/queue-drain.service';
import { localId } from '../find-owned';
import { mutate, MutationPayload } from '../mutation-payload';

@InputType({ description: "An agent's capacity under automatic assignment." })
export class AgentSetCapacityInput {
  @Field(() => ID, { description: 'The agent.' })
  agentId: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Conversations (0–1000) automatic assignment gives them at most; 0: none; null: the workspace's default capacity.",
  })
  capacity?: number | null;
}

@ObjectType({ description: 'Result of agentSetCapacity.' })
export class AgentSetCapacityPayload extends MutationPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent with their capacity now.' })
  agent?: Agent | null;
}

@Resolver(() => Agent)
export class AgentCapacityResolver {
  @Mutation(() => AgentSetCapacityPayload, {
    description:
      'Sets how many conversations automatic assignment gives an agent at most (admins); what they hold above it stays theirs.',
  })
  @Access(Allow.admin)
  agentSetCapacity(
    @Arg('input', () => AgentSetCapacityInput, { description: 'The agent and the capacity.' })
    input: AgentSetCapacityInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentSetCapacityPayload> {
    return mutate(AgentSetCapacityPayload, async () => ({
      agent: await setAgentCapacity(ctx, {
        agentId: localId(input.agentId, Agent.name),
        capacity: input.capacity ?? null,
      }),
    }));
  }

  @FieldResolver(() => Int, {
    description:
      "The capacity that applies: the agent's own, or the workspace's default (settings.assignment.defaultCapacity).",
  })
  effectiveCapacity(@Root() agent: Agent, @Ctx() ctx: AuthedContext): number {
    return agent.capacity ?? ctx.viewer.workspace.defaultCapacity;
  }

  @FieldResolver(() => Int, {
    description:
      'Conversations counting against the capacity now: assigned, open, neither closing nor snoozed. Automatic assignment gives nothing more while it is at `effectiveCapacity`.',
  })
  load(@Root() agent: Agent, @Ctx() ctx: AuthedContext): Promise<number> {
    return ctx.loaders.assignmentLoadByAgent.load(agent.id);
  }
}
