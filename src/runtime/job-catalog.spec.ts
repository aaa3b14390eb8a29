import { AiTrigger } from '../entities/enums';
import { InvalidJobDataError, jobCatalog, parseJobData } from './job-catalog';
import { JobName } from './job-queue';

let ids = 0;
/** Distinct, stable ids, so the test names stay the same from run to run. */
const uuid = () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`;
const workspaceId = uuid();

interface Case {
  /** Payloads shaped as the code enqueues them (see the call sites named). */
  accepts: Record<string, unknown>[];
  /** Wrong payloads, each with the field the error must name. */
  refuses: { data: unknown; names: string }[];
}

/** One entry per job: a new job without cases does not compile. */
const CASES: Record<JobName, Case> = {
  [JobName.MESSAGE_SEND]: {
    accepts: [
      // messageSend and templateSend; a retry from FAILED; the job's own backoff retry.
      { workspaceId, messageId: uuid() },
      { workspaceId, messageId: uuid(), attempt: 1 },
      { workspaceId, messageId: uuid(), attempt: 4 },
    ],
    refuses: [
      { data: { workspaceId, messageId: uuid(), attempt: 0 }, names: 'attempt' },
      { data: { workspaceId, messageId: uuid(), attempt: 1.5 }, names: 'attempt' },
      // A global id is not a database id.
      { data: { workspaceId, messageId: 'TWVzc2FnZToxMjM=' }, names: 'messageId' },
    ],
  },
  [JobName.WEBHOOK_PROCESS]: {
    accepts: [{ workspaceId, inboundWebhookId: uuid() }],
    refuses: [{ data: { inboundWebhookId: uuid() }, names: 'workspaceId' }],
  },
  [JobName.AUTO_CLOSE]: {
    accepts: [{ workspaceId, conversationId: uuid() }],
    refuses: [{ data: { workspaceId, conversationId: 42 }, names: 'conversationId' }],
  },
  [JobName.TRAY_TIMER]: {
    accepts: [{ workspaceId, conversationId: uuid(), at: new Date().toISOString() }],
    refuses: [
      { data: { workspaceId, conversationId: uuid(), at: 'tomorrow' }, names: 'at' },
      { data: { workspaceId, conversationId: uuid() }, names: 'at' },
    ],
  },
  [JobName.AI_ASSIST]: {
    accepts: [
      // A handoff with summaries on; a transfer with suggestions only; a manual summary request.
      {
        workspaceId,
        conversationId: uuid(),
        aiSummaryId: uuid(),
        summary: true,
        suggestions: true,
        trigger: AiTrigger.BOT_HANDOFF,
      },
      {
        workspaceId,
        conversationId: uuid(),
        aiSummaryId: null,
        summary: false,
        suggestions: true,
        trigger: AiTrigger.AGENT_TRANSFER,
      },
      {
        workspaceId,
        conversationId: uuid(),
        aiSummaryId: uuid(),
        summary: true,
        suggestions: false,
        trigger: AiTrigger.MANUAL,
      },
    ],
    refuses: [
      {
        data: {
          workspaceId,
          conversationId: uuid(),
          aiSummaryId: null,
          summary: true,
          suggestions: false,
          trigger: 'LATER',
        },
        names: 'trigger',
      },
      {
        data: { workspaceId, conversationId: uuid(), summary: 'yes', suggestions: false, trigger: 'MANUAL' },
        names: 'summary',
      },
    ],
  },
  [JobName.MAINTENANCE]: {
    // The schedule's payload.
    accepts: [{}],
    refuses: [{ data: null, names: 'expected object' }],
  },
  [JobName.CAMPAIGN_TICK]: {
    accepts: [
      // The chained tick, a campaign without a token yet, the stalled-campaign restart.
      { workspaceId, campaignId: uuid(), token: uuid() },
      { workspaceId, campaignId: uuid(), token: null },
      { workspaceId, campaignId: uuid() },
    ],
    refuses: [{ data: { workspaceId, campaignId: uuid(), token: 'abc' }, names: 'token' }],
  },
  [JobName.PARTNER_WEBHOOK_DISPATCH]: {
    accepts: [{ workspaceId }],
    refuses: [{ data: {}, names: 'workspaceId' }],
  },
  [JobName.PARTNER_WEBHOOK_DELIVER]: {
    accepts: [{ workspaceId, deliveryId: uuid() }],
    refuses: [{ data: { workspaceId, deliveryId: '' }, names: 'deliveryId' }],
  },
  [JobName.MEDIA_RETENTION]: {
    accepts: [{ workspaceId }],
    refuses: [{ data: { workspaceId: 'W1' }, names: 'workspaceId' }],
  },
  [JobName.PRESENCE_CHECK]: {
    // An agent's last session ended, or a status was set without one.
    accepts: [{ workspaceId, agentId: uuid() }],
    refuses: [{ data: { workspaceId }, names: 'agentId' }],
  },
  [JobName.READ_RECEIPT]: {
    // An agent marked a conversation read, or replied with readReceipts ON_REPLY.
    accepts: [{ workspaceId, conversationId: uuid(), read: true, typing: false }],
    refuses: [{ data: { workspaceId, conversationId: uuid(), typing: true }, names: 'read' }],
  },
  [JobName.REPORT_EXPORT]: {
    // A report over local days, for the workspace or one team.
    accepts: [
      { workspaceId, attachmentId: uuid(), kind: 'AGENTS', from: '2026-03-01', to: '2026-03-31' },
      {
        workspaceId,
        attachmentId: uuid(),
        kind: 'CONVERSATIONS',
        from: '2026-03-01',
        to: '2026-03-01',
        teamId: uuid(),
      },
    ],
    refuses: [
      {
        data: { workspaceId, attachmentId: uuid(), kind: 'TAGS', from: '2026-03-01', to: '2026-03-31' },
        names: 'kind',
      },
      {
        data: { workspaceId, attachmentId: uuid(), kind: 'AGENTS', from: '1 March', to: '2026-03-31' },
        names: 'from',
      },
    ],
  },
  [JobName.QUEUE_DRAIN]: {
    // A conversation reached the queue, an agent came online or freed a slot.
    accepts: [{ workspaceId }],
    refuses: [{ data: { workspaceId: 'W1' }, names: 'workspaceId' }],
  },
  [JobName.SLA_TIMER]: {
    accepts: [
      { workspaceId, conversationId: uuid(), target: 'FIRST_RESPONSE', at: new Date().toISOString() },
    ],
    refuses: [
      {
        data: { workspaceId, conversationId: uuid(), target: 'SOON', at: new Date().toISOString() },
        names: 'target',
      },
      { data: { workspaceId, conversationId: uuid(), target: 'RESOLUTION', at: 'later' }, names: 'at' },
    ],
  },
  [JobName.MEDIA_COPY]: {
    // A webhook's file, a partner's link, an attachmentRetry.
    accepts: [{ workspaceId, attachmentId: uuid() }],
    refuses: [{ data: { workspaceId, attachmentId: 'wamid.1' }, names: 'attachmentId' }],
  },
  [JobName.BULK_CHUNK]: {
    accepts: [{ workspaceId, bulkJobId: uuid(), chunk: 0 }],
    refuses: [
      { data: { workspaceId, bulkJobId: uuid(), chunk: -1 }, names: 'chunk' },
      { data: { workspaceId, bulkJobId: 'Q29udmVyc2F0aW9u', chunk: 1 }, names: 'bulkJobId' },
    ],
  },
};

describe('job catalog', () => {
  it('has a schema for every job name', () => {
    expect(Object.keys(jobCatalog).sort()).toEqual(Object.values(JobName).sort());
  });

  describe.each(Object.values(JobName))('%s', (name) => {
    const { accepts, refuses } = CASES[name];

    it.each(accepts.map((data) => [data]))('accepts what the code sends: %j', (data) => {
      expect(parseJobData(name, data)).toEqual(data);
    });

    it.each(refuses.map(({ data, names }) => [data, names]))('refuses %j, naming %s', (data, names) => {
      const parse = () => parseJobData(name, data);
      expect(parse).toThrow(InvalidJobDataError);
      expect(parse).toThrow(`Invalid data for job ${name}: `);
      expect(parse).toThrow(names);
    });
  });

  it('every job but the global ones requires the workspace id', () => {
    for (const name of Object.values(JobName)) {
      if (name === JobName.MAINTENANCE) continue;
      const [valid] = CASES[name].accepts;
      const { workspaceId: _dropped, ...withoutWorkspace } = valid!;
      expect(() => parseJobData(name, withoutWorkspace)).toThrow(/workspaceId/);
      expect(() => parseJobData(name, { ...valid, workspaceId: 'acme' })).toThrow(/workspaceId/);
    }
  });

  it('drops keys a schema does not name, so a newer payload still runs on an older worker', () => {
    const conversationId = uuid();
    expect(parseJobData(JobName.AUTO_CLOSE, { workspaceId, conversationId, reason: 'later' })).toEqual({
      workspaceId,
      conversationId,
    });
  });
});
