import { print } from 'graphql';
import { CloseCode, createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AgentCredential } from '../entities/agent-credential.entity';
import { TrayKind, TrayView } from '../entities/enums';
import { type Conversation } from '../entities/conversation.entity';
import { hashPassword } from '../auth/password-hashing';
import { EventType, type NewEvent } from '../realtime/event-types';
import { createConversation } from '../testing/factories';
import { emitEvents, eventually, headCursor } from '../testing/fixtures/subscription.fixture';
import {
  SessionCreateDocument,
  SessionRefreshDocument,
  TrayChangedDocument,
} from '../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

/** A graphql-ws client that can send the renewal ping, and reports pongs and the close code. */
function connect(url: string, accessToken: string) {
  let socket: WebSocket | undefined;
  const pongs: unknown[] = [];
  let onClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    connectionParams: { authorization: `Bearer ${accessToken}` },
    on: {
      connected: (opened) => (socket = opened as WebSocket),
      pong: (received, payload) => void (received && pongs.push(payload)),
      closed: (event) => onClosed((event as { code: number }).code),
    },
  });
  return {
    client,
    closed,
    /** Sends a ping, with `{ authorization }` when a token is given; resolves once its pong arrived. */
    async ping(newAccessToken?: string): Promise<void> {
      expect(await eventually(() => socket !== undefined)).toBe(true);
      const before = pongs.length;
      const payload = newAccessToken ? { payload: { authorization: `Bearer ${newAccessToken}` } } : {};
      socket!.send(JSON.stringify({ type: 'ping', ...payload }));
      expect(await eventually(() => pongs.length > before)).toBe(true);
    },
    /** Sends the renewal ping without waiting for an answer (the server may close instead). */
    sendRenewal(newAccessToken: string): void {
      socket!.send(JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${newAccessToken}` } }));
    },
    /** Resolves with the close code, or null if the socket is still open after a short wait. */
    closeCodeSoon: () =>
      Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 300))]),
  };
}

function trayEvent(conversation: Conversation): NewEvent {
  return {
    type: EventType.TRAY_CHANGED,
    conversationId: conversation.id,
    assigneeId: null,
    payload: { conversationId: conversation.id, view: TrayView.V2, from: null, to: TrayKind.EXPIRED },
  };
}

describe('WebSocket: renewing the access token on an open connection', () => {
  const t = useTestApp({ env: { REDIS_URL: '' }, now: new Date('2026-04-01T09:00:00Z'), resetClock: true });
  const w = useWorkspace(t);
  const opened: { client: Client }[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((connection) => connection.client.dispose()));
  });

  async function signIn() {
    const admin = w.admin.agent;
    await t.app.deps.dataSource.getRepository(AgentCredential).upsert(
      {
        agentId: admin.id,
        workspaceId: admin.workspaceId,
        passwordHash: await hashPassword(PASSWORD),
        passwordChangedAt: t.clock.now(),
      },
      ['agentId'],
    );
    const signed = await t.gql(SessionCreateDocument, { input: { email: admin.email, password: PASSWORD } });
    return signed.data!.sessionCreate;
  }

  async function open(accessToken: string) {
    const connection = connect(await t.wsUrl(), accessToken);
    opened.push(connection);
    const results: unknown[] = [];
    const after = await headCursor(t.app.deps, w.workspace.id);
    connection.client.subscribe(
      { query: print(TrayChangedDocument), variables: { view: 'V2', after } },
      { next: (result) => void results.push(result), error: () => {}, complete: () => {} },
    );
    return { ...connection, results };
  }

  it('a subscription outlives the old token once the client sent the new one; without it, 4401', async () => {
    const session = await signIn();
    const renewed = await open(session.accessToken!);
    const stale = await open(session.accessToken!);
    expect(await eventually(() => t.app.websocket.connections() === 2)).toBe(true);
    const conversation = await createConversation(t.factories, w.channel);
    await emitEvents(t.app.deps, w.workspace.id, [trayEvent(conversation)]);
    expect(await eventually(() => renewed.results.length === 1 && stale.results.length === 1)).toBe(true);

    // Ten minutes in, the client refreshes and hands the new access token to its connection.
    t.clock.advance(10 * MINUTE);
    const next = (await t.gql(SessionRefreshDocument, { input: { refreshToken: session.refreshToken! } }))
      .data!.sessionRefresh;
    expect(next.userErrors).toEqual([]);
    await renewed.ping(next.accessToken!);

    // Past the first token's expiry the periodic check closes only the connection that kept it.
    t.clock.advance(6 * MINUTE);
    await t.app.websocket.recheckPrincipals();
    expect(await stale.closed).toBe(CloseCode.Unauthorized);
    expect(await renewed.closeCodeSoon()).toBeNull();
    await emitEvents(t.app.deps, w.workspace.id, [trayEvent(conversation)]);
    expect(await eventually(() => renewed.results.length === 2)).toBe(true);
    expect(renewed.results[1]).toMatchObject({ data: { trayChanged: { to: 'EXPIRED' } } });

    // The renewed token expires in its turn.
    t.clock.advance(10 * MINUTE);
    await t.app.websocket.recheckPrincipals();
    expect(await renewed.closed).toBe(CloseCode.Unauthorized);
  });

  it('a bad token in the ping closes 4401; another principal’s token closes 4403; plain pings change nothing', async () => {
    const session = await signIn();
    const plain = await open(session.accessToken!);
    const bad = await open(session.accessToken!);
    const foreign = await open(session.accessToken!);
    expect(await eventually(() => t.app.websocket.connections() === 3)).toBe(true);
    await plain.ping();

    bad.sendRenewal('ots_forged.token');
    expect(await bad.closed).toBe(CloseCode.Unauthorized);
    foreign.sendRenewal(w.agentA.token);
    expect(await foreign.closed).toBe(CloseCode.Forbidden);
    // A keep-alive ping without a payload is answered and leaves the credentials as they are.
    await plain.ping();
    await t.app.websocket.recheckPrincipals();
    expect(await plain.closeCodeSoon()).toBeNull();
  });

  it('a revoked session’s connection closes at the next check (4403), renewed or not', async () => {
    const session = await signIn();
    const connection = await open(session.accessToken!);
    expect(await eventually(() => t.app.websocket.connections() === 1)).toBe(true);
    await t.gql(
      'mutation($t: String!) { sessionRevoke(input: { refreshToken: $t }) { revokedSessionCount } }',
      {
        t: session.refreshToken,
      },
    );
    await t.app.websocket.recheckPrincipals();
    expect(await connection.closed).toBe(CloseCode.Forbidden);
  });
});
