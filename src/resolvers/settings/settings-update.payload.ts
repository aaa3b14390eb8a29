import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../mutation-payload';
import { WorkspaceSettings } from './workspace-settings.type';

@ObjectType({ description: 'Result of settingsUpdate.' })
export class SettingsUpdatePayload extends MutationPayload {
  @Field(() => WorkspaceSettings, { nullable: true, description: 'The settings as stored.' })
  settings?: WorkspaceSettings | null;
}
