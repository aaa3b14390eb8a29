import {
  AuditLogDocument,
  ChannelUpdateDocument,
  ConversationSetTeamDocument,
  MessageInboundDocument,
  MessageSendDocument,
  AgentWorkloadDocument,
  TeamConversationsDocument,
  TeamCreateDocument,
  TeamDeleteDocument,
  TeamHandoffDocument,
  TeamMemberAddDocument,
  TeamMemberRemoveDocument,
  TeamsDocument,
  TeamTraysDocument,
  TeamTransferDocument,
  TeamUpdateDocument,
  TrayChangedDocument,
  ConversationTakeDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createTestApiKey,
  deactivateAgent,
  enqueuedJobs,
} from '../../testing/factories';
import {
  connectWs,
  emitEvents,
  headCursor,
  subscribe,
  type WsConnection,
} from '../../testing/fixtures/subscription.fixture';
import { fromGlobalId, toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { ApiKeyScope, ChannelKind, Handler, TrayKind, TrayView } from '../../entities/enums';
import { EventType } from '../../realtime/event-types';
import { JobName } from '../../runtime/job-queue';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('teams: their queues, members and conversations', () => {
  const t = useTestApp({ now: NOW, resetClock: true, env: { REDIS_URL: '' } });
  const deps = t.factories;
  const w = useWorkspace(t);
  const connections: WsConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });

  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);
  const agentGid = (id: string) => toGlobalId('Agent', id);

  async function team(name: string, members: string[] = []): Promise<string> {
    const created = await t.gql(TeamCreateDocument, { input: { name } }, w.admin.token);
    expect(created.data!.teamCreate.userErrors).toEqual([]);
    const id = created.data!.teamCreate.team!.id;
    for (const agentId of members) {
      const added = await t.gql(
        TeamMemberAddDocument,
        { input: { teamId: id, agentId: agentGid(agentId) } },
        w.admin.token,
      );
      expect(added.data!.teamMemberAdd.userErrors).toEqual([]);
    }
    return id;
  }
  const localOf = (globalId: string) => fromGlobalId(globalId)!.id;
  const inTeam = (teamId: string | null, assigneeId: string | null = null) =>
    createConversation(deps, w.channel, {
      assigneeId,
      overrides: { teamId: teamId ? localOf(teamId) : null },
    });
  const listed = async (token: string, filter: Record<string, unknown> = {}) =>
    (await t.gql(TeamConversationsDocument, { filter }, token)).data!.conversations.nodes.map(
      (node) => node.id,
    );

  it('admins create, rename, list and delete teams; names are unique whatever the case; every action is audited', async () => {
    const sales = await team('Sales');
    const duplicate = await t.gql(TeamCreateDocument, { input: { name: ' sALES ' } }, w.admin.token);
    expect(duplicate.data!.teamCreate.userErrors).toEqual([
      expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'name'] }),
    ]);
    const empty = await t.gql(TeamCreateDocument, { input: { name: '  ' } }, w.admin.token);
    expect(empty.data!.teamCreate.userErrors[0]!.code).toBe('INVALID_INPUT');
    const byAgent = await t.gql(TeamCreateDocument, { input: { name: 'Rogue' } }, w.agentA.token);
    expect(byAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const renamed = await t.gql(
      TeamUpdateDocument,
      { input: { teamId: sales, name: 'Ventas' } },
      w.admin.token,
    );
    expect(renamed.data!.teamUpdate.team).toMatchObject({ id: sales, name: 'Ventas' });
    await team('Atención');
    const list = await t.gql(TeamsDocument, { first: 1 }, w.agentA.token);
    expect(list.data!.teams.totalCount).toBe(2);
    expect(list.data!.teams.nodes.map((node) => node.name)).toEqual(['Atención']);
    const next = await t.gql(
      TeamsDocument,
      { first: 1, after: list.data!.teams.pageInfo.endCursor },
      w.agentA.token,
    );
    expect(next.data!.teams.nodes.map((node) => node.name)).toEqual(['Ventas']);

    await t.gql(
      TeamMemberAddDocument,
      { input: { teamId: sales, agentId: agentGid(w.agentA.agent.id) } },
      w.admin.token,
    );
    await t.gql(
      TeamMemberRemoveDocument,
      { input: { teamId: sales, agentId: agentGid(w.agentA.agent.id) } },
      w.admin.token,
    );
    const deleted = await t.gql(TeamDeleteDocument, { input: { teamId: sales } }, w.admin.token);
    expect(deleted.data!.teamDelete).toMatchObject({ userErrors: [], deletedTeamId: sales });

    const audit = await t.gql(AuditLogDocument, { first: 20 }, w.admin.token);
    const entries = audit
      .data!.auditLog.edges.map((edge) => edge.node)
      .filter((node) => node.targetId === sales);
    expect(entries.map((entry) => entry.action).reverse()).toEqual([
      'TEAM_CREATED',
      'TEAM_UPDATED',
      'TEAM_MEMBER_ADDED',
      'TEAM_MEMBER_REMOVED',
      'TEAM_DELETED',
    ]);
    expect(entries.find((entry) => entry.action === 'TEAM_UPDATED')!.changes).toEqual({
      name: { before: 'Sales', after: 'Ventas' },
    });
    expect(entries.find((entry) => entry.action === 'TEAM_MEMBER_ADDED')!.changes).toEqual({
      agentId: { before: null, after: agentGid(w.agentA.agent.id) },
    });
  });

  it('members: added once, removed once, listed on both sides; a deactivated agent cannot join', async () => {
    const sales = await team('Sales', [w.agentA.agent.id]);
    const again = await t.gql(
      TeamMemberAddDocument,
      { input: { teamId: sales, agentId: agentGid(w.agentA.agent.id) } },
      w.admin.token,
    );
    expect(again.data!.teamMemberAdd.userErrors[0]!.code).toBe('DUPLICATE');
    const added = await t.gql(
      TeamMemberAddDocument,
      { input: { teamId: sales, agentId: agentGid(w.agentB.agent.id) } },
      w.admin.token,
    );
    expect(added.data!.teamMemberAdd.team!.agents.nodes.map((node) => node.name)).toEqual([
      'Agent A',
      'Agent B',
    ]);
    expect(added.data!.teamMemberAdd.agent!.teams.map((item) => item.id)).toEqual([sales]);

    const removed = await t.gql(
      TeamMemberRemoveDocument,
      { input: { teamId: sales, agentId: agentGid(w.agentB.agent.id) } },
      w.admin.token,
    );
    expect(removed.data!.teamMemberRemove.team!.agents.totalCount).toBe(1);
    const twice = await t.gql(
      TeamMemberRemoveDocument,
      { input: { teamId: sales, agentId: agentGid(w.agentB.agent.id) } },
      w.admin.token,
    );
    expect(twice.data!.teamMemberRemove.userErrors[0]!.code).toBe('NOT_TEAM_MEMBER');

    await deactivateAgent(deps, w.agentB.agent.id);
    const inactive = await t.gql(
      TeamMemberAddDocument,
      { input: { teamId: sales, agentId: agentGid(w.agentB.agent.id) } },
      w.admin.token,
    );
    expect(inactive.data!.teamMemberAdd.userErrors[0]!.code).toBe('AGENT_INACTIVE');
  });

  it('an agent reads their own, their teams’ queues and the general queue: in lists, counts, by id and in mutations', async () => {
    const sales = await team('Sales', [w.agentA.agent.id, w.agentB.agent.id]);
    const support = await team('Support', [w.agentB.agent.id]);
    const salesQueue = await inTeam(sales);
    const supportQueue = await inTeam(support);
    const general = await inTeam(null);
    const bInSales = await inTeam(sales, w.agentB.agent.id);
    const aInSupport = await inTeam(support, w.agentA.agent.id);

    expect((await listed(w.agentA.token)).sort()).toEqual([salesQueue, general, aInSupport].map(gid).sort());
    expect((await listed(w.agentB.token)).sort()).toEqual(
      [salesQueue, supportQueue, general, bInSales].map(gid).sort(),
    );
    expect(await listed(w.admin.token, { teamId: support })).toEqual(
      expect.arrayContaining([supportQueue, aInSupport].map(gid)),
    );
    expect((await listed(w.admin.token, { withoutTeam: true })).sort()).toEqual([gid(general)]);

    const counts = async (token: string, teamId?: string) =>
      Object.fromEntries(
        (await t.gql(TeamTraysDocument, { view: 'CLASSIC', teamId }, token)).data!.trays.map((tray) => [
          tray.kind,
          tray.count,
        ]),
      );
    expect(await counts(w.agentA.token)).toEqual({ NEW: 3, ACTIVE: 0 });
    expect(await counts(w.admin.token, support)).toEqual({ NEW: 2, ACTIVE: 0 });
    expect(await counts(w.agentA.token, support)).toEqual({ NEW: 1, ACTIVE: 0 });

    const byId = await t.gql(
      'query($id: ID!) { conversation(id: $id) { id } }',
      { id: gid(supportQueue) },
      w.agentA.token,
    );
    expect(byId.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const take = await t.gql(
      ConversationTakeDocument,
      { input: { conversationId: gid(supportQueue) } },
      w.agentA.token,
    );
    expect(take.data!.conversationTake.userErrors[0]!.code).toBe('NOT_TEAM_MEMBER');
    const reply = await t.gql(
      MessageSendDocument,
      { input: { conversationId: gid(supportQueue), text: 'Hola' } },
      w.agentA.token,
    );
    expect(reply.data!.messageSend.userErrors[0]!.code).toBe('NOT_TEAM_MEMBER');

    // Joining the team opens its queue at the next request.
    await t.gql(
      TeamMemberAddDocument,
      { input: { teamId: support, agentId: agentGid(w.agentA.agent.id) } },
      w.admin.token,
    );
    expect(await listed(w.agentA.token)).toContain(gid(supportQueue));
  });

  it('event streams follow the rule, and a membership change from its own event on', async () => {
    const support = await team('Support');
    const supportQueue = await inTeam(support);
    const general = await inTeam(null);
    const move = (conversation: Conversation) =>
      emitEvents(t.app.deps, w.workspace.id, [
        {
          type: EventType.TRAY_CHANGED,
          conversationId: conversation.id,
          assigneeId: null,
          payload: { conversationId: conversation.id, view: TrayView.V2, from: null, to: TrayKind.EXPIRED },
        },
      ]);
    const connection = connectWs(await t.wsUrl(), w.agentA.token);
    connections.push(connection);
    const live = subscribe(connection, TrayChangedDocument, { view: 'V2' });
    const resumed = subscribe(connection, TrayChangedDocument, {
      view: 'V2',
      after: await headCursor(t.app.deps, w.workspace.id),
    });
    // A live stream carries what happens once it is set up: markers (moves of the general queue,
    // visible to all) go until one arrives. The stream is ordered, so no earlier one comes later.
    let markers = 0;
    do {
      await move(general);
      markers += 1;
    } while (!(await live.waitFor(1, 20)));
    const base = new Map([
      [live, live.data().length],
      [resumed, markers],
    ]);
    expect(await resumed.waitFor(markers)).toBe(true);
    await move(supportQueue);
    await move(general);
    expect(await live.waitFor(base.get(live)! + 1)).toBe(true);
    await t.gql(
      TeamMemberAddDocument,
      { input: { teamId: support, agentId: agentGid(w.agentA.agent.id) } },
      w.admin.token,
    );
    await move(supportQueue);
    for (const sub of [live, resumed]) {
      expect(await sub.waitFor(base.get(sub)! + 2)).toBe(true);
      expect(
        sub
          .data()
          .slice(base.get(sub))
          .map((data) => data.trayChanged.conversation.id),
      ).toEqual([gid(general), gid(supportQueue)]);
    }
    await t.gql(
      TeamMemberRemoveDocument,
      { input: { teamId: support, agentId: agentGid(w.agentA.agent.id) } },
      w.admin.token,
    );
    await move(supportQueue);
    await move(general);
    for (const sub of [live, resumed]) {
      expect(await sub.waitFor(base.get(sub)! + 3)).toBe(true);
      expect(
        sub
          .data()
          .slice(base.get(sub))
          .map((data) => data.trayChanged.conversation.id),
      ).toEqual([gid(general), gid(supportQueue), gid(general)]);
    }
  });

  it('an open connection reads by id what a new membership gives from its next credential check', async () => {
    const support = await team('Support');
    const supportQueue = await inTeam(support);
    const connection = connectWs(await t.wsUrl(), w.agentA.token);
    connections.push(connection);
    const follow = () =>
      new Promise<unknown>((resolve) => {
        const stop = connection.client.subscribe(
          {
            query: 'subscription($c: ID) { messageAdded(conversationId: $c) { cursor } }',
            variables: { c: gid(supportQueue) },
          },
          {
            next: (result) => result.errors && resolve(result.errors),
            error: (error) => resolve(error),
            complete: () => resolve(null),
          },
        );
        // Still open after a moment: the conversation was found.
        setTimeout(() => {
          stop();
          resolve('open');
        }, 300);
      });
    const refused = (await follow()) as { extensions?: { code?: string } }[];
    expect(refused[0]?.extensions?.code).toBe('NOT_FOUND');
    await t.gql(
      TeamMemberAddDocument,
      { input: { teamId: support, agentId: agentGid(w.agentA.agent.id) } },
      w.admin.token,
    );
    await t.app.websocket.recheckPrincipals();
    expect(await follow()).toBe('open');
  });

  it('transfer to a team: it waits in that queue, its members see it arrive, the sender sees it go; with an agent, only a member', async () => {
    const support = await team('Support', [w.agentB.agent.id]);
    const mine = await inTeam(null, w.agentA.agent.id);
    const connectionB = connectWs(await t.wsUrl(), w.agentB.token);
    const connectionA = connectWs(await t.wsUrl(), w.agentA.token);
    connections.push(connectionA, connectionB);
    const after = await headCursor(t.app.deps, w.workspace.id);
    const seenByB = subscribe(connectionB, TrayChangedDocument, { view: 'CLASSIC', after });
    const seenByA = subscribe(connectionA, TrayChangedDocument, { view: 'CLASSIC', after });

    const notMember = await t.gql(
      TeamTransferDocument,
      { input: { conversationId: gid(mine), toTeamId: support, agentId: agentGid(w.admin.agent.id) } },
      w.agentA.token,
    );
    expect(notMember.data!.conversationTransfer.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_TEAM_MEMBER', field: ['input', 'agentId'] }),
    ]);
    const nothing = await t.gql(
      TeamTransferDocument,
      { input: { conversationId: gid(mine) } },
      w.agentA.token,
    );
    expect(nothing.data!.conversationTransfer.userErrors[0]!.code).toBe('INVALID_INPUT');

    const moved = await t.gql(
      TeamTransferDocument,
      { input: { conversationId: gid(mine), toTeamId: support, comment: 'billing question' } },
      w.agentA.token,
    );
    expect(moved.data!.conversationTransfer).toMatchObject({
      userErrors: [],
      conversation: { team: { id: support }, assignee: null, trays: { classic: 'NEW' } },
    });
    expect(await seenByB.waitFor(1)).toBe(true);
    expect(await seenByA.waitFor(1)).toBe(true);
    expect(await listed(w.agentA.token)).not.toContain(gid(mine));
    expect(await listed(w.agentB.token)).toContain(gid(mine));
    const again = await t.gql(
      TeamTransferDocument,
      { input: { conversationId: gid(mine), toTeamId: support } },
      w.admin.token,
    );
    expect(again.data!.conversationTransfer.userErrors[0]!.code).toBe('SAME_TEAM');

    const [line] = await deps.dataSource
      .getRepository(ConversationEvent)
      .find({ where: { conversationId: mine.id, type: 'TRANSFERRED' as never } });
    expect(line).toMatchObject({
      fromAgentId: w.agentA.agent.id,
      toAgentId: null,
      comment: 'billing question',
      data: { toQueue: true, fromTeamId: null, toTeamId: localOf(support) },
    });
    // The receiving team gets the summary like any transfer.
    expect(await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: mine.id })).toHaveLength(1);

    // To a member of the team: assigned to them, in the team.
    const back = await inTeam(null, w.agentA.agent.id);
    const toMember = await t.gql(
      TeamTransferDocument,
      { input: { conversationId: gid(back), toTeamId: support, agentId: agentGid(w.agentB.agent.id) } },
      w.agentA.token,
    );
    expect(toMember.data!.conversationTransfer.conversation).toMatchObject({
      team: { id: support },
      assignee: { id: agentGid(w.agentB.agent.id) },
    });
  });

  it('the team comes from the bot’s handoff, an admin, or the channel account’s default team', async () => {
    const sales = await team('Sales', [w.agentA.agent.id]);
    const { key: botKey } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT]);
    const held = await createConversation(deps, w.channel, { handler: Handler.BOT });
    const notMember = await t.gql(
      TeamHandoffDocument,
      { input: { conversationId: gid(held), teamId: sales, agentId: agentGid(w.agentB.agent.id) } },
      botKey,
    );
    expect(notMember.data!.conversationHandoff.userErrors[0]!.code).toBe('NOT_TEAM_MEMBER');
    const handed = await t.gql(
      TeamHandoffDocument,
      { input: { conversationId: gid(held), teamId: sales } },
      botKey,
    );
    expect(handed.data!.conversationHandoff.conversation).toMatchObject({
      handler: 'AGENT',
      team: { id: sales },
      assignee: null,
    });

    const set = await t.gql(
      ConversationSetTeamDocument,
      { input: { conversationId: gid(held), teamId: null } },
      w.admin.token,
    );
    expect(set.data!.conversationSetTeam.conversation!.team).toBeNull();
    const same = await t.gql(
      ConversationSetTeamDocument,
      { input: { conversationId: gid(held), teamId: null } },
      w.admin.token,
    );
    expect(same.data!.conversationSetTeam.userErrors[0]!.code).toBe('SAME_TEAM');
    const byAgent = await t.gql(
      ConversationSetTeamDocument,
      { input: { conversationId: gid(held), teamId: sales } },
      w.agentA.token,
    );
    expect(byAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const history = await deps.dataSource
      .getRepository(ConversationEvent)
      .find({ where: { conversationId: held.id, type: 'TEAM_CHANGED' as never } });
    expect(history.map((line) => line.data)).toEqual([{ fromTeamId: localOf(sales), toTeamId: null }]);

    // A channel account's rule: its new conversations start in its default team.
    const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
    await deps.dataSource.query('UPDATE workspace SET bot_enabled = false WHERE id = $1', [w.workspace.id]);
    const updated = await t.gql(
      ChannelUpdateDocument,
      { input: { channelAccountId: toGlobalId('ChannelAccount', api.id), defaultTeamId: sales } },
      w.admin.token,
    );
    expect(updated.data!.channelUpdate.channelAccount!.defaultTeam).toEqual({ id: sales });
    const { key: partnerKey } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE]);
    const inbound = await t.gql(
      MessageInboundDocument,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', api.id),
          customerChannelUserId: 'crm-9',
          externalId: 'crm-m-1',
          text: 'Quiero comprar',
        },
      },
      partnerKey,
    );
    const opened = inbound.data!.messageInbound.conversation!;
    const read = await t.gql(TeamConversationsDocument, { filter: { teamId: sales } }, w.agentA.token);
    expect(read.data!.conversations.nodes).toEqual([
      expect.objectContaining({ id: opened.id, team: { id: sales, name: 'Sales' } }),
    ]);
  });

  it('deleting a team sends its open conversations to the general queue, with history and events', async () => {
    const support = await team('Support', [w.agentB.agent.id]);
    const queued = await inTeam(support);
    const held = await inTeam(support, w.agentB.agent.id);
    const after = await headCursor(t.app.deps, w.workspace.id);
    const deleted = await t.gql(TeamDeleteDocument, { input: { teamId: support } }, w.admin.token);
    expect(deleted.data!.teamDelete.movedConversationCount).toBe(2);
    expect(await listed(w.agentA.token)).toContain(gid(queued));
    expect(await listed(w.agentA.token)).not.toContain(gid(held));
    const events = await t.gql(
      'query($after: String) { events(after: $after, first: 50) { nodes { type } } }',
      { after },
      w.admin.token,
    );
    const types = (events.data as any).events.nodes.map((node: any) => node.type);
    expect(types).toEqual(
      expect.arrayContaining(['TEAM_MEMBER_REMOVED', 'CONVERSATION_UPDATED', 'TRAY_CHANGED']),
    );
    const workload = await t.gql(AgentWorkloadDocument, {}, w.admin.token);
    expect(workload.data!.agents.find((agent) => agent.id === agentGid(w.agentB.agent.id))).toMatchObject({
      teams: [],
      openConversationCount: 1,
    });
  });
});
