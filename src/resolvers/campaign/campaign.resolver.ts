import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { Access, Allow } from '../../schema/access.decorator';
import { Agent } from '../../entities/agent.entity';
import { Campaign, CampaignStatus } from '../../entities/campaign.entity';
import { CampaignRecipient, CampaignRecipientStatus } from '../../entities/campaign-recipient.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message, MessageError } from '../../entities/message.entity';
import { Tag } from '../../entities/tag.entity';
import { Template } from '../../entities/template.entity';
import { EventType } from '../../realtime/event-types';
import { notFound } from '../../services/errors';
import { PageArgs } from '../../schema/pagination';
import { paginate } from '../../services/paging';
import { type AuthedContext } from '../../server/context';
import { cancelCampaign, createCampaign, recipientStatusOf } from '../../services/campaign/campaign.service';
import {
  CAMPAIGN_ORDER,
  campaignsOf,
  type RecipientWithMessage,
} from '../../services/campaign/campaign-query.service';
import { findOwned, localId, ownedId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { CoalescingIterator, subscribeToEvents } from '../realtime/event-subscription';
import { CampaignCancelInput, CampaignCreateInput } from './campaign.input';
import { CampaignCancelPayload, CampaignCreatePayload } from './campaign.payload';
import { CampaignConnection, CampaignRecipientConnection, CampaignTotals } from './campaign.types';

/** Progress is recounted at most this often per subscriber while sends and statuses keep coming. */
const PROGRESS_WINDOW_MS = 250;

@Resolver(() => Campaign)
export class CampaignResolver {
  @Mutation(() => CampaignCreatePayload, {
    description:
      'Creates a campaign: an APPROVED template to an audience (tags and/or customers), sent as jobs at the channel account pace from `startAt` (or at once). Each recipient is sent once; opted-out customers are skipped.',
  })
  @Access(Allow.admin)
  campaignCreate(
    @Arg('input', () => CampaignCreateInput, { description: 'The campaign.' }) input: CampaignCreateInput,
    @Ctx() ctx: AuthedContext,
  ) {
    return mutate(CampaignCreatePayload, async () => ({
      campaign: await createCampaign(ctx, {
        name: input.name,
        channelAccountId: localId(input.channelAccountId, ChannelAccount.name),
        templateId: localId(input.templateId, Template.name),
        tagIds: (input.audience.tagIds ?? []).map((id) => localId(id, Tag.name)),
        customerIds: (input.audience.customerIds ?? []).map((id) => localId(id, Customer.name)),
        variables: input.variables ?? [],
        startAt: input.startAt ?? null,
        assigneeId: input.assigneeId ? localId(input.assigneeId, Agent.name) : null,
        optOutTagId: input.optOut?.tagId ? localId(input.optOut.tagId, Tag.name) : null,
        optOutFieldKey: input.optOut?.fieldKey?.trim() || null,
        headerMedia: input.headerMedia
          ? {
              attachmentId: input.headerMedia.attachmentId
                ? localId(input.headerMedia.attachmentId, 'Attachment')
                : null,
              link: input.headerMedia.link ?? null,
            }
          : null,
        buttons: input.buttons ?? null,
      }),
    }));
  }

  @Mutation(() => CampaignCancelPayload, {
    description: 'Stops a campaign: recipients not yet sent are not sent (CANCELLED).',
  })
  @Access(Allow.admin)
  campaignCancel(
    @Arg('input', () => CampaignCancelInput, { description: 'The campaign.' }) input: CampaignCancelInput,
    @Ctx() ctx: AuthedContext,
  ) {
    return mutate(CampaignCancelPayload, async () => ({
      campaign: await cancelCampaign(ctx, localId(input.campaignId, Campaign.name)),
    }));
  }

  @Query(() => Campaign, { description: 'A campaign by id, with its totals and recipients.' })
  @Access(Allow.read)
  campaign(
    @Arg('id', () => ID, { description: 'The campaign.' }) id: string,
    @Ctx() ctx: AuthedContext,
  ): Promise<Campaign> {
    return findOwned(ctx, Campaign, id);
  }

  @Query(() => CampaignConnection, { description: 'The workspace campaigns, newest first.' })
  @Access(Allow.read)
  campaigns(
    @Arg('status', () => CampaignStatus, { nullable: true, description: 'Only campaigns in this status.' })
    status: CampaignStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    return paginate(
      campaignsOf(ctx.deps.dataSource, ctx.viewer.workspaceId, status),
      CAMPAIGN_ORDER,
      page,
      ctx.viewer.workspaceId,
    );
  }

  @Subscription(() => Campaign, {
    description:
      'A campaign with fresh totals: once at subscription, then after each burst of progress (sends, delivery statuses, replies, cancel).',
    subscribe: async ({
      args,
      context,
    }: SubscribeResolverData<unknown, { campaignId: string }, AuthedContext>) => {
      const campaignId = await ownedId(context, Campaign, args.campaignId);
      return new CoalescingIterator(
        await subscribeToEvents(context, {
          types: [EventType.CAMPAIGN_PROGRESS],
          where: (record) => record.payload.campaignId === campaignId,
        }),
        PROGRESS_WINDOW_MS,
      );
    },
  })
  @Access(Allow.read)
  async campaignProgress(
    @Arg('campaignId', () => ID, { description: 'The campaign.' }) campaignId: string,
    @Ctx() ctx: AuthedContext,
  ): Promise<Campaign> {
    return findOwned(ctx, Campaign, campaignId);
  }

  @FieldResolver(() => CampaignTotals, { description: 'Recipients by status.' })
  async totals(@Root() campaign: Campaign, @Ctx() ctx: AuthedContext): Promise<CampaignTotals> {
    const totals = await ctx.loaders.totalsByCampaign.load(campaign.id);
    return Object.assign(new CampaignTotals(), {
      total: totals.total,
      queued: totals.QUEUED,
      sending: totals.SENDING,
      sent: totals.SENT,
      delivered: totals.DELIVERED,
      read: totals.READ,
      replied: totals.REPLIED,
      failed: totals.FAILED,
      skipped: totals.SKIPPED,
      cancelled: totals.CANCELLED,
      accepted: totals.SENT + totals.DELIVERED + totals.READ + totals.REPLIED,
    });
  }

  @FieldResolver(() => CampaignRecipientConnection, {
    description: 'The recipients and how their send went.',
  })
  recipients(
    @Root() campaign: Campaign,
    @Arg('status', () => CampaignRecipientStatus, {
      nullable: true,
      description: 'Only recipients in this status.',
    })
    status: CampaignRecipientStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuthedContext,
  ) {
    return ctx.loaders.recipientsByCampaign.load(campaign.id, status ?? null, page);
  }

  @FieldResolver(() => ChannelAccount, { description: 'The channel account it is sent from.' })
  async channelAccount(@Root() campaign: Campaign, @Ctx() ctx: AuthedContext): Promise<ChannelAccount> {
    const account = await ctx.loaders.channelAccount.load(campaign.channelAccountId);
    if (!account) throw notFound('ChannelAccount');
    return account;
  }

  @FieldResolver(() => Template, { description: 'The template sent.' })
  async template(@Root() campaign: Campaign, @Ctx() ctx: AuthedContext): Promise<Template> {
    const template = await ctx.loaders.template.load(campaign.templateId);
    if (!template) throw notFound('Template');
    return template;
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'The agent who receives the replies; null: the queue.',
  })
  assignee(@Root() campaign: Campaign, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return campaign.assigneeId ? ctx.loaders.agent.load(campaign.assigneeId) : null;
  }

  @FieldResolver(() => Tag, { nullable: true, description: 'Customers with this tag are skipped.' })
  optOutTag(@Root() campaign: Campaign, @Ctx() ctx: AuthedContext): Promise<Tag | null> | null {
    return campaign.optOutTagId ? ctx.loaders.tag.load(campaign.optOutTagId) : null;
  }
}

