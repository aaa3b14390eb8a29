import {
  AgentStatsDocument,
  ConversationCloseDocument,
  ConversationTakeDocument,
  ConversationTimingsDocument,
  MessageInboundDocument,
  MessageSendDocument,
  ReportAttachmentDocument,
  ReportExportDocument,
  SlaPolicyCreateDocument,
} from '../../testing/generated/graphql';
import { type TestAppHandle, useTestApp } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createTestApiKey,
  createTestWorkspace,
  enqueuedJobs,
  type TestAgent,
  type TestWorkspace,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, ChannelKind } from '../../entities/enums';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { JobName } from '../../runtime/job-queue';
import { type JobData } from '../../runtime/job-catalog';
import { reportPeriod } from '../../services/report/report-period';
import { missedSlaTimersSweep } from '../../jobs/sla-timer.job';

/** New York moves its clocks forward on 2026-03-08 at 02:00 (EST, UTC−5) to 03:00 (EDT, UTC−4). */
const ZONE = 'America/New_York';
const DAY = '2026-03-08';
const at = (iso: string) => new Date(iso);
const SECOND = 1000;

async function ok<T>(result: Promise<{ data?: T | null; errors?: readonly unknown[] }>): Promise<T> {
  const answer = await result;
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

/**
 * One conversation, start to end through the API: the customer writes at `start`; `agent` takes
 * it `take` seconds later, answers at `reply` and closes at `close` (seconds from `start`).
 */
async function playConversation(
  t: TestAppHandle,
  on: { api: ChannelAccount; partnerKey: string; customer: number },
  start: string,
  agent: TestAgent,
  steps: { take: number; reply: number; close?: number; outcome?: 'POSITIVE' | 'NEGATIVE' },
): Promise<string> {
  const begin = at(start).getTime();
  t.clock.set(new Date(begin));
  const inbound = await ok(
    t.gql(
      MessageInboundDocument,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', on.api.id),
          customerChannelUserId: `customer-${on.customer}`,
          externalId: `in-${on.customer}`,
          text: 'Hello, my order has not arrived',
        },
      },
      on.partnerKey,
    ),
  );
  expect(inbound.messageInbound.userErrors).toEqual([]);
  const id = inbound.messageInbound.conversation!.id;
  t.clock.set(new Date(begin + steps.take * SECOND));
  const taken = await ok(t.gql(ConversationTakeDocument, { input: { conversationId: id } }, agent.token));
  expect(taken.conversationTake.userErrors).toEqual([]);
  t.clock.set(new Date(begin + steps.reply * SECOND));
  // The SLA timers that fell due by now have run (the sweep runs what a timer would have).
  await missedSlaTimersSweep.run(t.app.deps);
  const sent = await ok(
    t.gql(MessageSendDocument, { input: { conversationId: id, text: 'Let me check' } }, agent.token),
  );
  expect(sent.messageSend.userErrors).toEqual([]);
  if (steps.close !== undefined) {
    t.clock.set(new Date(begin + steps.close * SECOND));
    const closed = await ok(
      t.gql(
        ConversationCloseDocument,
        { input: { conversationId: id, outcome: steps.outcome ?? 'POSITIVE', reason: 'Done' } },
        agent.token,
      ),
    );
    expect(closed.conversationClose.userErrors).toEqual([]);
  }
  return id;
}

