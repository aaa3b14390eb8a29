import {
  ConversationCloseDocument,
  ConversationSetPriorityDocument,
  ConversationSnoozeDocument,
  ConversationUnsnoozeDocument,
  MessageInboundDocument,
  MessageSendDocument,
  OrderedConversationsDocument,
  type OrderedConversationsQueryVariables,
  OrderedTrayDocument,
  TrayChangedDocument,
  TrayIdsDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createCustomer,
  createTestApiKey,
  enqueuedJobs,
} from '../../testing/factories';
import {
  connectWs,
  headCursor,
  subscribe,
  type WsConnection,
} from '../../testing/fixtures/subscription.fixture';
import { toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { ApiKeyScope, ChannelKind, ConversationEventType, Handler, Priority } from '../../entities/enums';
import { JobName } from '../../runtime/job-queue';
import { TrayTimerTooEarlyError } from '../../services/conversation/tray-timers';
import { WINDOW_MS } from '../../services/conversation/tray-rules';

const NOW = new Date('2031-05-05T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('priority, waiting time and snooze', () => {
  const t = useTestApp({ now: NOW, resetClock: true, env: { REDIS_URL: '' } });
  const deps = t.factories;
  const w = useWorkspace(t);
  const connections: WsConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });

  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);
  const history = (conversation: Conversation, type: ConversationEventType) =>
    deps.dataSource.getRepository(ConversationEvent).find({
      where: { conversationId: conversation.id, type },
      order: { createdAt: 'ASC' },
    });
  const setPriority = (conversation: Conversation, priority: Priority, token: string) =>
    t.gql(ConversationSetPriorityDocument, { input: { conversationId: gid(conversation), priority } }, token);
  const snooze = (conversation: Conversation, until: Date, token = w.agentA.token) =>
    t.gql(
      ConversationSnoozeDocument,
      { input: { conversationId: gid(conversation), until: until.toISOString() } },
      token,
    );
  const ordered = async (variables: OrderedConversationsQueryVariables) =>
    (await t.gql(OrderedConversationsDocument, variables, w.agentA.token)).data!.conversations;
  const newTray = async (token = w.agentA.token) =>
    (
      await t.gql(TrayIdsDocument, { kind: 'NEW', view: 'CLASSIC' }, token)
    ).data!.tray.conversations.nodes.map((node) => node.id);

  describe('conversationSetPriority', () => {
    it('agents on what they may work on, the bot on what it holds, partners with a write key; recorded once per change', async () => {
      const mine = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      const set = await setPriority(mine, Priority.HIGH, w.agentA.token);
      expect(set.data!.conversationSetPriority).toMatchObject({
        userErrors: [],
        conversation: { priority: 'HIGH' },
      });
      await setPriority(mine, Priority.HIGH, w.agentA.token);
      expect((await history(mine, ConversationEventType.PRIORITY_CHANGED)).map((line) => line.data)).toEqual([
        { from: 'NONE', to: 'HIGH' },
      ]);

      const othersAsAgent = await setPriority(mine, Priority.LOW, w.agentB.token);
      expect(othersAsAgent.data!.conversationSetPriority.userErrors[0]!.code).toBe('NOT_ASSIGNEE');

      const held = await createConversation(deps, w.channel, { handler: Handler.BOT });
      const { key: botKey } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT]);
      const byBot = await setPriority(held, Priority.URGENT, botKey);
      expect(byBot.data!.conversationSetPriority.conversation).toMatchObject({ priority: 'URGENT' });

      const { key: partnerKey } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE]);
      const byPartner = await setPriority(mine, Priority.MEDIUM, partnerKey);
      expect(byPartner.data!.conversationSetPriority.conversation).toMatchObject({ priority: 'MEDIUM' });

      const { key: readKey } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ]);
      expect((await setPriority(mine, Priority.LOW, readKey)).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('orderBy', () => {
    /** Conversations in CLASSIC NEW: a priority and how long the customer has waited (null: answered). */
    async function queue(shapes: [Priority, number | null][]): Promise<Conversation[]> {
      const made: Conversation[] = [];
      for (const [priority, waitedMinutes] of shapes) {
        made.push(
          await createConversation(deps, w.channel, {
            overrides: {
              priority,
              waitingSince: waitedMinutes === null ? null : new Date(NOW.getTime() - waitedMinutes * MINUTE),
            },
          }),
        );
      }
      return made;
    }

    it('PRIORITY: most urgent first, then longest waiting, those not waiting last; pages keep that order both ways', async () => {
      const [low30, urgent5, high60, urgent45, noneAnswered, high10, urgentAnswered] = await queue([
        [Priority.LOW, 30],
        [Priority.URGENT, 5],
        [Priority.HIGH, 60],
        [Priority.URGENT, 45],
        [Priority.NONE, null],
        [Priority.HIGH, 10],
        [Priority.URGENT, null],
      ]);
      const expected = [urgent45, urgent5, urgentAnswered, high60, high10, low30, noneAnswered].map(gid);

      const whole = await t.gql(
        OrderedTrayDocument,
        { kind: 'NEW', view: 'CLASSIC', orderBy: 'PRIORITY' },
        w.agentA.token,
      );
      expect(whole.data!.tray.conversations.nodes.map((node) => node.id)).toEqual(expected);

      const paged: string[] = [];
      let after: string | null | undefined = null;
      for (let page = 0; page < 10; page += 1) {
        const connection = await ordered({ orderBy: 'PRIORITY', first: 2, after });
        paged.push(...connection.nodes.map((node) => node.id));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(paged).toEqual(expected);

      const backward: string[] = [];
      let before: string | null | undefined = null;
      for (let page = 0; page < 10; page += 1) {
        const connection = await ordered({ orderBy: 'PRIORITY', last: 3, before });
        backward.unshift(...connection.nodes.map((node) => node.id));
        if (!connection.pageInfo.hasPreviousPage) break;
        before = connection.pageInfo.startCursor;
      }
      expect(backward).toEqual(expected);
    });

    it('WAITING_SINCE: longest waiting first; CREATED and LAST_ACTIVITY: newest first', async () => {
      const [a, b, c] = await queue([
        [Priority.NONE, 10],
        [Priority.HIGH, null],
        [Priority.LOW, 50],
      ]);
      const ids = async (orderBy: 'WAITING_SINCE' | 'CREATED' | 'LAST_ACTIVITY') =>
        (
          await t.gql(OrderedConversationsDocument, { orderBy, first: 10 }, w.agentA.token)
        ).data!.conversations.nodes.map((node) => node.id);
      expect(await ids('WAITING_SINCE')).toEqual([c, a, b].map(gid));
      expect(await ids('CREATED')).toEqual([c, b, a].map(gid));
      expect((await ids('LAST_ACTIVITY')).sort()).toEqual([a, b, c].map(gid).sort());
    });

    it('waitingSince: set by the customer’s first message since the last answer, cleared by an answer', async () => {
      const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
      await deps.dataSource.query('UPDATE workspace SET bot_enabled = false WHERE id = $1', [w.workspace.id]);
      const { key } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE]);
      const inbound = (externalId: string, sentAt: Date) =>
        t.gql(
          MessageInboundDocument,
          {
            input: {
              channelAccountId: toGlobalId('ChannelAccount', api.id),
              customerChannelUserId: 'waiting-1',
              externalId,
              text: 'Hola',
              sentAt: sentAt.toISOString(),
            },
          },
          key,
        );
      const first = await inbound('w-1', new Date(NOW.getTime() - 5 * MINUTE));
      const id = first.data!.messageInbound.conversation!.id;
      await inbound('w-2', new Date(NOW.getTime() - 2 * MINUTE));
      const read = async () =>
        (
          await t.gql(
            OrderedConversationsDocument,
            { filter: { channelAccountId: toGlobalId('ChannelAccount', api.id) } },
            w.admin.token,
          )
        ).data!.conversations.nodes[0]!;
      expect(await read()).toMatchObject({
        id,
        waitingSince: new Date(NOW.getTime() - 5 * MINUTE).toISOString(),
      });
      await t.gql(
        MessageSendDocument,
        { input: { conversationId: id, text: 'Buenos días' } },
        w.agentA.token,
      );
      expect((await read()).waitingSince).toBeNull();
      t.clock.advance(MINUTE);
      await inbound('w-3', t.clock.now());
      expect((await read()).waitingSince).toBe(t.clock.now().toISOString());
    });
  });

  describe('conversationSnooze', () => {
    it('leaves the trays at once and comes back at its time, pushed by the tray timer (exact at read time before that)', async () => {
      const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      const connection = connectWs(await t.wsUrl(), w.agentA.token);
      connections.push(connection);
      const changes = subscribe(connection, TrayChangedDocument, {
        view: 'CLASSIC',
        after: await headCursor(t.app.deps, w.workspace.id),
      });
      const until = new Date(NOW.getTime() + 2 * HOUR);

      const snoozed = await snooze(conversation, until);
      expect(snoozed.data!.conversationSnooze).toMatchObject({
        userErrors: [],
        warnings: [],
        conversation: { snoozedUntil: until.toISOString(), trays: { classic: null, v2: null } },
      });
      expect(await newTray()).not.toContain(gid(conversation));
      expect(await changes.waitFor(1)).toBe(true);
      expect(changes.data()[0]!.trayChanged).toMatchObject({ from: 'NEW', to: null });
      const filtered = await t.gql(
        OrderedConversationsDocument,
        { filter: { snoozed: true } },
        w.agentA.token,
      );
      expect(filtered.data!.conversations.nodes.map((node) => node.id)).toEqual([gid(conversation)]);

      const timer = { workspaceId: w.workspace.id, conversationId: conversation.id, at: until.toISOString() };
      const jobs = await enqueuedJobs(deps, JobName.TRAY_TIMER, {
        conversationId: conversation.id,
        at: timer.at,
      });
      expect(jobs.map((job) => job.startAfter.toISOString())).toEqual([until.toISOString()]);

      t.clock.set(new Date(until.getTime() - 1000));
      await expect(t.app.deps.jobs.runNow(JobName.TRAY_TIMER, timer)).rejects.toBeInstanceOf(
        TrayTimerTooEarlyError,
      );
      expect(await newTray()).not.toContain(gid(conversation));

      // At its instant the read already shows it back, before any job has run.
      t.clock.set(until);
      expect(await newTray()).toContain(gid(conversation));
      await t.app.deps.jobs.runNow(JobName.TRAY_TIMER, timer);
      expect(await changes.waitFor(2)).toBe(true);
      expect(changes.data()[1]!.trayChanged).toMatchObject({ from: null, to: 'NEW' });
      expect((await history(conversation, ConversationEventType.UNSNOOZED)).map((line) => line.data)).toEqual(
        [{ reason: 'TIME', timer: until.toISOString() }],
      );

      // Once: a second run, or the sweep, changes nothing more.
      await t.app.deps.jobs.runNow(JobName.TRAY_TIMER, timer);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(changes.results).toHaveLength(2);
    });

    it('comes back at once when the customer writes, and its timer then does nothing', async () => {
      const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
      const customer = await createCustomer(deps, api, { channelUserId: 'snoozer' });
      const conversation = await createConversation(deps, api, { customer, assigneeId: w.agentA.agent.id });
      const until = new Date(NOW.getTime() + 3 * HOUR);
      const snoozed = await snooze(conversation, until);
      expect(snoozed.data!.conversationSnooze.warnings).toEqual([]); // partner channels have no window

      t.clock.advance(HOUR);
      const { key } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE]);
      const reply = await t.gql(
        MessageInboundDocument,
        {
          input: {
            channelAccountId: toGlobalId('ChannelAccount', api.id),
            customerChannelUserId: 'snoozer',
            externalId: 'snooze-reply',
            text: 'Sigo esperando',
          },
        },
        key,
      );
      expect(reply.data!.messageInbound.conversation!.id).toBe(gid(conversation));
      expect(await newTray()).toContain(gid(conversation));
      expect((await history(conversation, ConversationEventType.UNSNOOZED)).map((line) => line.data)).toEqual(
        [{ reason: 'CUSTOMER_REPLY', until: until.toISOString() }],
      );

      const connection = connectWs(await t.wsUrl(), w.agentA.token);
      connections.push(connection);
      const changes = subscribe(connection, TrayChangedDocument, {
        view: 'CLASSIC',
        after: await headCursor(t.app.deps, w.workspace.id),
      });
      t.clock.set(until);
      await t.app.deps.jobs.runNow(JobName.TRAY_TIMER, {
        workspaceId: w.workspace.id,
        conversationId: conversation.id,
        at: until.toISOString(),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(changes.results).toHaveLength(0);
    });

    it('warns when the snooze ends after the customer window closes (a template will be needed)', async () => {
      // The customer wrote 23 hours ago: the window closes in one hour.
      const conversation = await createConversation(deps, w.channel, {
        assigneeId: w.agentA.agent.id,
        lastInboundAgoMs: WINDOW_MS - HOUR,
      });
      const within = await snooze(conversation, new Date(NOW.getTime() + 30 * MINUTE));
      expect(within.data!.conversationSnooze.warnings).toEqual([]);
      const past = await snooze(conversation, new Date(NOW.getTime() + 2 * HOUR));
      expect(past.data!.conversationSnooze).toMatchObject({
        userErrors: [],
        warnings: [
          {
            code: 'SNOOZE_PAST_WINDOW',
            field: ['input', 'until'],
            message: expect.stringContaining('templateSend'),
          },
        ],
        conversation: { snoozedUntil: new Date(NOW.getTime() + 2 * HOUR).toISOString() },
      });
    });

    it('refuses a time in the past or beyond the visible days, a closed conversation, another agent’s; conversationUnsnooze brings it back', async () => {
      const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      const past = await snooze(conversation, new Date(NOW.getTime() - MINUTE));
      expect(past.data!.conversationSnooze.userErrors[0]).toMatchObject({
        code: 'INVALID_INPUT',
        field: ['input', 'until'],
      });
      const far = await snooze(conversation, new Date(NOW.getTime() + 31 * 24 * HOUR));
      expect(far.data!.conversationSnooze.userErrors[0]!.code).toBe('INVALID_INPUT');
      const notMine = await snooze(conversation, new Date(NOW.getTime() + HOUR), w.agentB.token);
      expect(notMine.data!.conversationSnooze.userErrors[0]!.code).toBe('NOT_ASSIGNEE');

      const unsnoozeIt = () =>
        t.gql(ConversationUnsnoozeDocument, { input: { conversationId: gid(conversation) } }, w.agentA.token);
      expect((await unsnoozeIt()).data!.conversationUnsnooze.userErrors[0]!.code).toBe('NOT_SNOOZED');
      await snooze(conversation, new Date(NOW.getTime() + HOUR));
      const back = await unsnoozeIt();
      expect(back.data!.conversationUnsnooze.conversation).toMatchObject({
        snoozedUntil: null,
        trays: { classic: 'NEW' },
      });

      // Closing, not yet closed: an hour's delay.
      await deps.dataSource.query('UPDATE workspace SET auto_close_positive_minutes = 60 WHERE id = $1', [
        w.workspace.id,
      ]);
      await t.gql(
        ConversationCloseDocument,
        { input: { conversationId: gid(conversation), outcome: 'POSITIVE', reason: 'done' } },
        w.agentA.token,
      );
      const closed = await snooze(conversation, new Date(NOW.getTime() + HOUR));
      expect(closed.data!.conversationSnooze.userErrors[0]!.code).toBe('CONVERSATION_CLOSED');
    });
  });
});
