import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import type { AiInput, AiProviderName } from './ai-input';
import type { AiProvider, GeneratedSuggestions, GeneratedSummary } from './ai-provider';
import { OfflineAiProvider } from './offline/offline.provider';
import { rankSavedReplies } from './offline/reply-retrieval';
import type { AiProviderConfig, AiProviderOptions } from './provider';
import { SUGGESTIONS_PROMPT_VERSION, runSuggestionsChain } from './suggestions.chain';
import { SUMMARY_PROMPT_VERSION, runSummaryChain } from './summary.chain';
import type { StructuredOutputMethod } from './structured-call';

/** Any LangChain chat model behind the versioned prompts and zod-validated structured output. */
export class ChatModelAiProvider implements AiProvider {
  readonly remote = true;
  private readonly offline = new OfflineAiProvider();

  constructor(
    readonly name: Exclude<AiProviderName, 'offline'>,
    readonly model: string,
    private readonly chatModel: BaseChatModel,
    private readonly timeoutMs: number,
    private readonly method?: StructuredOutputMethod,
  ) {}

  async summarize(input: AiInput, signal?: AbortSignal): Promise<GeneratedSummary> {
    const { value, tokenUsage } = await runSummaryChain(this.chatModel, input, {
      timeoutMs: this.timeoutMs,
      signal,
      method: this.method,
    });
    return { content: value, promptVersion: SUMMARY_PROMPT_VERSION, tokenUsage };
  }

  async suggest(input: AiInput, exclude: string[], signal?: AbortSignal): Promise<GeneratedSuggestions> {
    const examples = rankSavedReplies(input)
      .slice(0, 5)
      .map((r) => r.text);
    const { value, tokenUsage } = await runSuggestionsChain(this.chatModel, input, {
      timeoutMs: this.timeoutMs,
      signal,
      method: this.method,
      exclude,
      examples,
    });
    const source = `${this.name}:${this.model}`;
    const replies = value.map((text) => ({ text, source }));
    // A model that repeats the excluded set still leaves the agent three choices.
    if (replies.length < 3) {
      const extra = await this.offline.suggest(input, [...exclude, ...value]);
      replies.push(...extra.replies.slice(0, 3 - replies.length));
    }
    return { replies, promptVersion: SUGGESTIONS_PROMPT_VERSION, tokenUsage };
  }
}

/** The remote provider the configuration names, or null when it names none. */
export function createChatModelProvider(
  config: AiProviderConfig,
  options: AiProviderOptions = {},
): ChatModelAiProvider | null {
  const maxRetries = options.maxRetries ?? 1;
  const timeout = config.aiTimeoutMs;
  if (config.openaiApiKey || config.openaiBaseUrl) {
    const chatModel = new ChatOpenAI({
      model: config.openaiModel,
      apiKey: config.openaiApiKey ?? 'not-needed',
      configuration: config.openaiBaseUrl ? { baseURL: config.openaiBaseUrl } : undefined,
      timeout,
      maxRetries,
    });
    return new ChatModelAiProvider(
      'openai',
      config.openaiModel,
      chatModel,
      timeout,
      options.structuredOutputMethod ?? 'functionCalling',
    );
  }
  if (config.anthropicApiKey) {
    const chatModel = new ChatAnthropic({
      model: config.anthropicModel,
      apiKey: config.anthropicApiKey,
      maxRetries,
      maxTokens: 1024,
      clientOptions: { timeout },
    });
    return new ChatModelAiProvider('anthropic', config.anthropicModel, chatModel, timeout);
  }
  if (config.ollamaBaseUrl) {
    const chatModel = new ChatOllama({
      model: config.ollamaModel,
      baseUrl: config.ollamaBaseUrl,
      maxRetries,
    });
    return new ChatModelAiProvider('ollama', config.ollamaModel, chatModel, timeout);
  }
  return null;
}
