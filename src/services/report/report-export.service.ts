import { createHash } from 'node:crypto';
import { actorOf } from '../../auth/viewer';
import { Agent } from '../../entities/agent.entity';
import { Attachment } from '../../entities/attachment.entity';
import { AttachmentKind, AttachmentStatus } from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { Team } from '../../entities/team.entity';
import { Workspace } from '../../entities/workspace.entity';
import { JobName } from '../../runtime/job-queue';
import { type AppDeps } from '../../runtime/app-deps';
import { type Caller } from '../caller';
import { calendarsOfWorkspace } from '../business-hours/business-hours.service';
import { inTransaction } from '../unit-of-work';
import { agentStats, type AgentStatsQuery } from './agent-stats.service';
import { csvLine } from './csv';
import { timingsOf, timingsSql } from './conversation-timings';
import { reportPeriod, type ReportPeriod } from './report-period';

export enum ReportKind {
  /** One row per conversation created or closed in the period, with its timings (business seconds). */
  CONVERSATIONS = 'CONVERSATIONS',
  /** One row per agent: the figures of `agentStats`. */
  AGENTS = 'AGENTS',
}

/** Rows read per statement while a conversations report streams. */
export const EXPORT_BATCH = 500;

/**
 * Starts an export: a PENDING attachment owned by the caller (readable by them and admins), whose
 * CSV a job writes. The period is checked now, so a bad one is refused before anything is stored.
 */
export async function startReportExport(
  caller: Caller,
  kind: ReportKind,
  query: AgentStatsQuery,
): Promise<Attachment> {
  reportPeriod(caller.viewer.workspace.timezone, query.from, query.to);
  const actor = actorOf(caller.viewer);
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const repository = uow.manager.getRepository(Attachment);
    const attachment = await repository.save(
      repository.create({
        workspaceId: caller.viewer.workspaceId,
        createdAt: caller.deps.clock.now(),
        messageId: null,
        conversationId: null,
        kind: AttachmentKind.DOCUMENT,
        mimeType: 'text/csv',
        fileName: `${kind.toLowerCase()}-${query.from}-${query.to}.csv`,
        status: AttachmentStatus.PENDING,
        uploaderType: actor.actorType,
        uploaderId: actor.actorId,
        storage: caller.deps.media.current.kind,
      }),
    );
    await uow.enqueue(
      JobName.REPORT_EXPORT,
      { attachmentId: attachment.id, kind, from: query.from, to: query.to, teamId: query.teamId },
      { singletonKey: `report-export:${attachment.id}` },
    );
    return attachment;
  });
}

const CONVERSATION_COLUMNS = [
  'conversation_id',
  'channel',
  'team',
  'created_at',
  'reached_agents_at',
  'assigned_at',
  'first_response_at',
  'closed_at',
  'wait_seconds',
  'first_response_seconds',
  'handle_seconds',
  'first_response_agent',
  'closing_agent',
  'outcome',
  'csat_score',
  'csat_comment',
];

const AGENT_COLUMNS = [
  'agent_id',
  'agent',
  'email',
  'first_responses',
  'first_response_median_seconds',
  'first_response_p90_seconds',
  'closed',
  'closed_positive',
  'closed_negative',
  'handle_median_seconds',
  'handle_p90_seconds',
  'sla_breaches',
  'csat_average',
  'csat_answers',
];

/** Local wall time of the workspace, "2026-03-08 23:30:00" (the zone is in the file's first line). */
function localTime(zone: string): (at: Date | null) => string | null {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => (at ? format.format(at) : null);
}

const rounded = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000) / 1000);

async function* conversationLines(
  deps: AppDeps,
  workspace: Workspace,
  period: ReportPeriod,
  teamId: string | null,
): AsyncGenerator<string> {
  const at = localTime(workspace.timezone);
  const names = new Map(
    (await deps.dataSource.getRepository(Agent).find({ where: { workspaceId: workspace.id } })).map((a) => [
      a.id,
      a.name,
    ]),
  );
  const teams = new Map(
    (await deps.dataSource.getRepository(Team).find({ where: { workspaceId: workspace.id } })).map((t) => [
      t.id,
      t.name,
    ]),
  );
  const calendars = await calendarsOfWorkspace(deps.dataSource.manager, workspace.id);
  yield csvLine(CONVERSATION_COLUMNS);
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    // Keyset over (created_at, id): each batch is one statement, whatever the report's size.
    const rows = (await deps.dataSource.query(
      `SELECT t.*, c.channel, c.created_at FROM (${timingsSql(`c.id IN (
          SELECT p.id FROM conversation p
           WHERE p.workspace_id = $1 AND ($4::uuid IS NULL OR p.team_id = $4::uuid)
             AND ((p.created_at >= $2 AND p.created_at < $3) OR (p.status = 'CLOSED' AND p.closed_at >= $2 AND p.closed_at < $3))
             AND ($5::timestamptz IS NULL OR (p.created_at, p.id) > ($5::timestamptz, $6::uuid))
           ORDER BY p.created_at, p.id LIMIT ${EXPORT_BATCH})`)}) t
        JOIN conversation c ON c.id = t.conversation_id
       ORDER BY c.created_at, c.id`,
      [workspace.id, period.start, period.end, teamId, after?.createdAt ?? null, after?.id ?? null],
    )) as (Parameters<typeof timingsOf>[0] & { channel: string; created_at: Date })[];
    for (const row of rows) {
      const timing = timingsOf(row, calendars(row.team_id));
      yield csvLine([
        toGlobalId('Conversation', row.conversation_id),
        row.channel,
        row.team_id ? (teams.get(row.team_id) ?? null) : null,
        at(row.created_at),
        at(timing.reachedAgentsAt),
        at(timing.assignedAt),
        at(timing.firstResponseAt),
        at(timing.closedAt),
        rounded(timing.waitSeconds),
        rounded(timing.firstResponseSeconds),
        rounded(timing.handleSeconds),
        timing.firstResponseAgentId ? (names.get(timing.firstResponseAgentId) ?? null) : null,
        timing.closingAgentId ? (names.get(timing.closingAgentId) ?? null) : null,
        (row as { outcome?: string | null }).outcome ?? null,
        (row as { csat_score?: number | null }).csat_score ?? null,
        (row as { csat_comment?: string | null }).csat_comment ?? null,
      ]);
    }
    if (rows.length < EXPORT_BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.created_at, id: last.conversation_id };
  }
}

