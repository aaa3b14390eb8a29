import type { Config } from '../config';
import type { AiProvider } from './ai-provider';
import type * as ChatModelProviderModule from './chat-model.provider';
import { OfflineAiProvider } from './offline/offline.provider';
import type { StructuredOutputMethod } from './structured-call';

export { OfflineAiProvider, OFFLINE_PROMPT_VERSION } from './offline/offline.provider';
export type { AiProvider, GeneratedSuggestions, GeneratedSummary } from './ai-provider';

export type AiProviderConfig = Pick<
  Config,
  | 'openaiApiKey'
  | 'openaiBaseUrl'
  | 'openaiModel'
  | 'anthropicApiKey'
  | 'anthropicModel'
  | 'ollamaBaseUrl'
  | 'ollamaModel'
  | 'aiTimeoutMs'
>;

export interface AiProviderOptions {
  /** Retries after a failed call (5xx, 429, network); kept small so a job never hangs on a provider. */
  maxRetries?: number;
  /** How OpenAI-compatible servers are asked for structure; tool calling is the most widely served. */
  structuredOutputMethod?: StructuredOutputMethod;
}

/**
 * The provider the configuration asks for. An OpenAI-compatible server wins when OPENAI_API_KEY or
 * OPENAI_BASE_URL is set (local vLLM, llama.cpp and LM Studio servers need no key), then Anthropic,
 * then Ollama; with none of them, the offline default.
 *
 * LangChain and its provider SDKs (about a second of module loading) are loaded only when one of
 * them is configured, so a process on the offline default never pays for them.
 */
export function createAiProvider(config: AiProviderConfig, options: AiProviderOptions = {}): AiProvider {
  if (!(config.openaiApiKey || config.openaiBaseUrl || config.anthropicApiKey || config.ollamaBaseUrl)) {
    return new OfflineAiProvider();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChatModelProvider } = require('./chat-model.provider') as typeof ChatModelProviderModule;
  return createChatModelProvider(config, options) ?? new OfflineAiProvider();
}
