import {
  ConversationDetailDocument as TrayDocument,
  TrayIdsDocument,
  TraysDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createConversation } from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ConversationStatus, Handler, Outcome } from '../../entities/enums';
import { type Conversation } from '../../entities/conversation.entity';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('tray rules', () => {
  const t = useTestApp({ now: new Date('2026-03-10T12:00:00Z'), resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);

  async function trayIds(
    token: string,
    kind: 'NEW' | 'ACTIVE' | 'EXPIRED' | 'OUTGOING',
    view: 'CLASSIC' | 'V2',
    agentId?: string,
  ) {
    const result = await t.gql(TrayIdsDocument, { kind, view, agentId }, token);
    expect(result.errors).toBeUndefined();
    const ids = result.data!.tray.conversations.nodes.map((node) => node.id).sort();
    expect(result.data!.tray.count).toBe(ids.length);
    return ids;
  }

  async function counts(token: string, view: 'CLASSIC' | 'V2') {
    const result = await t.gql(TraysDocument, { view }, token);
    expect(result.errors).toBeUndefined();
    return Object.fromEntries(result.data!.trays.map((tray) => [tray.kind, tray.count]));
  }

  it('CLASSIC: NEW until an agent replies, then ACTIVE; queue included in NEW', async () => {
    const waiting = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    const replied = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      agentReplied: true,
    });
    await createConversation(deps, w.channel, { handler: Handler.BOT });
    await createConversation(deps, w.channel, {
      status: ConversationStatus.CLOSED,
      assigneeId: w.agentA.agent.id,
    });

    expect(await trayIds(w.admin.token, 'NEW', 'CLASSIC')).toEqual([gid(waiting), gid(queued)].sort());
    expect(await trayIds(w.admin.token, 'ACTIVE', 'CLASSIC')).toEqual([gid(replied)]);
    expect(await counts(w.admin.token, 'CLASSIC')).toEqual({ NEW: 2, ACTIVE: 1 });
  });

  it('V2: ACTIVE needs an assignee and an open window; the unassigned queue is in no V2 tray', async () => {
    const active = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    await createConversation(deps, w.channel, { assigneeId: null });
    expect(await trayIds(w.admin.token, 'ACTIVE', 'V2')).toEqual([gid(active)]);
    expect(await counts(w.admin.token, 'V2')).toEqual({ ACTIVE: 1, EXPIRED: 0, OUTGOING: 0 });
  });

  it('V2: both sides of the 24-hour window boundary, exact at read time', async () => {
    const conversation = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: HOUR,
    });
    const expiresAt = conversation.windowExpiresAt!.getTime();

    t.clock.set(new Date(expiresAt - 1000));
    expect(await trayIds(w.admin.token, 'ACTIVE', 'V2')).toEqual([gid(conversation)]);
    expect(await trayIds(w.admin.token, 'EXPIRED', 'V2')).toEqual([]);

    t.clock.set(new Date(expiresAt));
    expect(await trayIds(w.admin.token, 'ACTIVE', 'V2')).toEqual([]);
    expect(await trayIds(w.admin.token, 'EXPIRED', 'V2')).toEqual([gid(conversation)]);

    t.clock.set(new Date(expiresAt + 1000));
    expect(await trayIds(w.admin.token, 'EXPIRED', 'V2')).toEqual([gid(conversation)]);
  });

  it('V2: OUTGOING wins over EXPIRED, EXPIRED over ACTIVE; an expired queue conversation is EXPIRED', async () => {
    const outgoing = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 3 * DAY,
      outgoingAgoMs: HOUR,
      lastActivityAgoMs: HOUR,
    });
    const expired = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: 25 * HOUR,
    });
    const expiredQueue = await createConversation(deps, w.channel, {
      assigneeId: null,
      lastInboundAgoMs: 25 * HOUR,
    });
    expect(await trayIds(w.admin.token, 'OUTGOING', 'V2')).toEqual([gid(outgoing)]);
    expect(await trayIds(w.admin.token, 'EXPIRED', 'V2')).toEqual([gid(expired), gid(expiredQueue)].sort());
    expect(await trayIds(w.admin.token, 'ACTIVE', 'V2')).toEqual([]);
  });

  it('both sides of the visibleDays boundary: older activity leaves every tray but stays readable', async () => {
    const conversation = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      lastInboundAgoMs: HOUR,
    });
    const dropsAt = conversation.lastActivityAt.getTime() + 30 * DAY;
    t.clock.set(new Date(dropsAt - 1000));
    expect(await trayIds(w.admin.token, 'EXPIRED', 'V2')).toEqual([gid(conversation)]);
    expect(await trayIds(w.admin.token, 'NEW', 'CLASSIC')).toEqual([gid(conversation)]);
    t.clock.set(new Date(dropsAt));
    expect(await trayIds(w.admin.token, 'EXPIRED', 'V2')).toEqual([]);
    expect(await trayIds(w.admin.token, 'NEW', 'CLASSIC')).toEqual([]);
    const read = await t.gql(TrayDocument, { id: gid(conversation) }, w.admin.token);
    expect(read.data?.conversation?.id).toBe(gid(conversation));
  });

  it('bot-held, closed and closing conversations are in no agent tray', async () => {
    await createConversation(deps, w.channel, { handler: Handler.BOT });
    await createConversation(deps, w.channel, {
      status: ConversationStatus.CLOSED,
      assigneeId: w.agentA.agent.id,
    });
    await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      overrides: { outcome: Outcome.POSITIVE, autoCloseAt: new Date(deps.now().getTime() + HOUR) },
    });
    expect(await counts(w.admin.token, 'CLASSIC')).toEqual({ NEW: 0, ACTIVE: 0 });
    expect(await counts(w.admin.token, 'V2')).toEqual({ ACTIVE: 0, EXPIRED: 0, OUTGOING: 0 });
  });

  it('an AGENT sees their own conversations and the queue; an ADMIN sees all and filters by agent', async () => {
    const mine = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const queued = await createConversation(deps, w.channel, { assigneeId: null });

    expect(await trayIds(w.agentA.token, 'NEW', 'CLASSIC')).toEqual([gid(mine), gid(queued)].sort());
    expect(await trayIds(w.agentB.token, 'NEW', 'CLASSIC')).toEqual([gid(theirs), gid(queued)].sort());
    expect(await trayIds(w.admin.token, 'NEW', 'CLASSIC')).toEqual(
      [gid(mine), gid(theirs), gid(queued)].sort(),
    );
    const agentBId = toGlobalId('Agent', w.agentB.agent.id);
    expect(await trayIds(w.admin.token, 'NEW', 'CLASSIC', agentBId)).toEqual([gid(theirs)]);
    expect(await counts(w.agentA.token, 'V2')).toEqual({ ACTIVE: 1, EXPIRED: 0, OUTGOING: 0 });

    const refused = await t.gql(
      TrayIdsDocument,
      { kind: 'NEW', view: 'CLASSIC', agentId: agentBId },
      w.agentA.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a tray kind that the view lacks is refused', async () => {
    const result = await t.gql(TrayIdsDocument, { kind: 'EXPIRED', view: 'CLASSIC' }, w.admin.token);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
