import { ConversationStatus } from '../entities/enums';
import { PageArgs } from '../schema/pagination';
import { paginate } from '../services/paging';
import { conversationsOfCustomers, HISTORY_ORDER } from '../services/customer/customer-query.service';
import { createConversation, createCustomer, createTestWorkspace, factoryDeps } from '../testing/factories';
import { countStatements } from '../testing/query-counter';
import { startTestApp, type TestApp } from '../testing/test-app';
import { createLoaders } from './index';

const page = (args: Partial<PageArgs>): PageArgs => Object.assign(new PageArgs(), args);

/** A page read for many parents in one statement is, parent by parent, the page read alone. */
describe('pages by parent', () => {
  let t: TestApp;
  let workspaceId: string;
  let otherWorkspaceCustomer: string;
  const customerIds: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    const deps = factoryDeps(t.app);
    const w = await createTestWorkspace(deps);
    workspaceId = w.workspace.id;
    // 0, 1, 3 and 6 conversations; two of the six share their last activity (the id breaks the tie).
    for (const [index, count] of [0, 1, 3, 6].entries()) {
      const customer = await createCustomer(deps, w.channel, { name: `Parent ${index}` });
      customerIds.push(customer.id);
      for (let n = 0; n < count; n += 1) {
        await createConversation(deps, w.channel, {
          customer,
          status: n === 0 ? ConversationStatus.OPEN : ConversationStatus.CLOSED,
          lastActivityAgoMs: (n === 2 ? 1 : n) * 60_000 + index * 1_000,
        });
      }
    }
    const other = await createTestWorkspace(deps);
    const foreign = await createCustomer(deps, other.channel);
    await createConversation(deps, other.channel, { customer: foreign });
    otherWorkspaceCustomer = foreign.id;
  });
  afterAll(() => t.close());

  // The read scope of an admin: every conversation of the workspace.
  const everything = () => ({ workspaceId, agentId: null, teamIds: [] });

  const alone = (customerId: string, args: PageArgs) =>
    paginate(
      conversationsOfCustomers(t.app.deps.dataSource, everything(), [customerId]),
      HISTORY_ORDER,
      args,
      workspaceId,
    );

  const summary = async (connection: Awaited<ReturnType<typeof alone>>) => ({
    ids: connection.edges.map((edge) => edge.node.id),
    cursors: connection.edges.map((edge) => edge.cursor),
    pageInfo: connection.pageInfo,
    total: await connection.countTotal(),
  });

  it('gives each parent what paginate gives it alone, forward and backward, in one statement', async () => {
    const six = customerIds[3]!;
    const firstPage = await alone(six, page({ first: 2 }));
    const lastPage = await alone(six, page({ last: 2 }));
    const cases = [
      page({}),
      page({ first: 2 }),
      page({ first: 2, after: firstPage.pageInfo.endCursor }),
      page({ last: 2 }),
      page({ last: 4, before: lastPage.pageInfo.startCursor }),
      page({ before: lastPage.pageInfo.startCursor }),
    ];
    for (const args of cases) {
      const loaders = createLoaders(t.app.deps.dataSource, everything());
      const { result: batched, statements } = await countStatements(() =>
        Promise.all(customerIds.map((id) => loaders.conversationsByCustomer.load(id, null, args))),
      );
      expect(statements).toHaveLength(1);
      for (const [index, id] of customerIds.entries()) {
        expect(await summary(batched[index]!)).toEqual(await summary(await alone(id, args)));
      }
    }
    const sixAll = await alone(six, page({}));
    expect(sixAll.edges).toHaveLength(6);
  });

  it('counts every parent in one statement', async () => {
    const loaders = createLoaders(t.app.deps.dataSource, everything());
    const connections = await Promise.all(
      customerIds.map((id) => loaders.conversationsByCustomer.load(id, null, page({ first: 1 }))),
    );
    const { result: totals, statements } = await countStatements(() =>
      Promise.all(connections.map((connection) => connection.countTotal())),
    );
    expect(totals).toEqual([0, 1, 3, 6]);
    expect(statements).toHaveLength(1);
  });

  it('reads only the workspace of the loaders', async () => {
    const loaders = createLoaders(t.app.deps.dataSource, everything());
    const foreign = await loaders.conversationsByCustomer.load(otherWorkspaceCustomer, null, page({}));
    expect(foreign.edges).toEqual([]);
    expect(await foreign.countTotal()).toBe(0);
  });

  it('fails only the parents that asked with bad arguments', async () => {
    const loaders = createLoaders(t.app.deps.dataSource, everything());
    const [good, bad, badCursor] = await Promise.allSettled([
      loaders.conversationsByCustomer.load(customerIds[3]!, null, page({ first: 3 })),
      loaders.conversationsByCustomer.load(customerIds[2]!, null, page({ first: 500 })),
      loaders.conversationsByCustomer.load(customerIds[1]!, null, page({ after: 'not-a-cursor' })),
    ]);
    expect(good.status === 'fulfilled' && good.value.edges).toHaveLength(3);
    expect(bad.status === 'rejected' && String(bad.reason)).toMatch(/first/);
    expect(badCursor.status === 'rejected' && String(badCursor.reason)).toMatch(/after/);
  });
});
