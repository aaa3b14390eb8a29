import {
  BusinessHoursSetDocument,
  type BusinessHoursSetInput,
  ConversationCloseDocument,
  ConversationSetPriorityDocument,
  ConversationSlaDocument,
  ConversationSnoozeDocument,
  ConversationTakeDocument,
  ConversationUpdatedDocument,
  MessageInboundDocument,
  MessageSendDocument,
  SlaBreachCountsDocument,
  SlaPoliciesDocument,
  SlaPolicyCreateDocument,
  type SlaPolicyCreateInput,
  SlaPolicyDeleteDocument,
  SlaPolicyUpdateDocument,
  TeamCreateDocument,
  TagCreateDocument,
  ConversationLabelDocument,
  ConversationSetTeamDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createChannelAccount, createTestApiKey, enqueuedJobs } from '../../testing/factories';
import {
  connectWs,
  headCursor,
  subscribe,
  type WsConnection,
} from '../../testing/fixtures/subscription.fixture';
import { fromGlobalId, toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, ChannelKind, SlaTarget } from '../../entities/enums';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { JobName } from '../../runtime/job-queue';
import { SlaTimerTooEarlyError } from '../../services/sla/sla-timers';
import { isOpenAt } from '../../services/business-hours/business-hours.service';
import { missedSlaTimersSweep } from '../../jobs/sla-timer.job';

// Friday 7 March 2031, 15:00 in New York (EST, −5). Clocks go forward on Sunday 9 March.
const NOW = new Date('2031-03-07T20:00:00Z');
const SECOND = 1000;
const HOUR = 3600 * SECOND;
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;

/** Monday–Friday 09:00–17:00 in New York; Monday 10 March 2031 is a holiday. */
const NEW_YORK: BusinessHoursSetInput['businessHours'] = {
  timezone: 'America/New_York',
  week: WEEKDAYS.map((day) => ({ day, opens: '09:00', closes: '17:00' })),
  holidays: [{ date: '2031-03-10' }],
};

