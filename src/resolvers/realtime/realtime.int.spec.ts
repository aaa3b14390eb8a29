import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { ApiKey } from '../../entities/api-key.entity';
import { Agent } from '../../entities/agent.entity';
import { type Conversation } from '../../entities/conversation.entity';
import { ApiKeyScope, MessageStatus, TrayKind, TrayView } from '../../entities/enums';
import { decodeEventCursor } from '../../realtime/event-log';
import { EventType, type NewEvent } from '../../realtime/event-types';
import { toGlobalId } from '../../entities/global-id';
import {
  createConversation,
  createMessage,
  createTestApiKey,
  createTestWorkspace,
  factoryDeps,
  type TestWorkspace,
} from '../../testing/factories';
import {
  EventsDocument,
  MessageAddedDocument,
  MessageDeliveryFailedDocument,
  MessageStatusChangedDocument,
  TrayChangedDocument,
  TrayCountsChangedDocument,
  type TrayChangedSubscription,
} from '../../testing/generated/graphql';
import { startTestApp } from '../../testing/test-app';
import { useTestApp } from '../../testing/test-lifecycle';
import {
  connectWs,
  emitEvents,
  eventually,
  headCursor,
  subscribe,
  type WsConnection,
} from '../../testing/fixtures/subscription.fixture';

const seqOf = (cursor: string) => Number(decodeEventCursor(cursor).seq);

function trayEvent(
  conversation: Conversation,
  to: TrayKind | null,
  assigneeId: string | null,
  extra: Partial<NewEvent> = {},
  view = TrayView.V2,
): NewEvent {
  return {
    type: EventType.TRAY_CHANGED,
    conversationId: conversation.id,
    assigneeId,
    payload: { conversationId: conversation.id, view, from: null, to, assigneeId },
    ...extra,
  };
}

