/** Why a summary or a suggestion set could not be generated; stored on the FAILED summary. */
export enum AiErrorCode {
  /** The provider did not answer within AI_TIMEOUT_MS. */
  TIMEOUT = 'AI_TIMEOUT',
  /** 5xx, connection refused or reset: worth retrying later. */
  PROVIDER_UNAVAILABLE = 'AI_PROVIDER_UNAVAILABLE',
  /** 429 from the provider. */
  RATE_LIMITED = 'AI_RATE_LIMITED',
  /** 401/403/404 and other refusals: a configuration problem, retrying will not help. */
  PROVIDER_REJECTED = 'AI_PROVIDER_REJECTED',
  /** The model answered, but not with the structure we asked for. */
  INVALID_OUTPUT = 'AI_INVALID_OUTPUT',
  /** The caller aborted (e.g. the worker is shutting down). */
  CANCELLED = 'AI_CANCELLED',
  UNKNOWN = 'AI_UNKNOWN',
}

const SAFE_MESSAGES: Record<AiErrorCode, string> = {
  [AiErrorCode.TIMEOUT]: 'The AI provider did not answer in time.',
  [AiErrorCode.PROVIDER_UNAVAILABLE]: 'The AI provider is unavailable.',
  [AiErrorCode.RATE_LIMITED]: 'The AI provider is rate limiting requests.',
  [AiErrorCode.PROVIDER_REJECTED]: 'The AI provider refused the request; check the AI configuration.',
  [AiErrorCode.INVALID_OUTPUT]: 'The AI provider returned an answer in an unexpected format.',
  [AiErrorCode.CANCELLED]: 'The AI generation was cancelled.',
  [AiErrorCode.UNKNOWN]: 'The AI assistant failed.',
};

/**
 * The one error the assistant throws. `message` is short and safe to store and show (it never
 * carries provider bodies, keys or customer text); `detail` is for logs.
 */
export class AiGenerationError extends Error {
  override readonly name = 'AiGenerationError';
  readonly retryable: boolean;

  constructor(
    readonly code: AiErrorCode,
    readonly detail?: string,
    options?: { cause?: unknown; status?: number },
  ) {
    const status = options?.status;
    super(status ? `${SAFE_MESSAGES[code]} (HTTP ${status})` : SAFE_MESSAGES[code], {
      cause: options?.cause,
    });
    this.retryable = [
      AiErrorCode.TIMEOUT,
      AiErrorCode.PROVIDER_UNAVAILABLE,
      AiErrorCode.RATE_LIMITED,
    ].includes(code);
  }
}

/** Thrown by the chains when the model's answer does not match the schema. */
export class AiOutputError extends AiGenerationError {
  constructor(detail: string, cause?: unknown) {
    super(AiErrorCode.INVALID_OUTPUT, detail, { cause });
  }
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function statusOf(error: unknown): number | undefined {
  for (const key of ['status', 'status_code', 'statusCode']) {
    const value = field(error, key);
    if (typeof value === 'number') return value;
  }
  return undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/** Maps whatever a provider SDK or LangChain threw to our closed list of codes. */
export function toAiGenerationError(error: unknown): AiGenerationError {
  if (error instanceof AiGenerationError) return error;
  // Walk the cause chain: SDKs wrap fetch errors, LangChain wraps SDK errors.
  for (let current = error, depth = 0; current && depth < 5; current = field(current, 'cause'), depth++) {
    const name = field(current, 'name');
    const code = field(current, 'code');
    const message = String(field(current, 'message') ?? '');
    const status = statusOf(current);
    const detail = `${String(name ?? 'Error')}: ${message}`.slice(0, 500);
    if (name === 'TimeoutError' || name === 'APIConnectionTimeoutError') {
      return new AiGenerationError(AiErrorCode.TIMEOUT, detail, { cause: error });
    }
    if (status !== undefined) {
      if (status === 429)
        return new AiGenerationError(AiErrorCode.RATE_LIMITED, detail, { cause: error, status });
      if (status >= 500) {
        return new AiGenerationError(AiErrorCode.PROVIDER_UNAVAILABLE, detail, { cause: error, status });
      }
      if (status >= 400) {
        return new AiGenerationError(AiErrorCode.PROVIDER_REJECTED, detail, { cause: error, status });
      }
    }
    if (/\btimed? ?out\b/i.test(message)) {
      return new AiGenerationError(AiErrorCode.TIMEOUT, detail, { cause: error });
    }
    if (
      (typeof code === 'string' && NETWORK_CODES.has(code)) ||
      name === 'APIConnectionError' ||
      /fetch failed|ECONNREFUSED|socket hang up/i.test(message)
    ) {
      return new AiGenerationError(AiErrorCode.PROVIDER_UNAVAILABLE, detail, { cause: error });
    }
    if (name === 'OutputParserException') {
      return new AiGenerationError(AiErrorCode.INVALID_OUTPUT, detail, { cause: error });
    }
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error);
  return new AiGenerationError(AiErrorCode.UNKNOWN, detail, { cause: error });
}
