import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { type Viewer } from '../../auth/viewer';
import { EventRecord } from '../../entities/event-record.entity';
import { AgentRole, ApiKeyScope } from '../../entities/enums';
import { visibilityKey } from './event-subscription';
import { SharedSubscriptionExecutor } from './shared-execution';

/** A subscriber's context: who it is, its visibility class, and the source its stream reads. */
interface TestContext {
  viewer: string;
  visibility: string | null;
  source: Source;
}

/** A pushable source stream, like one subscriber's filtered event stream. */
class Source implements AsyncIterableIterator<unknown> {
  private readonly queue: unknown[] = [];
  private wake: (() => void) | null = null;
  closed = false;

  push(value: unknown): void {
    this.queue.push(value);
    this.wake?.();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<unknown, undefined>> {
    while (this.queue.length === 0 && !this.closed) await new Promise<void>((r) => (this.wake = r));
    if (this.closed) return { value: undefined, done: true };
    return { value: this.queue.shift(), done: false };
  }

  async return(): Promise<IteratorResult<unknown, undefined>> {
    this.closed = true;
    this.wake?.();
    return { value: undefined, done: true };
  }
}

let resolverCalls = 0;

const Item = new GraphQLObjectType({
  name: 'Item',
  fields: {
    seq: {
      type: GraphQLString,
      resolve: (record: EventRecord | number) => String(typeof record === 'number' ? record : record.seq),
    },
    // What a field resolver with the viewer's context would load: it must match the viewer's class.
    seenBy: {
      type: GraphQLString,
      resolve: (_record, _args, context: TestContext) => {
        resolverCalls += 1;
        return context.visibility ?? context.viewer;
      },
    },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      feed: {
        type: Item,
        args: { tag: { type: GraphQLString } },
        subscribe: (_root, args: { tag?: string }, context: TestContext) => {
          if (args.tag === 'refuse') throw new Error('refused');
          return context.source;
        },
        resolve: (payload: unknown) => payload,
      },
    },
  }),
});

const DOCUMENT = parse('subscription Feed($tag: String) { feed(tag: $tag) { seq seenBy } }');

const record = (seq: number, workspaceId = 'w') =>
  Object.assign(new EventRecord(), {
    workspaceId,
    seq: String(seq),
    type: 'TRAY_CHANGED',
    conversationId: null,
    assigneeId: null,
    payload: {},
    createdAt: new Date(0),
  });

function newExecutor(maxEntries?: number) {
  const prepared: unknown[] = [];
  const executor = new SharedSubscriptionExecutor({
    visibilityOf: (context) => (context as TestContext).visibility,
    prepareContext: (context) => {
      const fresh = { ...(context as TestContext) };
      prepared.push(fresh);
      return fresh;
    },
    maxEntries,
  });
  return { executor, prepared };
}

async function subscriber(
  executor: SharedSubscriptionExecutor,
  viewer: string,
  visibility: string | null,
  variables: Record<string, unknown> = {},
  document = DOCUMENT,
) {
  const source = new Source();
  const args: ExecutionArgs = {
    schema,
    document,
    variableValues: variables,
    contextValue: { viewer, visibility, source } satisfies TestContext,
  };
  const stream = (await executor.subscribe(args)) as AsyncIterableIterator<ExecutionResult>;
  return { source, stream, take: async () => (await stream.next()).value as ExecutionResult };
}

beforeEach(() => (resolverCalls = 0));

