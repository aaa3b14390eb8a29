import { Team } from '../../entities/team.entity';
import { toGlobalId } from '../../entities/global-id';
import { createTestWorkspace, type TestWorkspace } from '../../testing/factories';
import { countStatements } from '../../testing/query-counter';
import { loadTrayCorpus, settleAfterLoad } from '../../testing/scale-seed';
import { explainStatement, planNodes } from '../../testing/search-corpus';
import { useTestApp } from '../../testing/test-lifecycle';

const CONVERSATIONS = Number(process.env.QUEUE_STATS_PLAN_CONVERSATIONS ?? 200_000);

/**
 * queueStats at 200,000 conversations: a constant number of statements, and the conversation
 * statements (the figures, and each agent's load) are index-only scans — EXPLAIN of what was sent,
 * with the planner left alone.
 */
describe('queueStats statements and plans at scale', () => {
  // The corpus loads through the API pool: without its time limit, as the benchmarks load theirs.
  // Its 200,000 rows in a database of their own: in the shared one they would skew the planner's
  // statistics under the other suites' plan checks.
  const t = useTestApp({ env: { DB_STATEMENT_TIMEOUT_MS: '0' }, ownDatabase: true });
  let w: TestWorkspace;
  let teamId: string;

  beforeAll(async () => {
    const dataSource = t.app.deps.dataSource;
    w = await createTestWorkspace(t.factories);
    const team = await dataSource
      .getRepository(Team)
      .save({ workspaceId: w.workspace.id, name: 'Plan team' });
    teamId = team.id;
    await loadTrayCorpus(dataSource, {
      workspaceId: w.workspace.id,
      channelAccountId: w.channel.id,
      conversations: CONVERSATIONS,
      agentIds: [w.agentA.agent.id, w.agentB.agent.id],
      teamIds: [team.id],
      messagesPerConversation: 0,
      noteEvery: 0,
      tagIds: [],
      fieldId: null,
      prefix: 'queue',
    });
    await settleAfterLoad(dataSource, ['conversation']);
  }, 600_000);

  it.each([
    ['the workspace, as an admin', null, 'admin'],
    ["a team's queue, as an admin", 'team', 'admin'],
    ['the workspace, as an agent', null, 'agent'],
  ] as const)('%s: a constant few statements, conversation reads index-only', async (_name, team, who) => {
    const token = who === 'admin' ? w.admin.token : w.agentA.token;
    const { result, statements, parameters } = await countStatements(() =>
      t.gql(
        'query($t: ID) { queueStats(teamId: $t) { waiting longestWaitingSince byTray { kind count } agentsByStatus { status count } openByAgent { agent { name } count } } }',
        { t: team ? toGlobalId('Team', teamId) : null },
        token,
      ),
    );
    expect(result.errors).toBeUndefined();
    const figures = (result.data as any).queueStats;
    expect(figures.byTray.reduce((sum: number, tray: any) => sum + tray.count, 0)).toBeGreaterThan(0);
    const reads = statements
      .map((sql, index) => ({ sql, parameters: parameters[index]! }))
      .filter(({ sql }) => /FROM "?conversation"? "?c"?/.test(sql) && !/^(BEGIN|COMMIT|SET)/.test(sql));
    // A constant few whatever the size: the caller's credentials, the team check (with teamId), the
    // figures, the agents with their loads, and the agents' rows for `agent { name }`.
    expect(statements.length).toBeLessThanOrEqual(5);
    expect(reads.length).toBe(2);
    for (const read of reads) {
      const { plan } = await explainStatement(t.app.deps.dataSource, read.sql, read.parameters);
      const nodes = planNodes(plan);
      const onConversation = nodes.filter((node) => node['Relation Name'] === 'conversation');
      const summary = onConversation.map((node) => `${node['Node Type']} on ${node['Index Name'] ?? '-'}`);
      process.stdout.write(`queueStats (${_name}) at ${CONVERSATIONS}: ${summary.join(', ')}\n`);
      expect(onConversation.length).toBeGreaterThan(0);
      expect(onConversation.every((node) => node['Node Type'] === 'Index Only Scan')).toBe(true);
    }
  });
});
