import type { AiInput, AiProviderName, SummaryContent, TokenUsage } from './ai-input';

/** The contract every AI provider meets; `provider.ts` builds the configured one. */
export interface GeneratedSummary {
  content: SummaryContent;
  promptVersion: string;
  tokenUsage: TokenUsage | null;
}

export interface GeneratedSuggestions {
  replies: { text: string; source: string }[];
  promptVersion: string;
  tokenUsage: TokenUsage | null;
}

/** One way to write summaries and suggestions; the assistant adds redaction, timing and error mapping. */
export interface AiProvider {
  readonly name: AiProviderName;
  readonly model: string;
  /** True when input leaves the process, so PII must be redacted first. */
  readonly remote: boolean;
  summarize(input: AiInput, signal?: AbortSignal): Promise<GeneratedSummary>;
  suggest(input: AiInput, exclude: string[], signal?: AbortSignal): Promise<GeneratedSuggestions>;
}
