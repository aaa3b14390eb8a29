import {
  createSourceEventStream,
  execute,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { EventRecord } from '../../entities/event-record.entity';

export interface SharedExecutionOptions {
  /**
   * The viewer's visibility class from the operation's context: subscribers in one class with the
   * same document and variables get the same result for an event. Null: never shared.
   */
  visibilityOf(contextValue: unknown): string | null;
  /** The context one execution runs with (e.g. fresh loaders, so a long-lived stream never reads stale rows). */
  prepareContext?(contextValue: unknown): unknown;
  /** Results kept for subscribers that have not reached the event yet. */
  maxEntries?: number;
}

export interface SharedExecutionStats {
  /** GraphQL executions run (one per event and group, plus one per non-event tick). */
  executions: number;
  /** Deliveries served from another subscriber's execution. */
  shared: number;
  /** Results held now. */
  cached: number;
}

type Map1 = (payload: unknown) => ExecutionResult | Promise<ExecutionResult>;

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/** graphql-js `mapAsyncIterator`, with our map: the source ends when the mapped stream does. */
class MappedStream implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly map: Map1,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    const result = await this.source.next();
    if (result.done) return DONE;
    try {
      return { value: await this.map(result.value), done: false };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    await this.close();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult, undefined>> {
    await this.close();
    throw error;
  }

  private async close(): Promise<void> {
    await this.source.return?.();
  }
}

/**
 * The `subscribe` of graphql-ws, executing each event once per group instead of once per
 * subscriber: a group is one (document, operation name, variables, visibility class). Every
 * subscriber still has its own source stream (cursor, filter, buffer, SUBSCRIBER_TOO_SLOW); only
 * the execution of an event (an `EventRecord`, keyed by workspace and sequence) is shared, and the
 * result object is shared read-only. Other source values (e.g. recount ticks) execute per
 * subscriber as before.
 */
export class SharedSubscriptionExecutor {
  private readonly results = new Map<string, Promise<ExecutionResult>>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextDocumentId = 1;
  private readonly maxEntries: number;
  private readonly counts = { executions: 0, shared: 0 };

  constructor(private readonly options: SharedExecutionOptions) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  }

  stats(): SharedExecutionStats {
    return { ...this.counts, cached: this.results.size };
  }

  readonly subscribe = async (
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const group = this.groupOf(args);
    return new MappedStream(source[Symbol.asyncIterator](), (payload) =>
      this.executeFor(payload, args, group),
    );
  };

  /** Drops every held result (e.g. on shutdown). */
  clear(): void {
    this.results.clear();
  }

  private groupOf(args: ExecutionArgs): string | null {
    const visibility = this.options.visibilityOf(args.contextValue);
    if (visibility === null) return null;
    // Identical query strings share one parsed document (the parse cache), hence one id.
    let documentId = this.documentIds.get(args.document);
    if (documentId === undefined) {
      documentId = this.nextDocumentId++;
      this.documentIds.set(args.document, documentId);
    }
    const variables = JSON.stringify(args.variableValues ?? {});
    return `${documentId}|${args.operationName ?? ''}|${variables}|${visibility}`;
  }

  private executeFor(
    payload: unknown,
    args: ExecutionArgs,
    group: string | null,
  ): ExecutionResult | Promise<ExecutionResult> {
    if (group === null || !(payload instanceof EventRecord)) return this.run(payload, args);
    const key = `${payload.workspaceId}:${payload.seq}|${group}`;
    const held = this.results.get(key);
    if (held) {
      this.counts.shared += 1;
      return held;
    }
    const result = (async () => this.run(payload, args))();
    this.results.set(key, result);
    if (this.results.size > this.maxEntries) this.results.delete(this.results.keys().next().value!);
    return result;
  }

  private run(payload: unknown, args: ExecutionArgs): ExecutionResult | Promise<ExecutionResult> {
    this.counts.executions += 1;
    const contextValue = this.options.prepareContext
      ? this.options.prepareContext(args.contextValue)
      : args.contextValue;
    return execute({ ...args, rootValue: payload, contextValue });
  }
}
