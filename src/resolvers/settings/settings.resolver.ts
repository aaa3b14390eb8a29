import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { updateSettings } from '../../services/settings/settings.service';
import { mutate } from '../mutation-payload';
import { SettingsUpdateInput } from './settings-update.input';
import { SettingsUpdatePayload } from './settings-update.payload';
import { WorkspaceSettings, settingsOf } from './workspace-settings.type';

@Resolver()
export class SettingsResolver {
  @Query(() => WorkspaceSettings, { description: "The workspace's settings." })
  @Access(Allow.signedIn)
  settings(@Ctx() ctx: AuthedContext): WorkspaceSettings {
    return settingsOf(ctx.viewer.workspace);
  }

  @Mutation(() => SettingsUpdatePayload, { description: 'Changes workspace settings (admins).' })
  @Access(Allow.admin)
  settingsUpdate(
    @Arg('input', () => SettingsUpdateInput, { description: 'The settings to change.' })
    input: SettingsUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<SettingsUpdatePayload> {
    return mutate(SettingsUpdatePayload, async () => ({
      settings: settingsOf(await updateSettings(ctx, input)),
    }));
  }
}
