import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { type Conversation } from '../../entities/conversation.entity';
import { TrayKind, TrayView } from '../../entities/enums';
import { decodeEventCursor } from '../../realtime/event-log';
import { EventType, type NewEvent } from '../../realtime/event-types';
import { type RedisEngine } from '../../realtime/redis.engine';
import { toGlobalId } from '../../entities/global-id';
import { createConversation, factoryDeps } from '../../testing/factories';
import { TrayChangedDocument } from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { TEST_DATA_DIR, testDatabaseUrl, testRedisUrl } from '../../testing/test-environment';
import {
  connectWs,
  emitEvents,
  eventually,
  headCursor,
  subscribe,
  type WsConnection,
} from '../../testing/fixtures/subscription.fixture';

const redisUrl = testRedisUrl();
if (!redisUrl) {
  console.warn('Subscription specs across processes skipped: REDIS_URL is unset or Redis does not answer.');
}
const describeRedis = redisUrl ? describe : describe.skip;

const MAIN_JS = path.resolve(__dirname, '..', '..', '..', 'dist', 'src', 'main.js');
const COMPILED_WS = path.resolve(__dirname, '..', '..', '..', 'dist', 'src', 'server', 'websocket.js');

const seqOf = (cursor: string) => Number(decodeEventCursor(cursor).seq);

function trayEvent(conversation: Conversation, index: number): NewEvent {
  return {
    type: EventType.TRAY_CHANGED,
    conversationId: conversation.id,
    assigneeId: null,
    payload: { conversationId: conversation.id, view: TrayView.V2, from: null, to: TrayKind.EXPIRED, index },
  };
}

/** The compiled server as production runs it, on a free port; resolves with its GraphQL URL. */
function startChild(appSecret: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN_JS], {
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: redisUrl,
      DATA_DIR: TEST_DATA_DIR,
      APP_SECRET: appSecret,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      RUN_JOBS: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL API: (http:\/\/\S+\/graphql)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describeRedis('subscriptions across processes (one PostgreSQL, one Redis)', () => {
  const first = useTestApp({ env: { REDIS_URL: redisUrl! } });
  const second = useTestApp({ env: { REDIS_URL: redisUrl! } });
  const w = useWorkspace(first);
  let admin: Redis;
  const connections: WsConnection[] = [];

  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });
  afterAll(() => admin.disconnect());

  const connect = (url: string, token: string) => {
    const connection = connectWs(url, token);
    connections.push(connection);
    return connection;
  };

  it('a subscriber on one instance receives a change committed through another', async () => {
    const conversation = await createConversation(factoryDeps(first.app), w.channel, { assigneeId: null });
    const sub = subscribe(connect(await first.wsUrl(), w.agentA.token), TrayChangedDocument, { view: 'V2' });
    expect(await eventually(() => first.app.deps.realtime.bus.activeStreams() === 1)).toBe(true);
    // Live only (no `after`): the event can only come over Redis. Published until it arrives,
    // since the stream may still be positioning itself when the first one commits.
    for (let attempt = 0; attempt < 20 && sub.results.length === 0; attempt += 1) {
      await emitEvents(second.app.deps, w.workspace.id, [trayEvent(conversation, attempt)]);
      await sub.waitFor(1, 20);
    }
    expect(sub.data()[0]!.trayChanged.conversation.id).toBe(toGlobalId('Conversation', conversation.id));
  });

  it('one PUBLISH per event, whatever the number of subscribers', async () => {
    const conversation = await createConversation(factoryDeps(first.app), w.channel, { assigneeId: null });
    const after = await headCursor(first.app.deps, w.workspace.id);
    const subs = [first, second, first, second].map(async (app) =>
      subscribe(connect(await app.wsUrl(), w.admin.token), TrayChangedDocument, { view: 'V2', after }),
    );
    const all = await Promise.all(subs);
    const publishes = async () => {
      const info = await admin.info('commandstats');
      return Number(/cmdstat_publish:calls=(\d+)/.exec(info)?.[1] ?? 0);
    };
    const before = await publishes();
    await emitEvents(
      second.app.deps,
      w.workspace.id,
      Array.from({ length: 5 }, (_, index) => trayEvent(conversation, index)),
    );
    for (const sub of all) expect(await sub.waitFor(5)).toBe(true);
    // Other suites may publish concurrently: at least ours, and not one per subscriber.
    const published = (await publishes()) - before;
    expect(published).toBeGreaterThanOrEqual(5);
    expect(published).toBeLessThan(5 * all.length);
  });

  it('Redis subscriber connection killed mid-stream: after reconnect every event arrives once', async () => {
    const conversation = await createConversation(factoryDeps(first.app), w.channel, { assigneeId: null });
    const start = await headCursor(first.app.deps, w.workspace.id);
    const sub = subscribe(connect(await first.wsUrl(), w.admin.token), TrayChangedDocument, {
      view: 'V2',
      after: start,
    });
    const engine = first.app.deps.realtime.engine as RedisEngine;
    // The connection counts as pub/sub once its topic is subscribed.
    expect(await eventually(() => engine.stats().topics >= 1)).toBe(true);
    await engine.settled();
    const clients = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const line = clients.split('\n').find((entry) => entry.includes(` name=${engine.subscriberName} `));
    const id = /^id=(\d+)/.exec(line!)![1]!;

    const states: string[] = [];
    const off = engine.onStateChange((state) => void states.push(state));
    const total = 60;
    for (let index = 0; index < total; index += 1) {
      await emitEvents(second.app.deps, w.workspace.id, [trayEvent(conversation, index)]);
      if (index === 20) expect(await admin.client('KILL', 'TYPE', 'pubsub', 'ID', id)).toBe(1);
    }
    expect(await sub.waitFor(total, 1500)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seqs = sub.data().map((data) => seqOf(data.trayChanged.cursor));
    const from = seqOf(start);
    expect(seqs).toEqual(Array.from({ length: total }, (_, index) => from + 1 + index));
    expect(await eventually(() => engine.state === 'up')).toBe(true);
    off();
    expect(states).toEqual(['down', 'up']);
  });

  const describeChild = existsSync(COMPILED_WS) ? describe : describe.skip;
  if (!existsSync(COMPILED_WS)) console.warn('Compiled-server case skipped: run `npm run build` first.');

  describeChild('with the compiled server in a child process', () => {
    let child: ChildProcess | undefined;
    afterAll(async () => {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    });

    it('its subscriber receives a change committed in this process', async () => {
      const started = await startChild(first.config.appSecret);
      child = started.child;
      const conversation = await createConversation(factoryDeps(first.app), w.channel, { assigneeId: null });
      const after = await headCursor(first.app.deps, w.workspace.id);
      const url = started.url.replace(/^http/, 'ws');
      const sub = subscribe(connect(url, w.agentB.token), TrayChangedDocument, { view: 'V2', after });
      await emitEvents(second.app.deps, w.workspace.id, [
        trayEvent(conversation, 0),
        trayEvent(conversation, 1),
      ]);
      expect(await sub.waitFor(2)).toBe(true);
      expect(sub.data().map((data) => seqOf(data.trayChanged.cursor))).toEqual([
        seqOf(after) + 1,
        seqOf(after) + 2,
      ]);
    });
  });
});
