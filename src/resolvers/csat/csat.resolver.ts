import { Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { Conversation } from '../../entities/conversation.entity';

@ObjectType({ description: "The customer's satisfaction survey of a closed conversation." })
export class Csat {
  @Field({ description: 'When the survey was sent.' })
  sentAt: Date;

  @Field(() => Int, { nullable: true, description: 'The score, 1 (worst) to 5 (best); null until answered.' })
  score: number | null;

  @Field(() => Date, { nullable: true, description: 'When the customer answered (the first answer counts).' })
  answeredAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The customer's comment: after their score they are thanked and invited to write one, and their next text within 30 minutes (while no newer conversation of theirs is open) is it. It stays on this closed conversation as a message too, reopens nothing and counts as nothing unread. Null until then.",
  })
  comment: string | null;

  @Field(() => Date, { nullable: true, description: 'When the comment arrived.' })
  commentedAt: Date | null;
}

@Resolver(() => Conversation)
export class ConversationCsatResolver {
  @FieldResolver(() => Csat, {
    nullable: true,
    description:
      'The satisfaction survey, once sent (settings `csatEnabled`, a closed conversation inside the customer window); null otherwise.',
  })
  csat(@Root() conversation: Conversation): Csat | null {
    if (!conversation.csatSentAt) return null;
    return Object.assign(new Csat(), {
      sentAt: conversation.csatSentAt,
      score: conversation.csatScore,
      answeredAt: conversation.csatAnsweredAt,
      comment: conversation.csatComment,
      commentedAt: conversation.csatCommentedAt,
    });
  }
}
