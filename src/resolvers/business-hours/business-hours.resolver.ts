import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Team } from '../../entities/team.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { setBusinessHours } from '../../services/business-hours/business-hours.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { settingsOf } from '../settings/workspace-settings.type';
import { BusinessHours, businessHoursOf, BusinessHoursSetInput } from './business-hours.types';
import { BusinessHoursSetPayload } from './business-hours.payload';

@Resolver()
export class BusinessHoursResolver {
  @Mutation(() => BusinessHoursSetPayload, {
    description:
      'Sets the business hours of the workspace, or of one team (admins): they decide the out-of-office reply, SLA clocks and when conversations may be assigned automatically.',
  })
  @Access(Allow.admin)
  businessHoursSet(
    @Arg('input', () => BusinessHoursSetInput, { description: 'Whose hours, and the calendar.' })
    input: BusinessHoursSetInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<BusinessHoursSetPayload> {
    return mutate(BusinessHoursSetPayload, async () => {
      const { workspace, team } = await setBusinessHours(ctx, {
        teamId: input.teamId ? localId(input.teamId, Team.name) : null,
        businessHours: input.businessHours ?? null,
      });
      return { settings: settingsOf(workspace), team };
    });
  }
}

@Resolver(() => Team)
export class TeamBusinessHoursResolver {
  @FieldResolver(() => BusinessHours, {
    nullable: true,
    description: "The team's own business hours; null: it follows the workspace's.",
  })
  businessHours(@Root() team: Team): BusinessHours | null {
    return businessHoursOf(team.businessHours);
  }
}
