import { Conversation } from '../../entities/conversation.entity';
import { TrayView } from '../../entities/enums';
import { Team } from '../../entities/team.entity';
import { mayReadConversation } from '../../services/conversation/conversation-visibility';
import { TRAYS_OF_VIEW, trayOf } from '../../services/conversation/tray-rules';
import { countStatements } from '../../testing/query-counter';
import { loadTrayCorpus, settleAfterLoad } from '../../testing/scale-seed';
import { explainStatement, planNodes, type PlanNode } from '../../testing/search-corpus';
import { createTestWorkspace, type TestWorkspace } from '../../testing/factories';
import { useTestApp } from '../../testing/test-lifecycle';
import { toGlobalId } from '../../entities/global-id';

const CONVERSATIONS = 4000;

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Who asks: the admin unless said. */
  as?: 'admin' | 'agent';
  /** The index the conversation statement must read, in its order. */
  index: string;
  /** Only this index: the activity index's in-order walk (see below) would read too much. */
  exact?: boolean;
}

const PAGE_FIELDS = '(first: 25, after: $after) { pageInfo { endCursor } edges { node { id } } }';
const TRAY_PAGE = (args: string) => `query($after: String) { tray(${args}) { conversations${PAGE_FIELDS} } }`;

/** The conversation statement of a request: the one reading `"conversation" "c"`. */
function conversationStatement(statements: string[]): number {
  return statements.findIndex((sql) => /FROM "conversation" "c"/.test(sql));
}

/**
 * A tray may also be read along the activity index, in the same order with its conditions
 * filtered: on a test database, where half the workspace is in the tray, the planner can price
 * that as low as the tray index. Still in order with no sort; at scale (`npm run bench -- scale`)
 * the tray index is chosen unaided.
 */
const ACTIVITY_INDEX = 'conversation_activity_idx';

function describePlan(plan: PlanNode): string {
  return planNodes(plan)
    .map((node) => `${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''}`)
    .join(' > ');
}

/**
 * The trays and the conversation list read an index in their sort order: EXPLAIN of the statement
 * each sends, with sequential scans allowed and sorts priced out (see below), on the first page and
 * on the page after a cursor — which reads past the cursor's sort values, never its row.
 */