describe('SharedSubscriptionExecutor', () => {
  it('executes an event once per visibility class, and each class gets its own result', async () => {
    const { executor, prepared } = newExecutor();
    const admins = await Promise.all(
      ['ann', 'bob', 'cid'].map((name) => subscriber(executor, name, 'w|admin')),
    );
    const agentA = await subscriber(executor, 'a', 'w|agent:a');
    const agentB = await subscriber(executor, 'b', 'w|agent:b');
    const everyone = [...admins, agentA, agentB];

    for (const seq of [1, 2]) {
      for (const { source } of everyone) source.push(record(seq));
      const results = await Promise.all(everyone.map((entry) => entry.take()));
      expect(results.map((result) => result.data?.feed)).toEqual([
        { seq: String(seq), seenBy: 'w|admin' },
        { seq: String(seq), seenBy: 'w|admin' },
        { seq: String(seq), seenBy: 'w|admin' },
        { seq: String(seq), seenBy: 'w|agent:a' },
        { seq: String(seq), seenBy: 'w|agent:b' },
      ]);
      // One class, one result object (sent read-only to each socket).
      expect(results[1]).toBe(results[0]);
      expect(results[3]).not.toBe(results[0]);
    }
    // Counted in executions, not time: 2 events × 3 classes.
    expect(executor.stats()).toMatchObject({ executions: 6, shared: 4 });
    expect(resolverCalls).toBe(6);
    expect(prepared).toHaveLength(6);
  });

  it('an event only some subscribers receive (their filters) runs only for their classes', async () => {
    const { executor } = newExecutor();
    const admin = await subscriber(executor, 'ann', 'w|admin');
    const agentA = await subscriber(executor, 'a', 'w|agent:a');
    const agentB = await subscriber(executor, 'b', 'w|agent:b');
    // Seq 1 is A's conversation: B's stream filtered it out and never asks for it.
    admin.source.push(record(1));
    agentA.source.push(record(1));
    admin.source.push(record(2));
    agentA.source.push(record(2));
    agentB.source.push(record(2));
    expect((await agentB.take()).data?.feed).toEqual({ seq: '2', seenBy: 'w|agent:b' });
    expect((await agentA.take()).data?.feed).toEqual({ seq: '1', seenBy: 'w|agent:a' });
    expect((await admin.take()).data?.feed).toEqual({ seq: '1', seenBy: 'w|admin' });
    expect(executor.stats()).toMatchObject({ executions: 3, shared: 0 });
    await Promise.all([agentA.take(), admin.take()]);
    expect(executor.stats()).toMatchObject({ executions: 5, shared: 0 });
  });

  it('does not share across variables, documents, workspaces, or without a visibility class', async () => {
    const { executor } = newExecutor();
    const other = parse('subscription { feed { seq seenBy } }');
    const subs = await Promise.all([
      subscriber(executor, 'ann', 'w|admin', { tag: 'x' }),
      subscriber(executor, 'bob', 'w|admin', { tag: 'y' }),
      subscriber(executor, 'cid', 'w|admin', {}, other),
      subscriber(executor, 'dan', null),
      subscriber(executor, 'eve', null),
    ]);
    for (const { source } of subs) source.push(record(7));
    const results = await Promise.all(subs.map((entry) => entry.take()));
    expect(results.map((result) => result.data?.feed)).toEqual([
      { seq: '7', seenBy: 'w|admin' },
      { seq: '7', seenBy: 'w|admin' },
      { seq: '7', seenBy: 'w|admin' },
      { seq: '7', seenBy: 'dan' },
      { seq: '7', seenBy: 'eve' },
    ]);
    expect(executor.stats()).toMatchObject({ executions: 5, shared: 0 });

    // The same sequence in another workspace is another event.
    const here = await subscriber(executor, 'fay', 'w|admin', { tag: 'x' });
    const there = await subscriber(executor, 'gus', 'w|admin', { tag: 'x' });
    here.source.push(record(8, 'w'));
    there.source.push(record(8, 'v'));
    await Promise.all([here.take(), there.take()]);
    expect(executor.stats()).toMatchObject({ executions: 7, shared: 0 });
  });

  it('values that are not events (recount ticks) execute per subscriber', async () => {
    const { executor } = newExecutor();
    const subs = await Promise.all([1, 2].map((n) => subscriber(executor, `x${n}`, 'w|admin')));
    for (const { source } of subs) source.push(0);
    const results = await Promise.all(subs.map((entry) => entry.take()));
    expect(results.map((result) => result.data?.feed)).toEqual([
      { seq: '0', seenBy: 'w|admin' },
      { seq: '0', seenBy: 'w|admin' },
    ]);
    expect(executor.stats()).toMatchObject({ executions: 2, shared: 0 });
  });

  it('keeps a bounded number of results; a subscriber behind the window executes again, correctly', async () => {
    const { executor } = newExecutor(2);
    const fast = await subscriber(executor, 'ann', 'w|admin');
    const slow = await subscriber(executor, 'bob', 'w|admin');
    for (const seq of [1, 2, 3]) {
      fast.source.push(record(seq));
      slow.source.push(record(seq));
      await fast.take();
    }
    expect(executor.stats()).toMatchObject({ executions: 3, cached: 2 });
    const late = [await slow.take(), await slow.take(), await slow.take()];
    expect(late.map((result) => result.data?.feed)).toEqual(
      [1, 2, 3].map((seq) => ({ seq: String(seq), seenBy: 'w|admin' })),
    );
    // Each late event was evicted by the time it was asked for (oldest first): executed again.
    expect(executor.stats()).toMatchObject({ executions: 6, shared: 0, cached: 2 });
  });

  it('answers a refused subscription with its errors, and return() ends the source', async () => {
    const { executor } = newExecutor();
    const refused = (await executor.subscribe({
      schema,
      document: DOCUMENT,
      variableValues: { tag: 'refuse' },
      contextValue: { viewer: 'x', visibility: 'w|admin', source: new Source() },
    })) as ExecutionResult;
    expect(refused.errors?.map((error) => error.message)).toEqual(['refused']);

    const live = await subscriber(executor, 'ann', 'w|admin');
    const pending = live.stream.next();
    await live.stream.return!();
    expect(live.source.closed).toBe(true);
    expect(await pending).toEqual({ value: undefined, done: true });
  });
});

describe('visibilityKey', () => {
  const agent = (id: string, role: AgentRole, workspaceId = 'w') =>
    ({ workspaceId, principal: { kind: 'agent', agent: { id, role } } }) as unknown as Viewer;
  const key = (scopes: ApiKeyScope[], workspaceId = 'w') =>
    ({ workspaceId, principal: { kind: 'apiKey', apiKey: { id: 'k', scopes } } }) as unknown as Viewer;

  it('agents are one class each; admins share one; keys share by effective scopes; never across workspaces', () => {
    expect(visibilityKey(agent('a', AgentRole.AGENT))).not.toBe(visibilityKey(agent('b', AgentRole.AGENT)));
    expect(visibilityKey(agent('a', AgentRole.ADMIN))).toBe(visibilityKey(agent('b', AgentRole.ADMIN)));
    expect(visibilityKey(agent('a', AgentRole.ADMIN))).not.toBe(visibilityKey(agent('a', AgentRole.AGENT)));
    expect(visibilityKey(agent('a', AgentRole.ADMIN))).not.toBe(visibilityKey(key([ApiKeyScope.ADMIN])));
    expect(visibilityKey(key([ApiKeyScope.WRITE]))).toBe(
      visibilityKey(key([ApiKeyScope.READ, ApiKeyScope.WRITE])),
    );
    expect(visibilityKey(key([ApiKeyScope.READ]))).not.toBe(visibilityKey(key([ApiKeyScope.BOT])));
    expect(visibilityKey(agent('a', AgentRole.ADMIN, 'w'))).not.toBe(
      visibilityKey(agent('a', AgentRole.ADMIN, 'v')),
    );
  });
});
