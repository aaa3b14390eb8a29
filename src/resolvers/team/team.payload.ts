import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Team } from '../../entities/team.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of teamCreate and teamUpdate.' })
export class TeamPayload extends MutationPayload {
  @Field(() => Team, { nullable: true, description: 'The team as stored.' })
  team?: Team | null;
}

@ObjectType({ description: 'Result of teamDelete.' })
export class TeamDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted team.' })
  deletedTeamId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many of its open conversations left it (those unassigned now wait in the general queue).',
  })
  movedConversationCount?: number | null;
}

@ObjectType({ description: 'Result of teamMemberAdd and teamMemberRemove.' })
export class TeamMemberPayload extends MutationPayload {
  @Field(() => Team, { nullable: true, description: 'The team.' })
  team?: Team | null;

  @Field(() => Agent, { nullable: true, description: 'The agent.' })
  agent?: Agent | null;
}