describe('reports: agentStats, conversation timings and CSV exports', () => {
  const t = useTestApp({ now: at('2026-03-07T12:00:00Z'), resetClock: true });
  const deps = t.factories;

  let w: TestWorkspace;
  let api: ChannelAccount;
  let partnerKey: string;
  let customers = 0;

  async function gql<T>(result: Promise<{ data?: T | null; errors?: readonly unknown[] }>): Promise<T> {
    const answer = await result;
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  }

  const conversation = (
    start: string,
    agent: TestAgent,
    steps: { take: number; reply: number; close?: number; outcome?: 'POSITIVE' | 'NEGATIVE' },
  ) => {
    customers += 1;
    return playConversation(t, { api, partnerKey, customer: customers }, start, agent, steps);
  };

  const ids: Record<string, string> = {};

  beforeEach(async () => {
    w = await createTestWorkspace(deps, {
      timezone: ZONE,
      botEnabled: false,
      autoClosePositiveMinutes: 0,
      autoCloseNegativeMinutes: 0,
      autoCloseReturnToBot: false,
    });
    api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'Partner' });
    partnerKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    // Every conversation is to be answered within 250 s (always open: no business hours).
    const policy = await gql(
      t.gql(
        SlaPolicyCreateDocument,
        { input: { name: 'Standard', firstResponseSeconds: 250 } },
        w.admin.token,
      ),
    );
    expect(policy.slaPolicyCreate.userErrors).toEqual([]);
    const A = w.agentA;
    const B = w.agentB;
    // 01:00 EST, before the change of clocks.
    ids.c1 = await conversation('2026-03-08T06:00:00Z', A, { take: 120, reply: 300, close: 1800 });
    // 03:30 EDT, just after it.
    ids.c2 = await conversation('2026-03-08T07:30:00Z', A, {
      take: 60,
      reply: 100,
      close: 1000,
      outcome: 'NEGATIVE',
    });
    // 23:30 EDT: still 8 March in New York (a fixed UTC−5 would put the day's end an hour later).
    ids.c3 = await conversation('2026-03-09T03:30:00Z', A, { take: 30, reply: 600, close: 900 });
    // 00:30 EDT on 9 March: outside, though inside 8 March at a fixed UTC−5.
    ids.c4 = await conversation('2026-03-09T04:30:00Z', B, { take: 10, reply: 50, close: 200 });
    // 23:30 EST on 7 March: answered before the day begins, closed in it.
    ids.c5 = await conversation('2026-03-08T04:30:00Z', B, { take: 30, reply: 60, close: 2400 });
    // Answered on the day, still open.
    ids.c6 = await conversation('2026-03-08T10:00:00Z', B, { take: 10, reply: 20 });
  });

  it('a report period is local days: 8 March 2026 in New York lasts 23 hours', () => {
    const period = reportPeriod(ZONE, DAY, DAY);
    expect(period).toEqual({ start: at('2026-03-08T05:00:00Z'), end: at('2026-03-09T04:00:00Z') });
    expect(reportPeriod(ZONE, '2026-11-01', '2026-11-01')).toEqual({
      start: at('2026-11-01T04:00:00Z'),
      end: at('2026-11-02T05:00:00Z'),
    });
    expect(reportPeriod('UTC', '2026-01-01', '2026-12-31').end).toEqual(at('2027-01-01T00:00:00Z'));
  });

  it('agentStats: medians and p90 match the hand-computed values across the change of clocks', async () => {
    const data = await gql(t.gql(AgentStatsDocument, { from: DAY, to: DAY }, w.admin.token));
    const byName = Object.fromEntries(data.agentStats.map(({ agent, ...figures }) => [agent.name, figures]));
    // First responses are due within 250 s: c1 (300 s) and c3 (600 s) breached, both held by A.
    // A: first responses 300, 100, 600 s → median 300; p90 = 300 + 0.8 × (600 − 300) = 540.
    // Handle times (first assignment → close) 1680, 940, 870 s → median 940; p90 = 940 + 0.8 × 740 = 1532.
    expect(byName[w.agentA.agent.name]).toEqual({
      firstResponseCount: 3,
      firstResponseMedian: 300,
      firstResponseP90: 540,
      closedCount: 3,
      closedPositive: 2,
      closedNegative: 1,
      handleTimeMedian: 940,
      handleTimeP90: 1532,
      slaBreaches: 2,
      csatAverage: null,
      csatCount: 0,
    });
    // B: the first response of c6 (20 s; c5's came before the day, c4's after it); the close of c5
    // (2400 − 30 = 2370 s), not c4's.
    expect(byName[w.agentB.agent.name]).toEqual({
      firstResponseCount: 1,
      firstResponseMedian: 20,
      firstResponseP90: 20,
      closedCount: 1,
      closedPositive: 1,
      closedNegative: 0,
      handleTimeMedian: 2370,
      handleTimeP90: 2370,
      slaBreaches: 0,
      csatAverage: null,
      csatCount: 0,
    });
    // The admin did nothing and is listed with zeros.
    expect(byName[w.admin.agent.name]).toMatchObject({
      firstResponseCount: 0,
      closedCount: 0,
      handleTimeMedian: null,
    });

    // The next day holds c4 alone (for B).
    const next = await gql(
      t.gql(AgentStatsDocument, { from: '2026-03-09', to: '2026-03-09' }, w.admin.token),
    );
    const b = next.agentStats.find((row) => row.agent.id === toGlobalId('Agent', w.agentB.agent.id))!;
    expect(b).toMatchObject({
      firstResponseCount: 1,
      firstResponseMedian: 50,
      closedCount: 1,
      handleTimeMedian: 190,
    });
  });

  it('Conversation.timings: wait, first response and handle seconds', async () => {
    const data = await gql(t.gql(ConversationTimingsDocument, { id: ids.c1! }, w.admin.token));
    expect(data.conversation!.timings).toEqual({
      reachedAgentsAt: '2026-03-08T06:00:00.000Z',
      assignedAt: '2026-03-08T06:02:00.000Z',
      firstResponseAt: '2026-03-08T06:05:00.000Z',
      waitSeconds: expect.closeTo(120, 2),
      firstResponseSeconds: 300,
      handleSeconds: expect.closeTo(1680, 2),
    });
    const open = await gql(t.gql(ConversationTimingsDocument, { id: ids.c6! }, w.admin.token));
    expect(open.conversation!.timings).toMatchObject({ firstResponseSeconds: 20, handleSeconds: null });
  });

  it('refuses a period that is not calendar days, runs backwards or is longer than a year', async () => {
    for (const [from, to, field] of [
      ['8 March', DAY, 'from'],
      ['2026-02-30', '2026-03-01', 'from'],
      [DAY, '2026-03-07', 'to'],
      ['2025-01-01', '2026-03-08', 'to'],
    ] as const) {
      const result = await t.gql(AgentStatsDocument, { from, to }, w.admin.token);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(result.errors)).toContain(field);
    }
  });

  it('agents may not read reports; admins and keys that read the workspace may', async () => {
    const denied = await t.gql(AgentStatsDocument, { from: DAY, to: DAY }, w.agentA.token);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const exportDenied = await t.gql(
      ReportExportDocument,
      { kind: 'AGENTS', from: DAY, to: DAY },
      w.agentA.token,
    );
    expect(exportDenied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reader = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    expect((await gql(t.gql(AgentStatsDocument, { from: DAY, to: DAY }, reader))).agentStats.length).toBe(3);
  });

  async function exportCsv(kind: 'CONVERSATIONS' | 'AGENTS'): Promise<string> {
    const started = await gql(t.gql(ReportExportDocument, { kind, from: DAY, to: DAY }, w.admin.token));
    expect(started.reportExport.userErrors).toEqual([]);
    expect(started.reportExport.attachment).toMatchObject({ status: 'PENDING', mimeType: 'text/csv' });
    const attachmentId = started.reportExport.attachment!.id;
    const [job] = await enqueuedJobs(deps, JobName.REPORT_EXPORT, { workspaceId: w.workspace.id });
    const data = job!.data as unknown as JobData<JobName.REPORT_EXPORT>;
    await t.app.deps.jobs.runNow(JobName.REPORT_EXPORT, data);
    // Run twice (a redelivered job): nothing changes.
    await t.app.deps.jobs.runNow(JobName.REPORT_EXPORT, data);
    const read = await gql(t.gql(ReportAttachmentDocument, { id: attachmentId }, w.admin.token));
    const attachment = read.node as { status: string; url: string | null; byteSize: number | null };
    expect(attachment.status).toBe('READY');
    const { pathname, search } = new URL(attachment.url!);
    const response = await t.http().get(`${pathname}${search}`).buffer(true);
    expect(response.status).toBe(200);
    const body = response.text ?? Buffer.from(response.body as Buffer).toString('utf8');
    expect(Buffer.byteLength(body)).toBe(attachment.byteSize);
    // The export belongs to whoever asked: another agent cannot see it.
    const hidden = await t.gql(ReportAttachmentDocument, { id: attachmentId }, w.agentA.token);
    expect(hidden.data?.node ?? null).toBeNull();
    return body;
  }

  it('reportExport CONVERSATIONS: one row per conversation created or closed on the day, local times', async () => {
    const csv = await exportCsv('CONVERSATIONS');
    const [comment, header, ...rows] = csv.trimEnd().split('\r\n');
    expect(comment).toBe(`# conversations ${DAY}..${DAY} ${ZONE}`);
    expect(header).toContain('conversation_id,channel,team,created_at');
    const lineOf = (id: string) => rows.find((row) => row.startsWith(`${id},`));
    expect(rows).toHaveLength(5);
    expect(lineOf(ids.c4!)).toBeUndefined();
    expect(lineOf(ids.c1!)).toContain(',API,,2026-03-08 01:00:00,2026-03-08 01:00:00,');
    expect(lineOf(ids.c1!)).toContain(',300,');
    expect(lineOf(ids.c3!)).toContain('2026-03-08 23:30:00');
    expect(lineOf(ids.c2!)).toMatch(/,NEGATIVE,,$/);
  });

  it('reportExport AGENTS: the figures of agentStats', async () => {
    const csv = await exportCsv('AGENTS');
    const rows = csv.trimEnd().split('\r\n').slice(2);
    const a = rows.find((row) => row.startsWith(`${toGlobalId('Agent', w.agentA.agent.id)},`));
    expect(a?.split(',').slice(3)).toEqual(['3', '300', '540', '3', '2', '1', '940', '1532', '2', '', '0']);
  });
});

