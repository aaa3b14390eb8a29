import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { createConversation } from '../testing/factories';
import { countStatements } from '../testing/query-counter';
import { toGlobalId } from '../entities/global-id';

const PAGE = `query($after: String, $before: String, $last: Int) {
  conversations(after: $after, before: $before, last: $last) {
    nodes { id }
    pageInfo { endCursor }
  }
}`;

const HISTORY = `query($id: ID!, $after: String) {
  customer(id: $id) { conversations(first: 5, after: $after) { nodes { id } } }
}`;

interface PageResult {
  conversations: { nodes: { id: string }[]; pageInfo: { endCursor: string | null } };
}

/** A keyset cursor names a row; a row of another workspace is as unknown as garbage. */
describe('a cursor naming another workspace’s row', () => {
  const t = useTestApp();
  const mine = useWorkspace(t, { scope: 'suite' });
  const theirs = useWorkspace(t, { scope: 'suite' });
  let foreignCursor = '';
  let myCustomer = '';

  beforeAll(async () => {
    const deps = t.factories;
    for (const ago of [5, 4, 3]) {
      await createConversation(deps, mine.channel, { lastActivityAgoMs: ago * 60_000 });
    }
    // Their conversation is the newest of all: paging after it would list every one of mine.
    await createConversation(deps, theirs.channel, { lastActivityAgoMs: 1_000 });
    const page = await t.gql<PageResult>(PAGE, {}, theirs.admin.token);
    foreignCursor = page.data!.conversations.pageInfo.endCursor!;
    expect(page.data!.conversations.nodes).toHaveLength(1);
    const own = await t.gql<{ conversations: { nodes: { id: string; customer: { id: string } }[] } }>(
      '{ conversations(first: 1) { nodes { id customer { id } } } }',
      {},
      mine.admin.token,
    );
    myCustomer = own.data!.conversations.nodes[0]!.customer.id;
  });

  const garbage = Buffer.from(JSON.stringify({ id: '00000000-0000-4000-8000-000000000000' })).toString(
    'base64url',
  );

  it.each([
    ['after', { after: 'FOREIGN' }],
    ['before', { before: 'FOREIGN', last: 5 }],
  ])(
    'is BAD_USER_INPUT as `%s`, exactly like a cursor of no row, and lists nothing',
    async (argument, args) => {
      const withCursor = (cursor: string) =>
        Object.fromEntries(
          Object.entries(args).map(([key, value]) => [key, value === 'FOREIGN' ? cursor : value]),
        );
      const foreign = await t.gql<PageResult>(PAGE, withCursor(foreignCursor), mine.admin.token);
      const unknown = await t.gql<PageResult>(PAGE, withCursor(garbage), mine.admin.token);
      expect(foreign.data).toBeNull();
      expect(foreign.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
        ['BAD_USER_INPUT', `\`${argument}\` is not a valid cursor.`],
      ]);
      expect(foreign.errors).toEqual(unknown.errors);
    },
  );

  it('is refused the same way on a paged relation (a customer’s history)', async () => {
    const result = await t.gql(HISTORY, { id: myCustomer, after: foreignCursor }, mine.admin.token);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('while a cursor of my own last row still gives an empty last page', async () => {
    const first = await t.gql<PageResult>(PAGE, {}, mine.admin.token);
    const end = first.data!.conversations.pageInfo.endCursor!;
    expect(first.data!.conversations.nodes).toHaveLength(3);
    const after = await t.gql<PageResult>(PAGE, { after: end }, mine.admin.token);
    expect(after.errors).toBeUndefined();
    expect(after.data!.conversations.nodes).toEqual([]);
  });
});

/** A cursor carries its row's sort values: paging on after that row moved repeats nothing and skips nothing. */
describe('a cursor whose row has moved since', () => {
  const t = useTestApp();
  const w = useWorkspace(t);

  it('continues from where the row was, and the page reads no cursor row', async () => {
    const ids: string[] = [];
    const globalIds: string[] = [];
    for (const ago of [1, 2, 3, 4, 5]) {
      const conversation = await createConversation(t.factories, w.channel, {
        lastActivityAgoMs: ago * 60_000,
      });
      ids.push(conversation.id);
      globalIds.push(toGlobalId('Conversation', conversation.id));
    }
    const first = await t.gql<PageResult>(
      `query { conversations(first: 2) { nodes { id } pageInfo { endCursor } } }`,
      {},
      w.admin.token,
    );
    const page1 = first.data!.conversations.nodes.map((node) => node.id);
    // The last row of page 1 gets new activity: it moves to the top of the list.
    await t.app.deps.dataSource.query(`UPDATE conversation SET last_activity_at = now() WHERE id = $1`, [
      ids[1],
    ]);
    const { result, statements } = await countStatements(() =>
      t.gql<PageResult>(
        `query($after: String) { conversations(first: 10, after: $after) { nodes { id } pageInfo { endCursor } } }`,
        { after: first.data!.conversations.pageInfo.endCursor },
        w.admin.token,
      ),
    );
    const page2 = result.data!.conversations.nodes.map((node) => node.id);
    expect(page2.filter((id) => page1.includes(id))).toEqual([]);
    expect(new Set([...page1, ...page2])).toEqual(new Set(globalIds));
    expect(statements.filter((sql) => /cursor_row/.test(sql))).toEqual([]);
  });
});
