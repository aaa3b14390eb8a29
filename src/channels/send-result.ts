import { type MessageError } from '../entities/message.entity';

/** A refusal, which fits both a send's and an upload's result. */
export type Refusal = { ok: false; error: MessageError };

/** Our own message could not be turned into a provider request; resending it will not help. */
export function invalidOutbound(detail: string): Refusal {
  return {
    ok: false,
    error: {
      code: 'INVALID_MESSAGE',
      title: 'The message cannot be sent',
      detail,
      providerCode: null,
      retryable: false,
    },
  };
}

/**
 * A 2xx without the id we need: the provider may have sent it, so never retry blindly. The answer
 * itself is not repeated to agents.
 */
export function unexpectedResponse(): Refusal {
  return {
    ok: false,
    error: {
      code: 'PROVIDER_ERROR',
      title: 'The provider accepted the request but returned no message id',
      detail: 'Check in the provider whether the message went out before sending it again.',
      providerCode: null,
      retryable: false,
    },
  };
}
