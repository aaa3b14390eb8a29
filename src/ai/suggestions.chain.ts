import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import type { AiInput } from './ai-input';
import { conversationDataBlock, LANGUAGE_NAMES, neutralize } from './prompts/prompt-data';
import { PROMPT_VERSION, suggestionsPromptV1 } from './prompts/suggestions.v1';
import {
  callStructured,
  type ChainCallOptions,
  type ChainOutput,
  type StructuredOutputMethod,
} from './structured-call';
import { isNearDuplicate } from './offline/text-analysis';

export const SUGGESTIONS_PROMPT_VERSION = PROMPT_VERSION;

export const suggestionsSchema = z.object({
  replies: z
    .array(z.string().trim().min(1).max(1000))
    .min(1)
    .max(6)
    .describe('Three different replies, best first, each ready to send.'),
});

export interface SuggestionsChainOptions extends ChainCallOptions {
  method?: StructuredOutputMethod;
  exclude: string[];
  /** Saved replies that fit the conversation, shown to the model as style examples. */
  examples: string[];
}

/** Up to three replies, none repeating `exclude`; may return fewer when the model repeats itself. */
export async function runSuggestionsChain(
  model: BaseChatModel,
  input: AiInput,
  options: SuggestionsChainOptions,
): Promise<ChainOutput<string[]>> {
  const exclusions =
    options.exclude.length === 0
      ? ''
      : '\nThe agent already saw the replies below and asked for new ones: do not repeat or closely paraphrase them.\n' +
        options.exclude.map((text) => `- ${neutralize(text, 300)}`).join('\n');
  const examples =
    options.examples.length === 0
      ? '(none)'
      : options.examples.map((t) => `- ${neutralize(t, 400)}`).join('\n');
  const { value, tokenUsage } = await callStructured(
    model,
    suggestionsPromptV1,
    suggestionsSchema,
    { language: LANGUAGE_NAMES[input.locale], data: conversationDataBlock(input), exclusions, examples },
    { name: 'reply_suggestions', ...options },
  );
  const replies: string[] = [];
  for (const text of value.replies) {
    const seen = [...replies, ...options.exclude];
    if (!seen.some((other) => isNearDuplicate(text, other))) replies.push(text);
    if (replies.length === 3) break;
  }
  return { value: replies, tokenUsage };
}
