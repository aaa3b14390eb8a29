import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { compiledServerBuilt, startCompiledServer, type CompiledServer } from '../testing/compiled-server';
import { fragmentFanOut } from '../testing/fixtures/fragment-fan-out.fixture';
import { connectWs, eventually, type WsConnection } from '../testing/fixtures/subscription.fixture';
import { testRedisUrl } from '../testing/test-environment';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';

const CAPACITY = 1000;
const CAP = 3;
const LIMITS_ENV = {
  RATE_LIMIT_COST_PER_MINUTE: String(CAPACITY),
  MAX_SUBSCRIPTIONS_PER_CREDENTIAL: String(CAP),
};
/** 1 + n × (nodes 1 + id 1): 201 points by the variable's default. */
const PAGE = 'query Page($n: Int = 100) { conversations(first: $n) { nodes { id } } }';
const TYPENAME = '{ __typename }';
/** 1 + trayChanged's cursor: 2 points. */
const TRAY = 'subscription { trayChanged(view: V2) { cursor } }';
/**
 * CPU of the whole test process (client, server, credential check) around one request; the
 * best of a few tries, as the machine is shared. The exponential walk took seconds at 22 levels.
 */
const CPU_BUDGET_MS = 50;
const ATTEMPTS = 3;
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: {
    data?: unknown;
    errors?: { message: string; extensions?: Record<string, any> }[];
    extensions?: { cost?: { requestedQueryCost: number; throttleStatus: Record<string, number> } };
  };
}

/** POST /graphql on a listening server, as a remote client would. */
async function post(
  url: string,
  query: string,
  options: { token?: string | null; variables?: Record<string, unknown>; forwardedFor?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.forwardedFor) headers['x-forwarded-for'] = options.forwardedFor;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

const available = (answer: Answer) => answer.body.extensions?.cost?.throttleStatus.currentlyAvailable;
const codeOf = (errors: unknown) =>
  (errors as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;
/** A fresh IPv6 /64 from the documentation range, so no other run shares its budget. */
const randomPrefix = () => `2001:db8:${randomInt(0x10000).toString(16)}:${randomInt(0x10000).toString(16)}`;

interface OpenSubscription {
  /** Settles with the errors when refused or failed, with null when completed. */
  ended: Promise<unknown>;
  unsubscribe(): void;
}

function open(connection: WsConnection, query: string): OpenSubscription {
  let end: (value: unknown) => void = () => {};
  const ended = new Promise((resolve) => (end = resolve));
  const unsubscribe = connection.client.subscribe(
    { query },
    { next: () => {}, error: (error: unknown) => end(error), complete: () => end(null) },
  );
  return { ended, unsubscribe };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NOT_YET = Symbol('not yet');

/**
 * 'open' once `accepted()` holds, or the errors the subscription was refused with; 'undecided'
 * when neither happens within `ms`.
 */
async function settle(subscription: OpenSubscription, accepted: () => boolean, ms = 5000): Promise<unknown> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const ended = await Promise.race([subscription.ended, sleep(10).then(() => NOT_YET)]);
    if (ended !== NOT_YET) return ended;
    if (accepted()) return 'open';
  }
  return 'undecided';
}

/**
 * Opens a subscription, retrying while a place given back elsewhere is still on its way. The
 * stream count must be still (no stream closing) for the opening to show.
 */
async function opensWithin(connection: WsConnection, streams: () => number, attempts = 20): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const baseline = streams();
    const outcome = await settle(open(connection, TRAY), () => streams() > baseline);
    if (outcome === 'open') return true;
    if (outcome === 'undecided') return false;
    await sleep(50);
  }
  return false;
}

