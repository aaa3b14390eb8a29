import { ConversationDetailDocument, type ConversationDetailQuery } from '../testing/generated/graphql';
import { type GraphQLResponse } from '../testing/test-app';
import { createConversation, createMessage } from '../testing/factories';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { toGlobalId } from '../entities/global-id';
import { type Conversation } from '../entities/conversation.entity';
import { Tag } from '../entities/tag.entity';

describe('API basics: pagination, errors, limits, health', () => {
  const t = useTestApp({ env: { LOG_LEVEL: 'error' } });
  const w = useWorkspace(t, { scope: 'suite' });
  let conversation: Conversation;
  const logged: string[] = [];

  beforeAll(async () => {
    const deps = t.factories;
    conversation = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 60 * 60_000,
    });
    const start = deps.now().getTime() - 50 * 60_000;
    for (let index = 0; index < 12; index += 1) {
      await createMessage(deps, conversation, { text: `m${index}`, sentAt: new Date(start + index * 1000) });
    }
    t.app.deps.logger.error = (message: string, fields?: Record<string, unknown>) => {
      logged.push(`${message} ${JSON.stringify(fields)}`);
    };
  });

  const id = () => toGlobalId('Conversation', conversation.id);

  it('pages forward with first/after and backward with last/before, with no gap and no repeat', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result: GraphQLResponse<ConversationDetailQuery> = await t.gql(
        ConversationDetailDocument,
        { id: id(), first: 5, after },
        w.admin.token,
      );
      const messages = result.data!.conversation!.messages;
      seen.push(...messages.nodes.map((node) => node.text!));
      expect(messages.totalCount).toBe(13);
      if (!messages.pageInfo.hasNextPage) break;
      after = messages.pageInfo.endCursor!;
    }
    expect(seen).toEqual(['Hola, necesito ayuda', ...Array.from({ length: 12 }, (_, index) => `m${index}`)]);

    const last = await t.gql(ConversationDetailDocument, { id: id(), last: 3 }, w.admin.token);
    const tail = last.data!.conversation!.messages;
    expect(tail.nodes.map((node) => node.text)).toEqual(['m9', 'm10', 'm11']);
    expect(tail.pageInfo.hasPreviousPage).toBe(true);
    const before = await t.gql(
      ConversationDetailDocument,
      { id: id(), last: 3, before: tail.pageInfo.startCursor },
      w.admin.token,
    );
    expect(before.data!.conversation!.messages.nodes.map((node) => node.text)).toEqual(['m6', 'm7', 'm8']);
  });

  it.each([0, 101])('refuses first: %i (1–100)', async (first) => {
    const result = await t.gql(ConversationDetailDocument, { id: id(), first }, w.admin.token);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a malformed cursor clearly', async () => {
    const result = await t.gql(
      ConversationDetailDocument,
      { id: id(), first: 5, after: 'not-a-cursor' },
      w.admin.token,
    );
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0]?.message).toMatch(/after/);
  });

  it('answers UNAUTHENTICATED without a token and for a bad one', async () => {
    const none = await t.gql('{ viewer { workspace { id } } }', {}, null);
    const bad = await t.gql('{ viewer { workspace { id } } }', {}, 'ots_garbage.sig');
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('masks an unexpected error, with a request id that is logged', async () => {
    const repository = t.app.deps.dataSource.getRepository(Tag);
    const original = repository.find.bind(repository);
    (repository as { find: unknown }).find = () =>
      Promise.reject(new Error('relation "secret_table" does not exist'));
    try {
      const result = await t.gql('{ tags { id } }', {}, w.admin.token, { 'x-request-id': 'req-123' });
      const error = result.errors?.[0];
      expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-123' });
      expect(error?.message).not.toMatch(/secret_table/);
      expect(JSON.stringify(result)).not.toMatch(/stack|secret_table/);
      expect(logged.some((line) => line.includes('req-123') && line.includes('secret_table'))).toBe(true);
    } finally {
      (repository as { find: unknown }).find = original;
    }
  });

  it('refuses too deep, too many aliases and too many tokens', async () => {
    const level = 'customer { conversations(first: 1) { nodes { ';
    const deep = `{ conversation(id: "${id()}") { ${level.repeat(4)}id${' } } }'.repeat(4)} } }`;
    const deepResult = await t.gql(deep, {}, w.admin.token);
    expect(deepResult.errors?.[0]?.message).toMatch(/depth/);
    expect(deepResult.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const aliases = `{ ${Array.from({ length: 16 }, (_, index) => `a${index}: settings { locale }`).join(' ')} }`;
    expect((await t.gql(aliases, {}, w.admin.token)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const costly = `{ a: conversations(first: 100) { nodes { messages(first: 100) { nodes { id text } } } } }`;
    expect((await t.gql(costly, {}, w.admin.token)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const tokens = `{ ${Array.from({ length: 1100 }, () => '__typename').join(' ')} }`;
    const tooMany = await t.gql(tokens, {}, w.admin.token);
    expect(tooMany.errors?.[0]?.message).toMatch(/token/i);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('reports the cost and the remaining budget', async () => {
    const result = await t.gql('{ settings { locale } }', {}, w.admin.token);
    expect(result.extensions?.cost).toMatchObject({
      requestedQueryCost: 2,
      throttleStatus: { maximumAvailable: 50000 },
    });
  });

  it('refuses batched HTTP arrays', async () => {
    const response = await t
      .http()
      .post('/graphql')
      .set('authorization', `Bearer ${w.admin.token}`)
      .send([{ query: '{ settings { locale } }' }, { query: '{ settings { locale } }' }]);
    expect(response.status).toBe(400);
  });

  it('exposes Prometheus metrics', async () => {
    await t.gql('{ settings { locale } }', {}, w.admin.token);
    const response = await t.http().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/# TYPE omnitray_http_request_duration_seconds histogram/);
    expect(response.text).toMatch(/omnitray_graphql_operations_total\{outcome="ok",type="query"\} \d+/);
    expect(response.text).toMatch(/omnitray_process_info\{fact="uptime_seconds"\} \d+/);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toMatch(
      /omnitray_http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/graphql",status="200"\} \d+/,
    );
    // The process metrics of prom-client, under their standard names, each in its unit.
    expect(response.text).toMatch(/# TYPE process_cpu_seconds_total counter/);
    expect(response.text).toMatch(/^process_start_time_seconds \d+$/m);
    expect(response.text).toMatch(/^nodejs_heap_size_used_bytes \d+$/m);
    expect(response.text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(response.text).toMatch(/# TYPE nodejs_eventloop_lag_seconds gauge/);
    expect(response.text).toMatch(/# HELP omnitray_process_info Deprecated/);
  });

  it('serves liveness and readiness', async () => {
    expect((await t.http().get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ database: true, jobs: true });
  });
});
