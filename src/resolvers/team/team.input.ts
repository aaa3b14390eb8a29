import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new team.' })
export class TeamCreateInput {
  @Field({ description: 'Name (1–80 characters), unique in the workspace whatever the case.' })
  name: string;
}

@InputType({ description: 'Renames a team.' })
export class TeamUpdateInput {
  @Field(() => ID, { description: 'The team.' })
  teamId: string;

  @Field({ description: 'New name (1–80 characters).' })
  name: string;
}

@InputType({ description: 'The team to delete.' })
export class TeamDeleteInput {
  @Field(() => ID, { description: 'The team; its open conversations move to the general queue.' })
  teamId: string;
}

@InputType({ description: 'A team and an agent.' })
export class TeamMemberInput {
  @Field(() => ID, { description: 'The team.' })
  teamId: string;

  @Field(() => ID, { description: 'The agent.' })
  agentId: string;
}
