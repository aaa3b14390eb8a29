import type { AiInput, AiLocale, SuggestionResult, SummaryResult, TranscriptSender } from '../ai-input';
import { generateSuggestions, generateSummary } from '../assistant';
import { fold } from '../offline/text-analysis';
import type { AiProvider } from '../provider';

export interface EvalLibrary {
  templates: { name: string; text: string }[];
  pastAgentReplies: string[];
}

export interface EvalConversation {
  id: string;
  locale: AiLocale;
  library: string;
  customer: AiInput['customer'];
  tags: string[];
  notes: { author: string; body: string }[];
  transcript: { sender: TranscriptSender; text: string }[];
  /** Facts the summary must carry; `a|b` accepts either wording. */
  keyFacts: string[];
  /** A top-3 suggestion hits when it contains one of the keywords. */
  expectedReply: { themes: string[]; keywords: string[] };
}

export interface EvalDataset {
  libraries: Record<string, EvalLibrary>;
  conversations: EvalConversation[];
}

export interface ConversationScore {
  id: string;
  locale: AiLocale;
  factsFound: number;
  factsTotal: number;
  missedFacts: string[];
  hit: boolean;
  /** The first suggestion alone hits. */
  hitTop1: boolean;
  summary: SummaryResult;
  suggestions: SuggestionResult[];
}

export interface Aggregate {
  conversations: number;
  keyFactRecall: number;
  suggestionHitRate: number;
  suggestionTop1HitRate: number;
}

export interface EvalReport {
  overall: Aggregate;
  byLocale: Partial<Record<AiLocale, Aggregate>>;
  conversations: ConversationScore[];
}

const squash = (text: string) => fold(text).replace(/\s+/g, ' ');

/** A fact is carried when one of its wordings appears, ignoring case and accents. */
export function carriesFact(fact: string, text: string): boolean {
  const haystack = squash(text);
  return fact.split('|').some((alternative) => haystack.includes(squash(alternative.trim())));
}

export function hitsExpectedReply(keywords: string[], suggestions: { text: string }[]): boolean {
  return suggestions.some((s) => keywords.some((keyword) => squash(s.text).includes(squash(keyword))));
}

export function toInput(conversation: EvalConversation, dataset: EvalDataset): AiInput {
  const library = dataset.libraries[conversation.library] ?? { templates: [], pastAgentReplies: [] };
  const start = Date.UTC(2025, 4, 12, 9, 0);
  return {
    locale: conversation.locale,
    conversationId: conversation.id,
    transcript: conversation.transcript.map((m, i) => ({
      id: `${conversation.id}-m${i + 1}`,
      sender: m.sender,
      text: m.text,
      at: new Date(start + i * 60_000),
    })),
    customer: conversation.customer,
    tags: conversation.tags,
    notes: conversation.notes.map((n, i) => ({ ...n, at: new Date(start + i * 30_000) })),
    templates: library.templates,
    pastAgentReplies: library.pastAgentReplies,
    redactPii: false,
  };
}

function aggregate(scores: ConversationScore[]): Aggregate {
  const found = scores.reduce((sum, s) => sum + s.factsFound, 0);
  const total = scores.reduce((sum, s) => sum + s.factsTotal, 0);
  return {
    conversations: scores.length,
    keyFactRecall: total === 0 ? 0 : found / total,
    suggestionHitRate: scores.length === 0 ? 0 : scores.filter((s) => s.hit).length / scores.length,
    suggestionTop1HitRate: scores.length === 0 ? 0 : scores.filter((s) => s.hitTop1).length / scores.length,
  };
}

/** Runs the provider over every conversation: key-fact recall of the summary, top-3 hit rate of suggestions. */
export async function evaluate(dataset: EvalDataset, provider: AiProvider): Promise<EvalReport> {
  const scores: ConversationScore[] = [];
  for (const conversation of dataset.conversations) {
    const input = toInput(conversation, dataset);
    const summary = await generateSummary(input, provider);
    const suggestions = await generateSuggestions(input, provider);
    const text = [summary.summary, summary.customerRequest, ...summary.openQuestions].join('\n');
    const missedFacts = conversation.keyFacts.filter((fact) => !carriesFact(fact, text));
    scores.push({
      id: conversation.id,
      locale: conversation.locale,
      factsFound: conversation.keyFacts.length - missedFacts.length,
      factsTotal: conversation.keyFacts.length,
      missedFacts,
      hit: hitsExpectedReply(conversation.expectedReply.keywords, suggestions),
      hitTop1: hitsExpectedReply(conversation.expectedReply.keywords, suggestions.slice(0, 1)),
      summary,
      suggestions,
    });
  }
  const byLocale: Partial<Record<AiLocale, Aggregate>> = {};
  for (const locale of ['es', 'en', 'pt'] as const) {
    const subset = scores.filter((s) => s.locale === locale);
    if (subset.length > 0) byLocale[locale] = aggregate(subset);
  }
  return { overall: aggregate(scores), byLocale, conversations: scores };
}