describe('subscriptions over graphql-ws (one process)', () => {
  const t = useTestApp({ env: { REDIS_URL: '' } });
  const deps = t.factories;
  let url: string;
  const connections: WsConnection[] = [];

  const connect = (token: string | null) => {
    const connection = connectWs(url, token);
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    url = await t.wsUrl();
  });
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });

  it('trayChanged delivers moves of its view with a cursor, replaying after `after`', async () => {
    const w = await createTestWorkspace(deps);
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const after = await headCursor(t.app.deps, w.workspace.id);
    const sub = subscribe(connect(w.admin.token), TrayChangedDocument, { view: 'V2', after });
    await emitEvents(t.app.deps, w.workspace.id, [
      trayEvent(conversation, TrayKind.ACTIVE, w.agentA.agent.id, {}, TrayView.CLASSIC),
      trayEvent(conversation, TrayKind.ACTIVE, w.agentA.agent.id),
    ]);
    expect(await sub.waitFor(1)).toBe(true);
    const [change] = sub.data().map((data) => data.trayChanged);
    expect(change).toMatchObject({
      view: 'V2',
      from: null,
      to: 'ACTIVE',
      conversation: { id: toGlobalId('Conversation', conversation.id), handler: 'AGENT' },
    });
    expect(seqOf(change!.cursor)).toBe(seqOf(after) + 2);
  });

  it('leaks nothing across workspaces or to agents who may not see the conversation', async () => {
    const w = await createTestWorkspace(deps);
    const other = await createTestWorkspace(deps);
    const a = w.agentA.agent.id;
    const b = w.agentB.agent.id;
    const ofA = await createConversation(deps, w.channel, { assigneeId: a });
    const ofB = await createConversation(deps, w.channel, { assigneeId: b });
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    const movedAtoB = await createConversation(deps, w.channel, { assigneeId: b });
    const sentinel = await createConversation(deps, w.channel, { assigneeId: null });
    const foreign = await createConversation(deps, other.channel, { assigneeId: other.agentA.agent.id });
    const foreignQueued = await createConversation(deps, other.channel, { assigneeId: null });
    const key = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ]);

    const viewers: Record<string, string> = {
      admin: w.admin.token,
      key: key.key,
      agentA: w.agentA.token,
      agentB: w.agentB.token,
      otherAdmin: other.admin.token,
    };
    const subs = Object.fromEntries(
      await Promise.all(
        Object.entries(viewers).map(async ([name, token]) => {
          const workspaceId = name === 'otherAdmin' ? other.workspace.id : w.workspace.id;
          const after = await headCursor(t.app.deps, workspaceId);
          return [name, subscribe(connect(token), TrayChangedDocument, { view: 'V2', after })] as const;
        }),
      ),
    );

    await emitEvents(t.app.deps, other.workspace.id, [
      trayEvent(foreign, TrayKind.ACTIVE, other.agentA.agent.id),
      trayEvent(foreignQueued, TrayKind.EXPIRED, null),
    ]);
    await emitEvents(t.app.deps, w.workspace.id, [
      trayEvent(ofA, TrayKind.ACTIVE, a),
      trayEvent(ofB, TrayKind.ACTIVE, b),
      trayEvent(queued, TrayKind.EXPIRED, null),
      trayEvent(movedAtoB, TrayKind.ACTIVE, b, { previousAssigneeId: a }),
      trayEvent(sentinel, TrayKind.EXPIRED, null),
    ]);

    const gid = (c: Conversation) => toGlobalId('Conversation', c.id);
    const expected: Record<string, string[]> = {
      admin: [ofA, ofB, queued, movedAtoB, sentinel].map(gid),
      key: [ofA, ofB, queued, movedAtoB, sentinel].map(gid),
      agentA: [ofA, queued, movedAtoB, sentinel].map(gid),
      agentB: [ofB, queued, movedAtoB, sentinel].map(gid),
      otherAdmin: [foreign, foreignQueued].map(gid),
    };
    for (const [name, ids] of Object.entries(expected)) {
      expect(await subs[name]!.waitFor(ids.length)).toBe(true);
    }
    // A last event everyone of the workspace sees: anything leaked would have arrived before it.
    await emitEvents(t.app.deps, other.workspace.id, [trayEvent(foreignQueued, null, null)]);
    expect(await subs.otherAdmin!.waitFor(3)).toBe(true);
    for (const [name, ids] of Object.entries(expected)) {
      const received = subs[name]!.data().map(
        (data: TrayChangedSubscription) => data.trayChanged.conversation.id,
      );
      expect({ name, received }).toEqual({
        name,
        received: name === 'otherAdmin' ? [...ids, gid(foreignQueued)] : ids,
      });
      expect(subs[name]!.results.filter((result) => result.errors)).toEqual([]);
    }
  });

  it('executes each event once per visibility class and document: shared within a class, never across', async () => {
    const w = await createTestWorkspace(deps);
    const a = w.agentA.agent.id;
    const b = w.agentB.agent.id;
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    const ofA = await createConversation(deps, w.channel, { assigneeId: a });
    const ofB = await createConversation(deps, w.channel, { assigneeId: b });
    const key = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ]);
    const after = await headCursor(t.app.deps, w.workspace.id);
    const tokens: Record<string, string> = {
      admin1: w.admin.token,
      admin2: w.admin.token,
      admin3: w.admin.token,
      key: key.key,
      agentA1: w.agentA.token,
      agentA2: w.agentA.token,
      agentB: w.agentB.token,
    };
    // Same document and variables for all: only the visibility class tells them apart.
    const subs = Object.fromEntries(
      Object.entries(tokens).map(([name, token]) => [
        name,
        subscribe(connect(token), TrayChangedDocument, { view: 'V2', after }),
      ]),
    );
    const before = t.app.websocket.executionStats();
    await emitEvents(t.app.deps, w.workspace.id, [
      trayEvent(queued, TrayKind.EXPIRED, null),
      trayEvent(ofA, TrayKind.ACTIVE, a),
      trayEvent(ofB, TrayKind.ACTIVE, b),
    ]);

    const gid = (c: Conversation) => toGlobalId('Conversation', c.id);
    const all = [queued, ofA, ofB].map(gid);
    const expected: Record<string, string[]> = {
      admin1: all,
      admin2: all,
      admin3: all,
      key: all,
      agentA1: [queued, ofA].map(gid),
      agentA2: [queued, ofA].map(gid),
      agentB: [queued, ofB].map(gid),
    };
    for (const [name, ids] of Object.entries(expected))
      expect(await subs[name]!.waitFor(ids.length)).toBe(true);
    // A last event everyone sees: anything leaked would have arrived before it.
    await emitEvents(t.app.deps, w.workspace.id, [trayEvent(queued, TrayKind.ACTIVE, null)]);
    for (const [name, ids] of Object.entries(expected)) {
      expect(await subs[name]!.waitFor(ids.length + 1)).toBe(true);
      const received = subs[name]!.data().map(
        (data: TrayChangedSubscription) => data.trayChanged.conversation.id,
      );
      expect({ name, received }).toEqual({ name, received: [...ids, gid(queued)] });
      expect(subs[name]!.results.filter((result) => result.errors)).toEqual([]);
    }

    // Counted, not timed. Classes: admins, the read key, agent A, agent B. The queued events (2)
    // run for all 4, A's for admins, key and A, B's for admins, key and B: 14 executions for 25
    // deliveries.
    const stats = t.app.websocket.executionStats();
    expect(stats.executions - before.executions).toBe(14);
    expect(stats.shared - before.shared).toBe(25 - 14);
  });

  it('resumes with `after`: what was missed is replayed, then live, with no gap and no duplicate', async () => {
    const w = await createTestWorkspace(deps);
    const conversation = await createConversation(deps, w.channel, { assigneeId: null });
    const start = await headCursor(t.app.deps, w.workspace.id);
    const batch = (count: number) =>
      emitEvents(
        t.app.deps,
        w.workspace.id,
        Array.from({ length: count }, () => trayEvent(conversation, TrayKind.EXPIRED, null)),
      );

    const first = subscribe(connect(w.agentA.token), TrayChangedDocument, { view: 'V2', after: start });
    await batch(5);
    expect(await first.waitFor(5)).toBe(true);
    const lastSeen = first.data().at(-1)!.trayChanged.cursor;
    first.unsubscribe();

    await batch(5); // written while nobody listens
    const resumed = subscribe(connect(w.agentA.token), TrayChangedDocument, { view: 'V2', after: lastSeen });
    expect(await resumed.waitFor(5)).toBe(true);
    await batch(5); // live
    expect(await resumed.waitFor(10)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const seqs = [...first.data(), ...resumed.data()].map((data) => seqOf(data.trayChanged.cursor));
    const from = seqOf(start);
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, index) => from + 1 + index));
  });

  it('message subscriptions: added per conversation, status changes, and the red-triangle feed', async () => {
    const w = await createTestWorkspace(deps);
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const elsewhere = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const message = await createMessage(deps, conversation, { text: 'hola' });
    const otherMessage = await createMessage(deps, elsewhere);
    const after = await headCursor(t.app.deps, w.workspace.id);
    const connection = connect(w.agentA.token);
    const added = subscribe(connection, MessageAddedDocument, {
      conversationId: toGlobalId('Conversation', conversation.id),
      after,
    });
    const statuses = subscribe(connection, MessageStatusChangedDocument, { after });
    const failures = subscribe(connection, MessageDeliveryFailedDocument, { after });

    const audience = { conversationId: conversation.id, assigneeId: w.agentA.agent.id };
    const failed = {
      messageId: message.id,
      conversationId: conversation.id,
      status: 'FAILED',
      previousStatus: 'SENT',
    };
    await emitEvents(t.app.deps, w.workspace.id, [
      {
        type: EventType.MESSAGE_ADDED,
        conversationId: elsewhere.id,
        assigneeId: w.agentA.agent.id,
        payload: { messageId: otherMessage.id, conversationId: elsewhere.id },
      },
      {
        type: EventType.MESSAGE_ADDED,
        ...audience,
        payload: { messageId: message.id, conversationId: conversation.id },
      },
      {
        type: EventType.MESSAGE_STATUS_CHANGED,
        ...audience,
        payload: {
          messageId: message.id,
          conversationId: conversation.id,
          status: 'SENT',
          previousStatus: 'QUEUED',
        },
      },
      { type: EventType.MESSAGE_STATUS_CHANGED, ...audience, payload: failed },
      { type: EventType.MESSAGE_DELIVERY_FAILED, ...audience, payload: failed },
    ]);
    expect(await added.waitFor(1)).toBe(true);
    expect(await statuses.waitFor(2)).toBe(true);
    expect(await failures.waitFor(1)).toBe(true);
    await emitEvents(t.app.deps, w.workspace.id, [
      {
        type: EventType.MESSAGE_ADDED,
        ...audience,
        payload: { messageId: message.id, conversationId: conversation.id },
      },
    ]);
    expect(await added.waitFor(2)).toBe(true);

    expect(added.data().map((data) => data.messageAdded.message)).toEqual([
      { id: toGlobalId('Message', message.id), text: 'hola' },
      { id: toGlobalId('Message', message.id), text: 'hola' },
    ]);
    expect(
      statuses
        .data()
        .map((data) => [data.messageStatusChanged.previousStatus, data.messageStatusChanged.status]),
    ).toEqual([
      ['QUEUED', 'SENT'],
      ['SENT', MessageStatus.FAILED],
    ]);
    expect(failures.results).toHaveLength(1);
    expect(failures.data()[0]!.messageDeliveryFailed.status).toBe('FAILED');
  });

  it('trayCountsChanged sends the counts at once, then one recount per burst', async () => {
    const w = await createTestWorkspace(deps);
    const conversations = await Promise.all(
      Array.from({ length: 6 }, () => createConversation(deps, w.channel, { assigneeId: null })),
    );
    const sub = subscribe(connect(w.admin.token), TrayCountsChangedDocument, { view: 'V2' });
    expect(await sub.waitFor(1)).toBe(true);
    expect(sub.data()[0]!.trayCountsChanged).toEqual([
      { kind: 'ACTIVE', view: 'V2', count: 0 },
      { kind: 'EXPIRED', view: 'V2', count: 0 },
      { kind: 'OUTGOING', view: 'V2', count: 0 },
    ]);
    // A mass assignment: six moves committed together.
    const a = w.agentA.agent.id;
    await t.app.deps.dataSource.query('UPDATE conversation SET assignee_id = $1 WHERE workspace_id = $2', [
      a,
      w.workspace.id,
    ]);
    await emitEvents(
      t.app.deps,
      w.workspace.id,
      conversations.map((conversation) => trayEvent(conversation, TrayKind.ACTIVE, a)),
    );
    expect(await sub.waitFor(2)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sub.results.length).toBeLessThanOrEqual(3);
    expect(sub.data().at(-1)!.trayCountsChanged[0]).toEqual({ kind: 'ACTIVE', view: 'V2', count: 6 });
  });

  it('Tray.id is the same for the same view, kind and filter in trays and trayCountsChanged, and keeps filters apart', async () => {
    const w = await createTestWorkspace(deps);
    await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    type TrayRow = { id: string; kind: string; count: number };
    const trays = async (agentId: string | null) => {
      const result = await t.gql(
        'query($a: ID) { trays(view: V2, agentId: $a) { id kind count } }',
        { a: agentId },
        w.admin.token,
      );
      expect(result.errors).toBeUndefined();
      return (result.data as { trays: TrayRow[] }).trays;
    };
    const agentA = toGlobalId('Agent', w.agentA.agent.id);
    const workspace = await trays(null);
    const mine = await trays(agentA);
    // Stable: asked again, the same ids; per agent and for the workspace, never the same id.
    expect((await trays(agentA)).map((tray) => tray.id)).toEqual(mine.map((tray) => tray.id));
    const ids = [...workspace, ...mine].map((tray) => tray.id);
    expect(new Set(ids).size).toBe(ids.length);
    const total = (rows: TrayRow[]) => rows.reduce((sum, tray) => sum + tray.count, 0);
    expect(total(mine)).toBe(1);
    expect(total(workspace)).toBe(2);
    const counts = subscribe(
      connect(w.admin.token),
      parse(
        'subscription($a: ID) { trayCountsChanged(view: V2, agentId: $a) { id kind count } }',
      ) as TypedDocumentNode<{ trayCountsChanged: TrayRow[] }, { a: string | null }>,
      { a: agentA },
    );
    expect(await counts.waitFor(1)).toBe(true);
    expect(counts.data()[0]!.trayCountsChanged).toEqual(mine);
  });

  it('events(after, first): the same cursors and visibility, pages that advance, CURSOR_EXPIRED', async () => {
    const w = await createTestWorkspace(deps);
    const mine = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const start = await headCursor(t.app.deps, w.workspace.id);
    const sub = subscribe(connect(w.agentA.token), TrayChangedDocument, { view: 'V2', after: start });
    await emitEvents(t.app.deps, w.workspace.id, [
      trayEvent(mine, TrayKind.ACTIVE, w.agentA.agent.id),
      trayEvent(theirs, TrayKind.ACTIVE, w.agentB.agent.id),
      trayEvent(mine, TrayKind.EXPIRED, w.agentA.agent.id),
    ]);
    expect(await sub.waitFor(2)).toBe(true);

    const page1 = await t.gql(EventsDocument, { after: start, first: 2 }, w.agentA.token);
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.events.edges.map((edge) => edge.cursor)).toEqual([sub.data()[0]!.trayChanged.cursor]);
    expect(page1.data!.events.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.gql(
      EventsDocument,
      { after: page1.data!.events.pageInfo.endCursor, first: 2 },
      w.agentA.token,
    );
    expect(page2.data!.events.edges.map((edge) => edge.cursor)).toEqual([sub.data()[1]!.trayChanged.cursor]);
    expect(page2.data!.events.edges[0]!.node).toMatchObject({
      type: 'TRAY_CHANGED',
      trayChange: { view: 'V2', from: null, to: 'EXPIRED' },
    });
    expect(page2.data!.events.pageInfo.hasNextPage).toBe(false);

    const admin = await t.gql(EventsDocument, { after: start, first: 10 }, w.admin.token);
    expect(admin.data!.events.edges).toHaveLength(3);

    // Retention pruned the first events: a cursor before them is expired, here as over WebSocket.
    await t.app.deps.dataSource.query('DELETE FROM event_log WHERE workspace_id = $1 AND seq <= $2', [
      w.workspace.id,
      seqOf(start) + 1,
    ]);
    const expired = await t.gql(EventsDocument, { after: start, first: 10 }, w.admin.token);
    expect(expired.errors?.[0]?.extensions?.code).toBe('CURSOR_EXPIRED');
    const resumed = subscribe(connect(w.admin.token), TrayChangedDocument, { view: 'V2', after: start });
    expect(await resumed.waitFor(1)).toBe(true);
    expect(resumed.results[0]!.errors?.[0]?.extensions?.code).toBe('CURSOR_EXPIRED');
  });

  describe('auth and limits', () => {
    it('closes with 4401 for a bad or absent token', async () => {
      expect(await connect('not-a-token').closed).toBe(CloseCode.Unauthorized);
      expect(await connect(null).closed).toBe(CloseCode.Unauthorized);
    });

    it('ends the subscriptions of a revoked key and of a deactivated agent (4403)', async () => {
      const w = await createTestWorkspace(deps);
      const key = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ]);
      const keyConnection = connect(key.key);
      const agentConnection = connect(w.agentA.token);
      const keySub = subscribe(keyConnection, TrayChangedDocument, { view: 'V2' });
      const agentSub = subscribe(agentConnection, TrayChangedDocument, { view: 'V2' });
      expect(await eventually(() => t.app.websocket.connections() >= 2)).toBe(true);

      await t.app.websocket.recheckPrincipals();
      expect(t.app.websocket.connections()).toBeGreaterThanOrEqual(2);

      await t.app.deps.dataSource
        .getRepository(ApiKey)
        .update({ workspaceId: w.workspace.id }, { revokedAt: new Date() });
      await t.app.deps.dataSource.getRepository(Agent).update({ id: w.agentA.agent.id }, { active: false });
      await t.app.websocket.recheckPrincipals();
      expect(await keyConnection.closed).toBe(CloseCode.Forbidden);
      expect(await agentConnection.closed).toBe(CloseCode.Forbidden);
      expect(await keySub.ended).toBeTruthy();
      expect(await agentSub.ended).toBeTruthy();
    });

    it('applies the HTTP limits in onSubscribe: too deep is QUERY_TOO_COMPLEX; queries stay on HTTP', async () => {
      const w = await createTestWorkspace(deps);
      const connection = connect(w.admin.token);
      const deep = `subscription { trayChanged { conversation { customer { conversations(first: 1) { nodes {
        customer { conversations(first: 1) { nodes { customer { conversations(first: 1) { nodes { id } } } } } } } } } } } }`;
      const errors: unknown[] = [];
      for (const query of [deep, '{ viewer { __typename } }', 'subscription { nope }']) {
        errors.push(
          await new Promise((resolve) =>
            connection.client.subscribe(
              { query },
              { next: () => {}, error: resolve, complete: () => resolve(null) },
            ),
          ),
        );
      }
      const codes = errors.map(
        (error) => (error as { extensions?: { code?: string } }[])[0]?.extensions?.code,
      );
      expect(codes).toEqual(['QUERY_TOO_COMPLEX', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    });

    it('a foreign conversationId is NOT_FOUND', async () => {
      const w = await createTestWorkspace(deps);
      const other = await createTestWorkspace(deps);
      const foreign = await createConversation(deps, other.channel);
      const sub = subscribe(connect(w.admin.token), MessageAddedDocument, {
        conversationId: toGlobalId('Conversation', foreign.id),
      });
      expect(await sub.waitFor(1)).toBe(true);
      expect(sub.results[0]!.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});

describe('shutdown', () => {
  it('closes sockets with 1001 and ends their streams', async () => {
    const t = await startTestApp({ env: { REDIS_URL: '' } });
    const w: TestWorkspace = await createTestWorkspace(factoryDeps(t.app));
    const connection = connectWs(await t.wsUrl(), w.admin.token);
    const sub = subscribe(connection, TrayChangedDocument, { view: 'V2' });
    expect(await eventually(() => t.app.deps.realtime.bus.activeStreams() === 1)).toBe(true);
    await t.close();
    expect(await connection.closed).toBe(1001);
    expect(await sub.ended).toBeTruthy();
    expect(t.app.deps.realtime.bus.activeStreams()).toBe(0);
    await connection.dispose();
  });
});
