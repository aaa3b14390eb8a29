import { Field, Int, ObjectType } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of agentCreate.' })
export class AgentCreatePayload extends MutationPayload {
  @Field(() => Agent, { nullable: true, description: 'The new agent.' })
  agent?: Agent | null;

  @Field(() => String, {
    nullable: true,
    description: 'A first session token for the new agent, to hand over to them; shown once.',
  })
  token?: string | null;

  @Field(() => Date, { nullable: true, description: 'When that token expires.' })
  tokenExpiresAt?: Date | null;
}

@ObjectType({ description: 'Result of agentUpdate.' })
export class AgentUpdatePayload extends MutationPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent as stored.' })
  agent?: Agent | null;
}

@ObjectType({ description: 'Result of agentDeactivate.' })
export class AgentDeactivatePayload extends MutationPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent, now inactive.' })
  agent?: Agent | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How many of their open conversations went back to the queue.',
  })
  releasedConversationCount?: number | null;
}

@ObjectType({ description: 'Result of agentReactivate.' })
export class AgentReactivatePayload extends MutationPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent, active again.' })
  agent?: Agent | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new session token to hand over; tokens from before the deactivation stay invalid.',
  })
  token?: string | null;

  @Field(() => Date, { nullable: true, description: 'When that token expires.' })
  tokenExpiresAt?: Date | null;
}
