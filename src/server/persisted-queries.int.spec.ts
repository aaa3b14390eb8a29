import { useConnections } from '../testing/fixtures/subscription.fixture';
import { Redis } from 'ioredis';
import { documentSha256 } from '../services/persisted-query/persisted-query.service';
import { compiledServerBuilt, startCompiledServer, type CompiledServer } from '../testing/compiled-server';
import {
  available,
  codeOf,
  get,
  moveATray,
  post,
  subscribeWith,
  trayChanged,
  unique,
} from '../testing/fixtures/persisted-query.fixture';
import { eventually, headCursor } from '../testing/fixtures/subscription.fixture';
import { testRedisUrl } from '../testing/test-environment';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { APQ_KEY_PREFIX } from './persisted-query-cache';

const CAPACITY = 1000;
const LIMITS_ENV = { RATE_LIMIT_COST_PER_MINUTE: String(CAPACITY) };
const TYPENAME = '{ __typename }';

describe('automatic persisted queries', () => {
  const t = useTestApp({ env: LIMITS_ENV });
  const w = useWorkspace(t);
  const connect = useConnections();
  let url: string;
  let wsUrl: string;

  beforeAll(async () => {
    wsUrl = await t.wsUrl();
    url = wsUrl.replace(/^ws/, 'http');
  });

  it('HTTP POST: a hash alone misses, the hash with its text registers and runs, then the hash alone runs — charged like the text', async () => {
    const query = unique('query Me { viewer { workspace { id name } } }');
    const hash = documentSha256(query);
    const token = w.admin.token;

    const miss = await post(url, { hash, token });
    expect(miss.status).toBe(200);
    expect(codeOf(miss.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(miss.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    expect(miss.body.extensions?.cost).toBeUndefined();

    const registered = await post(url, { query, hash, token });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();
    const cost = registered.body.extensions!.cost!.requestedQueryCost;
    // The miss was charged nothing.
    expect(available(registered)).toBe(CAPACITY - cost);

    const hit = await post(url, { hash, token });
    expect(hit.status).toBe(200);
    expect(hit.body.data).toEqual(registered.body.data);
    expect(hit.body.extensions?.cost?.requestedQueryCost).toBe(cost);
    expect(available(hit)).toBe(CAPACITY - 2 * cost);
    // An empty text with the hash reads as no text, as graphql-ws clients send it.
    expect((await post(url, { query: '', hash, token })).body.data).toEqual(registered.body.data);
  });

  it('HTTP GET: the same miss, registration and hit', async () => {
    const query = unique('query Me { viewer { workspace { id } } }');
    const hash = documentSha256(query);
    const token = w.agentA.token;
    expect(codeOf((await get(url, { hash, token })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await get(url, { query, hash, token });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();
    const hit = await get(url, { hash, token });
    expect(hit.body.data).toEqual(registered.body.data);
    // Registered by GET, known to POST.
    expect((await post(url, { hash, token })).body.data).toEqual(registered.body.data);
  });

  it('refuses a hash that is not the SHA-256 of the text sent with it, and a malformed extension, with 400 and no charge', async () => {
    const query = unique('{ viewer { workspace { id } } }');
    const wrong = documentSha256(unique(query));
    const token = w.admin.token;

    for (const send of [post, get]) {
      const refused = await send(url, { query, hash: wrong, token });
      expect(refused.status).toBe(400);
      expect(codeOf(refused.body)).toBe('BAD_USER_INPUT');
      expect(refused.body.errors?.[0]?.message).toMatch(/not the SHA-256 of the query/);
    }
    // Neither the wrong hash nor the right one was stored.
    expect(codeOf((await post(url, { hash: wrong, token })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(codeOf((await post(url, { hash: documentSha256(query), token })).body)).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );

    const malformed: unknown[] = [
      { version: 2, sha256Hash: documentSha256(query) },
      { version: 1, sha256Hash: 'abc' },
      { version: 1, sha256Hash: documentSha256(query).toUpperCase() },
      { version: 1 },
      'yes',
    ];
    for (const persistedQuery of malformed) {
      const refused = await post(url, { query, persistedQuery, token });
      expect({ persistedQuery, status: refused.status, code: codeOf(refused.body) }).toEqual({
        persistedQuery,
        status: 400,
        code: 'BAD_USER_INPUT',
      });
    }
    expect(available(await post(url, { query: TYPENAME, token }))).toBe(CAPACITY - 1);
  });

  it('does not store a document refused before it runs', async () => {
    const query = unique('{ conversations(first: 500) { nodes { id } } }');
    const hash = documentSha256(query);
    const refused = await post(url, { query, hash, token: w.admin.token });
    expect(refused.status).toBe(400);
    expect(codeOf((await post(url, { hash, token: w.admin.token })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('WebSocket: the same miss, registration and hit on subscribe payloads, charged like the text', async () => {
    const query = trayChanged();
    const hash = documentSha256(query);
    const connection = connect(wsUrl, w.agentA.token);

    const miss = await subscribeWith(connection, { hash }).ended;
    expect(codeOf({ errors: miss ?? [] })).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(miss?.[0]?.message).toBe('PersistedQueryNotFound');

    const after = await headCursor(t.app.deps, w.workspace.id);
    const streams = () => t.app.deps.realtime.bus.activeStreams();
    const before = streams();
    const registered = subscribeWith(connection, { query, hash, variables: { after } });
    expect(await eventually(() => streams() === before + 1)).toBe(true);
    const hit = subscribeWith(connection, { hash, variables: { after } });
    expect(await eventually(() => streams() === before + 2)).toBe(true);
    await moveATray(t, w);
    expect(await eventually(() => registered.results.length === 1 && hit.results.length === 1)).toBe(true);
    expect(hit.results[0]).toEqual(registered.results[0]);
    // trayChanged with `after` is a page of 20 cursors: 21 points each; the miss cost nothing.
    expect(available(await post(url, { query: TYPENAME, token: w.agentA.token }))).toBe(
      CAPACITY - 2 * 21 - 1,
    );
  });

  it('WebSocket: a wrong hash or a malformed extension is refused, and nothing is stored', async () => {
    const query = trayChanged();
    const connection = connect(wsUrl, w.agentA.token);
    const wrong = documentSha256(unique(query));
    const refused = await subscribeWith(connection, { query, hash: wrong }).ended;
    expect(codeOf({ errors: refused ?? [] })).toBe('BAD_USER_INPUT');
    expect(refused?.[0]?.message).toMatch(/not the SHA-256 of the query/);
    const malformed = await subscribeWith(connection, { query, persistedQuery: { version: 3 } }).ended;
    expect(codeOf({ errors: malformed ?? [] })).toBe('BAD_USER_INPUT');
    for (const hash of [wrong, documentSha256(query)]) {
      const miss = await subscribeWith(connection, { hash }).ended;
      expect(codeOf({ errors: miss ?? [] })).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
    expect(available(await post(url, { query: TYPENAME, token: w.agentA.token }))).toBe(CAPACITY - 1);
  });

  it('HTTP and WebSocket read one store', async () => {
    // Each transport then refuses the other's operation type, which proves the document was found.
    const subscription = trayChanged();
    const connection = connect(wsUrl, w.agentA.token);
    subscribeWith(connection, { query: subscription, hash: documentSha256(subscription) });
    expect(await eventually(() => t.app.deps.realtime.bus.activeStreams() > 0)).toBe(true);
    const overHttp = await post(url, { hash: documentSha256(subscription), token: w.agentA.token });
    expect(overHttp.body.errors?.[0]?.message).not.toBe('PersistedQueryNotFound');
    expect(codeOf(overHttp.body)).not.toBe('PERSISTED_QUERY_NOT_FOUND');

    const query = unique('{ viewer { workspace { id } } }');
    expect(
      (await post(url, { query, hash: documentSha256(query), token: w.agentA.token })).body.errors,
    ).toBeUndefined();
    const overWs = await subscribeWith(connection, { hash: documentSha256(query) }).ended;
    expect(overWs?.[0]?.message).toMatch(/Only subscriptions are served over WebSocket/);
  });

  const redisUrl = testRedisUrl();
  const describeRedis = redisUrl ? describe : describe.skip;
  if (!redisUrl)
    console.warn('Persisted queries across processes skipped: REDIS_URL is unset or Redis does not answer.');

  describeRedis('shared by every process on Redis', () => {
    const describeChild = compiledServerBuilt() ? describe : describe.skip;
    if (!compiledServerBuilt()) console.warn('Compiled-server APQ case skipped: run `npm run build` first.');

    it('keeps each document under its prefixed key, with the TTL', async () => {
      const query = unique('{ viewer { workspace { id } } }');
      const hash = documentSha256(query);
      await post(url, { query, hash, token: w.admin.token });
      const redis = new Redis(redisUrl!);
      try {
        expect(await redis.get(`${APQ_KEY_PREFIX}${hash}`)).toBe(query);
        const ttl = await redis.ttl(`${APQ_KEY_PREFIX}${hash}`);
        expect(ttl).toBeGreaterThan(t.config.persistedQueryTtlSeconds - 60);
        expect(ttl).toBeLessThanOrEqual(t.config.persistedQueryTtlSeconds);
      } finally {
        redis.disconnect();
      }
    });

    describeChild('with the compiled server in a child process', () => {
      let child: CompiledServer | undefined;
      beforeAll(async () => {
        child = await startCompiledServer({
          ...LIMITS_ENV,
          REDIS_URL: redisUrl!,
          APP_SECRET: t.config.appSecret,
        });
      });
      afterAll(() => child?.stop());

      it('a document registered over HTTP here runs by its hash there, and the other way round', async () => {
        const query = unique('query Me { viewer { workspace { id } } }');
        const hash = documentSha256(query);
        const token = w.admin.token;
        expect(codeOf((await post(child!.url, { hash, token })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
        const here = await post(url, { query, hash, token });
        expect(here.body.errors).toBeUndefined();
        const there = await post(child!.url, { hash, token });
        expect(there.body.data).toEqual(here.body.data);

        const other = unique('query Me { viewer { workspace { name } } }');
        const otherHash = documentSha256(other);
        expect(
          (await post(child!.url, { query: other, hash: otherHash, token })).body.errors,
        ).toBeUndefined();
        expect((await post(url, { hash: otherHash, token })).body.data).toEqual({
          viewer: { workspace: { name: w.workspace.name } },
        });
      });

      it('a subscription registered on the WebSocket there runs by its hash here', async () => {
        const query = trayChanged();
        const hash = documentSha256(query);
        const there = connect(child!.url.replace(/^http/, 'ws'), w.agentA.token);
        const after = await headCursor(t.app.deps, w.workspace.id);
        const registered = subscribeWith(there, { query, hash, variables: { after } });
        // The child stores the document once its subscription passed every check.
        const redis = new Redis(redisUrl!);
        try {
          expect(await eventually(async () => (await redis.get(`${APQ_KEY_PREFIX}${hash}`)) === query)).toBe(
            true,
          );
        } finally {
          redis.disconnect();
        }
        const hit = subscribeWith(connect(wsUrl, w.agentA.token), { hash, variables: { after } });
        expect(await eventually(() => t.app.deps.realtime.bus.activeStreams() > 0)).toBe(true);
        await moveATray(t, w);
        expect(await eventually(() => hit.results.length === 1 && registered.results.length === 1)).toBe(
          true,
        );
        expect(hit.results[0]).toEqual(registered.results[0]);
      });
    });
  });
});

describe('automatic persisted queries without Redis', () => {
  const t = useTestApp({ env: { REDIS_URL: '' } });
  const w = useWorkspace(t);
  const connect = useConnections();

  it('are kept in the process, on both transports', async () => {
    expect(t.config.redisUrl).toBeFalsy();
    const wsUrl = await t.wsUrl();
    const url = wsUrl.replace(/^ws/, 'http');
    const query = unique('{ viewer { workspace { id } } }');
    const hash = documentSha256(query);
    expect(codeOf((await post(url, { hash, token: w.admin.token })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(url, { query, hash, token: w.admin.token })).body.errors).toBeUndefined();
    expect((await post(url, { hash, token: w.admin.token })).body.data).toEqual({
      viewer: { workspace: { id: expect.any(String) } },
    });

    const subscription = trayChanged();
    const connection = connect(wsUrl, w.agentA.token);
    const streams = () => t.app.deps.realtime.bus.activeStreams();
    const registered = subscribeWith(connection, { query: subscription, hash: documentSha256(subscription) });
    expect(await eventually(() => streams() === 1)).toBe(true);
    const hit = subscribeWith(connection, { hash: documentSha256(subscription) });
    expect(await eventually(() => streams() === 2)).toBe(true);
    await moveATray(t, w);
    expect(await eventually(() => registered.results.length === 1 && hit.results.length === 1)).toBe(true);
  });
});
