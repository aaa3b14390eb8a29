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
    });
  }
}