describe('tray and list statements read their indexes in sort order', () => {
  const t = useTestApp();
  let w: TestWorkspace;
  let teamId: string;

  /**
   * The scans of the request's one counting statement. Sequential scans are priced out: a test
   * database is small enough that reading the whole table looks cheaper to the planner than the
   * index for a count over half a workspace; what this proves is that the index answers the
   * statement. At scale the planner picks it unaided (`npm run bench -- scale` explains the same
   * statement without this setting). Bitmap scans too: with the visibility map not yet set (other
   * suites write to the table meanwhile) a bitmap heap scan can price lower than the index-only
   * scan it stands for.
   */
  async function countingScans(statements: string[], parameters: unknown[][]): Promise<PlanNode[]> {
    const counting = statements.filter((sql) => /count\(\*\) FILTER/.test(sql));
    expect(counting).toHaveLength(1);
    const index = statements.indexOf(counting[0]!);
    const { plan } = await explainStatement(t.app.deps.dataSource, statements[index]!, parameters[index]!, {
      noSeqScan: true,
      noBitmapScan: true,
      settle: ['conversation'],
    });
    return planNodes(plan).filter((node) => /Scan/.test(node['Node Type']));
  }

  beforeAll(async () => {
    const dataSource = t.app.deps.dataSource;
    w = await createTestWorkspace(t.factories);
    const team = await dataSource
      .getRepository(Team)
      .save(dataSource.getRepository(Team).create({ workspaceId: w.workspace.id, name: 'Plan team' }));
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
      prefix: 'plan',
    });
    await settleAfterLoad(dataSource, ['conversation']);
  }, 180_000);

  const cases = (): Case[] => [
    {
      name: 'V2 ACTIVE tray',
      query: TRAY_PAGE('kind: ACTIVE'),
      index: 'conversation_agent_tray_idx',
    },
    {
      name: 'CLASSIC NEW tray',
      query: TRAY_PAGE('kind: NEW, view: CLASSIC'),
      index: 'conversation_agent_tray_idx',
    },
    {
      name: "an agent's EXPIRED tray, filtered by an admin",
      query: TRAY_PAGE(`kind: EXPIRED, agentId: "${toGlobalId('Agent', w.agentA.agent.id)}"`),
      // The per-assignee tray index of the first migration is in this sort order already.
      index: 'conversation_tray_idx',
    },
    {
      // Without the agent named outright the read rule's OR left the planner the whole
      // workspace's open conversations to walk for an agent with few active ones.
      name: "an agent's own V2 ACTIVE tray",
      query: TRAY_PAGE('kind: ACTIVE'),
      as: 'agent',
      index: 'conversation_tray_idx',
      exact: true,
    },
    {
      name: "a team's V2 ACTIVE tray",
      query: TRAY_PAGE(`kind: ACTIVE, teamId: "${toGlobalId('Team', teamId)}"`),
      index: 'conversation_agent_tray_team_idx',
    },
    {
      name: 'the admin list of every conversation',
      query: `query($after: String) { conversations${PAGE_FIELDS} }`,
      index: 'conversation_activity_idx',
    },
  ];

  it.each([0, 1, 2, 3, 4, 5])(
    'case %i: page 1 and page 2 are index scans in order, with no sort',
    async (n) => {
      const c = cases()[n]!;
      let after: string | null = null;
      for (const page of [1, 2]) {
        const { result, statements, parameters } = await countStatements(() =>
          t.gql<Record<string, unknown>>(
            c.query,
            { after },
            c.as === 'agent' ? w.agentA.token : w.admin.token,
          ),
        );
        expect(result.errors).toBeUndefined();
        const connection = (
          'tray' in result.data!
            ? (result.data!.tray as { conversations: unknown }).conversations
            : result.data!.conversations
        ) as { pageInfo: { endCursor: string }; edges: unknown[] };
        if (page === 1) expect(connection.edges.length).toBeGreaterThan(0);
        const index = conversationStatement(statements);
        expect(index).toBeGreaterThanOrEqual(0);
        // Sorting is priced out: other suites load hundreds of thousands of conversations into this
        // database (other teams, other workspaces), after which the planner may think this team's
        // tray small enough to sort. What this proves is that an index serves the statement in its
        // order; at scale the planner picks it unaided (`npm run bench -- scale`, unsorted plans).
        const { plan } = await explainStatement(
          t.app.deps.dataSource,
          statements[index]!,
          parameters[index]!,
          {
            settle: ['conversation'],
            noSort: true,
          },
        );
        const nodes = planNodes(plan);
        const summary = `${c.name}, page ${page}: ${describePlan(plan)}`;
        const scans = nodes
          .filter((node) => /Scan/.test(node['Node Type']))
          .map((node) => node['Index Name'] ?? node['Node Type']);
        expect({ summary, scans }).toEqual({
          summary,
          scans: [scans[0] === ACTIVITY_INDEX && !c.exact ? ACTIVITY_INDEX : c.index],
        });
        if (c.exact) {
          const [scan] = nodes.filter((node) => node['Index Name'] === c.index);
          expect(scan!['Index Cond']).toMatch(/assignee_id = /);
        }
        expect(
          nodes.filter((node) => node['Node Type'] === 'Sort' || node['Node Type'] === 'Seq Scan'),
        ).toEqual([]);
        // The page after a cursor does not read the cursor's row back.
        expect(statements[index]).not.toMatch(/cursor_row/);
        after = connection.pageInfo.endCursor;
      }
    },
  );

  it('the tray counts are one statement read from the tray index alone', async () => {
    for (const view of ['V2', 'CLASSIC']) {
      const { result, statements, parameters } = await countStatements(() =>
        t.gql<{ trays: { kind: string; count: number }[] }>(
          `query { trays(view: ${view}) { kind count } }`,
          {},
          w.admin.token,
        ),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.trays.reduce((sum, tray) => sum + tray.count, 0)).toBeGreaterThan(100);
      const scans = await countingScans(statements, parameters);
      // One scan of an index of open agent-handled conversations: the tray index, or the
      // auto-assignment's index of the same rows when the planner prices it lower. Index-only as
      // a rule; a plain index scan of the same index when a suite beside this one holds a long
      // transaction open (its loads), which keeps VACUUM from marking these pages all-visible. At
      // scale the bench records the Index Only Scan (`scale.plans.trayCounts`).
      expect(['Index Only Scan', 'Index Scan']).toContain(scans[0]!['Node Type']);
      expect(scans).toHaveLength(1);
      expect(['conversation_agent_tray_idx', 'conversation_open_agent_idx']).toContain(
        scans[0]!['Index Name'],
      );
    }
  });

  it("an agent's tray counts read their own and their queues' entries of the index, not the workspace's", async () => {
    const before = new Date();
    const { result, statements, parameters } = await countStatements(() =>
      t.gql<{ trays: { kind: string; count: number }[] }>(
        `query { trays(view: V2) { kind count } }`,
        {},
        w.agentA.token,
      ),
    );
    const after = new Date();
    expect(result.errors).toBeUndefined();
    // The counts the tray rules give the rows this agent may read, at the instants around the
    // request: windows of the corpus expire meanwhile, moving conversations from ACTIVE to EXPIRED.
    const rows = await t.app.deps.dataSource
      .getRepository(Conversation)
      .findBy({ workspaceId: w.workspace.id });
    const scope = { workspaceId: w.workspace.id, agentId: w.agentA.agent.id, teamIds: [] };
    const countsAt = (now: Date) =>
      Object.fromEntries(
        TRAYS_OF_VIEW[TrayView.V2].map((kind) => [
          kind,
          rows.filter(
            (row) =>
              mayReadConversation(scope, row) &&
              trayOf(row, TrayView.V2, now, w.workspace.visibleDays) === kind,
          ).length,
        ]),
      );
    const [early, late] = [countsAt(before), countsAt(after)];
    for (const tray of result.data!.trays) {
      expect(tray.count).toBeGreaterThanOrEqual(Math.min(early[tray.kind]!, late[tray.kind]!));
      expect(tray.count).toBeLessThanOrEqual(Math.max(early[tray.kind]!, late[tray.kind]!));
    }
    expect(result.data!.trays.map((tray) => tray.kind).sort()).toEqual(Object.keys(early).sort());
    expect(late.EXPIRED).toBeGreaterThan(0);
    const scans = await countingScans(statements, parameters);
    // Two scans, each bounded by the assignee (theirs, or none): the read rule's OR would be
    // bounded by the workspace alone.
    expect(scans.map((scan) => scan['Index Cond'])).toEqual([
      expect.stringMatching(/assignee_id = /),
      expect.stringMatching(/assignee_id IS NULL/),
    ]);
  });
});
