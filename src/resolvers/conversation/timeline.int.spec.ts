import {
  ConversationDetailDocument,
  ConversationTimelineDocument,
  type ConversationTimelineQuery,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createConversation, createMessage, createTestWorkspace, factoryDeps } from '../../testing/factories';
import { countStatements } from '../../testing/query-counter';
import { fromGlobalId, toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { Note } from '../../entities/note.entity';
import { ActorType, ConversationEventType, MessageType } from '../../entities/enums';
import { type FactoryDeps } from '../../testing/factories';

const NOW = new Date('2026-03-10T12:00:00Z');
const T0 = NOW.getTime() - 10 * 60_000;
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

type Timeline = NonNullable<ConversationTimelineQuery['conversation']>['timeline'];
type Item = Timeline['edges'][number]['node'];

/** A short, readable name of an item: its text, body or event type. */
const labelOf = (item: Item) =>
  item.__typename === 'Message' ? item.text! : item.__typename === 'Note' ? item.body : item.type;

async function addNote(
  deps: FactoryDeps,
  conversation: Conversation,
  body: string,
  createdAt: Date,
  id?: string,
) {
  return deps.dataSource.getRepository(Note).save({
    id,
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    body,
    createdAt,
  });
}

async function addEvent(
  deps: FactoryDeps,
  conversation: Conversation,
  type: ConversationEventType,
  createdAt: Date,
  id?: string,
) {
  return deps.dataSource.getRepository(ConversationEvent).save({
    id,
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    type,
    actorType: ActorType.SYSTEM,
    createdAt,
  });
}

/** Moves a row by microseconds, which a JavaScript Date cannot hold. */
async function shiftMicroseconds(
  deps: FactoryDeps,
  table: string,
  column: string,
  id: string,
  micros: number,
) {
  await deps.dataSource.query(
    `UPDATE ${table} SET ${column} = ${column} + make_interval(secs => $2::float8 / 1000000) WHERE id = $1`,
    [id, micros],
  );
}

describe('Conversation.timeline', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);
  let conversation: Conversation;

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);

  async function read(
    page: { first?: number; after?: string; last?: number; before?: string },
    of = conversation,
  ) {
    const result = await t.gql(ConversationTimelineDocument, { id: gid(of), ...page }, w.admin.token);
    expect(result.errors).toBeUndefined();
    return result.data!.conversation!.timeline;
  }

  /** Every label, reading forward `size` at a time. */
  async function readForward(size: number): Promise<string[]> {
    const labels: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await read({ first: size, after });
      labels.push(...page.edges.map((edge) => labelOf(edge.node)));
      if (!page.pageInfo.hasNextPage) return labels;
      after = page.pageInfo.endCursor!;
    }
  }

  /** Every label, reading backward from the newest `size` at a time. */
  async function readBackward(size: number): Promise<string[]> {
    const labels: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await read({ last: size, before });
      labels.unshift(...page.edges.map((edge) => labelOf(edge.node)));
      if (!page.pageInfo.hasPreviousPage) return labels;
      before = page.pageInfo.startCursor!;
    }
  }

  const EXPECTED = [
    'm1',
    'n1',
    'CREATED',
    'm2',
    'HANDOFF',
    'm3',
    'n2',
    'ASSIGNED',
    // Microseconds apart at minute 5: time first, whatever the kind.
    'CLOSING',
    'n3',
    'm4',
  ];

  beforeEach(async () => {
    conversation = await createConversation(deps, w.channel, { lastInboundAgoMs: null });
    await createMessage(deps, conversation, { text: 'm1', sentAt: at(0) });
    await addNote(deps, conversation, 'n1', at(0));
    await addEvent(deps, conversation, ConversationEventType.CREATED, at(0));
    await createMessage(deps, conversation, { text: 'm2', sentAt: at(1) });
    // Reactions belong to their message, not to the timeline.
    await createMessage(deps, conversation, { text: '👍', type: MessageType.REACTION, sentAt: at(1.5) });
    await addEvent(deps, conversation, ConversationEventType.HANDOFF, at(2));
    await addNote(deps, conversation, 'n2', at(3));
    await createMessage(deps, conversation, { text: 'm3', sentAt: at(3) });
    await addEvent(deps, conversation, ConversationEventType.ASSIGNED, at(4));
    await addEvent(deps, conversation, ConversationEventType.CLOSING, at(5));
    const n3 = await addNote(deps, conversation, 'n3', at(5));
    await shiftMicroseconds(deps, 'note', 'created_at', n3.id, 1);
    const m4 = await createMessage(deps, conversation, { text: 'm4', sentAt: at(5) });
    await shiftMicroseconds(deps, 'message', 'sent_at', m4.id, 2);
  });

  it('merges messages, notes and events oldest first: by time, then message, note, event', async () => {
    const page = await read({ first: 20 });
    expect(page.edges.map((edge) => labelOf(edge.node))).toEqual(EXPECTED);
    expect(page.totalCount).toBe(EXPECTED.length);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(page.edges.map((edge) => edge.node.__typename)).toEqual([
      'Message',
      'Note',
      'ConversationEvent',
      'Message',
      'ConversationEvent',
      'Message',
      'Note',
      'ConversationEvent',
      'ConversationEvent',
      'Note',
      'Message',
    ]);
  });

  it.each([1, 2, 3, 4])(
    'pages forward and backward %i at a time across kinds, to the microsecond',
    async (size) => {
      expect(await readForward(size)).toEqual(EXPECTED);
      expect(await readBackward(size)).toEqual(EXPECTED);
    },
  );

  it('cursors keep their place when items arrive (or go) between pages', async () => {
    const first = await read({ first: 3 });
    expect(first.edges.map((edge) => labelOf(edge.node))).toEqual(['m1', 'n1', 'CREATED']);
    const cursor = first.pageInfo.endCursor!;
    const createdEventId = fromGlobalId((first.edges[2]!.node as { id: string }).id)!.id;

    // At the cursor's own instant: a note (an earlier kind) and an event with a smaller id sort
    // before it; an event with a larger id after it. Later items come after it, earlier before.
    await addNote(deps, conversation, 'late note at 0', at(0));
    await addEvent(
      deps,
      conversation,
      ConversationEventType.TAKEN,
      at(0),
      '00000000-0000-4000-8000-000000000000',
    );
    await addEvent(
      deps,
      conversation,
      ConversationEventType.TRANSFERRED,
      at(0),
      'ffffffff-ffff-4fff-8fff-ffffffffffff',
    );
    await createMessage(deps, conversation, { text: 'early message', sentAt: at(-1) });
    await createMessage(deps, conversation, { text: 'm1.5', sentAt: at(0.5) });
    // The cursor's own row may even be gone: the cursor carries its key, not a reference.
    await deps.dataSource.getRepository(ConversationEvent).delete({ id: createdEventId });

    const second = await read({ first: 3, after: cursor });
    expect(second.edges.map((edge) => labelOf(edge.node))).toEqual(['TRANSFERRED', 'm1.5', 'm2']);
    expect(second.pageInfo.hasPreviousPage).toBe(true);

    // Backward from the newest: what arrives after the window does not shift the page before it.
    const newest = await read({ last: 2 });
    expect(newest.edges.map((edge) => labelOf(edge.node))).toEqual(['n3', 'm4']);
    await createMessage(deps, conversation, { text: 'newer', sentAt: at(6) });
    await addNote(deps, conversation, 'between', at(4.5));
    const older = await read({ last: 3, before: newest.pageInfo.startCursor! });
    expect(older.edges.map((edge) => labelOf(edge.node))).toEqual(['ASSIGNED', 'between', 'CLOSING']);
    expect(older.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses a cursor of another conversation, of another list, or garbage', async () => {
    const cursor = (await read({ first: 1 })).pageInfo.endCursor!;
    const other = await createConversation(deps, w.channel, {});
    const messagesCursor = (
      await t.gql(ConversationDetailDocument, { id: gid(conversation), first: 1 }, w.admin.token)
    ).data!.conversation!.messages.pageInfo.endCursor!;
    for (const [after, of] of [
      [cursor, other],
      [messagesCursor, conversation],
      ['garbage', conversation],
    ] as const) {
      const result = await t.gql(
        ConversationTimelineDocument,
        { id: gid(of), first: 2, after },
        w.admin.token,
      );
      expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
        ['BAD_USER_INPUT', '`after` is not a valid cursor.'],
      ]);
    }
    const elsewhere = await createTestWorkspace(deps);
    const theirs = await createConversation(deps, elsewhere.channel, {});
    const foreign = await t.gql(
      ConversationTimelineDocument,
      { id: gid(theirs), first: 2, after: cursor },
      elsewhere.admin.token,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const LIST_TIMELINES = `query($first: Int!) {
  conversations(first: $first) {
    nodes {
      id
      timeline(last: 5) {
        totalCount
        edges {
          cursor
          node {
            __typename
            ... on Message { id text }
            ... on Note { id body author { name } }
            ... on ConversationEvent { id type actorAgent { name } }
          }
        }
      }
    }
  }
}`;

/** The timelines of a list load in batches: the statement count does not grow with the page. */
describe('timeline statement count', () => {
  const t = useTestApp({ now: NOW });

  it('is the same for 2 and 20 conversations', async () => {
    const deps = factoryDeps(t.app);
    const w = await createTestWorkspace(deps);
    for (let index = 0; index < 20; index += 1) {
      const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
      for (let step = 0; step < 3; step += 1) {
        await createMessage(deps, conversation, { text: `m${index}.${step}`, sentAt: at(step) });
        await deps.dataSource.getRepository(Note).save({
          workspaceId: w.workspace.id,
          conversationId: conversation.id,
          authorId: w.agentA.agent.id,
          body: `n${index}.${step}`,
          createdAt: at(step),
        });
        await deps.dataSource.getRepository(ConversationEvent).save({
          workspaceId: w.workspace.id,
          conversationId: conversation.id,
          type: ConversationEventType.ASSIGNED,
          actorType: ActorType.AGENT,
          actorId: w.admin.agent.id,
          createdAt: at(step),
        });
      }
    }
    const run = (first: number) =>
      countStatements(() => t.gql<any>(LIST_TIMELINES, { first }, w.admin.token));
    const small = await run(2);
    const large = await run(20);
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const nodes = large.result.data.conversations.nodes;
    expect(nodes).toHaveLength(20);
    for (const node of nodes) {
      // The factory's first message, then three of each kind: 10 items, the newest 5 shown.
      expect(node.timeline.totalCount).toBe(10);
      expect(node.timeline.edges.map((edge: any) => edge.node.__typename)).toEqual([
        'ConversationEvent',
        'Message',
        'Note',
        'ConversationEvent',
        'Message',
      ]);
      expect(node.timeline.edges[4].node.text).toBe('Hola, necesito ayuda');
    }
    // Page, timelines, their counts, messages, notes, events, authors and actors (the sign-in is
    // counted apart).
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(9);
  });
});
