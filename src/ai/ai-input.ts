import { type TranscriptMedia } from './media-description';

/** Workspace locales the assistant answers in. */
export type AiLocale = 'es' | 'en' | 'pt';

export type TranscriptSender = 'CUSTOMER' | 'AGENT' | 'BOT' | 'SYSTEM';

export interface TranscriptMessage {
  id: string;
  sender: TranscriptSender;
  /** What was said; files are described in it too (`[image: invoice.pdf] caption`). */
  text: string;
  at: Date;
  /** The message's files, when it has any. */
  media?: TranscriptMedia[];
}

export interface CustomerCard {
  name: string;
  phone: string;
  channel: string;
  fields: { label: string; value: string }[];
}

export interface AiNote {
  author: string;
  body: string;
  at: Date;
}

export interface AiTemplate {
  name: string;
  text: string;
}

/**
 * Everything the assistant may look at, already loaded and scoped to one workspace by the caller.
 * The pipeline never touches the database.
 */
export interface AiInput {
  locale: AiLocale;
  conversationId: string;
  /** Oldest first. */
  transcript: TranscriptMessage[];
  customer: CustomerCard;
  tags: string[];
  notes: AiNote[];
  templates: AiTemplate[];
  /** Replies agents of the workspace sent before, newest first; the offline default retrieves from them. */
  pastAgentReplies: string[];
  /** Replace phones, e-mails, card and id numbers by placeholders before anything leaves for a provider. */
  redactPii: boolean;
}

/** How the customer comes across; machine values, translated by the UI. */
export const MOODS = ['happy', 'calm', 'confused', 'worried', 'frustrated', 'angry'] as const;
export type Mood = (typeof MOODS)[number];

export interface SummaryContent {
  /** A few sentences: who, what they want, what happened, what is still open. */
  summary: string;
  customerRequest: string;
  openQuestions: string[];
  mood: Mood;
}

export type AiProviderName = 'openai' | 'anthropic' | 'ollama' | 'offline';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface SummaryMetadata {
  provider: AiProviderName;
  model: string;
  promptVersion: string;
  latencyMs: number;
  /** Null when the provider reports none (the offline default). */
  tokenUsage: TokenUsage | null;
  /** The newest transcript message the summary covers, null for an empty transcript. */
  lastMessageId: string | null;
}

export interface SummaryResult extends SummaryContent, SummaryMetadata {}

export interface SuggestionResult {
  text: string;
  /** Where it came from: `<provider>:<model>`, `template:<name>`, `past-reply` or `fallback`. */
  source: string;
  /** 1 is the best. */
  rank: number;
}

export interface SuggestionOptions {
  /** Texts already shown (a refresh): the new set must not repeat them. */
  exclude?: string[];
}
