import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Asks the AI assistant for a new summary of a conversation.' })
export class AiSummaryGenerateInput {
  @Field(() => ID, { description: 'The conversation to summarize.' })
  conversationId: string;
}

@InputType({ description: 'Asks the AI assistant for new reply suggestions.' })
export class SuggestionsRefreshInput {
  @Field(() => ID, { description: 'The conversation to suggest replies for.' })
  conversationId: string;
}
