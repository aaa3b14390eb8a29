import { overdueClosings } from '../services/conversation/conversation-workflow.service';
import { missedWindowExpiries, overdueSnoozes } from '../services/conversation/tray-timers';
import { countStatements } from '../testing/query-counter';
import { explainStatement, planNodes } from '../testing/search-corpus';
import { useTestApp } from '../testing/test-lifecycle';

/**
 * The maintenance sweeps that catch lost timers run every minute over every workspace: each reads
 * its partial index of what is still due, never the whole conversation table (at full scale a
 * sequential scan took 250 ms a minute for the closings alone).
 */
describe('the every-minute sweeps for lost timers read their due indexes', () => {
  const t = useTestApp();

  it.each<[string, string, () => Promise<unknown>]>([
    ['overdue closings', 'conversation_auto_close_due_idx', () => overdueClosings(t.app.deps)],
    ['overdue snoozes', 'conversation_snooze_due_idx', () => overdueSnoozes(t.app.deps)],
    [
      'missed window expiries',
      'conversation_window_expiry_idx',
      () => missedWindowExpiries(t.app.deps, 60 * 60 * 1000),
    ],
  ])('%s: one statement, an index scan of %s', async (_name, index, sweep) => {
    const { statements, parameters } = await countStatements(sweep);
    expect(statements).toHaveLength(1);
    // Sequential and bitmap scans priced out: on a small test table the planner may prefer them,
    // and what this proves is that the due index answers the statement.
    const { plan } = await explainStatement(t.app.deps.dataSource, statements[0]!, parameters[0]!, {
      noSeqScan: true,
      noBitmapScan: true,
    });
    const conversationScans = planNodes(plan)
      .filter((node) => /Scan/.test(node['Node Type']) && node['Relation Name'] === 'conversation')
      .map((node) => node['Index Name']);
    expect(conversationScans).toEqual([index]);
  });
});
