import {
  BulkJobDocument,
  BulkJobProgressDocument,
  ConversationsBulkUpdateJobDocument,
  MacroRunDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createConversation } from '../../testing/factories';
import { connectWs, subscribe } from '../../testing/fixtures/subscription.fixture';
import { fromGlobalId, toGlobalId } from '../../entities/global-id';
import { Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { ConversationStatus, MacroActionType, Outcome, Priority } from '../../entities/enums';
import { Macro } from '../../entities/macro.entity';
import { JobName } from '../../runtime/job-queue';
import { currentEventSeq, encodeEventCursor } from '../../realtime/event-log';

describe('bulk jobs (more than 100 conversations)', () => {
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

  async function lines(ids: string[], type: string): Promise<number> {
    return deps.dataSource
      .getRepository(ConversationEvent)
      .createQueryBuilder('e')
      .where('e.conversation_id = ANY(:ids) AND e.type = :type', { ids, type })
      .getCount();
  }

  it('a bulk update of 205 becomes a job of three chunks: a refused conversation is reported, the rest change, a chunk run twice changes nothing', async () => {
    const rows = await conversations(204);
    const closed = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      status: ConversationStatus.CLOSED,
    });
    const ids = [...rows.slice(0, 150), closed, ...rows.slice(150)];
    const cursor = encodeEventCursor(w.workspace.id, await currentEventSeq(deps.dataSource, w.workspace.id));

    const started = await t.gql(
      ConversationsBulkUpdateJobDocument,
      {
        input: {
          conversationIds: ids.map(gid),
          priority: Priority.HIGH,
          close: { outcome: Outcome.POSITIVE, reason: 'Campaign over' },
        },
      },
      w.agentA.token,
    );
    expect(started.errors).toBeUndefined();
    const payload = started.data!.conversationsBulkUpdate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.conversations).toBeNull();
    expect(payload.job).toMatchObject({
      kind: 'UPDATE',
      total: 205,
      doneCount: 0,
      failedCount: 0,
      finished: false,
    });
    const jobId = payload.job!.id;
    // Nothing has changed yet: the chunks run as jobs.
    expect(
      await lines(
        rows.map((row) => row.id),
        'CLOSING',
      ),
    ).toBe(0);

    expect(await t.app.deps.jobs.drain(JobName.BULK_CHUNK)).toBe(3);
    const state = await t.gql(BulkJobDocument, { id: jobId }, w.agentA.token);
    expect(state.data!.bulkJob).toMatchObject({
      total: 205,
      doneCount: 204,
      failedCount: 1,
      finished: true,
      failures: [
        {
          conversationId: gid(closed),
          code: 'CONVERSATION_CLOSED',
          message: expect.stringContaining(gid(closed)),
        },
      ],
    });
    const stored = await deps.dataSource
      .getRepository(Conversation)
      .findBy(rows.map((row) => ({ id: row.id })));
    expect(stored.every((row) => row.priority === Priority.HIGH && row.outcome === Outcome.POSITIVE)).toBe(
      true,
    );
    expect(
      await lines(
        rows.map((row) => row.id),
        'CLOSING',
      ),
    ).toBe(204);

    // A chunk that runs again (jobs may) finds itself applied and writes nothing.
    await t.app.deps.jobs.runNow(JobName.BULK_CHUNK, {
      workspaceId: w.workspace.id,
      bulkJobId: fromGid(jobId),
      chunk: 1,
    });
    expect(
      await lines(
        rows.map((row) => row.id),
        'CLOSING',
      ),
    ).toBe(204);
    expect(
      await lines(
        rows.map((row) => row.id),
        'PRIORITY_CHANGED',
      ),
    ).toBe(204);
    const again = await t.gql(BulkJobDocument, { id: jobId }, w.agentA.token);
    expect(again.data!.bulkJob).toMatchObject({ doneCount: 204, failedCount: 1 });

    // The progress feed replays each chunk's counts, the last one finished.
    const connection = connectWs(await t.wsUrl(), w.agentA.token);
    try {
      const progress = subscribe(connection, BulkJobProgressDocument, { bulkJobId: jobId, after: cursor });
      await progress.until((data) => data.bulkJobProgress.finished);
      const steps = progress
        .data()
        .map(({ bulkJobProgress: job }) => [job.doneCount + job.failedCount, job.finished] as const);
      // Chunks may run in any order: one event each, the counts growing by a chunk, the last finished.
      expect(steps).toHaveLength(3);
      const counts = steps.map(([count]) => count);
      expect(counts).toEqual([...counts].sort((x, y) => x - y));
      expect(steps.map(([, finished]) => finished)).toEqual([false, false, true]);
      expect(counts[2]).toBe(205);
      progress.unsubscribe();
    } finally {
      await connection.dispose();
    }

    // Another agent does not see the job.
    const hidden = await t.gql(BulkJobDocument, { id: jobId }, w.agentB.token);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a macro run on 101 conversations is a job: each changed conversation gets its MACRO_RUN line once', async () => {
    const macros = deps.dataSource.getRepository(Macro);
    const macro = await macros.save(
      macros.create({
        workspaceId: w.workspace.id,
        scope: 'WORKSPACE' as Macro['scope'],
        teamId: null,
        ownerId: null,
        name: 'Urgent',
        actions: [{ type: MacroActionType.SET_PRIORITY, priority: Priority.URGENT }],
      }),
    );
    const mine = await conversations(100);
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const result = await t.gql(
      MacroRunDocument,
      {
        input: { macroId: toGlobalId('Macro', macro.id), conversationIds: [theirs, ...mine].map(gid) },
      },
      w.agentA.token,
    );
    expect(result.data!.macroRun).toMatchObject({ userErrors: [], conversations: null, runId: null });
    const job = result.data!.macroRun.job!;
    expect(job).toMatchObject({ kind: 'MACRO', total: 101, finished: false });
    expect(await t.app.deps.jobs.drain(JobName.BULK_CHUNK)).toBe(2);
    // Twice more, as a retried job would: nothing is written again.
    for (const chunk of [0, 1])
      await t.app.deps.jobs.runNow(JobName.BULK_CHUNK, {
        workspaceId: w.workspace.id,
        bulkJobId: fromGid(job.id),
        chunk,
      });
    const state = await t.gql(BulkJobDocument, { id: job.id }, w.agentA.token);
    expect(state.data!.bulkJob).toMatchObject({
      doneCount: 100,
      failedCount: 1,
      finished: true,
      failures: [{ conversationId: gid(theirs), code: 'CONVERSATION_NOT_FOUND' }],
    });
    expect(
      await lines(
        mine.map((row) => row.id),
        'MACRO_RUN',
      ),
    ).toBe(100);
    expect(await lines([theirs.id], 'MACRO_RUN')).toBe(0);
    const stored = await deps.dataSource
      .getRepository(Conversation)
      .findBy(mine.map((row) => ({ id: row.id })));
    expect(stored.every((row) => row.priority === Priority.URGENT)).toBe(true);
  });
});

function fromGid(globalId: string): string {
  return fromGlobalId(globalId)!.id;
}
