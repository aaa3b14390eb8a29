import { MessageSearchDocument, type MessageSearchQuery } from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createConversation,
  createMessage,
  createTestApiKey,
  createTestWorkspace,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';
import { Note } from '../../entities/note.entity';
import { ApiKeyScope, MessageDirection, MessageSender, MessageType } from '../../entities/enums';

const NOW = new Date('2026-03-10T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

type Hit = MessageSearchQuery['messageSearch']['edges'][number]['node'];

const textOf = (hit: Hit) => (hit.item.__typename === 'Message' ? hit.item.text : hit.item.body);

describe('messageSearch', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);

  async function search(query: string, token = w.admin.token, first?: number, after?: string) {
    const result = await t.gql(MessageSearchDocument, { query, first, after }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.messageSearch;
  }

  async function note(conversation: Conversation, body: string, at = NOW, authorId: string | null = null) {
    return deps.dataSource.getRepository(Note).save({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      authorId,
      body,
      createdAt: at,
    });
  }

  it('a deleted note is found neither by messageSearch nor by the conversation text filter', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const kept = await note(conversation, 'Devolución aprobada por logística', minutesAgo(2));
    const gone = await note(conversation, 'Devolución rechazada por logística', minutesAgo(1));
    await deps.dataSource.getRepository(Note).softDelete({ id: gone.id });

    const found = await search('devolucion logistica');
    expect(found.edges.map((edge) => edge.node.item.id)).toEqual([toGlobalId('Note', kept.id)]);
    const rejected = await search('rechazada');
    expect(rejected.totalCount).toBe(0);
    const filtered = await t.gql(
      'query($q: String!) { conversations(first: 5, filter: { messageText: $q }) { nodes { id } } }',
      { q: 'rechazada' },
      w.admin.token,
    );
    expect(filtered.errors).toBeUndefined();
    expect((filtered.data as { conversations: { nodes: unknown[] } }).conversations.nodes).toEqual([]);
  });

  it('"facturacion" finds "facturación" and "FACTURACIÓN", in messages and notes, and so does "FACTURACIÓN"', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    await createMessage(deps, conversation, {
      text: 'Necesito la facturación de marzo',
      sentAt: minutesAgo(3),
    });
    await createMessage(deps, conversation, {
      text: 'FACTURACIÓN URGENTE',
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.AGENT,
      senderAgentId: w.agentA.agent.id,
      sentAt: minutesAgo(2),
    });
    await note(conversation, 'Revisar facturacion pendiente', minutesAgo(1), w.admin.agent.id);
    await createMessage(deps, conversation, { text: 'Una factura nada más', sentAt: minutesAgo(4) });

    for (const query of ['facturacion', 'FACTURACIÓN', 'Facturación']) {
      const found = await search(query);
      expect(found.totalCount).toBe(3);
      const hits = found.edges.map((edge) => edge.node);
      expect(hits.map(textOf).sort()).toEqual([
        'FACTURACIÓN URGENTE',
        'Necesito la facturación de marzo',
        'Revisar facturacion pendiente',
      ]);
      expect(hits.every((hit) => hit.conversation.id === gid(conversation))).toBe(true);
    }

    const hits = (await search('facturacion')).edges.map((edge) => edge.node);
    const byText = new Map(hits.map((hit) => [textOf(hit), hit]));
    expect(byText.get('Necesito la facturación de marzo')).toMatchObject({
      kind: 'MESSAGE',
      sender: 'CUSTOMER',
      senderAgent: null,
      at: minutesAgo(3).toISOString(),
      snippet: 'Necesito la facturación de marzo',
      highlights: [{ start: 12, length: 11 }],
      snippetHtml: 'Necesito la <mark>facturación</mark> de marzo',
    });
    expect(byText.get('FACTURACIÓN URGENTE')).toMatchObject({
      kind: 'MESSAGE',
      sender: 'AGENT',
      senderAgent: { id: toGlobalId('Agent', w.agentA.agent.id) },
      snippetHtml: '<mark>FACTURACIÓN</mark> URGENTE',
    });
    expect(byText.get('Revisar facturacion pendiente')).toMatchObject({
      kind: 'NOTE',
      sender: 'AGENT',
      senderAgent: { id: toGlobalId('Agent', w.admin.agent.id) },
      item: { __typename: 'Note' },
      snippetHtml: 'Revisar <mark>facturacion</mark> pendiente',
    });

    // Every word must be in the same text.
    expect((await search('facturación urgente')).edges.map((edge) => textOf(edge.node))).toEqual([
      'FACTURACIÓN URGENTE',
    ]);
    expect((await search('urgente marzo')).totalCount).toBe(0);
  });

  it('forgives accents and case in Portuguese and English too, and marks every matched word', async () => {
    const conversation = await createConversation(deps, w.channel, {});
    await createMessage(deps, conversation, { text: 'Não recebi a informação do pedido' });
    await createMessage(deps, conversation, { text: 'Please send the RÉSUMÉ to the café' });
    const portuguese = await search('nao INFORMACAO');
    expect(portuguese.edges.map((edge) => edge.node.snippetHtml)).toEqual([
      '<mark>Não</mark> recebi a <mark>informação</mark> do pedido',
    ]);
    const english = await search('resume cafe');
    expect(english.edges.map((edge) => edge.node.snippetHtml)).toEqual([
      'Please send the <mark>RÉSUMÉ</mark> to the <mark>café</mark>',
    ]);
  });

  it('ranks the closest phrase first, newest first among equals, over all time', async () => {
    const conversation = await createConversation(deps, w.channel, {});
    const texts: [string, number][] = [
      ['Quiero saber el estado de la facturación pendiente', 60 * 24 * 400], // over a year ago
      ['FACTURACIÓN PENDIENTE', 5],
      ['Pendiente: la facturación de marzo', 4],
      ['la facturación sigue pendiente', 3],
      ['facturaciones pendientes', 2],
      ['pendiente sin nada más', 1],
    ];
    for (const [text, ago] of texts)
      await createMessage(deps, conversation, { text, sentAt: minutesAgo(ago) });

    const found = await search('facturacion pendiente');
    const hits = found.edges.map((edge) => edge.node);
    expect(hits.map(textOf)).toEqual([
      'FACTURACIÓN PENDIENTE',
      'Quiero saber el estado de la facturación pendiente',
      'Pendiente: la facturación de marzo',
      'la facturación sigue pendiente',
      'facturaciones pendientes',
    ]);
    expect(hits.map((hit) => hit.score)).toEqual([1, 1, 0.88, 0.785714, 0.769231]);
  });

  it('pages forward with cursors that hold their place; a cursor of another query or workspace is refused', async () => {
    const conversation = await createConversation(deps, w.channel, {});
    for (let index = 0; index < 5; index += 1) {
      await createMessage(deps, conversation, {
        text: `reembolso número ${index}`,
        sentAt: minutesAgo(10 - index),
      });
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await search('reembolso', w.admin.token, 2, after);
      seen.push(...page.edges.map((edge) => textOf(edge.node)!));
      pages += 1;
      if (pages === 1) {
        // A better hit arriving between pages comes before the cursor: it does not shift the next page.
        await createMessage(deps, conversation, { text: 'reembolso', sentAt: NOW });
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([4, 3, 2, 1, 0].map((index) => `reembolso número ${index}`));

    const first = await search('reembolso', w.admin.token, 1);
    const cursor = first.pageInfo.endCursor!;
    const otherQuery = await t.gql(
      MessageSearchDocument,
      { query: 'reembolsos', after: cursor },
      w.admin.token,
    );
    expect(otherQuery.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', '`after` is not a valid cursor.'],
    ]);
    const other = await createTestWorkspace(deps);
    const otherWorkspace = await t.gql(
      MessageSearchDocument,
      { query: 'reembolso', after: cursor },
      other.admin.token,
    );
    expect(otherWorkspace.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an agent finds only what they may read: their own conversations and the queue, never another agent’s', async () => {
    const ofA = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const ofB = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    for (const conversation of [ofA, ofB, queued]) {
      await createMessage(deps, conversation, { text: 'Solicito un reembolso' });
      await note(conversation, 'reembolso aprobado');
    }
    const elsewhere = await createTestWorkspace(deps);
    const foreign = await createConversation(deps, elsewhere.channel, {});
    await createMessage(deps, foreign, { text: 'Solicito un reembolso' });

    const conversationsFound = async (token: string) =>
      new Set((await search('reembolso', token)).edges.map((edge) => edge.node.conversation.id));
    expect(await conversationsFound(w.agentA.token)).toEqual(new Set([gid(ofA), gid(queued)]));
    expect(await conversationsFound(w.agentB.token)).toEqual(new Set([gid(ofB), gid(queued)]));
    expect(await conversationsFound(w.admin.token)).toEqual(new Set([gid(ofA), gid(ofB), gid(queued)]));
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    expect(await conversationsFound(readKey)).toEqual(new Set([gid(ofA), gid(ofB), gid(queued)]));
    expect((await search('reembolso', w.agentA.token)).totalCount).toBe(4);
  });

  it('keeps the snippet plain and the HTML escaped, cuts long texts around the match, skips reactions', async () => {
    const conversation = await createConversation(deps, w.channel, {});
    await createMessage(deps, conversation, { text: '<script>alert("x")</script> factura & más' });
    const filler = 'palabra '.repeat(40);
    await createMessage(deps, conversation, { text: `${filler}aquí va la garantía extendida ${filler}` });
    await createMessage(deps, conversation, { text: 'garantía', type: MessageType.REACTION });

    const html = (await search('factura')).edges[0]!.node;
    expect(html.snippet).toBe('<script>alert("x")</script> factura & más');
    expect(html.snippetHtml).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>factura</mark> &amp; más',
    );

    const long = await search('garantia');
    expect(long.totalCount).toBe(1);
    const hit = long.edges[0]!.node;
    expect(hit.snippet.startsWith('…')).toBe(true);
    expect(hit.snippet.endsWith('…')).toBe(true);
    expect(hit.snippet.length).toBeLessThanOrEqual(162);
    expect(hit.highlights).toHaveLength(1);
    const [range] = hit.highlights;
    expect(hit.snippet.slice(range!.start, range!.start + range!.length)).toBe('garantía');
  });

  it.each([
    ['ab', '`query` needs a word of at least 3 letters or digits.'],
    ['a b c d', '`query` needs a word of at least 3 letters or digits.'],
    ['x'.repeat(201), '`query` may have at most 200 characters.'],
    ['uno dos tres cuatro cinco seis siete ocho nueve', '`query` may have at most 8 words.'],
  ])('refuses %j with BAD_USER_INPUT', async (query, message) => {
    const result = await t.gql(MessageSearchDocument, { query }, w.admin.token);
    expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', message],
    ]);
  });

  it('refuses a page size out of range', async () => {
    const result = await t.gql(MessageSearchDocument, { query: 'hola', first: 101 }, w.admin.token);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
