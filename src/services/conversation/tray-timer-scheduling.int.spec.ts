import { useTestApp } from '../../testing/test-lifecycle';
import {
  createConversation,
  createTestApiKey,
  createTestWorkspace,
  factoryDeps,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, Handler } from '../../entities/enums';

/** Every change that moves a conversation's time-driven instants schedules their pushes. */
describe('tray timers are scheduled by conversation changes', () => {
  const t = useTestApp();

  it('a handoff schedules the window-expiry and visible-days timers at their instants', async () => {
    const deps = factoryDeps(t.app);
    const w = await createTestWorkspace(deps);
    const conversation = await createConversation(deps, w.channel, { handler: Handler.BOT });
    const { key } = await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT]);
    const result = await t.gql(
      `mutation($id: ID!) { conversationHandoff(input: { conversationId: $id }) { userErrors { code } } }`,
      { id: toGlobalId('Conversation', conversation.id) },
      key,
    );
    expect((result.data as any).conversationHandoff.userErrors).toEqual([]);
    const jobs: { start_after: Date }[] = await deps.dataSource.query(
      `SELECT start_after FROM ${t.config.jobSchema}.job WHERE name = 'tray-timer' AND data->>'conversationId' = $1 ORDER BY start_after`,
      [conversation.id],
    );
    const after = await deps.dataSource.query(
      'SELECT window_expires_at, last_activity_at FROM conversation WHERE id = $1',
      [conversation.id],
    );
    expect(jobs.map((job) => new Date(job.start_after).getTime())).toEqual([
      new Date(after[0].window_expires_at).getTime(),
      new Date(after[0].last_activity_at).getTime() + 30 * 24 * 60 * 60 * 1000,
    ]);
  });
});
