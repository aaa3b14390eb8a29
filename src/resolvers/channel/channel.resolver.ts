import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { InboundWebhook } from '../../entities/inbound-webhook.entity';
import { ChannelKind, InboundFailureCode } from '../../entities/enums';
import { Access, Allow } from '../../schema/access.decorator';
import { PageArgs } from '../../schema/pagination';
import { checkPageArgs, DEFAULT_PAGE } from '../../services/paging';
import { toGlobalId } from '../../entities/global-id';
import {
  connectChannel,
  updateChannel,
  webhookPathOf,
} from '../../services/channel-account/channel-account.service';
import { Team } from '../../entities/team.entity';
import { createTemplate, syncTemplates } from '../../services/template/template.service';
import { findOwned, localId } from '../find-owned';
import { type AuthedContext } from '../../server/context';
import { mutate } from '../mutation-payload';
import {
  ChannelConnectInput,
  ChannelUpdateInput,
  TemplateCreateInput,
  TemplatesSyncInput,
} from './channel.input';
import {
  ChannelConnectPayload,
  ChannelUpdatePayload,
  TemplateCreatePayload,
  TemplatesSyncPayload,
} from './channel.payload';

@ObjectType({ description: 'A webhook body that could not be processed, kept with its error.' })
export class InboundFailure {
  @Field({ description: 'Id of the stored webhook.' })
  id: string;

  @Field(() => ChannelKind, { description: 'Channel it came from.' })
  channel: ChannelKind;

  @Field({ description: 'Global id of the channel account.' })
  channelAccountId: string;

  @Field({ description: 'When it arrived.' })
  receivedAt: Date;

  @Field(() => Int, { description: 'Processing attempts so far.' })
  attempts: number;

  @Field(() => InboundFailureCode, { description: 'Why it could not be processed.' })
  errorCode: InboundFailureCode;

  @Field({ description: 'A short reason to show (never the text of an internal error).' })
  error: string;

  @Field({ description: 'The body as received (UTF-8).' })
  body: string;
}

@Resolver(() => ChannelAccount)
export class ChannelResolver {
  @Query(() => [ChannelAccount], { description: 'Connected channel accounts of the workspace.' })
  @Access(Allow.read)
  channelAccounts(@Ctx() ctx: AuthedContext): Promise<ChannelAccount[]> {
    return ctx.deps.dataSource
      .getRepository(ChannelAccount)
      .find({ where: { workspaceId: ctx.viewer.workspaceId }, order: { createdAt: 'ASC' } });
  }

  @FieldResolver(() => String, {
    description: 'Path to configure as the webhook URL (GET handshake and POST events).',
  })
  webhookPath(@Root() account: ChannelAccount): string {
    return webhookPathOf(account);
  }

  @Query(() => [InboundFailure], {
    description: 'Webhook bodies that could not be processed (newest first): kept, with their error.',
  })
  @Access(Allow.read)
  async inboundFailures(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ): Promise<InboundFailure[]> {
    checkPageArgs(page);
    const rows = await ctx.deps.dataSource
      .getRepository(InboundWebhook)
      .createQueryBuilder('w')
      .where('w.workspace_id = :workspaceId AND w.error_code IS NOT NULL', {
        workspaceId: ctx.viewer.workspaceId,
      })
      .orderBy('w.received_at', 'DESC')
      .limit(page.first ?? DEFAULT_PAGE)
      .getMany();
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      channelAccountId: toGlobalId('ChannelAccount', row.channelAccountId),
      receivedAt: row.receivedAt,
      attempts: row.attempts,
      errorCode: row.errorCode!,
      error: row.error ?? '',
      body: row.body.toString('utf8'),
    }));
  }

  @Mutation(() => ChannelConnectPayload, {
    description: 'Connects a channel account (admins). Secrets are write-only.',
  })
  @Access(Allow.admin)
  channelConnect(
    @Arg('input', () => ChannelConnectInput) input: ChannelConnectInput,
    @Ctx() ctx: AuthedContext,
  ) {
    return mutate(ChannelConnectPayload, async () => ({
      channelAccount: await connectChannel(ctx, {
        ...input,
        defaultTeamId: input.defaultTeamId ? localId(input.defaultTeamId, Team.name) : null,
      }),
    }));
  }

  @Mutation(() => ChannelUpdatePayload, {
    description: 'Renames a channel account or sets the team its new conversations belong to (admins).',
  })
  @Access(Allow.admin)
  channelUpdate(
    @Arg('input', () => ChannelUpdateInput, { description: 'The account and its changes.' })
    input: ChannelUpdateInput,
    @Ctx() ctx: AuthedContext,
  ) {
    return mutate(ChannelUpdatePayload, async () => ({
      channelAccount: await updateChannel(ctx, {
        channelAccountId: localId(input.channelAccountId, ChannelAccount.name),
        name: input.name,
        defaultTeamId:
          input.defaultTeamId === undefined
            ? undefined
            : input.defaultTeamId && localId(input.defaultTeamId, Team.name),
      }),
    }));
  }

  @FieldResolver(() => Team, {
    nullable: true,
    description:
      "The team its new conversations belong to (they wait in that team's queue); null: the general queue.",
  })
  defaultTeam(@Root() account: ChannelAccount, @Ctx() ctx: AuthedContext): Promise<Team | null> | null {
    return account.defaultTeamId ? ctx.loaders.team.load(account.defaultTeamId) : null;
  }

  @Mutation(() => TemplatesSyncPayload, {
    description: 'Pulls every page of the WhatsApp templates (admins).',
  })
  @Access(Allow.admin)
  async templatesSync(
    @Arg('input', () => TemplatesSyncInput) input: TemplatesSyncInput,
    @Ctx() ctx: AuthedContext,
  ) {
    const account = await findOwned(ctx, ChannelAccount, input.channelAccountId);
    return mutate(TemplatesSyncPayload, async () => ({ templates: await syncTemplates(ctx.deps, account) }));
  }

  @Mutation(() => TemplateCreatePayload, { description: 'Defines a template locally (admins).' })
  @Access(Allow.admin)
  async templateCreate(
    @Arg('input', () => TemplateCreateInput) input: TemplateCreateInput,
    @Ctx() ctx: AuthedContext,
  ) {
    const account = await findOwned(ctx, ChannelAccount, input.channelAccountId);
    return mutate(TemplateCreatePayload, async () => ({
      template: await createTemplate(ctx.deps, account, { ...input, channelAccountId: account.id }),
    }));
  }
}
