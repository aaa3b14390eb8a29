import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import { MOODS, type AiInput, type SummaryContent } from './ai-input';
import { conversationDataBlock, LANGUAGE_NAMES } from './prompts/prompt-data';
import { PROMPT_VERSION, summaryPromptV1 } from './prompts/summary.v1';
import {
  callStructured,
  type ChainCallOptions,
  type ChainOutput,
  type StructuredOutputMethod,
} from './structured-call';

export const SUMMARY_PROMPT_VERSION = PROMPT_VERSION;

export const summarySchema = z.object({
  summary: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe('2 to 4 sentences for the next agent: who, what they want, what was done, what is pending.'),
  customerRequest: z
    .string()
    .trim()
    .min(1)
    .max(600)
    .describe('What the customer wants now, in one sentence.'),
  openQuestions: z
    .array(z.string().trim().min(1).max(400))
    .max(8)
    .describe('Customer questions or requests not answered yet; empty when none.'),
  mood: z.enum(MOODS).describe('How the customer comes across.'),
});

/** Summary of a conversation with a chat model; throws AiOutputError when the answer does not fit. */
export async function runSummaryChain(
  model: BaseChatModel,
  input: AiInput,
  options: ChainCallOptions & { method?: StructuredOutputMethod },
): Promise<ChainOutput<SummaryContent>> {
  const { value, tokenUsage } = await callStructured(
    model,
    summaryPromptV1,
    summarySchema,
    { language: LANGUAGE_NAMES[input.locale], data: conversationDataBlock(input) },
    { name: 'handover_summary', ...options },
  );
  return {
    value: { ...value, openQuestions: value.openQuestions.slice(0, 5) },
    tokenUsage,
  };
}
