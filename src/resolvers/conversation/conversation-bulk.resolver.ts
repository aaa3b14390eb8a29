import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Outcome, Priority } from '../../entities/enums';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { toUserError } from '../../schema/errors';
import { type AuthedContext } from '../../server/context';
import {
  BulkItemError,
  bulkUpdateConversations,
} from '../../services/conversation/conversation-bulk.service';
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
  description: 'The same changes for up to 100 conversations, all or nothing; at least one change.',
})
export class ConversationsBulkUpdateInput {
  @Field(() => [ID], { description: 'The conversations (1–100).' })
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
}

@Resolver()
export class ConversationBulkResolver {
  @Mutation(() => ConversationsBulkUpdatePayload, {
    description:
      'Assigns, labels, sets the priority of, snoozes and/or closes up to 100 conversations in one transaction: all or nothing, the first refusal names its conversation (`failedConversationId`, and the user error\'s message and `field` ["input", "conversationIds", index]). Each rule is the single mutation\'s; a conversation you may not read is CONVERSATION_NOT_FOUND.',
  })
  @Access(Allow.write)
  async conversationsBulkUpdate(
    @Arg('input', () => ConversationsBulkUpdateInput, { description: 'Conversations and changes.' })
    input: ConversationsBulkUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationsBulkUpdatePayload> {
    const payload = new ConversationsBulkUpdatePayload();
    try {
      payload.conversations = await bulkUpdateConversations(ctx, {
        conversationIds: input.conversationIds.map((id) => localId(id, Conversation.name)),
        assignAgentId: input.assignAgentId ? localId(input.assignAgentId, Agent.name) : null,
        labelId: input.labelId ? localId(input.labelId, Tag.name) : null,
        priority: input.priority ?? null,
        snoozeUntil: input.snoozeUntil ?? null,
        close: input.close ?? null,
      });
    } catch (error) {
      if (!(error instanceof BusinessRuleError)) throw error;
      payload.userErrors = [toUserError(error)];
      if (error instanceof BulkItemError) payload.failedConversationId = error.conversationId;
    }
    return payload;
  }
}
