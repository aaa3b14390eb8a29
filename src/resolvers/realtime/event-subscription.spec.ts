import { GraphQLError } from 'graphql';
import { type Viewer } from '../../auth/viewer';
import { EventRecord } from '../../entities/event-record.entity';
import { AgentRole } from '../../entities/enums';
import { type EventStream } from '../../realtime/event-bus';
import { SubscriberTooSlowError } from '../../realtime/errors';
import { formatError } from '../../schema/errors';
import { type AuthedContext } from '../../server/context';
import { RecordIterator, visibleTo } from './event-subscription';

const record = (assigneeId: string | null, previousAssigneeId?: string) =>
  Object.assign(new EventRecord(), {
    workspaceId: 'w',
    seq: '1',
    type: 'TRAY_CHANGED',
    conversationId: 'c',
    assigneeId,
    payload: previousAssigneeId ? { previousAssigneeId } : {},
    createdAt: new Date(),
  });

const agentViewer = (role: AgentRole) =>
  ({ workspaceId: 'w', principal: { kind: 'agent', agent: { id: 'me', role } } }) as unknown as Viewer;

describe('visibleTo', () => {
  it('an agent sees their own conversations, the queue, and a conversation leaving them', () => {
    const visible = visibleTo(agentViewer(AgentRole.AGENT));
    expect(
      [record('me'), record(null), record('other', 'me'), record('other'), record('other', 'third')].map(
        visible,
      ),
    ).toEqual([true, true, true, false, false]);
  });

  it('admins and API keys see everything of their workspace', () => {
    const key = {
      workspaceId: 'w',
      principal: { kind: 'apiKey', apiKey: { scopes: ['read'] } },
    } as unknown as Viewer;
    for (const viewer of [agentViewer(AgentRole.ADMIN), key])
      expect(visibleTo(viewer)(record('other'))).toBe(true);
  });

  it('audit events reach admin agents and admin keys only', () => {
    const audit = Object.assign(record(null), { type: 'AUDIT_RECORDED', conversationId: null });
    const key = (scopes: string[]) =>
      ({ workspaceId: 'w', principal: { kind: 'apiKey', apiKey: { scopes } } }) as unknown as Viewer;
    const viewers = [
      agentViewer(AgentRole.ADMIN),
      key(['admin']),
      agentViewer(AgentRole.AGENT),
      key(['read', 'write']),
      key(['bot']),
    ];
    expect(viewers.map((viewer) => visibleTo(viewer)(audit))).toEqual([true, true, false, false, false]);
    // The rule adds to, never replaces, what a restricted viewer sees of the rest.
    expect(visibleTo(key(['read']))(record('other'))).toBe(true);
  });
});

describe('RecordIterator', () => {
  it('ends a subscriber too slow to read with SUBSCRIBER_TOO_SLOW, kept by formatError', async () => {
    const stream = {
      next: () => Promise.reject(new SubscriberTooSlowError(10)),
    } as unknown as EventStream;
    const iterator = new RecordIterator({} as AuthedContext, stream);
    const error = await iterator.next().catch((caught: unknown) => caught);
    // graphql-ws wraps what the iterator throws this way before formatting it.
    const wrapped = new GraphQLError((error as Error).message, { originalError: error as Error });
    const formatted = formatError(wrapped.toJSON(), wrapped, 'r', { error: () => {} });
    expect(formatted.extensions).toEqual({ code: 'SUBSCRIBER_TOO_SLOW', maxBuffer: 10 });
    expect(formatted.message).toMatch(/after/);
  });
});