describe('query cost, one budget per caller, and the HTTP status of refusals', () => {
  const t = useTestApp({ env: LIMITS_ENV });
  // Each test its own workspace, so its own credentials and budgets.
  const w = useWorkspace(t);
  let url: string;
  let wsUrl: string;
  const connections: WsConnection[] = [];

  const connect = (token: string, at = wsUrl) => {
    const connection = connectWs(at, token);
    connections.push(connection);
    return connection;
  };
  /** Streams this app serves: a subscription past onSubscribe has one. */
  const streams = () => t.app.deps.realtime.bus.activeStreams();

  beforeAll(async () => {
    wsUrl = await t.wsUrl();
    url = wsUrl.replace(/^ws/, 'http');
  });
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });

  it('refuses the fragment fan-out over HTTP in linear time, signed in or not, while /healthz answers at once', async () => {
    const query = fragmentFanOut(30);
    expect(Buffer.byteLength(query)).toBeLessThan(1500);
    await post(url, TYPENAME, { token: w.admin.token });
    for (const token of [w.admin.token, null]) {
      const used: number[] = [];
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const cpu = process.cpuUsage();
        const started = performance.now();
        const [refused, healthMs] = await Promise.all([
          post(url, query, { token, forwardedFor: `${randomPrefix()}::1` }),
          fetch(url.replace(/\/graphql$/, '/healthz')).then(async (response) => {
            expect(await response.json()).toEqual({ status: 'ok' });
            return performance.now() - started;
          }),
        ]);
        used.push(cpuMs(process.cpuUsage(cpu)));
        expect(refused.status).toBe(400);
        expect(codeOf(refused.body.errors)).toBe('QUERY_TOO_COMPLEX');
        expect(refused.body.errors?.[0]?.message).toMatch(/cost/);
        expect(refused.body.extensions?.cost).toBeUndefined();
        expect(healthMs).toBeLessThan(1000);
      }
      expect(Math.min(...used)).toBeLessThan(CPU_BUDGET_MS);
    }
  });

  it('refuses the fragment fan-out over WebSocket in linear time, while /healthz answers at once', async () => {
    const connection = connect(w.admin.token);
    // Connected and warm: a query is refused over WebSocket.
    expect(codeOf(await open(connection, TYPENAME).ended)).toBe('BAD_USER_INPUT');
    const query = fragmentFanOut(30, {
      operation: 'subscription',
      root: 'Subscription',
      leaf: 'trayChanged(view: V2) { cursor }',
    });
    const used: number[] = [];
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const [errors, healthMs] = await Promise.all([
        open(connection, query).ended,
        fetch(url.replace(/\/graphql$/, '/healthz')).then(() => performance.now() - started),
      ]);
      used.push(cpuMs(process.cpuUsage(cpu)));
      expect(codeOf(errors)).toBe('QUERY_TOO_COMPLEX');
      expect(healthMs).toBeLessThan(1000);
    }
    expect(Math.min(...used)).toBeLessThan(CPU_BUDGET_MS);
    // Refused before the cap and the budget: nothing was charged.
    expect(available(await post(url, TYPENAME, { token: w.admin.token }))).toBe(CAPACITY - 1);
  });

  it('costs a page by its variable default, or by the value sent', async () => {
    const byDefault = await post(url, PAGE, { token: w.admin.token });
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.extensions?.cost).toEqual({
      requestedQueryCost: 201,
      throttleStatus: { maximumAvailable: CAPACITY, currentlyAvailable: CAPACITY - 201, restoreRate: 16 },
    });
    const sent = await post(url, PAGE, { token: w.admin.token, variables: { n: 3 } });
    expect(sent.body.extensions?.cost?.requestedQueryCost).toBe(7);
    expect(available(sent)).toBe(CAPACITY - 201 - 7);
  });

  it('charges every request at least 1 point', async () => {
    const answer = await post(url, TYPENAME, { token: w.agentA.token });
    expect(answer.body.extensions?.cost?.requestedQueryCost).toBe(1);
    expect(available(answer)).toBe(CAPACITY - 1);
  });

  it('answers 400 and charges nothing for a document refused before execution', async () => {
    const level = 'customer { conversations(first: 1) { nodes { ';
    const refusals = [
      ['{ conversations(first: 500) { nodes { id } } }', 'BAD_USER_INPUT'],
      ['query($n: Int = 0) { conversations(last: $n) { nodes { id } } }', 'BAD_USER_INPUT'],
      [
        `{ conversations(first: 1) { nodes { ${level.repeat(4)}id${' } } }'.repeat(4)} } } }`,
        'QUERY_TOO_COMPLEX',
      ],
      [
        '{ a: conversations(first: 100) { nodes { messages(first: 100) { nodes { id } } } } }',
        'QUERY_TOO_COMPLEX',
      ],
      ['{ nope }', 'BAD_USER_INPUT'],
    ] as const;
    for (const [query, code] of refusals) {
      const answer = await post(url, query, { token: w.admin.token });
      expect({ query, status: answer.status, code: codeOf(answer.body.errors) }).toEqual({
        query,
        status: 400,
        code,
      });
      expect(answer.body.extensions?.cost).toBeUndefined();
    }
    expect(available(await post(url, TYPENAME, { token: w.admin.token }))).toBe(CAPACITY - 1);
    // A request that ran answers 200, its errors in the body.
    const ran = await post(url, '{ viewer { workspace { id } } }', { forwardedFor: `${randomPrefix()}::1` });
    expect(ran.status).toBe(200);
    expect(codeOf(ran.body.errors)).toBe('UNAUTHENTICATED');
  });

  it('answers 429 with Retry-After once the budget is spent, and does not charge the refusal', async () => {
    for (let index = 0; index < 4; index += 1) {
      expect((await post(url, PAGE, { token: w.admin.token })).status).toBe(200);
    }
    const refused = await post(url, PAGE, { token: w.admin.token });
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toMatch(/^\d+$/);
    const seconds = Number(refused.retryAfter);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    const error = refused.body.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: seconds,
      cost: { requestedQueryCost: 201, currentlyAvailable: CAPACITY - 4 * 201 },
    });
    expect(refused.body.data).toBeUndefined();
    const cheaper = await post(url, PAGE, { token: w.admin.token, variables: { n: 3 } });
    expect(cheaper.status).toBe(200);
    expect(available(cheaper)).toBe(CAPACITY - 4 * 201 - 7);
    // Another credential has its own budget.
    expect(available(await post(url, TYPENAME, { token: w.agentA.token }))).toBe(CAPACITY - 1);
  });

  it('budgets anonymous callers per client address (an IPv6 client by its /64)', async () => {
    const one = randomPrefix();
    const other = randomPrefix();
    expect(available(await post(url, TYPENAME, { forwardedFor: `${one}::1` }))).toBe(CAPACITY - 1);
    expect(available(await post(url, TYPENAME, { forwardedFor: `${one}::2` }))).toBe(CAPACITY - 2);
    expect(available(await post(url, TYPENAME, { forwardedFor: `${other}::1` }))).toBe(CAPACITY - 1);
    // Refused at execution (not signed in), so charged: an anonymous caller cannot query for free.
    for (let index = 0; index < 4; index += 1) {
      const answer = await post(url, PAGE, { forwardedFor: `${other}::1` });
      expect(codeOf(answer.body.errors)).toBe('UNAUTHENTICATED');
    }
    const refused = await post(url, PAGE, { forwardedFor: `${other}::7` });
    expect(refused.status).toBe(429);
    expect(codeOf(refused.body.errors)).toBe('RATE_LIMITED');
    expect(available(await post(url, TYPENAME, { forwardedFor: `${one}::3` }))).toBe(CAPACITY - 3);
  });

  it('charges a subscription when it starts and caps a credential over all its connections', async () => {
    const first = connect(w.agentA.token);
    const second = connect(w.agentA.token);
    const before = streams();
    const held = [open(first, TRAY), open(first, TRAY), open(second, TRAY)];
    expect(await eventually(() => streams() === before + 3)).toBe(true);
    expect(available(await post(url, TYPENAME, { token: w.agentA.token }))).toBe(CAPACITY - 3 * 2 - 1);

    const over = await settle(open(second, TRAY), () => false);
    expect(codeOf(over)).toBe('RATE_LIMITED');
    expect((over as { message: string }[])[0]!.message).toMatch(/3 subscriptions/);
    // The refused one was not charged; another credential is not capped.
    expect(available(await post(url, TYPENAME, { token: w.agentA.token }))).toBe(CAPACITY - 3 * 2 - 2);
    expect(await opensWithin(connect(w.agentB.token), streams, 1)).toBe(true);

    // Completing one gives its place back.
    held[0]!.unsubscribe();
    expect(await eventually(() => streams() === before + 3)).toBe(true);
    expect(await opensWithin(second, streams)).toBe(true);
    expect(codeOf(await settle(open(second, TRAY), () => false))).toBe('RATE_LIMITED');
    // Closing a connection gives back all of its places.
    await first.dispose();
    expect(await eventually(() => streams() === before + 3)).toBe(true);
    expect(await opensWithin(second, streams)).toBe(true);
  });

  it('refuses a subscription over budget without holding a place', async () => {
    for (let index = 0; index < 4; index += 1) await post(url, PAGE, { token: w.agentB.token });
    const connection = connect(w.agentB.token);
    // 196 points left; `after` makes trayChanged a page of 20: 1 + 20 × 10 cursors = 201.
    const cursors = Array.from({ length: 10 }, (_, index) => `c${index}: cursor`).join(' ');
    const costly = `subscription { trayChanged(view: V2, after: null) { ${cursors} } }`;
    expect(codeOf(await settle(open(connection, costly), () => false))).toBe('RATE_LIMITED');
    for (let index = 0; index < CAP; index += 1) expect(await opensWithin(connection, streams, 1)).toBe(true);
    expect(available(await post(url, TYPENAME, { token: w.agentB.token }))).toBe(
      CAPACITY - 4 * 201 - CAP * 2 - 1,
    );
  });

  const redisUrl = testRedisUrl();
  const describeRedis = redisUrl ? describe : describe.skip;
  if (!redisUrl)
    console.warn('Budget across processes skipped: REDIS_URL is unset or Redis does not answer.');

  describeRedis('one budget and one subscription count across processes (Redis)', () => {
    const second = useTestApp({ env: { ...LIMITS_ENV, REDIS_URL: redisUrl! } });
    let secondUrl: string;

    beforeAll(async () => {
      secondUrl = (await second.wsUrl()).replace(/^ws/, 'http');
    });

    it('two apps on one Redis charge one budget', async () => {
      expect(t.config.redisUrl).toBe(redisUrl);
      for (let index = 0; index < 3; index += 1) await post(url, PAGE, { token: w.admin.token });
      expect(available(await post(secondUrl, TYPENAME, { token: w.admin.token }))).toBe(
        CAPACITY - 3 * 201 - 1,
      );
      expect(available(await post(secondUrl, PAGE, { token: w.admin.token }))).toBe(CAPACITY - 4 * 201 - 1);
      expect((await post(url, PAGE, { token: w.admin.token })).status).toBe(429);
    });

    it('caps a credential over the connections of both apps', async () => {
      const onFirst = connect(w.agentA.token);
      const onSecond = connect(w.agentA.token, await second.wsUrl());
      const secondStreams = () => second.app.deps.realtime.bus.activeStreams();
      expect(await opensWithin(onFirst, streams, 1)).toBe(true);
      expect(await opensWithin(onFirst, streams, 1)).toBe(true);
      const third = open(onSecond, TRAY);
      expect(await eventually(() => secondStreams() === 1)).toBe(true);
      expect(codeOf(await settle(open(onSecond, TRAY), () => false))).toBe('RATE_LIMITED');
      expect(codeOf(await settle(open(onFirst, TRAY), () => false))).toBe('RATE_LIMITED');
      third.unsubscribe();
      expect(await eventually(() => secondStreams() === 0)).toBe(true);
      expect(await opensWithin(onFirst, streams)).toBe(true);
    });

    const describeChild = compiledServerBuilt() ? describe : describe.skip;
    if (!compiledServerBuilt())
      console.warn('Compiled-server budget case skipped: run `npm run build` first.');

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

      it('charges the budget spent in this process, and answers 429 with Retry-After', async () => {
        for (let index = 0; index < 4; index += 1) await post(url, PAGE, { token: w.admin.token });
        expect(available(await post(child!.url, TYPENAME, { token: w.admin.token }))).toBe(
          CAPACITY - 4 * 201 - 1,
        );
        const refused = await post(child!.url, PAGE, { token: w.admin.token });
        expect(refused.status).toBe(429);
        expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
        expect(codeOf(refused.body.errors)).toBe('RATE_LIMITED');
      });

      it('counts the subscriptions held here against the cap there', async () => {
        const here = connect(w.agentA.token);
        for (let index = 0; index < CAP; index += 1) expect(await opensWithin(here, streams, 1)).toBe(true);
        const there = connect(w.agentA.token, child!.url.replace(/^http/, 'ws'));
        expect(codeOf(await settle(open(there, TRAY), () => false))).toBe('RATE_LIMITED');
        const spent = CAP * 2;
        expect(available(await post(child!.url, TYPENAME, { token: w.agentA.token }))).toBe(
          CAPACITY - spent - 1,
        );
        await here.dispose();
        // Once the places are back, the child takes one and charges it (2 points).
        let charged = false;
        for (let attempt = 0; attempt < 20 && !charged; attempt += 1) {
          const outcome = await settle(open(there, TRAY), () => false, 500);
          charged = outcome === 'undecided';
        }
        expect(charged).toBe(true);
        expect(available(await post(child!.url, TYPENAME, { token: w.agentA.token }))).toBe(
          CAPACITY - spent - 2 - 2,
        );
      });
    });
  });
});
