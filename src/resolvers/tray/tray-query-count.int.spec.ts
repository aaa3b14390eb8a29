import { TrayPageDocument } from '../../testing/generated/graphql';
import { useTestApp } from '../../testing/test-lifecycle';
import {
  createConversation,
  createCustomer,
  createMessage,
  createTestWorkspace,
  factoryDeps,
  tagCustomer,
} from '../../testing/factories';
import { countStatements } from '../../testing/query-counter';

/** The tray page's relation fields go through per-request loaders: the statement count does not grow with the page. */
describe('tray query statement count', () => {
  const t = useTestApp();

  it('is the same for first: 5 and first: 100, and at most 6', async () => {
    const deps = factoryDeps(t.app);
    const w = await createTestWorkspace(deps);
    for (let index = 0; index < 100; index += 1) {
      const customer = await createCustomer(deps, w.channel);
      await tagCustomer(deps, customer, `tag-${index % 3}`);
      const conversation = await createConversation(deps, w.channel, {
        customer,
        assigneeId: index % 2 === 0 ? w.agentA.agent.id : w.agentB.agent.id,
      });
      await createMessage(deps, conversation, { text: `reply ${index}` });
    }
    const run = (first: number) =>
      countStatements(() => t.gql(TrayPageDocument, { kind: 'ACTIVE', view: 'V2', first }, w.admin.token));

    const small = await run(5);
    const large = await run(100);
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const edges = large.result.data!.tray.conversations.edges;
    expect(small.result.data!.tray.conversations.edges).toHaveLength(5);
    expect(edges).toHaveLength(100);
    expect(
      edges.filter((edge) => !(edge.node.customer.name && edge.node.assignee && edge.node.lastMessage)),
    ).toEqual([]);
    expect(edges.filter((edge) => edge.node.tags.length !== 1)).toEqual([]);

    // This page also asks for the tray count and totalCount: the same number, one statement; the
    // last messages come with the page.
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(6);
    expect(large.statements.filter((sql) => /count\(/i.test(sql))).toHaveLength(1);
    expect(large.result.data!.tray.count).toBe(large.result.data!.tray.conversations.totalCount);
    const withoutTotal = await countStatements(() =>
      t.gql(
        `query { tray(kind: ACTIVE) { conversations(first: 100) { edges { node { id unreadCount customer { name phone } tags { name } assignee { name } lastMessage { text } } } } } }`,
        {},
        w.admin.token,
      ),
    );
    expect(withoutTotal.result.errors).toBeUndefined();
    expect(withoutTotal.statements.length).toBeLessThanOrEqual(6);
  });
});
