import { AsyncLocalStorage } from 'node:async_hooks';

/** The request id follows the request through async calls, so every log line can name it. */
export const requestScope = new AsyncLocalStorage<{ requestId: string; clientAddress?: string | null }>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** The client's address of the current request (behind trusted proxies, the one they report). */
export function currentClientAddress(): string | null {
  return requestScope.getStore()?.clientAddress ?? null;
}
