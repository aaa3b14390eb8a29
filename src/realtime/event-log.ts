import { type DataSource, type EntityManager } from 'typeorm';
import { EventRecord } from '../entities/event-record.entity';
import { EventCursorError, EventCursorErrorCode } from './errors';
import { type NewEvent } from './event-types';

/** Anything that can run SQL: the data source, or a transaction's manager. */
export type SqlRunner = Pick<DataSource | EntityManager, 'query'>;

interface EventRow {
  workspace_id: string;
  seq: string;
  type: string;
  conversation_id: string | null;
  assignee_id: string | null;
  team_id: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

const COLUMNS = 'workspace_id, seq, type, conversation_id, assignee_id, team_id, payload, created_at';

function toRecord(row: EventRow): EventRecord {
  return Object.assign(new EventRecord(), {
    workspaceId: row.workspace_id,
    seq: String(row.seq),
    type: row.type,
    conversationId: row.conversation_id,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    payload: row.payload,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
  });
}

/** Postgres bigint: what a cursor's sequence may hold. */
const MAX_SEQ = 2n ** 63n - 1n;

function toSeq(value: bigint | string | number): bigint {
  const seq = typeof value === 'bigint' ? value : BigInt(value);
  if (seq < 0n || seq > MAX_SEQ) throw new RangeError(`event sequence out of range: ${seq}`);
  return seq;
}

/**
 * Writes events in the caller's transaction. An event about a conversation carries the team the
 * conversation has as the transaction ends (read here, so no writer can forget it). The sequence is drawn from the workspace row with an
 * UPDATE, whose row lock is held until commit: the next writer of the workspace waits, so cursors
 * grow in commit order and are contiguous, and a reader resuming from one never skips an event.
 * Drawing and inserting is one statement (one round trip), and it should be the transaction's last,
 * to hold the lock as briefly as possible.
 */
export async function appendEvents(
  manager: EntityManager,
  workspaceId: string,
  events: NewEvent[],
): Promise<EventRecord[]> {
  if (events.length === 0) return [];
  const payloads = events.map((event) =>
    JSON.stringify({
      ...event.payload,
      ...(event.previousAssigneeId != null ? { previousAssigneeId: event.previousAssigneeId } : {}),
      // Present (null included) only when the team changed: the old queue's members see it leave.
      ...(event.previousTeamId !== undefined ? { previousTeamId: event.previousTeamId } : {}),
    }),
  );
  const rows = (await manager.query(
    `WITH drawn AS (
       UPDATE workspace SET event_seq = event_seq + $2 WHERE id = $1 RETURNING event_seq
     )
     INSERT INTO event_log (workspace_id, seq, type, conversation_id, assignee_id, team_id, payload)
     SELECT $1, drawn.event_seq - $2 + e.ord, e.type, e.conversation_id, e.assignee_id,
            (SELECT c.team_id FROM conversation c WHERE c.id = e.conversation_id), e.payload
       FROM drawn,
            unnest($3::text[], $4::uuid[], $5::uuid[], $6::jsonb[])
              WITH ORDINALITY AS e(type, conversation_id, assignee_id, payload, ord)
     RETURNING ${COLUMNS}`,
    [
      workspaceId,
      events.length,
      events.map((event) => event.type),
      events.map((event) => event.conversationId),
      events.map((event) => event.assigneeId),
      payloads,
    ],
  )) as EventRow[];
  if (rows.length !== events.length) {
    throw new Error(`appendEvents: workspace ${workspaceId} does not exist`);
  }
  return rows.map(toRecord).sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
}

/** Events of one workspace after `afterSeq`, oldest first. */
export async function readEvents(
  source: SqlRunner,
  workspaceId: string,
  afterSeq: bigint | string,
  limit: number,
): Promise<EventRecord[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`readEvents: bad limit ${limit}`);
  const rows = (await source.query(
    `SELECT ${COLUMNS} FROM event_log WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [workspaceId, toSeq(afterSeq).toString(), limit],
  )) as EventRow[];
  return rows.map(toRecord);
}

export interface EventPage {
  records: EventRecord[];
  hasNextPage: boolean;
}

/**
 * One page for `events(after, first)`: the cursor is checked against retention, and one extra row
 * says whether more follow. Without a cursor it starts at the oldest event still kept.
 */
export async function readEventPage(
  source: SqlRunner,
  workspaceId: string,
  afterSeq: bigint | string | null,
  first: number,
): Promise<EventPage> {
  const after = afterSeq === null ? 0n : toSeq(afterSeq);
  if (afterSeq !== null) await assertCursorRetained(source, workspaceId, after);
  const rows = await readEvents(source, workspaceId, after, first + 1);
  // Pruned between the check and the read.
  if (afterSeq !== null && rows.length > 0 && BigInt(rows[0]!.seq) > after + 1n) throw cursorExpiredError();
  return { records: rows.slice(0, first), hasNextPage: rows.length > first };
}

/**
 * The workspace's last committed cursor (0 before its first event). Under MVCC a writer holding the
 * lock is invisible here, so every event up to the returned value is readable.
 */
export async function currentEventSeq(source: SqlRunner, workspaceId: string): Promise<bigint> {
  const rows = (await source.query('SELECT event_seq FROM workspace WHERE id = $1', [workspaceId])) as {
    event_seq: string;
  }[];
  if (rows.length === 0) throw new Error(`workspace ${workspaceId} does not exist`);
  return BigInt(rows[0]!.event_seq);
}

/**
 * Deletes events created before `olderThan`. Per workspace it deletes a prefix of the sequence (up
 * to the newest expired seq), never a hole: `created_at` is the writer's transaction start, which
 * need not follow commit order, and readers rely on "first retained seq" to detect expiry.
 */
export async function pruneEvents(source: SqlRunner, olderThan: Date): Promise<number> {
  const result = (await source.query(
    `WITH cut AS (
       SELECT workspace_id, max(seq) AS seq FROM event_log WHERE created_at < $1 GROUP BY workspace_id
     )
     DELETE FROM event_log e USING cut WHERE e.workspace_id = cut.workspace_id AND e.seq <= cut.seq`,
    [olderThan],
  )) as [unknown[], number];
  return result[1];
}

/** The oldest moment the log must still cover for a retention of `days`. */
export function eventRetentionCutoff(days: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}

const CURSOR_PREFIX = 'ev1';

/** An opaque resume cursor; the workspace is optional, and when present is checked on decode. */
export function encodeEventCursor(workspaceId: string | null | undefined, seq: bigint | string): string {
  return Buffer.from(`${CURSOR_PREFIX}:${workspaceId ?? ''}:${toSeq(seq)}`, 'utf8').toString('base64url');
}

export interface DecodedEventCursor {
  workspaceId: string | null;
  seq: bigint;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws EventCursorError (INVALID) for anything that is not a cursor this module made. */
export function decodeEventCursor(cursor: string, field = 'after'): DecodedEventCursor {
  const invalid = () => invalidCursor(field);
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 120) throw invalid();
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (parts.length !== 3 || parts[0] !== CURSOR_PREFIX) throw invalid();
  const [, workspaceId, seq] = parts as [string, string, string];
  if (workspaceId !== '' && !UUID.test(workspaceId)) throw invalid();
  if (!/^\d{1,19}$/.test(seq) || BigInt(seq) > MAX_SEQ) throw invalid();
  return { workspaceId: workspaceId === '' ? null : workspaceId.toLowerCase(), seq: BigInt(seq) };
}

/**
 * Decodes a cursor for `workspaceId`; one minted for another workspace is as invalid as garbage,
 * so it tells nothing about other tenants.
 */
export function decodeEventCursorFor(cursor: string, workspaceId: string, field = 'after'): bigint {
  const decoded = decodeEventCursor(cursor, field);
  if (decoded.workspaceId !== null && decoded.workspaceId !== workspaceId.toLowerCase()) {
    throw invalidCursor(field);
  }
  return decoded.seq;
}

const invalidCursor = (field: string) =>
  new EventCursorError(
    EventCursorErrorCode.INVALID,
    'Invalid event cursor: pass a cursor received from this API.',
    field,
  );

export function cursorExpiredError(): EventCursorError {
  return new EventCursorError(
    EventCursorErrorCode.EXPIRED,
    'This cursor is older than the events still kept: reload the data, then subscribe again without `after`.',
  );
}

/**
 * Throws EventCursorError EXPIRED when events after `afterSeq` have been pruned, AHEAD when the
 * cursor is ahead of anything the workspace handed out. One statement, so both values come from
 * the same snapshot.
 */
export async function assertCursorRetained(
  source: SqlRunner,
  workspaceId: string,
  afterSeq: bigint | string,
  field = 'after',
): Promise<void> {
  const after = toSeq(afterSeq);
  const rows = (await source.query(
    `SELECT w.event_seq AS head,
            (SELECT min(seq) FROM event_log WHERE workspace_id = w.id) AS first
       FROM workspace w WHERE w.id = $1`,
    [workspaceId],
  )) as { head: string; first: string | null }[];
  if (rows.length === 0) throw new Error(`workspace ${workspaceId} does not exist`);
  const head = BigInt(rows[0]!.head);
  if (after > head) {
    throw new EventCursorError(
      EventCursorErrorCode.AHEAD,
      "Invalid event cursor: it is ahead of this workspace's events.",
      field,
    );
  }
  if (after === head) return;
  const first = rows[0]!.first === null ? null : BigInt(rows[0]!.first);
  if (first === null || first > after + 1n) throw cursorExpiredError();
}
