import { Field, ID, InputType } from 'type-graphql';
import { AgentRole } from '../../entities/enums';

@InputType({ description: 'A new team member.' })
export class AgentCreateInput {
  @Field({ description: 'Sign-in e-mail, unique across Omnitray (stored in lower case).' })
  email: string;

  @Field({ description: 'Display name (1–100 characters).' })
  name: string;

  @Field(() => AgentRole, { description: 'ADMIN or AGENT.' })
  role: AgentRole;
}

@InputType({ description: 'Changes to an agent; absent or null leaves a property as it is.' })
export class AgentUpdateInput {
  @Field(() => ID, { description: 'The agent.' })
  agentId: string;

  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string | null;

  @Field(() => AgentRole, {
    nullable: true,
    description: 'New role; the last active admin cannot be demoted (LAST_ADMIN).',
  })
  role?: AgentRole | null;
}

@InputType({ description: 'The agent to deactivate.' })
export class AgentDeactivateInput {
  @Field(() => ID, { description: 'The agent; not yourself, nor the last active admin.' })
  agentId: string;
}

@InputType({ description: 'Brings a deactivated agent back.' })
export class AgentReactivateInput {
  @Field(() => ID, { description: 'The deactivated agent.' })
  agentId: string;
}
