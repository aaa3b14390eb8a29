import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { BulkJob, BulkJobFailureItem } from '../../entities/bulk-job.entity';
import { toGlobalId } from '../../entities/global-id';
import { type EventRecord } from '../../entities/event-record.entity';
import { EventType } from '../../realtime/event-types';
import { readableBulkJob, updateConversationsInBulk } from '../../services/conversation/bulk-job.service';
import { subscribeToEvents } from '../realtime/event-subscription';
import { Conversation } from '../../entities/conversation.entity';
import { Outcome, Priority } from '../../entities/enums';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { toUserError } from '../../schema/errors';
import { type AuthedContext } from '../../server/context';
import { BulkItemError } from '../../services/conversation/conversation-bulk.service';
import { BusinessRuleError } from '../../services/errors';
import { localId } from '../find-owned';
import { MutationPayload } from '../mutation-payload';

@InputType({ description: 'How a bulk change closes each conversation.' })
export class BulkCloseInput {
  @Field(() => Outcome, { description: 'POSITIVE or NEGATIVE.' })
  outcome: Outcome;

  @Field({ description: 'Why (1–500 characters).' })
  reason: string;
}

@InputType({
  description:
    'The same changes for many conversations (at least one change): up to 100 at once, all or nothing; up to 10,000 as a bulk job.',
})
export class ConversationsBulkUpdateInput {
  @Field(() => [ID], {
    description: 'The conversations: 1–100 in one transaction, up to 10,000 as a bulk job.',
  })
  conversationIds: string[];

  @Field(() => ID, { nullable: true, description: 'Assign each to this active agent (admins).' })
  assignAgentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Put this label (a Tag) on each.' })
  labelId?: string | null;

  @Field(() => Priority, { nullable: true, description: 'Set this priority on each.' })
  priority?: Priority | null;

  @Field(() => Date, { nullable: true, description: 'Snooze each until then.' })
  snoozeUntil?: Date | null;

  @Field(() => BulkCloseInput, {
    nullable: true,
    description: 'Close each with this outcome and reason (last).',
  })
  close?: BulkCloseInput | null;
}

@ObjectType({ description: 'Result of conversationsBulkUpdate.' })
export class ConversationsBulkUpdatePayload extends MutationPayload {
  @Field(() => [Conversation], {
    nullable: true,
    description: 'The conversations as changed, in the order given.',
  })
  conversations?: Conversation[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The conversation whose refusal rolled the whole call back (also named in the user error).',
  })
  failedConversationId?: string | null;

  @Field(() => BulkJob, {
    nullable: true,
    description:
      'More than 100 conversations: the bulk job that applies the changes (see bulkJob and bulkJobProgress).',
  })
  job?: BulkJob | null;
}

@Resolver(() => BulkJob)
export class ConversationBulkResolver {
  @Query(() => BulkJob, {
    description:
      'A bulk job you started (admins: any of the workspace), with its counts and refused conversations.',
  })
  @Access(Allow.read)
  bulkJob(@Arg('id', () => ID, { description: 'The bulk job.' }) id: string, @Ctx() ctx: AuthedContext) {
    return readableBulkJob(ctx, localId(id, BulkJob.name));
  }

  @Subscription(() => BulkJob, {
    description:
      'A bulk job after each chunk of 100 it applies (done and failed counts, `finished` on the last); replays from `after` like every feed.',
    subscribe: async ({
      args,
      context,
    }: SubscribeResolverData<unknown, { bulkJobId: string; after?: string | null }, AuthedContext>) => {
      const job = await readableBulkJob(context, localId(args.bulkJobId, BulkJob.name));
      return subscribeToEvents(context, {
        types: [EventType.BULK_JOB_PROGRESS],
        after: args.after ?? null,
        where: (record) => record.payload.bulkJobId === job.id,
      });
    },
  })
  @Access(Allow.read)
  async bulkJobProgress(
    @Root() record: EventRecord,
    @Arg('bulkJobId', () => ID, { description: 'The bulk job.' }) bulkJobId: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event cursor.' })
    _after: string | null,
    @Ctx() ctx: AuthedContext,
  ): Promise<BulkJob> {
    const job = await readableBulkJob(ctx, localId(bulkJobId, BulkJob.name));
    // The counts as of this event (a replay shows each step); the refused conversations as of now.
    const { done, failed, finished } = record.payload as { done: number; failed: number; finished: boolean };
    return Object.assign(job, {
      doneCount: done,
      failedCount: failed,
      finishedAt: finished ? job.finishedAt : null,
    });
  }

  @FieldResolver(() => [BulkJobFailureItem], {
    description:
      'The conversations refused so far, each with the user error it got; nothing of them changed.',
  })
  failures(@Root() job: BulkJob): BulkJobFailureItem[] {
    return job.failures.map((failure) =>
      Object.assign(new BulkJobFailureItem(), {
        ...failure,
        conversationId: toGlobalId('Conversation', failure.conversationId),
      }),
    );
  }

  @Mutation(() => ConversationsBulkUpdatePayload, {
    description:
      'Assigns, labels, sets the priority of, snoozes and/or closes up to 100 conversations in one transaction: all or nothing, the first refusal names its conversation (`failedConversationId`, and the user error\'s message and `field` ["input", "conversationIds", index]). More than 100 (up to 10,000): a bulk job (`job`) of one transaction per 100, where a refused conversation is reported in the job and the others still change. Each rule is the single mutation\'s; a conversation you may not read is CONVERSATION_NOT_FOUND.',
  })
  @Access(Allow.write)
  async conversationsBulkUpdate(
    @Arg('input', () => ConversationsBulkUpdateInput, { description: 'Conversations and changes.' })
    input: ConversationsBulkUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationsBulkUpdatePayload> {
    const payload = new ConversationsBulkUpdatePayload();
    try {
      const result = await updateConversationsInBulk(ctx, {
        conversationIds: input.conversationIds.map((id) => localId(id, Conversation.name)),
        assignAgentId: input.assignAgentId ? localId(input.assignAgentId, Agent.name) : null,
        labelId: input.labelId ? localId(input.labelId, Tag.name) : null,
        priority: input.priority ?? null,
        snoozeUntil: input.snoozeUntil ?? null,
        close: input.close ?? null,
      });
      payload.conversations = result.conversations ?? null;
      payload.job = result.job ?? null;
    } catch (error) {
      if (!(error instanceof BusinessRuleError)) throw error;
      payload.userErrors = [toUserError(error)];
      if (error instanceof BulkItemError) payload.failedConversationId = error.conversationId;
    }
    return payload;
  }
}
