import { ConversationSearchDocument, MessageSearchDocument } from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { countStatements } from '../../testing/query-counter';
import {
  bitmapIndexScans,
  explainStatement,
  likeFilters,
  loadSearchCorpus,
  SEARCH_INDEXES,
} from '../../testing/search-corpus';

/**
 * The statements the API sends for a search, explained as they ran: each text is found through
 * its trigram index (a Bitmap Index Scan), not by reading the table. Sequential scans are priced
 * out so the answer does not hang on how few rows a test database has; the 200,000-conversation
 * benchmark (`npm run bench -- search`) shows the same plans with the planner left alone.
 */
describe('search statements use the search indexes', () => {
  const t = useTestApp();
  const w = useWorkspace(t, { scope: 'suite' });

  beforeAll(async () => {
    await loadSearchCorpus(t.app.deps.dataSource, {
      workspaceId: w.workspace.id,
      channelAccountId: w.channel.id,
      conversations: 2000,
      messagesPerConversation: 2,
      noteEvery: 5,
    });
  });

  /** The searching statements one request sent (those that fold text or read phone digits), with their parameters. */
  async function searchStatements(
    operation: Parameters<typeof t.gql>[0],
    variables: Record<string, unknown>,
  ) {
    const { result, statements, parameters } = await countStatements(() =>
      t.gql(operation, variables, w.admin.token),
    );
    expect(result.errors).toBeUndefined();
    const found = statements
      .map((sql, index) => ({ sql, parameters: parameters[index]! }))
      .filter(({ sql }) => /omnitray_(fold|digits)\(/.test(sql));
    expect(found.length).toBeGreaterThan(0);
    return { result, found };
  }

  /**
   * The search indexes the statements read; every LIKE must be an index condition (the other
   * tables may be read by any index the planner likes, e.g. conversations by workspace).
   */
  async function indexesOf(found: { sql: string; parameters: unknown[] }[]) {
    const scans = new Set<string>();
    for (const statement of found) {
      const { plan } = await explainStatement(t.app.deps.dataSource, statement.sql, statement.parameters, {
        noSeqScan: true,
        // And walks along another index filtering each row: on a few thousand rows, most of them
        // the workspace's, that can price as low as asking the search index.
        noIndexScan: true,
        settle: ['customer', 'conversation', 'message', 'note'],
      });
      expect(likeFilters(plan)).toEqual([]);
      for (const index of bitmapIndexScans(plan)) if (SEARCH_INDEXES.includes(index)) scans.add(index);
    }
    return scans;
  }

  it('messageSearch reads message_text_search_idx and note_body_search_idx', async () => {
    const { result, found } = await searchStatements(MessageSearchDocument, {
      query: 'facturacion',
      first: 5,
    });
    expect(
      (result.data as { messageSearch: { totalCount: number } }).messageSearch.totalCount,
    ).toBeGreaterThan(0);
    const scans = await indexesOf(found);
    expect(scans).toEqual(new Set(['message_text_search_idx', 'note_body_search_idx']));
  });

  it('conversations(filter: { messageText }) reads the message, note and customer text indexes', async () => {
    const { result, found } = await searchStatements(ConversationSearchDocument, {
      filter: { messageText: 'facturacion' },
      first: 5,
    });
    expect(
      (result.data as { conversations: { nodes: unknown[] } }).conversations.nodes.length,
    ).toBeGreaterThan(0);
    expect(await indexesOf(found)).toEqual(
      new Set(['customer_text_search_idx', 'message_text_search_idx', 'note_body_search_idx']),
    );
  });

  it('a phone fragment reads customer_phone_digits_idx', async () => {
    const { result, found } = await searchStatements(ConversationSearchDocument, {
      filter: { messageText: '+52 55 12' },
      first: 5,
    });
    expect(
      (result.data as { conversations: { nodes: unknown[] } }).conversations.nodes.length,
    ).toBeGreaterThan(0);
    expect(await indexesOf(found)).toEqual(new Set(['customer_phone_digits_idx']));
  });
});