describe('reports in business hours: nights, weekends, holidays and a change of clocks do not count', () => {
  const t = useTestApp({ now: at('2026-03-06T12:00:00Z'), resetClock: true });
  const deps = t.factories;
  // Monday to Friday 09:00–17:00 in New York; Monday 9 March a holiday. The clocks go forward on
  // Sunday 8 March, so 09:00 is 14:00Z on Friday 6 and 13:00Z on Tuesday 10.
  const HOURS = {
    timezone: ZONE,
    week: (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((day) => ({
      day,
      opens: 9 * 60,
      closes: 17 * 60,
    })),
    holidays: [{ date: '2026-03-09', opens: null, closes: null }],
  };
  let w: TestWorkspace;
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    w = await createTestWorkspace(deps, {
      timezone: ZONE,
      businessHours: HOURS,
      botEnabled: false,
      autoClosePositiveMinutes: 0,
      autoCloseNegativeMinutes: 0,
      autoCloseReturnToBot: false,
    });
    const on = {
      api: await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'Partner' }),
      partnerKey: (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key,
      customer: 0,
    };
    const play = (start: string, agent: TestAgent, steps: Parameters<typeof playConversation>[4]) => {
      on.customer += 1;
      return playConversation(t, on, start, agent, steps);
    };
    const A = w.agentA;
    const B = w.agentB;
    // Friday 16:50 EST; taken 16:55; answered Tuesday 09:10 EDT, closed 09:30 (3 days 15 h later).
    // Wait 300 s; first response 10 min on Friday + 10 on Tuesday = 1200 s; handle 5 + 30 min = 2100 s.
    ids.c1 = await play('2026-03-06T21:50:00Z', A, { take: 300, reply: 314_400, close: 315_600 });
    // Tuesday 10:00 EDT, all inside the hours: wait 60, first response 300, handle 3540.
    ids.c2 = await play('2026-03-10T14:00:00Z', A, {
      take: 60,
      reply: 300,
      close: 3600,
      outcome: 'NEGATIVE',
    });
    // Sunday 12:00 EDT, the day of the change; taken 12:10 (closed: wait 0); answered Tuesday 09:05
    // (300 s), closed 11:00 (handle 2 h = 7200 s).
    ids.c3 = await play('2026-03-08T16:00:00Z', A, { take: 600, reply: 162_300, close: 169_200 });
    // Monday 11:00 EDT, the holiday; taken 11:10 (wait 0); answered Tuesday 09:20 (1200 s), closed
    // 10:20 (handle 4800 s).
    ids.c4 = await play('2026-03-09T15:00:00Z', B, { take: 600, reply: 80_400, close: 84_000 });
    // Friday 10:00 EST: wait 120, first response 420, handle 900.
    ids.c5 = await play('2026-03-06T15:00:00Z', B, { take: 120, reply: 420, close: 1020 });
  });

  it('Conversation.timings count only open hours', async () => {
    const timingsOf = async (id: string) =>
      (await ok(t.gql(ConversationTimingsDocument, { id }, w.admin.token))).conversation!.timings;
    expect(await timingsOf(ids.c1!)).toEqual({
      reachedAgentsAt: '2026-03-06T21:50:00.000Z',
      assignedAt: '2026-03-06T21:55:00.000Z',
      firstResponseAt: '2026-03-10T13:10:00.000Z',
      waitSeconds: 300,
      firstResponseSeconds: 1200,
      handleSeconds: 2100,
    });
    expect(await timingsOf(ids.c3!)).toMatchObject({
      waitSeconds: 0,
      firstResponseSeconds: 300,
      handleSeconds: 7200,
    });
    expect(await timingsOf(ids.c4!)).toMatchObject({
      waitSeconds: 0,
      firstResponseSeconds: 1200,
      handleSeconds: 4800,
    });
  });

  it('agentStats: medians and p90 of business seconds match the hand-computed values', async () => {
    const data = await ok(t.gql(AgentStatsDocument, { from: '2026-03-06', to: '2026-03-10' }, w.admin.token));
    const byName = Object.fromEntries(data.agentStats.map(({ agent, ...figures }) => [agent.name, figures]));
    // A: first responses 1200, 300, 300 → median 300; p90 = 300 + 0.8 × (1200 − 300) = 1020.
    // Handle 2100, 3540, 7200 → median 3540; p90 = 3540 + 0.8 × (7200 − 3540) = 6468.
    expect(byName[w.agentA.agent.name]).toEqual({
      firstResponseCount: 3,
      firstResponseMedian: 300,
      firstResponseP90: 1020,
      closedCount: 3,
      closedPositive: 2,
      closedNegative: 1,
      handleTimeMedian: 3540,
      handleTimeP90: 6468,
      slaBreaches: 0,
      csatAverage: null,
      csatCount: 0,
    });
    // B: first responses 1200, 420 → median 810; p90 = 420 + 0.9 × 780 = 1122.
    // Handle 4800, 900 → median 2850; p90 = 900 + 0.9 × 3900 = 4410.
    expect(byName[w.agentB.agent.name]).toEqual({
      firstResponseCount: 2,
      firstResponseMedian: 810,
      firstResponseP90: 1122,
      closedCount: 2,
      closedPositive: 2,
      closedNegative: 0,
      handleTimeMedian: 2850,
      handleTimeP90: 4410,
      slaBreaches: 0,
      csatAverage: null,
      csatCount: 0,
    });
  });
});