describe('business hours and SLA policies (manual clock)', () => {
  const t = useTestApp({ now: NOW, resetClock: true, env: { REDIS_URL: '' } });
  const deps = t.factories;
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  const connections: WsConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
  });

  let api: ChannelAccount;
  let apiKey: string;
  beforeEach(async () => {
    api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
    apiKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
  });

  const setHours = (input: BusinessHoursSetInput, token = w.admin.token) =>
    t.gql(BusinessHoursSetDocument, { input }, token);
  const createPolicy = async (input: SlaPolicyCreateInput) => {
    const result = await t.gql(SlaPolicyCreateDocument, { input }, w.admin.token);
    expect(result.data!.slaPolicyCreate.userErrors).toEqual([]);
    return result.data!.slaPolicyCreate.slaPolicy!;
  };
  let seq = 0;
  const customerWrites = async (customer: string, text = 'Hola') => {
    seq += 1;
    const result = await t.gql(
      MessageInboundDocument,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', api.id),
          customerChannelUserId: customer,
          externalId: `inbound-${seq}`,
          text,
        },
      },
      apiKey,
    );
    expect(result.data!.messageInbound.userErrors).toEqual([]);
    return result.data!.messageInbound.conversation!.id;
  };
  const slaOf = async (conversationId: string) =>
    (await t.gql(ConversationSlaDocument, { id: conversationId }, w.admin.token)).data!.conversation!.sla;
  const take = async (conversationId: string) => {
    const result = await t.gql(ConversationTakeDocument, { input: { conversationId } }, w.agentA.token);
    expect(result.data!.conversationTake.userErrors).toEqual([]);
  };
  const answer = async (conversationId: string) => {
    const result = await t.gql(
      MessageSendDocument,
      { input: { conversationId, text: 'Ya te ayudo' } },
      w.agentA.token,
    );
    expect(result.data!.messageSend.userErrors).toEqual([]);
  };
  const timer = (conversationId: string, target: SlaTarget, at: string) => ({
    workspaceId: w.workspace.id,
    conversationId,
    target,
    at,
  });
  const dbId = (globalId: string) => fromGlobalId(globalId)!.id;
  const breachRows = async (conversationId: string) =>
    (await deps.dataSource.query(
      `SELECT target, due_at, agent_id FROM sla_breach WHERE conversation_id = $1`,
      [dbId(conversationId)],
    )) as { target: string; due_at: Date; agent_id: string | null }[];

  it('business hours hold across a DST change and a holiday: open at 09:00 local on both sides, closed on the holiday', async () => {
    const set = await setHours({ businessHours: NEW_YORK });
    expect(set.data!.businessHoursSet.userErrors).toEqual([]);
    expect(set.data!.businessHoursSet.settings!.businessHours).toMatchObject({
      timezone: 'America/New_York',
      holidays: [{ date: '2031-03-10', opens: null, closes: null }],
    });
    const open = (iso: string) => isOpenAt(deps.dataSource.manager, w.workspace.id, null, new Date(iso));
    expect(await open('2031-03-07T14:00:00Z')).toBe(true); // Friday 09:00 EST
    expect(await open('2031-03-07T13:59:59Z')).toBe(false);
    expect(await open('2031-03-10T15:00:00Z')).toBe(false); // the holiday, Monday 11:00 EDT
    expect(await open('2031-03-11T13:00:00Z')).toBe(true); // Tuesday 09:00 EDT (−4)
    expect(await open('2031-03-11T12:30:00Z')).toBe(false); // 08:30 EDT, which was 09:30 a week before

    // A team with hours of its own; another team follows the workspace's.
    const team = (await t.gql(TeamCreateDocument, { input: { name: 'Night' } }, w.admin.token)).data!
      .teamCreate.team!;
    const teamSet = await setHours({
      teamId: team.id,
      businessHours: { week: [{ day: 'MONDAY', opens: '00:00', closes: '24:00' }] },
    });
    expect(teamSet.data!.businessHoursSet.team!.businessHours).toMatchObject({ timezone: 'UTC' });
    expect(
      await isOpenAt(
        deps.dataSource.manager,
        w.workspace.id,
        dbId(team.id),
        new Date('2031-03-10T15:00:00Z'),
      ),
    ).toBe(true);
    // Removing the workspace's hours: always open.
    expect(
      (await setHours({ businessHours: null })).data!.businessHoursSet.settings!.businessHours,
    ).toBeNull();
    expect(await open('2031-03-09T03:00:00Z')).toBe(true);
  });

  it('a first response due in business time is breached at exactly its due time, pushed by its timer, once', async () => {
    await setHours({ businessHours: NEW_YORK });
    const policy = await createPolicy({ name: 'Standard', firstResponseSeconds: 2 * 3600 });
    // Friday 16:00 EST: one business hour left on Friday, Monday is a holiday, Tuesday is EDT.
    t.clock.set(new Date('2031-03-07T21:00:00Z'));
    const conversationId = await customerWrites('ana');
    await take(conversationId);
    const due = '2031-03-11T14:00:00.000Z'; // Tuesday 10:00 EDT
    expect(await slaOf(conversationId)).toEqual({
      policy: { id: policy.id, name: 'Standard' },
      firstResponseDueAt: due,
      nextResponseDueAt: null,
      resolutionDueAt: null,
      breachedAt: null,
      targets: [{ target: 'FIRST_RESPONSE', dueAt: due, status: 'PENDING' }],
    });
    const jobs = await enqueuedJobs(deps, JobName.SLA_TIMER, {
      conversationId: dbId(conversationId),
      at: due,
    });
    expect(jobs.map((job) => job.startAfter.toISOString())).toEqual([due]);

    const connection = connectWs(await t.wsUrl(), w.agentA.token);
    connections.push(connection);
    const updates = subscribe(connection, ConversationUpdatedDocument, {
      conversationId,
      after: await headCursor(t.app.deps, w.workspace.id),
    });
    const job = timer(dbId(conversationId), SlaTarget.FIRST_RESPONSE, due);
    t.clock.set(new Date(Date.parse(due) - 1));
    await expect(t.app.deps.jobs.runNow(JobName.SLA_TIMER, job)).rejects.toBeInstanceOf(
      SlaTimerTooEarlyError,
    );
    expect((await slaOf(conversationId))!.targets[0]!.status).toBe('PENDING');

    t.clock.set(new Date(due));
    await t.app.deps.jobs.runNow(JobName.SLA_TIMER, job);
    expect(await updates.waitFor(1)).toBe(true);
    expect(updates.data()[0]!.conversationUpdated).toMatchObject({
      type: 'SLA_BREACHED',
      conversation: { id: conversationId },
    });
    expect(await slaOf(conversationId)).toMatchObject({
      breachedAt: due,
      targets: [{ target: 'FIRST_RESPONSE', dueAt: due, status: 'BREACHED' }],
    });
    expect(await breachRows(conversationId)).toEqual([
      { target: 'FIRST_RESPONSE', due_at: new Date(due), agent_id: w.agentA.agent.id },
    ]);

    // Once: a second run and the sweep record nothing more; the count is the agent's.
    await t.app.deps.jobs.runNow(JobName.SLA_TIMER, job);
    await missedSlaTimersSweep.run(t.app.deps);
    expect(await breachRows(conversationId)).toHaveLength(1);
    const counts = (await t.gql(SlaBreachCountsDocument, {}, w.admin.token)).data!;
    expect(
      counts.agents.find((agent) => agent.id === toGlobalId('Agent', w.agentA.agent.id))!.slaBreaches,
    ).toBe(1);
    expect(
      counts.agents.find((agent) => agent.id === toGlobalId('Agent', w.agentB.agent.id))!.slaBreaches,
    ).toBe(0);
    const later = (await t.gql(SlaBreachCountsDocument, { from: '2031-03-12T00:00:00Z' }, w.admin.token))
      .data!;
    expect(later.agents.every((agent) => agent.slaBreaches === 0)).toBe(true);

    // Answered late: the target stays BREACHED.
    await answer(conversationId);
    expect((await slaOf(conversationId))!.targets).toEqual([
      { target: 'FIRST_RESPONSE', dueAt: due, status: 'BREACHED' },
    ]);
  });

  it('no breach when the agent answers one second before the due time; the next response then runs', async () => {
    await createPolicy({
      name: 'Around the clock',
      firstResponseSeconds: 600,
      nextResponseSeconds: 300,
      businessHoursOnly: false,
    });
    await setHours({ businessHours: NEW_YORK }); // not counted: the policy runs around the clock
    const conversationId = await customerWrites('bea');
    const due = new Date(NOW.getTime() + 600 * SECOND).toISOString();
    expect((await slaOf(conversationId))!.firstResponseDueAt).toBe(due);

    t.clock.set(new Date(Date.parse(due) - SECOND));
    await answer(conversationId);
    t.clock.set(new Date(due));
    await t.app.deps.jobs.runNow(
      JobName.SLA_TIMER,
      timer(dbId(conversationId), SlaTarget.FIRST_RESPONSE, due),
    );
    await missedSlaTimersSweep.run(t.app.deps);
    expect(await breachRows(conversationId)).toEqual([]);
    expect(await slaOf(conversationId)).toMatchObject({
      breachedAt: null,
      targets: [{ target: 'FIRST_RESPONSE', dueAt: due, status: 'MET' }],
    });

    // The customer writes again: the next answer is due 5 minutes later.
    const wrote = new Date(Date.parse(due) + HOUR);
    t.clock.set(wrote);
    await customerWrites('bea', '¿Y?');
    const nextDue = new Date(wrote.getTime() + 300 * SECOND).toISOString();
    expect((await slaOf(conversationId))!.nextResponseDueAt).toBe(nextDue);
    t.clock.set(new Date(nextDue));
    await t.app.deps.jobs.runNow(
      JobName.SLA_TIMER,
      timer(dbId(conversationId), SlaTarget.NEXT_RESPONSE, nextDue),
    );
    expect((await breachRows(conversationId)).map((row) => row.target)).toEqual(['NEXT_RESPONSE']);
    // The answer took the queued conversation: the breach is agent A's.
    expect((await breachRows(conversationId))[0]!.agent_id).toBe(w.agentA.agent.id);
  });

  it('due times are recomputed when the conversation changes: priority (another policy), snooze, closing', async () => {
    const urgent = await createPolicy({
      name: 'Urgent',
      conditions: { priorities: ['URGENT'] },
      firstResponseSeconds: 60,
      resolutionSeconds: 3600,
      businessHoursOnly: false,
    });
    const standard = await createPolicy({
      name: 'Standard',
      firstResponseSeconds: 1800,
      resolutionSeconds: 8 * 3600,
      businessHoursOnly: false,
    });
    const conversationId = await customerWrites('cai');
    await take(conversationId);
    expect((await slaOf(conversationId))!.policy!.id).toBe(standard.id);
    const oldDue = new Date(NOW.getTime() + 1800 * SECOND).toISOString();
    expect((await slaOf(conversationId))!.firstResponseDueAt).toBe(oldDue);

    const set = await t.gql(
      ConversationSetPriorityDocument,
      { input: { conversationId, priority: 'URGENT' } },
      w.agentA.token,
    );
    expect(set.data!.conversationSetPriority.userErrors).toEqual([]);
    const sla = (await slaOf(conversationId))!;
    expect(sla.policy!.id).toBe(urgent.id);
    expect(sla.firstResponseDueAt).toBe(new Date(NOW.getTime() + 60 * SECOND).toISOString());
    expect(sla.resolutionDueAt).toBe(new Date(NOW.getTime() + HOUR).toISOString());
    // The old due time's timer finds it moved and records nothing.
    t.clock.set(new Date(oldDue));
    await t.app.deps.jobs.runNow(
      JobName.SLA_TIMER,
      timer(dbId(conversationId), SlaTarget.FIRST_RESPONSE, oldDue),
    );
    expect((await breachRows(conversationId)).map((row) => row.due_at.toISOString())).toEqual([]);

    // Snoozed: no response is due while it sleeps.
    t.clock.set(new Date(NOW.getTime() + 30 * SECOND));
    const snooze = await t.gql(
      ConversationSnoozeDocument,
      { input: { conversationId, until: new Date(NOW.getTime() + 2 * HOUR).toISOString() } },
      w.agentA.token,
    );
    expect(snooze.data!.conversationSnooze.userErrors).toEqual([]);
    expect((await slaOf(conversationId))!.firstResponseDueAt).toBeNull();

    // Closing meets the resolution target before its due time.
    const close = await t.gql(
      ConversationCloseDocument,
      { input: { conversationId, outcome: 'POSITIVE', reason: 'Resuelto' } },
      w.agentA.token,
    );
    expect(close.data!.conversationClose.userErrors).toEqual([]);
    t.clock.set(new Date(NOW.getTime() + HOUR));
    await t.app.deps.jobs.runNow(
      JobName.SLA_TIMER,
      timer(dbId(conversationId), SlaTarget.RESOLUTION, new Date(NOW.getTime() + HOUR).toISOString()),
    );
    expect(await breachRows(conversationId)).toEqual([]);
  });

  it('rules pick the first matching policy by position: a label, the channel account, the team', async () => {
    const vip = (await t.gql(TagCreateDocument, { input: { name: 'VIP' } }, w.admin.token)).data!.tagCreate
      .tag!;
    const team = (await t.gql(TeamCreateDocument, { input: { name: 'Soporte' } }, w.admin.token)).data!
      .teamCreate.team!;
    const byLabel = await createPolicy({
      name: 'VIP',
      conditions: { tagIds: [vip.id] },
      firstResponseSeconds: 60,
      businessHoursOnly: false,
    });
    const byTeam = await createPolicy({
      name: 'Team',
      conditions: { teamIds: [team.id] },
      firstResponseSeconds: 120,
      businessHoursOnly: false,
    });
    const byChannel = await createPolicy({
      name: 'CRM',
      conditions: { channelAccountIds: [toGlobalId('ChannelAccount', api.id)] },
      firstResponseSeconds: 300,
      businessHoursOnly: false,
    });
    const conversationId = await customerWrites('dan');
    expect((await slaOf(conversationId))!.policy!.id).toBe(byChannel.id);

    const moved = await t.gql(
      ConversationSetTeamDocument,
      { input: { conversationId, teamId: team.id } },
      w.admin.token,
    );
    expect(moved.data!.conversationSetTeam.userErrors).toEqual([]);
    expect((await slaOf(conversationId))!.policy!.id).toBe(byTeam.id);

    const labelled = await t.gql(
      ConversationLabelDocument,
      { input: { conversationId, tagId: vip.id } },
      w.admin.token,
    );
    expect(labelled.data!.conversationLabel.userErrors).toEqual([]);
    const sla = (await slaOf(conversationId))!;
    expect(sla.policy!.id).toBe(byLabel.id);
    expect(sla.firstResponseDueAt).toBe(new Date(NOW.getTime() + 60 * SECOND).toISOString());
  });

  it('policies are kept in position order; validation refuses with userErrors; only admins write', async () => {
    const a = await createPolicy({ name: 'A', firstResponseSeconds: 60 });
    const b = await createPolicy({ name: 'B', firstResponseSeconds: 60, position: 1 });
    const c = await createPolicy({ name: 'C', resolutionSeconds: 60 });
    const names = async () =>
      (await t.gql(SlaPoliciesDocument, {}, w.agentA.token)).data!.slaPolicies.nodes.map(
        (node) => `${node.position}:${node.name}`,
      );
    expect(await names()).toEqual(['1:B', '2:A', '3:C']);
    await t.gql(SlaPolicyUpdateDocument, { input: { slaPolicyId: c.id, position: 1 } }, w.admin.token);
    expect(await names()).toEqual(['1:C', '2:B', '3:A']);
    await t.gql(SlaPolicyDeleteDocument, { input: { slaPolicyId: b.id } }, w.admin.token);
    expect(await names()).toEqual(['1:C', '2:A']);

    const refused: [SlaPolicyCreateInput, string[]][] = [
      [{ name: 'none' }, ['input', 'firstResponseSeconds']],
      [{ name: ' ', firstResponseSeconds: 60 }, ['input', 'name']],
      [{ name: 'zero', firstResponseSeconds: 0 }, ['input', 'firstResponseSeconds']],
      [{ name: 'long', resolutionSeconds: 91 * 24 * 3600 }, ['input', 'resolutionSeconds']],
    ];
    for (const [input, field] of refused) {
      const result = await t.gql(SlaPolicyCreateDocument, { input }, w.admin.token);
      expect(result.data!.slaPolicyCreate.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field }),
      ]);
    }
    const cleared = await t.gql(
      SlaPolicyUpdateDocument,
      { input: { slaPolicyId: a.id, clearFirstResponse: true } },
      w.admin.token,
    );
    expect(cleared.data!.slaPolicyUpdate.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'firstResponseSeconds'] }),
    ]);
    const forbidden = await t.gql(
      SlaPolicyCreateDocument,
      { input: { name: 'x', firstResponseSeconds: 1 } },
      w.agentA.token,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await names()).toEqual(['1:C', '2:A']);
  });

  it('business hours validation: bad times, overlaps, bad zones and dates are userErrors on the field path', async () => {
    const refused: [BusinessHoursSetInput['businessHours'], string[]][] = [
      [
        { week: [{ day: 'MONDAY', opens: '9:00', closes: '17:00' }] },
        ['input', 'businessHours', 'week', '0', 'opens'],
      ],
      [
        { week: [{ day: 'MONDAY', opens: '09:00', closes: '24:30' }] },
        ['input', 'businessHours', 'week', '0', 'closes'],
      ],
      [
        { week: [{ day: 'MONDAY', opens: '17:00', closes: '09:00' }] },
        ['input', 'businessHours', 'week', '0', 'closes'],
      ],
      [
        {
          week: [
            { day: 'MONDAY', opens: '09:00', closes: '13:00' },
            { day: 'TUESDAY', opens: '09:00', closes: '13:00' },
            { day: 'MONDAY', opens: '12:00', closes: '18:00' },
          ],
        },
        ['input', 'businessHours', 'week', '2'],
      ],
      [{ timezone: 'Mars/Olympus', week: [] }, ['input', 'businessHours', 'timezone']],
      [{ week: [], holidays: [{ date: '2031-02-30' }] }, ['input', 'businessHours', 'holidays', '0', 'date']],
      [
        { week: [], holidays: [{ date: '2031-12-24', opens: '09:00' }] },
        ['input', 'businessHours', 'holidays', '0', 'closes'],
      ],
      [
        { week: [], holidays: [{ date: '2031-12-24' }, { date: '2031-12-24' }] },
        ['input', 'businessHours', 'holidays', '1', 'date'],
      ],
    ];
    for (const [businessHours, field] of refused) {
      const result = await setHours({ businessHours });
      expect(result.data!.businessHoursSet.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field }),
      ]);
    }
    const forbidden = await setHours({ businessHours: NEW_YORK }, w.agentA.token);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await setHours({
      businessHours: {
        timezone: 'europe/madrid',
        week: [
          { day: 'MONDAY', opens: '13:00', closes: '24:00' },
          { day: 'MONDAY', opens: '09:00', closes: '13:00' },
        ],
        holidays: [{ date: '2031-12-24', opens: '09:00', closes: '13:00' }],
      },
    });
    expect(ok.data!.businessHoursSet.settings!.businessHours).toEqual({
      timezone: 'Europe/Madrid',
      week: [
        { day: 'MONDAY', opens: '13:00', closes: '24:00' },
        { day: 'MONDAY', opens: '09:00', closes: '13:00' },
      ],
      holidays: [{ date: '2031-12-24', opens: '09:00', closes: '13:00' }],
    });
  });
});
