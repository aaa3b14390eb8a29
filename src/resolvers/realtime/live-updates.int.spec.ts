import {
  ConversationAssignDocument,
  ConversationLabelDocument,
  ConversationTransferDocument,
  ConversationUpdatedDocument,
  CustomerUpdateDocument,
  CustomerUpdatedDocument,
  NoteDeleteDocument,
  NoteUpdateDocument,
  NoteWriteDocument,
  type ConversationUpdatedSubscription,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createConversation,
  createCustomer,
  createCustomField,
  createTestApiKey,
  tagCustomer,
} from '../../testing/factories';
import {
  useConnections,
  firstSubscriptionResult,
  headCursor,
  subscribe,
} from '../../testing/fixtures/subscription.fixture';
import { toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Tag } from '../../entities/tag.entity';
import { ApiKeyScope, CustomFieldType } from '../../entities/enums';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('live inbox feeds: conversationUpdated and customerUpdated', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);
  const open = useConnections();

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);
  const connect = async (token: string) => open(await t.wsUrl(), token);
  const summary = (data: ConversationUpdatedSubscription[]) =>
    data.map(({ conversationUpdated: update }) => {
      const detail =
        update.note?.body ??
        update.label?.name ??
        update.customerChange?.fieldKey ??
        update.customerChange?.changed?.join(',') ??
        update.customerChange?.tag?.id ??
        update.changes?.join(',') ??
        update.noteId;
      return `${update.type}:${detail ?? ''}`;
    });

  /** Every change a conversation's view shows, made over the API by agent A on their conversation. */
  async function changeEverything(conversation: Conversation, customer: Customer) {
    const token = w.agentA.token;
    const note = await t.gql(
      NoteWriteDocument,
      { input: { conversationId: gid(conversation), body: 'first' } },
      token,
    );
    const noteId = note.data!.noteCreate.note!.id;
    await t.gql(NoteUpdateDocument, { input: { noteId, body: 'edited' } }, token);
    const tags = deps.dataSource.getRepository(Tag);
    const refund = await tags.save(tags.create({ workspaceId: w.workspace.id, name: 'refund' }));
    await t.gql(
      ConversationLabelDocument,
      { input: { conversationId: gid(conversation), tagId: refund.globalId } },
      token,
    );
    await t.gql(
      'mutation($c: ID!) { customerFieldSet(input: { customerId: $c, key: "plan", value: "Pro" }) { userErrors { code } } }',
      { c: toGlobalId('Customer', customer.id) },
      token,
    );
    await t.gql(
      CustomerUpdateDocument,
      { input: { customerId: toGlobalId('Customer', customer.id), name: 'Ana P.' } },
      token,
    );
    await t.gql(NoteDeleteDocument, { input: { noteId } }, token);
    return { noteId };
  }

  it('shows notes, labels and customer changes of one conversation as they happen, and resumes after a cursor', async () => {
    await createCustomField(deps, w.workspace.id, { key: 'plan', type: CustomFieldType.TEXT });
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const customer = await deps.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ id: conversation.customerId });
    // Noise the feed must leave out: another conversation and another customer.
    const other = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const otherCustomer = await createCustomer(deps, w.channel);

    const after = await headCursor(t.app.deps, w.workspace.id);
    const live = subscribe(await connect(w.agentA.token), ConversationUpdatedDocument, {
      conversationId: gid(conversation),
      after,
    });
    await t.gql(
      NoteWriteDocument,
      { input: { conversationId: gid(other), body: 'elsewhere' } },
      w.agentA.token,
    );
    await tagCustomer(deps, otherCustomer, 'noise');
    await t.gql(
      'mutation($c: ID!, $t: ID!) { customerTag(input: { customerId: $c, tagId: $t }) { userErrors { code } } }',
      {
        c: toGlobalId('Customer', otherCustomer.id),
        t: (
          await deps.dataSource
            .getRepository(Tag)
            .findOneByOrFail({ workspaceId: w.workspace.id, name: 'noise' })
        ).globalId,
      },
      w.agentA.token,
    );
    const { noteId } = await changeEverything(conversation, customer);

    const expected = [
      'NOTE_CREATED:first',
      'NOTE_UPDATED:edited',
      'LABEL_ADDED:refund',
      'CUSTOMER_FIELD_SET:plan',
      'CUSTOMER_UPDATED:name',
      `NOTE_DELETED:${noteId}`,
    ];
    expect(await live.waitFor(expected.length)).toBe(true);
    // Each delivery reads the note as it was when delivered: the first two may already show the edit.
    const received = summary(live.data());
    expect(received.map((line) => line.split(':')[0])).toEqual(expected.map((line) => line.split(':')[0]));
    expect(received.slice(2)).toEqual(expected.slice(2));
    expect(live.results.filter((result) => result.errors)).toEqual([]);

    // Resume after the label: the rest is replayed from the log, nothing before it, nothing twice.
    const cursors = live.data().map(({ conversationUpdated: update }) => update.cursor);
    const resumed = subscribe(await connect(w.agentA.token), ConversationUpdatedDocument, {
      conversationId: gid(conversation),
      after: cursors[2]!,
    });
    expect(await resumed.waitFor(3)).toBe(true);
    expect(resumed.data().map(({ conversationUpdated: update }) => update.cursor)).toEqual(cursors.slice(3));
    expect(summary(resumed.data())).toEqual(expected.slice(3));
  });

  it('applies the read rule: another agent cannot follow it; a transfer away ends what its agent receives', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const refused = await firstSubscriptionResult(
      await t.wsUrl(),
      w.agentB.token,
      'subscription($c: ID!) { conversationUpdated(conversationId: $c) { cursor } }',
      { c: gid(conversation) },
    );
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);

    const after = await headCursor(t.app.deps, w.workspace.id);
    const ofA = subscribe(await connect(w.agentA.token), ConversationUpdatedDocument, {
      conversationId: gid(conversation),
      after,
    });
    const ofAdmin = subscribe(await connect(w.admin.token), ConversationUpdatedDocument, {
      conversationId: gid(conversation),
      after,
    });
    const key = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    const ofKey = subscribe(await connect(key), ConversationUpdatedDocument, {
      conversationId: gid(conversation),
      after,
    });
    await t.gql(
      NoteWriteDocument,
      { input: { conversationId: gid(conversation), body: 'before' } },
      w.agentA.token,
    );
    const transfer = await t.gql(
      ConversationTransferDocument,
      { input: { conversationId: gid(conversation), agentId: w.agentB.agent.globalId } },
      w.agentA.token,
    );
    expect(transfer.data!.conversationTransfer.userErrors).toEqual([]);
    await t.gql(
      NoteWriteDocument,
      { input: { conversationId: gid(conversation), body: 'after' } },
      w.agentB.token,
    );

    for (const sub of [ofAdmin, ofKey]) {
      expect(await sub.waitFor(3)).toBe(true);
      expect(summary(sub.data())).toEqual([
        'NOTE_CREATED:before',
        'CONVERSATION_UPDATED:TRANSFERRED',
        'NOTE_CREATED:after',
      ]);
    }
    // A saw the transfer that took it away (as its previous assignee), then nothing until it came back.
    const back = await t.gql(
      ConversationAssignDocument,
      { input: { conversationId: gid(conversation), agentId: w.agentA.agent.globalId } },
      w.admin.token,
    );
    expect(back.data!.conversationAssign.userErrors).toEqual([]);
    expect(await ofA.waitFor(3)).toBe(true);
    expect(summary(ofA.data())).toEqual([
      'NOTE_CREATED:before',
      'CONVERSATION_UPDATED:TRANSFERRED',
      'CONVERSATION_UPDATED:ASSIGNED',
    ]);
  });

  it('customerUpdated carries one customer’s changes and resumes after a cursor', async () => {
    await createCustomField(deps, w.workspace.id, { key: 'plan', type: CustomFieldType.TEXT });
    const customer = await createCustomer(deps, w.channel);
    const other = await createCustomer(deps, w.channel);
    const id = toGlobalId('Customer', customer.id);
    const after = await headCursor(t.app.deps, w.workspace.id);
    const feed = subscribe(await connect(w.agentB.token), CustomerUpdatedDocument, { customerId: id, after });
    await t.gql(
      CustomerUpdateDocument,
      { input: { customerId: toGlobalId('Customer', other.id), name: 'noise' } },
      w.agentA.token,
    );
    await t.gql(
      CustomerUpdateDocument,
      { input: { customerId: id, name: 'Bea', email: 'bea@example.com' } },
      w.agentA.token,
    );
    await t.gql(
      'mutation($c: ID!) { customerFieldSet(input: { customerId: $c, key: "plan", value: "Pro" }) { userErrors { code } } }',
      { c: id },
      w.agentA.token,
    );
    expect(await feed.waitFor(2)).toBe(true);
    expect(
      feed
        .data()
        .map(({ customerUpdated: update }) => [
          update.type,
          update.changed,
          update.fieldKey,
          update.customer.name,
        ]),
    ).toEqual([
      ['CUSTOMER_UPDATED', ['name', 'email'], null, 'Bea'],
      ['CUSTOMER_FIELD_SET', null, 'plan', 'Bea'],
    ]);
    const resumed = subscribe(await connect(w.agentB.token), CustomerUpdatedDocument, {
      customerId: id,
      after: feed.data()[0]!.customerUpdated.cursor,
    });
    expect(await resumed.waitFor(1)).toBe(true);
    expect(resumed.data().map(({ customerUpdated: update }) => update.type)).toEqual(['CUSTOMER_FIELD_SET']);
  });
});
