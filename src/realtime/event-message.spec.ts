import { EventRecord } from '../entities/event-record.entity';
import { parseEventMessage, toEventMessage } from './event-message';

const workspaceId = '6f1d0b7e-1c2a-4b3c-8d4e-5f6a7b8c9d0e';

function record(payload: Record<string, unknown> = { text: 'hello' }): EventRecord {
  return Object.assign(new EventRecord(), {
    workspaceId,
    seq: '12',
    type: 'MESSAGE_ADDED',
    conversationId: null,
    assigneeId: '00000000-0000-4000-8000-000000000002',
    teamId: '00000000-0000-4000-8000-000000000003',
    payload,
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
  });
}

describe('event messages', () => {
  it('round-trips a record through JSON with its date revived', () => {
    const wire = JSON.parse(JSON.stringify(toEventMessage(record(), 1024))) as unknown;
    const parsed = parseEventMessage(wire)!;
    expect(parsed.seq).toBe(12n);
    expect(parsed.record).toBeInstanceOf(EventRecord);
    expect(parsed.record).toEqual(record());
    expect(parsed.record!.createdAt).toBeInstanceOf(Date);
  });

  it('leaves a record without its team (a process from before teams) to the log, which has it', () => {
    const wire = JSON.parse(JSON.stringify(toEventMessage(record(), 1024))) as {
      record: Record<string, unknown>;
    };
    delete wire.record.teamId;
    expect(parseEventMessage(wire)!.record).toBeNull();
  });

  it('leaves large records to the log', () => {
    const message = toEventMessage(record({ text: 'x'.repeat(2000) }), 1024);
    expect(message).toEqual({ v: 1, workspaceId, seq: '12' });
    expect(parseEventMessage(message)).toEqual({ workspaceId, seq: 12n, record: null });
  });

  it('ignores malformed messages and records that do not check out', () => {
    for (const bad of [null, 'x', [], { v: 2, workspaceId, seq: '1' }, { v: 1, workspaceId, seq: 1 }]) {
      expect(parseEventMessage(bad)).toBeNull();
    }
    const wire = JSON.parse(JSON.stringify(toEventMessage(record(), 1024))) as {
      record: Record<string, unknown>;
    };
    for (const [field, value] of [
      ['seq', '13'],
      ['createdAt', 'not a date'],
      ['payload', 'text'],
      ['conversationId', 5],
    ] as const) {
      const tampered = { ...wire, record: { ...wire.record, [field]: value } };
      expect(parseEventMessage(tampered)?.record).toBeNull();
    }
  });
});
