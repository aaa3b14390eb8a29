import { AsyncLocalStorage } from 'node:async_hooks';

/** The request id follows the request through async calls, so every log line can name it. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}
