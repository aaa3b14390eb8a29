import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import type { ChatPromptTemplate } from '@langchain/core/prompts';
import type { z } from 'zod';
import type { TokenUsage } from './ai-input';
import { AiErrorCode, AiGenerationError, AiOutputError } from './ai-generation.error';

export type StructuredOutputMethod = 'functionCalling' | 'jsonSchema' | 'jsonMode';

export interface ChainCallOptions {
  /** Wall-clock budget for the whole call, retries included. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ChainOutput<T> {
  value: T;
  tokenUsage: TokenUsage | null;
}

export function tokenUsageOf(message: BaseMessage): TokenUsage | null {
  const usage = (message as AIMessage).usage_metadata;
  if (!usage) return null;
  return {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    totalTokens: usage.total_tokens ?? (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0),
  };
}

/** What the model tried to answer with, for a precise error when it does not fit the schema. */
function candidateOf(message: BaseMessage): unknown {
  const ai = message as AIMessage;
  if (ai.tool_calls && ai.tool_calls.length > 0) return ai.tool_calls[0].args;
  if (ai.invalid_tool_calls && ai.invalid_tool_calls.length > 0) return ai.invalid_tool_calls[0].args;
  const text = typeof ai.content === 'string' ? ai.content : JSON.stringify(ai.content);
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  try {
    return JSON.parse(fenced ? fenced[1] : text);
  } catch {
    return text;
  }
}

function describeMismatch(schema: z.ZodType, candidate: unknown): string {
  if (typeof candidate === 'string') return 'the answer is not JSON';
  const result = schema.safeParse(candidate);
  if (result.success) return 'the answer could not be parsed';
  return result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * prompt → chat model with structured output → zod validation. Raw output is kept to read token
 * usage and to explain an invalid answer; any mismatch becomes an AiOutputError.
 */
export async function callStructured<S extends z.ZodType<Record<string, unknown>>>(
  model: BaseChatModel,
  prompt: ChatPromptTemplate,
  schema: S,
  variables: Record<string, string>,
  config: { name: string; method?: StructuredOutputMethod } & ChainCallOptions,
): Promise<ChainOutput<z.infer<S>>> {
  const structured = model.withStructuredOutput(schema, {
    name: config.name,
    method: config.method,
    includeRaw: true,
  });
  // Our own deadline, so a timeout is told apart from any other abort whatever the SDK throws.
  const deadline = AbortSignal.timeout(config.timeoutMs);
  const signal = config.signal ? AbortSignal.any([deadline, config.signal]) : deadline;
  let answer: { raw: BaseMessage; parsed: unknown };
  try {
    answer = await prompt.pipe(structured).invoke(variables, { signal });
  } catch (error) {
    if (deadline.aborted) {
      throw new AiGenerationError(
        AiErrorCode.TIMEOUT,
        `${config.name}: no answer within ${config.timeoutMs} ms`,
        {
          cause: error,
        },
      );
    }
    if (config.signal?.aborted) {
      throw new AiGenerationError(AiErrorCode.CANCELLED, `${config.name}: cancelled`, { cause: error });
    }
    throw error;
  }
  const { raw, parsed } = answer;
  const checked = parsed === null || parsed === undefined ? null : schema.safeParse(parsed);
  if (!checked || !checked.success) {
    throw new AiOutputError(`${config.name}: ${describeMismatch(schema, candidateOf(raw))}`);
  }
  return { value: checked.data, tokenUsage: tokenUsageOf(raw) };
}
