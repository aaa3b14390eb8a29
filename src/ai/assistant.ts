import type { AiInput, SuggestionOptions, SuggestionResult, SummaryResult } from './ai-input';
import { toAiGenerationError } from './ai-generation.error';
import type { AiProvider } from './provider';
import { redactInput } from './redact-pii';

/** What the provider may see: redacted when the workspace asks for it and the data leaves the process. */
function prepare(input: AiInput, provider: AiProvider): AiInput {
  return input.redactPii && provider.remote ? redactInput(input) : input;
}

function lastMessageId(input: AiInput): string | null {
  return input.transcript.length > 0 ? input.transcript[input.transcript.length - 1].id : null;
}

/**
 * The handover summary of a conversation. Throws AiGenerationError (code, short safe message) on
 * any failure, so the caller can mark the summary FAILED with it.
 */
export async function generateSummary(
  input: AiInput,
  provider: AiProvider,
  options: { signal?: AbortSignal } = {},
): Promise<SummaryResult> {
  const started = performance.now();
  try {
    const { content, promptVersion, tokenUsage } = await provider.summarize(
      prepare(input, provider),
      options.signal,
    );
    return {
      ...content,
      provider: provider.name,
      model: provider.model,
      promptVersion,
      latencyMs: Math.round(performance.now() - started),
      tokenUsage,
      lastMessageId: lastMessageId(input),
    };
  } catch (error) {
    throw toAiGenerationError(error);
  }
}

/**
 * Three ranked replies (fewer only when everything sensible was excluded). `exclude` holds the texts
 * of the previous batch on a refresh. Throws AiGenerationError on failure.
 */
export async function generateSuggestions(
  input: AiInput,
  provider: AiProvider,
  options: SuggestionOptions & { signal?: AbortSignal } = {},
): Promise<SuggestionResult[]> {
  try {
    const { replies } = await provider.suggest(
      prepare(input, provider),
      options.exclude ?? [],
      options.signal,
    );
    return replies
      .slice(0, 3)
      .map((reply, index) => ({ text: reply.text, source: reply.source, rank: index + 1 }));
  } catch (error) {
    throw toAiGenerationError(error);
  }
}
