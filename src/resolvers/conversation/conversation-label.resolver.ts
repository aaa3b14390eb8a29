import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Tag } from '../../entities/tag.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import {
  labelConversation,
  unlabelConversation,
} from '../../services/conversation/conversation-label.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { ConversationLabelInput } from './conversation-label.input';
import { ConversationLabelPayload } from './conversation-label.payload';

const labelInputOf = (input: ConversationLabelInput) => ({
  conversationId: localId(input.conversationId, 'Conversation'),
  tagId: localId(input.tagId, Tag.name),
});

/** Labels describe one conversation; the customer's tags (customerTag) follow the person. */
@Resolver()
export class ConversationLabelResolver {
  @Mutation(() => ConversationLabelPayload, {
    description:
      'Puts a label (a workspace tag) on a conversation, open or closed; no-op when already there. Agents label their own conversations and the queue.',
  })
  @Access(Allow.write)
  conversationLabel(
    @Arg('input', () => ConversationLabelInput, { description: 'Conversation and tag.' })
    input: ConversationLabelInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationLabelPayload> {
    return mutate(ConversationLabelPayload, () => labelConversation(ctx, labelInputOf(input)));
  }

  @Mutation(() => ConversationLabelPayload, {
    description: 'Takes a label off a conversation; no-op when it is not there.',
  })
  @Access(Allow.write)
  conversationUnlabel(
    @Arg('input', () => ConversationLabelInput, { description: 'Conversation and tag.' })
    input: ConversationLabelInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ConversationLabelPayload> {
    return mutate(ConversationLabelPayload, () => unlabelConversation(ctx, labelInputOf(input)));
  }
}
