import { Field, ObjectType } from 'type-graphql';
import { Team } from '../../entities/team.entity';
import { MutationPayload } from '../mutation-payload';
import { WorkspaceSettings } from '../settings/workspace-settings.type';

@ObjectType({ description: 'Result of businessHoursSet.' })
export class BusinessHoursSetPayload extends MutationPayload {
  @Field(() => WorkspaceSettings, { nullable: true, description: 'The workspace settings as stored.' })
  settings?: WorkspaceSettings | null;

  @Field(() => Team, { nullable: true, description: 'The team, when one was given.' })
  team?: Team | null;
}
