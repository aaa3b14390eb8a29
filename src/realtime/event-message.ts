import { EventRecord } from '../entities/event-record.entity';

/** The record as it crosses Redis: JSON, so `createdAt` travels as an ISO string. */
export interface SerializedEventRecord {
  workspaceId: string;
  seq: string;
  type: string;
  conversationId: string | null;
  assigneeId: string | null;
  teamId?: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

/**
 * What a workspace topic carries: the cursor, and the record itself unless it is large (then
 * readers fetch it from the log, as they do for any gap).
 */
export interface EventMessage {
  v: 1;
  workspaceId: string;
  seq: string;
  record?: SerializedEventRecord;
}

export interface ParsedEventMessage {
  workspaceId: string;
  seq: bigint;
  record: EventRecord | null;
}

export function toEventMessage(record: EventRecord, maxInlineBytes: number): EventMessage {
  const message: EventMessage = { v: 1, workspaceId: record.workspaceId, seq: String(record.seq) };
  const serialized: SerializedEventRecord = {
    workspaceId: record.workspaceId,
    seq: String(record.seq),
    type: record.type,
    conversationId: record.conversationId ?? null,
    assigneeId: record.assigneeId ?? null,
    teamId: record.teamId ?? null,
    payload: record.payload,
    createdAt: new Date(record.createdAt).toISOString(),
  };
  if (Buffer.byteLength(JSON.stringify(serialized.payload)) <= maxInlineBytes) message.record = serialized;
  return message;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNullableString = (value: unknown) => value === null || typeof value === 'string';

function reviveRecord(value: unknown, workspaceId: string, seq: bigint): EventRecord | null {
  if (!isObject(value)) return null;
  const { type, conversationId, assigneeId, payload, createdAt } = value;
  // Absent in messages of a process that predates teams: the log says which queue it is in.
  if (!('teamId' in value)) return null;
  const teamId = value.teamId;
  if (value.workspaceId !== workspaceId || value.seq !== seq.toString()) return null;
  if (typeof type !== 'string' || !isObject(payload) || typeof createdAt !== 'string') return null;
  if (!isNullableString(conversationId) || !isNullableString(assigneeId) || !isNullableString(teamId)) {
    return null;
  }
  const created = new Date(createdAt);
  if (Number.isNaN(created.getTime())) return null;
  return Object.assign(new EventRecord(), {
    workspaceId,
    seq: seq.toString(),
    type,
    conversationId,
    assigneeId,
    teamId,
    payload,
    createdAt: created,
  });
}

/**
 * Validates a message from the wire and revives its record (a fresh object per call, dates as
 * Date). Null for anything malformed; a record that does not check out is dropped and the reader
 * falls back to the log.
 */
export function parseEventMessage(message: unknown): ParsedEventMessage | null {
  if (!isObject(message) || message.v !== 1) return null;
  const { workspaceId, seq } = message;
  if (typeof workspaceId !== 'string' || typeof seq !== 'string' || !/^\d{1,19}$/.test(seq)) return null;
  const value = BigInt(seq);
  const record = message.record === undefined ? null : reviveRecord(message.record, workspaceId, value);
  return { workspaceId, seq: value, record };
}
