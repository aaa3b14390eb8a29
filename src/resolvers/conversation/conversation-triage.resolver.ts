import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type AccessRule } from '../../auth/access';
import { Access, Allow } from '../../schema/access.decorator';
import { toUserWarning } from '../../schema/errors';
import { type AuthedContext } from '../../server/context';
import { setConversationPriority } from '../../services/conversation/conversation-priority';
import { snoozeConversation, unsnoozeConversation } from '../../services/conversation/conversation-snooze';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import {
  ConversationSetPriorityInput,
  ConversationSnoozeInput,
  ConversationUnsnoozeInput,
} from './conversation-workflow.input';
import {
  ConversationSetPriorityPayload,
  ConversationSnoozePayload,
  ConversationUnsnoozePayload,
} from './conversation-workflow.payload';

/** Agents, the bot and partners with a write key say how urgent a conversation is. */
const PRIORITY_SETTERS: AccessRule[] = Allow.reply;

const conversationIdOf = (input: { conversationId: string }) => localId(input.conversationId, 'Conversation');

/** How urgent a conversation is, and when it needs attention again. */
@Resolver()
export class ConversationTriageResolver {
  @Mutation(() => ConversationSetPriorityPayload, {
    description:
      'Sets how urgent a conversation is (agents on what they may work on, the bot, partners); trays sort by it with `orderBy: PRIORITY`.',
  })
  @Access(PRIORITY_SETTERS)
  conversationSetPriority(
    @Arg('input', () => ConversationSetPriorityInput, { description: 'Conversation and priority.' })
    input: ConversationSetPriorityInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationSetPriorityPayload> {
    return mutate(ConversationSetPriorityPayload, async () => ({
      conversation: await setConversationPriority(ctx, {
        conversationId: conversationIdOf(input),
        priority: input.priority,
      }),
    }));
  }

  @Mutation(() => ConversationSnoozePayload, {
    description:
      "Takes the conversation out of the trays until `until` or the customer's reply, whichever comes first; `warnings` says when a template will be needed to answer then.",
  })
  @Access(Allow.write)
  conversationSnooze(
    @Arg('input', () => ConversationSnoozeInput, { description: 'Conversation and return time.' })
    input: ConversationSnoozeInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationSnoozePayload> {
    return mutate(ConversationSnoozePayload, async () => {
      const result = await snoozeConversation(ctx, {
        conversationId: conversationIdOf(input),
        until: input.until,
      });
      return { conversation: result.conversation, warnings: result.warnings.map(toUserWarning) };
    });
  }

  @Mutation(() => ConversationUnsnoozePayload, {
    description: 'Brings a snoozed conversation back to the trays now (NOT_SNOOZED when it is not).',
  })
  @Access(Allow.write)
  conversationUnsnooze(
    @Arg('input', () => ConversationUnsnoozeInput, { description: 'The conversation.' })
    input: ConversationUnsnoozeInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationUnsnoozePayload> {
    return mutate(ConversationUnsnoozePayload, async () => ({
      conversation: await unsnoozeConversation(ctx, { conversationId: conversationIdOf(input) }),
    }));
  }
}