async function messageOf(recipient: RecipientWithMessage, ctx: AuthedContext): Promise<Message | null> {
  if (recipient.message !== undefined) return recipient.message;
  return recipient.messageId ? ctx.loaders.message.load(recipient.messageId) : null;
}

@Resolver(() => CampaignRecipient)
export class CampaignRecipientResolver {
  @FieldResolver(() => CampaignRecipientStatus, {
    description: 'QUEUED, SENDING, SENT, DELIVERED, READ, FAILED, REPLIED, SKIPPED or CANCELLED.',
  })
  async status(
    @Root() recipient: RecipientWithMessage,
    @Ctx() ctx: AuthedContext,
  ): Promise<CampaignRecipientStatus> {
    return recipientStatusOf(recipient, await messageOf(recipient, ctx));
  }

  @FieldResolver(() => MessageError, {
    nullable: true,
    description: 'Why it failed or was skipped: a missing value, an opt-out, or the provider error.',
  })
  async error(
    @Root() recipient: RecipientWithMessage,
    @Ctx() ctx: AuthedContext,
  ): Promise<MessageError | null> {
    if (recipient.error) return recipient.error;
    const message = await messageOf(recipient, ctx);
    return message?.error ?? null;
  }

  @FieldResolver(() => Customer, {
    description: 'The customer (the survivor, when the recipient’s customer was merged into another).',
  })
  async customer(@Root() recipient: CampaignRecipient, @Ctx() ctx: AuthedContext): Promise<Customer> {
    const customer =
      (await ctx.loaders.customer.load(recipient.customerId)) ??
      (await ctx.loaders.survivorOf.load(recipient.customerId));
    if (!customer) throw notFound('Customer');
    return customer;
  }

  @FieldResolver(() => Message, { nullable: true, description: 'The template message, once prepared.' })
  async message(@Root() recipient: RecipientWithMessage, @Ctx() ctx: AuthedContext): Promise<Message | null> {
    const message = await messageOf(recipient, ctx);
    // The message belongs to its conversation: hidden with it (its status and error stay public).
    return message && (await ctx.loaders.conversation.load(message.conversationId)) ? message : null;
  }

  @FieldResolver(() => Conversation, {
    nullable: true,
    description: 'The conversation the campaign wrote in (OUTGOING until the customer answers).',
  })
  conversation(
    @Root() recipient: CampaignRecipient,
    @Ctx() ctx: AuthedContext,
  ): Promise<Conversation | null> | null {
    return recipient.conversationId ? ctx.loaders.conversation.load(recipient.conversationId) : null;
  }
}
