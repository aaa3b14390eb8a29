import { Ctx, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../../auth/access';
import { type AuthedContext } from '../../server/context';
import { WorkspaceSettings, settingsOf } from './workspace-settings.type';

@Resolver()
export class SettingsResolver {
  @Query(() => WorkspaceSettings, { description: "The workspace's settings." })
  @Access(Allow.signedIn)
  settings(@Ctx() ctx: AuthedContext): WorkspaceSettings {
    return settingsOf(ctx.viewer.workspace);
  }
}
