import { Field, ObjectType } from 'type-graphql';
import { AiSummary } from '../../entities/ai-summary.entity';
import { Suggestion } from '../../entities/suggestion.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of aiSummaryGenerate.' })
export class AiSummaryGeneratePayload extends MutationPayload {
  @Field(() => AiSummary, {
    nullable: true,
    description: 'The requested summary, PENDING until `aiSummaryReady` announces it READY or FAILED.',
  })
  aiSummary: AiSummary | null = null;
}

@ObjectType({ description: 'Result of suggestionsRefresh.' })
export class SuggestionsRefreshPayload extends MutationPayload {
  @Field(() => [Suggestion], {
    description: 'The new current suggestions, best first; none repeats the ones shown before.',
  })
  suggestions: Suggestion[] = [];
}
