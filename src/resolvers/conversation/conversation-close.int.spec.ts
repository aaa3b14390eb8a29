import {
  ConversationCloseDocument,
  ConversationReopenDocument,
  MessageInboundDocument,
  TraysDocument,
  WorkflowConversationDocument,
} from '../../testing/generated/graphql';
import { useTestApp } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createTestApiKey,
  createTestWorkspace,
  enqueuedJobs,
  type TestWorkspace,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, ChannelKind, ConversationStatus, Handler, Outcome } from '../../entities/enums';
import { Conversation } from '../../entities/conversation.entity';
import { type Workspace } from '../../entities/workspace.entity';
import { JobName } from '../../runtime/job-queue';

const NOW = new Date('2026-03-10T12:00:00Z');
const MINUTE = 60_000;

describe('closing: conversationClose, the auto-close job, reopening', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);

  function workspace(overrides: Partial<Workspace> = {}) {
    return createTestWorkspace(deps, {
      autoClosePositiveMinutes: 30,
      autoCloseNegativeMinutes: 10,
      ...overrides,
    });
  }

  async function read(w: TestWorkspace, conversation: Conversation) {
    const result = await t.gql(WorkflowConversationDocument, { id: gid(conversation) }, w.admin.token);
    expect(result.errors).toBeUndefined();
    return result.data!.conversation!;
  }

  async function close(
    w: TestWorkspace,
    conversation: Conversation,
    outcome: 'POSITIVE' | 'NEGATIVE' = 'POSITIVE',
    token = w.agentA.token,
    reason = 'Solved',
  ) {
    const result = await t.gql(
      ConversationCloseDocument,
      { input: { conversationId: gid(conversation), outcome, reason } },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.conversationClose;
  }

  const runAutoClose = (conversation: Conversation) =>
    t.app.deps.jobs.runNow(JobName.AUTO_CLOSE, {
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
    });

  async function counts(token: string, view: 'CLASSIC' | 'V2') {
    const result = await t.gql(TraysDocument, { view }, token);
    return Object.fromEntries(result.data!.trays.map((tray) => [tray.kind, tray.count]));
  }

  it('closing sets outcome, reason and the timer, leaves the trays at once and schedules the job', async () => {
    const w = await workspace();
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    expect(await counts(w.agentA.token, 'CLASSIC')).toEqual({ NEW: 1, ACTIVE: 0 });

    const payload = await close(w, conversation, 'NEGATIVE', w.agentA.token, '  Not interested ');
    expect(payload.userErrors).toEqual([]);
    const autoCloseAt = new Date(NOW.getTime() + 10 * MINUTE);
    expect(payload.conversation).toMatchObject({
      status: 'OPEN',
      outcome: 'NEGATIVE',
      closeReason: 'Not interested',
      autoCloseAt: autoCloseAt.toISOString(),
      trays: { classic: null, v2: null },
    });
    expect(await counts(w.agentA.token, 'CLASSIC')).toEqual({ NEW: 0, ACTIVE: 0 });
    expect(await counts(w.agentA.token, 'V2')).toEqual({ ACTIVE: 0, EXPIRED: 0, OUTGOING: 0 });

    const jobs = await enqueuedJobs(deps, JobName.AUTO_CLOSE, { conversationId: conversation.id });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toEqual({ conversationId: conversation.id, workspaceId: w.workspace.id });
    expect(new Date(jobs[0]!.startAfter).getTime()).toBe(autoCloseAt.getTime());

    const events = (await read(w, conversation)).events.nodes;
    expect(events).toMatchObject([
      { type: 'CLOSING', comment: 'Not interested', data: { outcome: 'NEGATIVE' } },
      { type: 'TRAY_MOVED', fromTray: 'ACTIVE', toTray: null, data: { classic: { from: 'NEW', to: null } } },
    ]);
  });

  it('the job returns it to the bot when due (and only then); running it twice is harmless', async () => {
    const w = await workspace({ autoCloseReturnToBot: true, botEnabled: true });
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    await close(w, conversation, 'POSITIVE');

    t.clock.advance(30 * MINUTE - 1000);
    await runAutoClose(conversation);
    expect((await read(w, conversation)).handler).toBe('AGENT');

    t.clock.advance(1000);
    await runAutoClose(conversation);
    await runAutoClose(conversation);
    const after = await read(w, conversation);
    expect(after).toMatchObject({
      status: 'OPEN',
      handler: 'BOT',
      assignee: null,
      outcome: 'POSITIVE',
      closeReason: 'Solved',
      autoCloseAt: null,
      closedAt: null,
    });
    expect(after.events.nodes.map((event) => event.type)).toEqual([
      'CLOSING',
      'TRAY_MOVED',
      'RETURNED_TO_BOT',
    ]);
    expect(after.events.nodes[2]).toMatchObject({
      actorType: 'SYSTEM',
      fromAgent: { id: toGlobalId('Agent', w.agentA.agent.id) },
    });
  });

  it('without return-to-bot (or without a bot) the job closes it', async () => {
    for (const overrides of [
      { autoCloseReturnToBot: false },
      { autoCloseReturnToBot: true, botEnabled: false },
    ]) {
      t.clock.set(NOW);
      const w = await workspace(overrides);
      const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      await close(w, conversation, 'POSITIVE');
      t.clock.advance(30 * MINUTE);
      await runAutoClose(conversation);
      await runAutoClose(conversation);
      const after = await read(w, conversation);
      expect(after).toMatchObject({
        status: 'CLOSED',
        handler: 'AGENT',
        outcome: 'POSITIVE',
        closedAt: new Date(NOW.getTime() + 30 * MINUTE).toISOString(),
        autoCloseAt: null,
      });
      expect(after.events.nodes.map((event) => event.type)).toEqual(['CLOSING', 'TRAY_MOVED', 'CLOSED']);
    }
  });

  it('with 0 minutes it closes at once, without a job', async () => {
    const w = await workspace({ autoClosePositiveMinutes: 0, autoCloseReturnToBot: false });
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const payload = await close(w, conversation, 'POSITIVE');
    expect(payload.conversation).toMatchObject({ status: 'CLOSED', closedAt: NOW.toISOString() });
    expect(await enqueuedJobs(deps, JobName.AUTO_CLOSE, { conversationId: conversation.id })).toEqual([]);
    const events = (await read(w, conversation)).events.nodes.map((event) => event.type);
    expect(events).toEqual(['CLOSING', 'CLOSED', 'TRAY_MOVED']);
  });

  it('the maintenance sweep finalizes overdue closings whose job was lost', async () => {
    // A clock of its own era, so the sweep only meets this test's rows.
    const past = new Date('2001-01-01T00:00:00Z');
    t.clock.set(past);
    const w = await workspace({ autoCloseReturnToBot: false });
    const due = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const later = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    await close(w, due, 'NEGATIVE');
    t.clock.advance(5 * MINUTE);
    await close(w, later, 'NEGATIVE', w.agentB.token);
    t.clock.advance(6 * MINUTE);

    await t.app.deps.jobs.runNow(JobName.MAINTENANCE, {});
    expect((await read(w, due)).status).toBe('CLOSED');
    expect((await read(w, later)).status).toBe('OPEN');
    t.clock.advance(5 * MINUTE);
    await t.app.deps.jobs.runNow(JobName.MAINTENANCE, {});
    await t.app.deps.jobs.runNow(JobName.MAINTENANCE, {});
    expect((await read(w, later)).status).toBe('CLOSED');
    expect((await read(w, later)).events.nodes.filter((event) => event.type === 'CLOSED')).toHaveLength(1);
  });

  it('a customer message before the timer cancels the closing and brings it back; the job then does nothing', async () => {
    const w = await workspace({ autoCloseReturnToBot: false });
    const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'Partner' });
    const partnerKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const conversation = await createConversation(deps, api, {
      assigneeId: w.agentA.agent.id,
      agentReplied: true,
    });
    const customer = await deps.dataSource.query(`SELECT channel_user_id FROM customer WHERE id = $1`, [
      conversation.customerId,
    ]);
    await close(w, conversation, 'POSITIVE');
    t.clock.advance(10 * MINUTE);

    const inbound = await t.gql(
      MessageInboundDocument,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', api.id),
          customerChannelUserId: customer[0].channel_user_id,
          externalId: 'partner-msg-1',
          text: 'One more thing!',
        },
      },
      partnerKey,
    );
    expect(inbound.data!.messageInbound.userErrors).toEqual([]);
    expect(inbound.data!.messageInbound.conversation).toMatchObject({
      id: gid(conversation),
      outcome: null,
      closeReason: null,
      autoCloseAt: null,
      trays: { classic: 'ACTIVE', v2: 'ACTIVE' },
    });

    t.clock.advance(30 * MINUTE);
    await runAutoClose(conversation);
    const after = await read(w, conversation);
    expect(after.status).toBe('OPEN');
    const reopened = after.events.nodes.find((event) => event.type === 'REOPENED');
    expect(reopened).toMatchObject({
      actorType: 'CUSTOMER',
      data: { from: 'CLOSING', byCustomerMessage: true },
    });
    expect(after.events.nodes.map((event) => event.type)).toEqual([
      'CLOSING',
      'TRAY_MOVED',
      'REOPENED',
      'TRAY_MOVED',
    ]);
  });

  it('refuses closing twice, bot-held, closed, someone else’s conversation and an empty reason', async () => {
    const w = await workspace();
    const mine = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const bot = await createConversation(deps, w.channel, { handler: Handler.BOT });
    const closed = await createConversation(deps, w.channel, { status: ConversationStatus.CLOSED });
    expect((await close(w, mine)).userErrors).toEqual([]);
    const codes = async (conversation: Conversation, reason = 'Done') =>
      (await close(w, conversation, 'POSITIVE', w.agentA.token, reason)).userErrors.map((error) => [
        error.code,
        error.field,
      ]);
    expect(await codes(mine)).toEqual([['CONVERSATION_CLOSED', null]]);
    expect(await codes(bot)).toEqual([['HANDLED_BY_BOT', null]]);
    expect(await codes(closed)).toEqual([['CONVERSATION_CLOSED', null]]);
    expect(await codes(theirs)).toEqual([['NOT_ASSIGNEE', null]]);
    expect(await codes(theirs, '   ')).toEqual([['INVALID_INPUT', ['input', 'reason']]]);

    // Admins close any; a queued one may be closed by any agent; read keys may not close.
    expect((await close(w, theirs, 'NEGATIVE', w.admin.token)).userErrors).toEqual([]);
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    expect((await close(w, queued, 'NEGATIVE', w.agentB.token)).userErrors).toEqual([]);
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    const refused = await t.gql(
      ConversationCloseDocument,
      { input: { conversationId: gid(queued), outcome: 'POSITIVE', reason: 'x' } },
      readKey,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(
      ConversationCloseDocument,
      { input: { conversationId: gid(queued), outcome: 'POSITIVE', reason: 'x' } },
      null,
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('conversationReopen', () => {
    const reopen = async (w: TestWorkspace, conversation: Conversation, token = w.agentA.token) => {
      const result = await t.gql(
        ConversationReopenDocument,
        { input: { conversationId: gid(conversation) } },
        token,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.conversationReopen;
    };

    it('reopens a closing conversation to its assignee; the pending job then does nothing', async () => {
      const w = await workspace({ autoCloseReturnToBot: false });
      const conversation = await createConversation(deps, w.channel, {
        assigneeId: w.agentA.agent.id,
        agentReplied: true,
      });
      await close(w, conversation);
      const payload = await reopen(w, conversation);
      expect(payload.userErrors).toEqual([]);
      expect(payload.conversation).toMatchObject({
        status: 'OPEN',
        outcome: null,
        autoCloseAt: null,
        assignee: { id: toGlobalId('Agent', w.agentA.agent.id) },
        trays: { classic: 'ACTIVE', v2: 'ACTIVE' },
      });
      t.clock.advance(60 * MINUTE);
      await runAutoClose(conversation);
      const after = await read(w, conversation);
      expect(after.status).toBe('OPEN');
      expect(after.events.nodes.map((event) => event.type)).toEqual([
        'CLOSING',
        'TRAY_MOVED',
        'REOPENED',
        'TRAY_MOVED',
      ]);
    });

    it('reopens a closed conversation as NEW for the agents', async () => {
      const w = await workspace({ autoClosePositiveMinutes: 0, autoCloseReturnToBot: false });
      const conversation = await createConversation(deps, w.channel, {
        assigneeId: w.agentA.agent.id,
        agentReplied: true,
      });
      await close(w, conversation);
      t.clock.advance(MINUTE);
      const payload = await reopen(w, conversation, w.admin.token);
      expect(payload.userErrors).toEqual([]);
      expect(payload.conversation).toMatchObject({
        status: 'OPEN',
        closedAt: null,
        outcome: null,
        handler: 'AGENT',
        firstAgentReplyAt: null,
        assignee: { id: toGlobalId('Agent', w.agentA.agent.id) },
        trays: { classic: 'NEW' },
      });
      const reopened = (await read(w, conversation)).events.nodes.find((event) => event.type === 'REOPENED');
      expect(reopened).toMatchObject({ actorType: 'AGENT', data: { from: 'CLOSED', outcome: 'POSITIVE' } });
    });

    it('refuses a closed conversation when the customer already has another open one there', async () => {
      const w = await workspace();
      const old = await createConversation(deps, w.channel, { status: ConversationStatus.CLOSED });
      const customer = await deps.dataSource.getRepository(Conversation).findOneByOrFail({ id: old.id });
      const current = await createConversation(deps, w.channel, {
        customer: { id: customer.customerId } as never,
        assigneeId: w.agentB.agent.id,
      });
      const payload = await reopen(w, old, w.admin.token);
      expect(payload.userErrors).toMatchObject([
        { code: 'OTHER_CONVERSATION_OPEN', field: ['input', 'conversationId'] },
      ]);
      expect(payload.userErrors[0]!.message).toContain(gid(current));
      expect((await read(w, old)).status).toBe('CLOSED');
    });

    it('refuses an open conversation, one with the bot, and another agent’s conversation', async () => {
      const w = await workspace();
      const open = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      const bot = await createConversation(deps, w.channel, {
        handler: Handler.BOT,
        overrides: { outcome: Outcome.POSITIVE },
      });
      const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
      await close(w, theirs, 'POSITIVE', w.agentB.token);
      expect((await reopen(w, open)).userErrors.map((error) => error.code)).toEqual([
        'CONVERSATION_NOT_CLOSED',
      ]);
      expect((await reopen(w, bot, w.admin.token)).userErrors.map((error) => error.code)).toEqual([
        'CONVERSATION_NOT_CLOSED',
      ]);
      expect((await reopen(w, theirs)).userErrors.map((error) => error.code)).toEqual(['NOT_ASSIGNEE']);
      const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
      const refused = await t.gql(
        ConversationReopenDocument,
        { input: { conversationId: gid(theirs) } },
        readKey,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });
});
