import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { AgentStatus } from '../../entities/enums';
import { type EventRecord } from '../../entities/event-record.entity';
import { type AccessRule } from '../../auth/access';
import { EventType } from '../../realtime/event-types';
import { Access } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { setAgentStatus } from '../../services/agent/agent-presence.service';
import { notFound } from '../../services/errors';
import { localId } from '../find-owned';
import { mutate, MutationPayload } from '../mutation-payload';
import { subscribeToEvents } from '../realtime/event-subscription';
import { AgentStatusChange, toAgentStatusChange } from './agent-status.types';

/** Agents set their own status; admins and admin keys anyone's. */
const STATUS_SETTERS: AccessRule[] = ['AGENT', 'admin'];
/** Dashboards follow everyone's status: agents, read keys and bots. */
const STATUS_READERS: AccessRule[] = ['AGENT', 'read', 'bot'];

@InputType({ description: 'The status to set, for yourself or (admins) another agent.' })
export class AgentSetStatusInput {
  @Field(() => AgentStatus, { description: 'ONLINE, BUSY or OFFLINE.' })
  status: AgentStatus;

  @Field(() => ID, {
    nullable: true,
    description: 'Another agent (admins and admin keys; required with an API key). Yourself by default.',
  })
  agentId?: string | null;
}

@ObjectType({ description: 'Result of agentSetStatus.' })
export class AgentSetStatusPayload extends MutationPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent with their status now.' })
  agent?: Agent | null;
}

type Data<A> = SubscribeResolverData<unknown, A, AuthedContext>;

@Resolver()
export class AgentStatusResolver {
  @Mutation(() => AgentSetStatusPayload, {
    description:
      'Sets your status (ONLINE, BUSY, OFFLINE), or an admin sets an agent’s. It holds while the agent has a live WebSocket session; a new session brings it back after a disconnection.',
  })
  @Access(STATUS_SETTERS)
  agentSetStatus(
    @Arg('input', () => AgentSetStatusInput, { description: 'The status and, for admins, the agent.' })
    input: AgentSetStatusInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentSetStatusPayload> {
    return mutate(AgentSetStatusPayload, async () => ({
      agent: await setAgentStatus(ctx, {
        status: input.status,
        agentId: input.agentId ? localId(input.agentId, Agent.name) : null,
      }),
    }));
  }

  @Subscription(() => AgentStatusChange, {
    description: 'Every agent status change of the workspace, for dashboards; resumable with `after`.',
    subscribe: ({ args, context }: Data<{ after?: string | null }>) =>
      subscribeToEvents(context, { types: [EventType.AGENT_STATUS_CHANGED], after: args.after }),
  })
  @Access(STATUS_READERS)
  agentStatusChanged(
    @Root() record: EventRecord,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Resume after this event cursor: replay, then live.',
    })
    _after: string | null,
  ): AgentStatusChange {
    return toAgentStatusChange(record);
  }
}

@Resolver(() => AgentStatusChange)
export class AgentStatusChangeResolver {
  @FieldResolver(() => Agent, { description: 'The agent.' })
  async agent(@Root() change: AgentStatusChange, @Ctx() ctx: AuthedContext): Promise<Agent> {
    const agent = await ctx.loaders.agent.load(change.agentId);
    if (!agent) throw notFound('Agent');
    return agent;
  }
}
