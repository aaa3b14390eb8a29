import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { currentEventSeq, encodeEventCursor } from '../../realtime/event-log';
import { type NewEvent } from '../../realtime/event-types';
import { type AppDeps } from '../../runtime/app-deps';
import { inTransaction } from '../../services/unit-of-work';

/** Helpers for the subscription specs: a graphql-ws client over the `ws` package, and event writers. */

export interface WsConnection {
  client: Client;
  /** Resolves with the close code once the socket closes. */
  closed: Promise<number>;
  dispose(): Promise<void>;
}

export function connectWs(url: string, token: string | null): WsConnection {
  let onClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => onClosed((event as { code: number }).code) },
  });
  return { client, closed, dispose: () => client.dispose() as Promise<void> };
}

export interface Subscription<T> {
  results: ExecutionResult<T>[];
  /** The data of every result without errors. */
  data(): T[];
  /** Settles when the server completes or fails the subscription; the value is the error, if any. */
  ended: Promise<unknown>;
  /** Waits (bounded) until `count` results have arrived; true if they did. */
  waitFor(count: number, attempts?: number): Promise<boolean>;
  unsubscribe(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` with short pauses, at most `attempts` times; the assertion is on the outcome. */
export async function eventually(check: () => boolean | Promise<boolean>, attempts = 500): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await check()) return true;
    await sleep(10);
  }
  return false;
}

export function subscribe<T, V extends Record<string, unknown>>(
  connection: WsConnection,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Subscription<T> {
  const results: ExecutionResult<T>[] = [];
  let end: (error: unknown) => void = () => {};
  const ended = new Promise<unknown>((resolve) => (end = resolve));
  const unsubscribe = connection.client.subscribe<T>(
    { query: print(document), variables },
    {
      next: (result) => void results.push(result as ExecutionResult<T>),
      error: (error) => end(error ?? new Error('subscription failed')),
      complete: () => end(null),
    },
  );
  return {
    results,
    data: () => results.filter((result) => !result.errors && result.data).map((result) => result.data!),
    ended,
    waitFor: (count, attempts = 500) => eventually(() => results.length >= count, attempts),
    unsubscribe,
  };
}

/** The workspace's current cursor: subscribing `after` it misses nothing written later (no race with setup). */
export async function headCursor(deps: AppDeps, workspaceId: string): Promise<string> {
  return encodeEventCursor(workspaceId, await currentEventSeq(deps.dataSource, workspaceId));
}

/** Writes events in one transaction, published after commit like any change. */
export function emitEvents(deps: AppDeps, workspaceId: string, events: NewEvent[]): Promise<void> {
  return inTransaction(deps, workspaceId, async (uow) => {
    for (const event of events) uow.emit(event);
  });
}

/**
 * Runs one subscription over a fresh connection until its first message: a result, or the errors
 * the server refused it with (as `errors`).
 */
export async function firstSubscriptionResult(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown }> {
  const connection = connectWs(url, token);
  try {
    return await new Promise((resolve) => {
      const stop = connection.client.subscribe(
        { query, variables },
        {
          next: (result) => {
            stop();
            resolve(result as never);
          },
          error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
          complete: () => resolve({}),
        },
      );
    });
  } finally {
    await connection.dispose();
  }
}
