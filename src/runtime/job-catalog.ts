import { z } from 'zod';
import { AiTrigger, SlaTarget } from '../entities/enums';
import { JobName } from './job-queue';

/** Every database id is a PostgreSQL uuid (a global id of the API is not one). */
const id = z.guid({
  error: (issue) => (issue.code === 'invalid_format' ? 'Expected a database id (a uuid)' : undefined),
});

/** A job about one workspace: its payload always carries the workspace id, next to the job's own. */
function workspaceJob<S extends z.ZodRawShape>(shape: S) {
  return z.object({ workspaceId: id, ...shape });
}

/**
 * The payload of every job, checked when it is enqueued and parsed again before its handler runs.
 * Payloads carry ids only (always the workspace id, except for global jobs), plus the few scalars
 * that say which run this is; the handler re-reads every row it needs. Keys a schema does not name
 * are dropped, not refused, so a job written by a newer version still runs on an older worker.
 */
export const jobCatalog = {
  [JobName.MESSAGE_SEND]: workspaceJob({
    messageId: id,
    /** Which send attempt this is; a retryable provider error enqueues the next one. */
    attempt: z.int().min(1).optional(),
  }),
  [JobName.WEBHOOK_PROCESS]: workspaceJob({ inboundWebhookId: id }),
  [JobName.AUTO_CLOSE]: workspaceJob({ conversationId: id }),
  [JobName.TRAY_TIMER]: workspaceJob({
    conversationId: id,
    /** The instant the time rule changes the tray; the job applies only if it is still one. */
    at: z.iso.datetime(),
  }),
  [JobName.AI_ASSIST]: workspaceJob({
    conversationId: id,
    /** The PENDING summary row to fill, when summaries are enabled. */
    aiSummaryId: id.nullable(),
    summary: z.boolean(),
    suggestions: z.boolean(),
    trigger: z.enum(AiTrigger),
  }),
  /** Global: the sweeps it runs cover every workspace. */
  [JobName.MAINTENANCE]: z.object({}),
  [JobName.CAMPAIGN_TICK]: workspaceJob({
    campaignId: id,
    /** The chain token; absent for a manual run, which takes the chain over. */
    token: id.nullish(),
  }),
  [JobName.PARTNER_WEBHOOK_DISPATCH]: workspaceJob({}),
  [JobName.PARTNER_WEBHOOK_DELIVER]: workspaceJob({ deliveryId: id }),
  /** One batch of the workspace's attachments past MEDIA_RETENTION_DAYS. */
  [JobName.MEDIA_RETENTION]: workspaceJob({}),
  /** Whether an agent whose sessions ended is still away once the grace period is over. */
  [JobName.PRESENCE_CHECK]: workspaceJob({ agentId: id }),
  /** Tell the customer's app their messages were read (`read`) and/or that we are typing. */
  [JobName.READ_RECEIPT]: workspaceJob({ conversationId: id, read: z.boolean(), typing: z.boolean() }),
  /** Writes one report's CSV into its (PENDING) attachment. */
  [JobName.REPORT_EXPORT]: workspaceJob({
    attachmentId: id,
    kind: z.enum(['CONVERSATIONS', 'AGENTS']),
    /** The period's first and last local day, YYYY-MM-DD. */
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    teamId: id.nullish(),
  }),
  /** Gives the workspace's queue out to available agents with room (auto-assignment); ids only, re-reads all. */
  [JobName.QUEUE_DRAIN]: workspaceJob({}),
  /** An SLA target's due time: breached then unless met, or its due time moved. */
  [JobName.SLA_TIMER]: workspaceJob({
    conversationId: id,
    target: z.enum(SlaTarget),
    at: z.iso.datetime(),
  }),
  /** Copies one file a channel brought (a PENDING attachment) into Omnitray's storage. */
  [JobName.MEDIA_COPY]: workspaceJob({ attachmentId: id }),
  /** Applies one chunk of a bulk job (`chunk`: its index); a chunk already applied is skipped. */
  [JobName.BULK_CHUNK]: workspaceJob({ bulkJobId: id, chunk: z.int().min(0) }),
};

type Catalog = typeof jobCatalog;

/** Jobs that belong to no workspace. */
type GlobalJobName = JobName.MAINTENANCE;
/** Jobs about one workspace: their data always holds `workspaceId`. */
export type WorkspaceJobName = Exclude<JobName, GlobalJobName>;

interface WorkspaceScope {
  workspaceId: string;
}
type ScopeOf = Record<WorkspaceJobName, WorkspaceScope> & Record<GlobalJobName, object>;

/** A job's own fields, without the workspace id (what `UnitOfWork.enqueue` is given). */
export type JobArgs<N extends JobName> = { [K in JobName]: Omit<z.output<Catalog[K]>, 'workspaceId'> }[N];

/**
 * The data of job `N`, inferred from its schema. Written as its own fields plus the scope so that
 * adding the workspace id to a job's fields type-checks for any job name.
 */
export type JobData<N extends JobName> = JobArgs<N> & ScopeOf[N];

/** The catalog seen per job name; the annotation also proves each schema yields its `JobData`. */
const schemas: { [K in JobName]: z.ZodType<JobData<K>> } = jobCatalog;

/** A payload that does not match its job's schema. Never retried: the same data would fail again. */
export class InvalidJobDataError extends Error {
  constructor(
    readonly job: JobName,
    readonly issues: string,
  ) {
    super(`Invalid data for job ${job}: ${issues}`);
    this.name = 'InvalidJobDataError';
  }
}

/** The data of job `name`, or an `InvalidJobDataError` that says which fields are wrong. */
export function parseJobData<N extends JobName>(name: N, data: unknown): JobData<N> {
  const result = schemas[name].safeParse(data);
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    throw new InvalidJobDataError(name, issues);
  }
  return result.data;
}