async function* agentLines(
  deps: AppDeps,
  workspace: Workspace,
  query: AgentStatsQuery,
): AsyncGenerator<string> {
  const { rows } = await agentStats(deps, workspace, query);
  const agents = new Map(
    (await deps.dataSource.getRepository(Agent).find({ where: { workspaceId: workspace.id } })).map(
      (agent) => [agent.id, agent],
    ),
  );
  yield csvLine(AGENT_COLUMNS);
  for (const row of rows) {
    const agent = agents.get(row.agentId);
    yield csvLine([
      toGlobalId('Agent', row.agentId),
      agent?.name,
      agent?.email,
      row.firstResponseCount,
      rounded(row.firstResponseMedian),
      rounded(row.firstResponseP90),
      row.closedCount,
      row.closedPositive,
      row.closedNegative,
      rounded(row.handleTimeMedian),
      rounded(row.handleTimeP90),
      row.slaBreaches,
      row.csatAverage === null ? null : Math.round(row.csatAverage * 100) / 100,
      row.csatCount,
    ]);
  }
}

export interface ReportExportJob {
  workspaceId: string;
  attachmentId: string;
  kind: ReportKind;
  from: string;
  to: string;
  teamId?: string | null;
}

/**
 * Writes an export's CSV into its attachment and marks it READY (or FAILED). Run again, a READY
 * export is left as it is; one interrupted midway starts over from an empty object.
 */
export async function runReportExport(deps: AppDeps, job: ReportExportJob): Promise<void> {
  const repository = deps.dataSource.getRepository(Attachment);
  const attachment = await repository.findOne({
    where: { id: job.attachmentId, workspaceId: job.workspaceId },
  });
  if (!attachment || attachment.status !== AttachmentStatus.PENDING) return;
  const workspace = await deps.dataSource
    .getRepository(Workspace)
    .findOneOrFail({ where: { id: job.workspaceId } });
  const store = deps.media.of(attachment.storage);
  if (!store) throw new Error(`The ${attachment.storage} media store is not configured in this process`);
  const ref = { workspaceId: attachment.workspaceId, attachmentId: attachment.id };
  const query: AgentStatsQuery = { from: job.from, to: job.to, teamId: job.teamId ?? null };
  const period = reportPeriod(workspace.timezone, job.from, job.to);
  const lines =
    job.kind === ReportKind.AGENTS
      ? agentLines(deps, workspace, query)
      : conversationLines(deps, workspace, period, query.teamId);
  const hash = createHash('sha256');
  async function* bytes(): AsyncGenerator<Buffer> {
    const header = Buffer.from(
      `# ${job.kind.toLowerCase()} ${job.from}..${job.to} ${workspace.timezone}\r\n`,
    );
    hash.update(header);
    yield header;
    for await (const line of lines) {
      const chunk = Buffer.from(line);
      hash.update(chunk);
      yield chunk;
    }
  }
  await store.delete(ref);
  try {
    const byteSize = await store.put(ref, bytes(), 'text/csv');
    await repository.update(
      { id: attachment.id, status: AttachmentStatus.PENDING },
      { status: AttachmentStatus.READY, byteSize, sha256: hash.digest('hex') },
    );
  } catch (error) {
    await store.delete(ref).catch(() => undefined);
    await repository.update(
      { id: attachment.id, status: AttachmentStatus.PENDING },
      {
        status: AttachmentStatus.FAILED,
        error: {
          code: 'EXPORT_FAILED',
          title: 'The report could not be written.',
          detail: 'Ask for the export again; the cause is in the server log.',
          providerCode: null,
          retryable: true,
        },
      },
    );
    deps.logger.error('report export failed', {
      attachmentId: attachment.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
