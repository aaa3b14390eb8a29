import { ConversationsBulkUpdateDocument } from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createConversation, enqueuedJobs } from '../../testing/factories';
import { countStatements } from '../../testing/query-counter';
import { toGlobalId } from '../../entities/global-id';
import { Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { ConversationStatus, Outcome, Priority } from '../../entities/enums';
import { JobName } from '../../runtime/job-queue';
import { Workspace } from '../../entities/workspace.entity';

describe('conversationsBulkUpdate', () => {
  const t = useTestApp({ env: { REDIS_URL: '' } });
  const deps = t.factories;
  const w = useWorkspace(t);
  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);

  async function conversations(count: number, assigneeId: string | null = w.agentA.agent.id) {
    const created: Conversation[] = [];
    for (let index = 0; index < count; index++)
      created.push(await createConversation(deps, w.channel, { assigneeId }));
    return created;
  }

  it('closes 100 conversations in one call with a bounded number of statements', async () => {
    // A delay before the closing takes effect: every conversation gets its AUTO_CLOSE job.
    await deps.dataSource
      .getRepository(Workspace)
      .update({ id: w.workspace.id }, { autoClosePositiveMinutes: 30 });
    const run = async (count: number) => {
      const rows = await conversations(count);
      const { result, statements } = await countStatements(() =>
        t.gql(
          ConversationsBulkUpdateDocument,
          {
            input: {
              conversationIds: rows.map(gid),
              priority: Priority.HIGH,
              close: { outcome: Outcome.POSITIVE, reason: 'Resolved in bulk' },
            },
          },
          w.agentA.token,
        ),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.conversationsBulkUpdate.userErrors).toEqual([]);
      return { rows, result: result.data!.conversationsBulkUpdate, statements };
    };
    const small = await run(5);
    const large = await run(100);
    expect(large.result.conversations).toHaveLength(100);
    expect(large.result.conversations!.every((c) => c.outcome === 'POSITIVE' && c.priority === 'HIGH')).toBe(
      true,
    );
    // Rows, history, labels, events and jobs take the same statements for 100 as for 5; the SLA
    // clocks are still refreshed one conversation at a time (two statements each).
    expect(large.statements.length).toBeLessThanOrEqual(small.statements.length + 2 * 95);

    const ids = large.rows.map((row) => row.id);
    const stored = await deps.dataSource.getRepository(Conversation).findBy(ids.map((id) => ({ id })));
    expect(stored.every((row) => row.outcome === Outcome.POSITIVE && row.autoCloseAt !== null)).toBe(true);
    const lines = await deps.dataSource
      .getRepository(ConversationEvent)
      .createQueryBuilder('e')
      .where('e.conversation_id = ANY(:ids)', { ids })
      .getMany();
    expect(lines.filter((line) => line.type === 'CLOSING')).toHaveLength(100);
    expect(lines.filter((line) => line.type === 'PRIORITY_CHANGED')).toHaveLength(100);
    const jobs = await enqueuedJobs(deps, JobName.AUTO_CLOSE, { conversationId: ids[0]! });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.singletonKey).toContain(ids[0]);
  });

  it('one refused conversation rolls back the whole call and is named in the user error', async () => {
    const rows = await conversations(9);
    const closed = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      status: ConversationStatus.CLOSED,
    });
    const ids = [...rows.slice(0, 4), closed, ...rows.slice(4)].map(gid);
    const result = await t.gql(
      ConversationsBulkUpdateDocument,
      {
        input: {
          conversationIds: ids,
          priority: Priority.URGENT,
          close: { outcome: Outcome.NEGATIVE, reason: 'Spam' },
        },
      },
      w.agentA.token,
    );
    const payload = result.data!.conversationsBulkUpdate;
    expect(payload.conversations).toBeNull();
    expect(payload.failedConversationId).toBe(gid(closed));
    expect(payload.userErrors).toEqual([
      {
        code: 'CONVERSATION_CLOSED',
        field: ['input', 'conversationIds', '4'],
        message: expect.stringContaining(gid(closed)),
      },
    ]);
    const stored = await deps.dataSource
      .getRepository(Conversation)
      .findBy(rows.map((row) => ({ id: row.id })));
    expect(stored.every((row) => row.priority === Priority.NONE && row.outcome === null)).toBe(true);
    const lines = await deps.dataSource
      .getRepository(ConversationEvent)
      .createQueryBuilder('e')
      .where('e.conversation_id = ANY(:ids)', { ids: rows.map((row) => row.id) })
      .getCount();
    expect(lines).toBe(0);
  });

  it('an agent cannot touch what they cannot read: it is CONVERSATION_NOT_FOUND and nothing changes', async () => {
    const mine = await conversations(2);
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const result = await t.gql(
      ConversationsBulkUpdateDocument,
      { input: { conversationIds: [...mine, theirs].map(gid), priority: Priority.LOW } },
      w.agentA.token,
    );
    expect(result.data!.conversationsBulkUpdate).toMatchObject({
      failedConversationId: gid(theirs),
      userErrors: [{ code: 'CONVERSATION_NOT_FOUND', field: ['input', 'conversationIds', '2'] }],
    });
    const stored = await deps.dataSource
      .getRepository(Conversation)
      .findBy(mine.map((row) => ({ id: row.id })));
    expect(stored.every((row) => row.priority === Priority.NONE)).toBe(true);
    const tooMany = await t.gql(
      ConversationsBulkUpdateDocument,
      { input: { conversationIds: [], priority: Priority.LOW } },
      w.agentA.token,
    );
    expect(tooMany.data!.conversationsBulkUpdate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT' });
    const assign = await t.gql(
      ConversationsBulkUpdateDocument,
      { input: { conversationIds: mine.map(gid), assignAgentId: toGlobalId('Agent', w.agentB.agent.id) } },
      w.agentA.token,
    );
    expect(assign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await t.gql(
      ConversationsBulkUpdateDocument,
      { input: { conversationIds: mine.map(gid), assignAgentId: toGlobalId('Agent', w.agentB.agent.id) } },
      w.admin.token,
    );
    expect(byAdmin.data!.conversationsBulkUpdate.conversations!.map((c) => c.assignee?.id)).toEqual([
      toGlobalId('Agent', w.agentB.agent.id),
      toGlobalId('Agent', w.agentB.agent.id),
    ]);
  });
});
