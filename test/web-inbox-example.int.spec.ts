import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { type InboxEvent } from '../examples/web-inbox/src/inbox-client';
import { runInbox } from '../examples/web-inbox/src/run-inbox';
import { type Conversation } from '../src/entities/conversation.entity';
import { toGlobalId } from '../src/entities/global-id';
import { createConversation } from '../src/testing/factories';
import { eventually, headCursor } from '../src/testing/fixtures/subscription.fixture';
import {
  AgentInviteDocument,
  ConversationAssignDocument,
  EventsDocument,
  PasswordSetDocument,
} from '../src/testing/generated/graphql';
import { startTcpProxy, type TcpProxy } from '../src/testing/tcp-proxy';
import { useTestApp, useWorkspace } from '../src/testing/test-lifecycle';

const PASSWORD = 'a long and honest password';
const MINUTE = 60_000;
const COMPILED_EXAMPLE = path.resolve(__dirname, '..', 'dist', 'examples', 'web-inbox', 'src', 'main.js');

/**
 * The web inbox example, run as a frontend team would run it, against the real server: what it
 * printed and returned is what is asserted.
 */
describe('examples/web-inbox against a running server', () => {
  // Several round trips and a reconnect each, on a shared machine.
  jest.setTimeout(90_000);
  const t = useTestApp({ now: new Date(), resetClock: true });
  const w = useWorkspace(t);
  let proxy: TcpProxy | undefined;
  /** Whatever a failed test left running is stopped, so the suite can end. */
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup().catch(() => undefined)));
    await proxy?.close();
    proxy = undefined;
  });

  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);

  /** An agent invited through the API: the invite token, and the agent's global id. */
  async function invite(name: string) {
    const email = `${name.toLowerCase()}-${w.workspace.id.slice(0, 8)}@test.omnitray.local`;
    const invited = await t.gql(
      AgentInviteDocument,
      { input: { email, name, role: 'AGENT' } },
      w.admin.token,
    );
    expect(invited.data!.agentInvite.userErrors).toEqual([]);
    return {
      email,
      agentId: invited.data!.agentInvite.agent!.id,
      token: invited.data!.agentInvite.inviteToken!,
    };
  }

  async function assign(conversation: Conversation, agentId: string) {
    const answer = await t.gql(
      ConversationAssignDocument,
      { input: { conversationId: gid(conversation), agentId } },
      w.admin.token,
    );
    expect(answer.data!.conversationAssign.userErrors).toEqual([]);
  }

  it('signs in, lists the trays, replies, resumes tray moves across a lost connection, refreshes its token, signs out', async () => {
    const agent = await invite('Ines');
    const set = await t.gql(PasswordSetDocument, { input: { token: agent.token, password: PASSWORD } });
    expect(set.data!.passwordSet.userErrors).toEqual([]);
    const agentDbId = (
      await t.app.deps.dataSource.query('SELECT id FROM agent WHERE email = $1', [agent.email])
    )[0].id as string;
    const mine = await createConversation(t.factories, w.channel, {
      assigneeId: agentDbId,
      agentReplied: true,
    });
    const queue = [
      await createConversation(t.factories, w.channel, { lastInboundAgoMs: 3 * MINUTE }),
      await createConversation(t.factories, w.channel, { lastInboundAgoMs: 2 * MINUTE }),
      await createConversation(t.factories, w.channel, { lastInboundAgoMs: 1 * MINUTE }),
    ];
    const start = await headCursor(t.app.deps, w.workspace.id);

    const wsUrl = await t.wsUrl();
    const url = wsUrl.replace(/^ws/, 'http');
    // The socket goes through a relay the test can cut; HTTP goes straight to the server.
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(wsUrl).port) });
    const events: InboxEvent[] = [];
    const lines: string[] = [];
    /** The access tokens the server handed out, newest last. */
    const issued: string[] = [];
    const stop = new AbortController();
    const run = runInbox(
      {
        url,
        wsUrl: `ws://127.0.0.1:${proxy.port}/graphql`,
        email: agent.email,
        password: PASSWORD,
        after: start,
        reply: 'Hola, ya lo reviso.',
        webSocketImpl: WebSocket,
        fetch: async (target, init) => {
          const response = await fetch(target, init);
          const body = (await response.clone().json()) as { data?: Record<string, { accessToken?: string }> };
          for (const payload of Object.values(body.data ?? {})) {
            if (payload?.accessToken) issued.push(payload.accessToken);
          }
          return response;
        },
        // The server's clock is the test's: expiry is judged on it.
        now: () => t.clock.now().getTime(),
        refreshCheckEveryMs: 20,
        retry: { initialMs: 20, maxMs: 100 },
        signal: stop.signal,
        onEvent: (event) => void events.push(event),
      },
      (line) => void lines.push(line),
    );
    cleanups.push(() => {
      stop.abort();
      return run;
    });
    const seen = (type: InboxEvent['type']) => events.filter((event) => event.type === type);
    const movedIds = () =>
      events.flatMap((event) => (event.type === 'moved' ? [event.move.conversation.id] : []));
    const waitFor = async (what: string, check: () => boolean) => {
      if (!(await eventually(check, 3000))) throw new Error(`never saw: ${what}\n${lines.join('\n')}`);
    };

    // Signed in, the trays listed with counts and first pages, the reply sent. The V2 trays show
    // the agent's own conversations; the unassigned ones wait in the queue, in no tray.
    await waitFor('the reply', () => seen('replied').length === 1);
    expect(seen('signed-in')[0]).toMatchObject({ agent: { email: agent.email, role: 'AGENT' } });
    const [listed] = seen('trays') as Extract<InboxEvent, { type: 'trays' }>[];
    expect(listed!.trays.map(({ kind, count }) => ({ kind, count }))).toEqual([
      { kind: 'ACTIVE', count: 1 },
      { kind: 'EXPIRED', count: 0 },
      { kind: 'OUTGOING', count: 0 },
    ]);
    expect(listed!.trays[0]!.conversations.map((conversation) => conversation.id)).toEqual([gid(mine)]);
    expect(seen('replied')[0]).toMatchObject({
      conversationId: gid(mine),
      message: { status: 'QUEUED', text: 'Hola, ya lo reviso.' },
    });

    // A change made by someone else arrives as a push.
    await assign(queue[0]!, agent.agentId);
    await waitFor('the first move', () => movedIds().includes(gid(queue[0]!)));
    const beforeCut = events.filter((event) => event.type === 'moved').at(-1) as Extract<
      InboxEvent,
      { type: 'moved' }
    >;

    // The connection is lost; a move happens meanwhile; the client resumes after its last cursor.
    proxy.cut();
    await waitFor('the lost connection', () => seen('disconnected').length > 0);
    await assign(queue[1]!, agent.agentId);
    proxy.restore();
    await waitFor('the move made while offline', () => movedIds().includes(gid(queue[1]!)));
    expect(seen('resubscribing')).toContainEqual(
      expect.objectContaining({ operation: 'TrayMoves', after: beforeCut.move.cursor }),
    );
    expect(seen('connected')).toHaveLength(2);

    // Near expiry the token is refreshed and handed to the open socket, which outlives the old one.
    t.clock.advance(14.5 * MINUTE);
    await waitFor('the renewed socket', () => seen('renewed').length === 1);
    expect(seen('token-refreshed')).toHaveLength(1);
    t.clock.advance(MINUTE);
    await t.app.websocket.recheckPrincipals();
    await assign(queue[2]!, agent.agentId);
    await waitFor('the move after the refresh', () => movedIds().includes(gid(queue[2]!)));
    const viewer = '{ viewer { agent { email } } }';
    expect(issued).toHaveLength(2);
    expect((await t.gql(viewer, {}, issued[1]!)).data).toEqual({ viewer: { agent: { email: agent.email } } });

    stop.abort();
    const result = await run;
    expect(result).toMatchObject({ connections: 2, refreshes: 1, revokedSessions: 1 });
    expect(
      events.slice(events.indexOf(seen('renewed')[0]!)).filter((event) => event.type === 'disconnected'),
    ).toEqual([]);

    // Nothing lost, nothing twice: the moves are exactly the agent's tray moves in the event log.
    const log = await t.gql(EventsDocument, { after: start, first: 100 }, w.admin.token);
    const agentView = log
      .data!.events.edges.filter(
        (edge) =>
          edge.node.type === 'TRAY_CHANGED' &&
          edge.node.trayChange?.view === 'V2' &&
          [gid(mine), ...queue.map(gid)].includes(edge.node.conversation!.id),
      )
      .map((edge) => edge.cursor);
    expect(result.moves.map((move) => move.cursor)).toEqual(agentView);
    expect(new Set(result.moves.map((move) => move.cursor)).size).toBe(result.moves.length);
    expect(movedIds().filter((id) => queue.map(gid).includes(id))).toEqual(queue.map(gid));
    expect(result.lastCursor).toBe(result.moves.at(-1)!.cursor);

    // Signed out: its current access token, still within its 15 minutes, is refused from now on.
    const signedOut = await t.gql(viewer, {}, issued[1]!);
    expect(signedOut.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^signed in as Ines <ines-.*> \(AGENT\); access token valid until /),
        'trays: ACTIVE 1 · EXPIRED 0 · OUTGOING 0',
        expect.stringMatching(new RegExp(`^  ACTIVE ${gid(mine)} Customer \\w+: "Hola, necesito ayuda"$`)),
        expect.stringMatching(
          new RegExp(`^replied to ${gid(mine)} \\(message \\S+\\): QUEUED "Hola, ya lo reviso."$`),
        ),
        expect.stringMatching(new RegExp(`^moved: ${gid(queue[1]!)} .* — → ACTIVE \\(cursor `)),
        expect.stringMatching(/^connection lost \(1006/),
        expect.stringMatching(/^token refreshed; valid until /),
        'socket re-authenticated with the new token',
        'signed out (1 session revoked)',
        `resume later with --after ${result.lastCursor}`,
      ]),
    );
  });

  const itCompiled = existsSync(COMPILED_EXAMPLE) ? it : it.skip;
  if (!existsSync(COMPILED_EXAMPLE))
    console.warn('The compiled web inbox case is skipped: run `npm run build` first.');

  itCompiled(
    'runs from the terminal: accepts an invite, prints the trays and a move, signs out',
    async () => {
      const agent = await invite('Bruna');
      const waiting = await createConversation(t.factories, w.channel);
      const start = await headCursor(t.app.deps, w.workspace.id);
      const url = (await t.wsUrl()).replace(/^ws/, 'http');
      const child = spawn(
        process.execPath,
        [
          COMPILED_EXAMPLE,
          ...['--url', url, '--email', agent.email, '--password-token', agent.token],
          ...['--after', start, '--exit-after', '1'],
        ],
        { env: { ...process.env, OMNITRAY_PASSWORD: PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      cleanups.push(async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      });

      expect(await eventually(() => /^trays: /m.test(stdout), 3000)).toBe(true);
      await assign(waiting, agent.agentId);
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      const lines = stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^signed in as Bruna <bruna-.*> \(AGENT\)/);
      expect(lines).toContain(`watching tray moves after ${start}`);
      expect(lines).toContain('trays: ACTIVE 0 · EXPIRED 0 · OUTGOING 0');
      // Assigned from the queue (in no V2 tray) to the agent: into ACTIVE.
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^moved: ${gid(waiting)} Customer \\w+ — → ACTIVE \\(cursor \\S+\\)$`),
        ),
      );
      expect(lines.slice(-2)).toEqual([
        'signed out (1 session revoked)',
        expect.stringMatching(/^resume later with --after \S+$/),
      ]);

      // The invite is spent and the password it set signs in.
      const again = await t.gql(
        'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { userErrors { code } agent { email } } }',
        { input: { email: agent.email, password: PASSWORD } },
      );
      expect(again.data).toMatchObject({ sessionCreate: { userErrors: [], agent: { email: agent.email } } });
    },
  );
});
