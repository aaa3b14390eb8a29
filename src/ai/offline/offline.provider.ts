import type { AiInput } from '../ai-input';
import type { AiProvider, GeneratedSuggestions, GeneratedSummary } from '../ai-provider';
import { extractiveSummary } from './extractive-summary';
import { offlineSuggestions } from './reply-retrieval';

export const OFFLINE_PROMPT_VERSION = 'offline.v1';

/** Extractive summary and retrieved replies: no network, deterministic, always available. */
export class OfflineAiProvider implements AiProvider {
  readonly name = 'offline';
  readonly model = 'extractive';
  readonly remote = false;

  async summarize(input: AiInput): Promise<GeneratedSummary> {
    return { content: extractiveSummary(input), promptVersion: OFFLINE_PROMPT_VERSION, tokenUsage: null };
  }

  async suggest(input: AiInput, exclude: string[]): Promise<GeneratedSuggestions> {
    return {
      replies: offlineSuggestions(input, exclude),
      promptVersion: OFFLINE_PROMPT_VERSION,
      tokenUsage: null,
    };
  }
}
