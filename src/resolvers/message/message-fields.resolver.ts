import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Message } from '../../entities/message.entity';
import { MessageReaction } from '../../entities/message-reaction.entity';
import { type AuthedContext } from '../../server/context';

@Resolver(() => Message)
export class MessageFieldsResolver {
  @FieldResolver(() => [MessageReaction], {
    description:
      "Its reactions, the customer's and ours (one each), oldest first; removed ones are gone. Reactions are not messages: they do not count as unread nor move the conversation.",
  })
  reactions(
    @Root() message: Message,
    @Ctx() ctx: AuthedContext,
  ): Promise<MessageReaction[]> | MessageReaction[] {
    return message.externalId ? ctx.loaders.reactionsByMessage.load(message) : [];
  }

  @FieldResolver(() => Message, {
    nullable: true,
    description:
      "The message this one quotes (Meta's `context` / `reply_to`, `replyToMessageId` on sends); null when unknown here or hidden from the viewer.",
  })
  replyTo(@Root() message: Message, @Ctx() ctx: AuthedContext): Promise<Message | null> | null {
    return message.replyToExternalId ? ctx.loaders.replyToByMessage.load(message) : null;
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description:
      'The agent who wrote it (outbound agent replies); null for the customer, the bot, partners and campaigns.',
  })
  senderAgent(@Root() message: Message, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return message.senderAgentId ? ctx.loaders.agent.load(message.senderAgentId) : null;
  }
}

@Resolver(() => MessageReaction)
export class ReactionResolver {
  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who reacted (actor AGENT).' })
  agent(@Root() reaction: MessageReaction, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return reaction.agentId ? ctx.loaders.agent.load(reaction.agentId) : null;
  }
}
