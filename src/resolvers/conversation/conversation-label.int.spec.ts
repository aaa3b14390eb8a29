import {
  ConversationLabelDocument,
  ConversationLabelsDocument,
  ConversationUnlabelDocument,
  LabelledConversationsDocument,
  LabelledTrayDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createConversation,
  createTestApiKey,
  createTestWorkspace,
  tagCustomer,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { type Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Tag } from '../../entities/tag.entity';
import { ApiKeyScope, ConversationStatus } from '../../entities/enums';
import { readEvents } from '../../realtime/event-log';
import { EventType } from '../../realtime/event-types';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('conversation labels (conversationLabel / conversationUnlabel)', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  const gid = (c: Conversation) => toGlobalId('Conversation', c.id);
  const makeTag = (name: string, workspaceId = w.workspace.id) => {
    const tags = deps.dataSource.getRepository(Tag);
    return tags.save(tags.create({ workspaceId, name }));
  };
  const input = (conversation: Conversation, tag: Tag) => ({
    input: { conversationId: gid(conversation), tagId: tag.globalId },
  });
  const logOf = async (types: EventType[]) =>
    (await readEvents(deps.dataSource, w.workspace.id, 0n, 1000)).filter((record) =>
      types.includes(record.type as EventType),
    );

  it('labels a conversation, apart from the customer’s tags; a history line and LABEL_ADDED, once', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const customer = await deps.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ id: conversation.customerId });
    const vip = await tagCustomer(deps, customer, 'VIP');
    const refund = await makeTag('refund');

    const first = await t.gql(ConversationLabelDocument, input(conversation, refund), w.agentA.token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.conversationLabel).toMatchObject({
      userErrors: [],
      label: { id: refund.globalId, name: 'refund' },
      conversation: { labels: [{ id: refund.globalId }], tags: [{ id: vip.globalId }] },
    });
    const again = await t.gql(ConversationLabelDocument, input(conversation, refund), w.agentA.token);
    expect(again.data!.conversationLabel.userErrors).toEqual([]);

    // Another conversation of the same customer has the customer's tag but not the label.
    const other = await createConversation(deps, w.channel, {
      customer,
      status: ConversationStatus.CLOSED,
      assigneeId: w.agentA.agent.id,
    });
    const read = await t.gql(ConversationLabelsDocument, { id: gid(other) }, w.agentA.token);
    expect(read.data!.conversation).toMatchObject({ labels: [], tags: [{ id: vip.globalId }] });

    const history = await t.gql(ConversationLabelsDocument, { id: gid(conversation) }, w.agentA.token);
    expect(history.data!.conversation!.events.nodes).toEqual([
      { type: 'LABEL_ADDED', actorType: 'AGENT', data: { tagId: refund.globalId, name: 'refund' } },
    ]);
    const events = await logOf([EventType.LABEL_ADDED, EventType.LABEL_REMOVED]);
    expect(
      events.map((event) => [event.type, event.conversationId, event.assigneeId, event.payload]),
    ).toEqual([
      [
        'LABEL_ADDED',
        conversation.id,
        w.agentA.agent.id,
        { conversationId: conversation.id, labelId: refund.id },
      ],
    ]);
  });

  it('unlabels once; labels closed conversations too; a deleted tag comes off every conversation', async () => {
    const closed = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      status: ConversationStatus.CLOSED,
    });
    const refund = await makeTag('refund');
    const urgent = await makeTag('urgent');
    for (const tag of [refund, urgent]) {
      const labelled = await t.gql(ConversationLabelDocument, input(closed, tag), w.agentA.token);
      expect(labelled.data!.conversationLabel.userErrors).toEqual([]);
    }
    const off = await t.gql(ConversationUnlabelDocument, input(closed, refund), w.agentA.token);
    expect(off.data!.conversationUnlabel).toMatchObject({
      userErrors: [],
      conversation: { labels: [{ id: urgent.globalId }] },
    });
    const offAgain = await t.gql(ConversationUnlabelDocument, input(closed, refund), w.agentA.token);
    expect(offAgain.data!.conversationUnlabel.userErrors).toEqual([]);
    expect(
      (await logOf([EventType.LABEL_ADDED, EventType.LABEL_REMOVED])).map((event) => event.type),
    ).toEqual(['LABEL_ADDED', 'LABEL_ADDED', 'LABEL_REMOVED']);

    await deps.dataSource.getRepository(Tag).delete({ id: urgent.id });
    const read = await t.gql(ConversationLabelsDocument, { id: gid(closed) }, w.agentA.token);
    expect(read.data!.conversation!.labels).toEqual([]);
  });

  it('who may label: agents their own conversations and the queue, admins and write keys any; read keys not', async () => {
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const queued = await createConversation(deps, w.channel, { assigneeId: null });
    const tag = await makeTag('refund');
    const refused = await t.gql(ConversationLabelDocument, input(theirs, tag), w.agentA.token);
    expect(refused.data!.conversationLabel.userErrors.map((error) => error.code)).toEqual(['NOT_ASSIGNEE']);
    expect(
      (await t.gql(ConversationLabelDocument, input(queued, tag), w.agentA.token)).data!.conversationLabel
        .userErrors,
    ).toEqual([]);
    expect(
      (await t.gql(ConversationLabelDocument, input(theirs, tag), w.admin.token)).data!.conversationLabel
        .userErrors,
    ).toEqual([]);
    const writeKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    expect(
      (await t.gql(ConversationUnlabelDocument, input(theirs, tag), writeKey)).data!.conversationUnlabel
        .userErrors,
    ).toEqual([]);
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    const byReadKey = await t.gql(ConversationLabelDocument, input(theirs, tag), readKey);
    expect(byReadKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Nothing was written by the refusals: one label by agent A, one by the admin, one removal.
    expect(
      (await logOf([EventType.LABEL_ADDED, EventType.LABEL_REMOVED])).map((event) => event.type),
    ).toEqual(['LABEL_ADDED', 'LABEL_ADDED', 'LABEL_REMOVED']);
  });

  it('labels stay behind the read rule when a conversation reaches an agent who may not read it', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const refund = await makeTag('refund');
    await t.gql(ConversationLabelDocument, input(conversation, refund), w.agentA.token);
    const transfer = await t.gql(
      'mutation($c: ID!, $a: ID!) { conversationTransfer(input: { conversationId: $c, agentId: $a }) { userErrors { code } } }',
      { c: gid(conversation), a: w.agentB.agent.globalId },
      w.agentA.token,
    );
    expect(transfer.errors).toBeUndefined();
    // The transfer's event still names the conversation to A, its previous assignee.
    const events = '{ events(first: 50) { nodes { type conversation { id labels { id } } } } }';
    const labelsIn = (data: unknown) =>
      (data as { events: { nodes: { conversation: { labels: { id: string }[] } | null }[] } }).events.nodes
        .map((node) => node.conversation?.labels.map((label) => label.id) ?? [])
        .flat();
    const asA = await t.gql(events, {}, w.agentA.token);
    expect(asA.errors).toBeUndefined();
    const seenByA = (asA.data as { events: { nodes: { conversation: { id: string } | null }[] } }).events
      .nodes;
    expect(seenByA.filter((node) => node.conversation?.id === gid(conversation)).length).toBeGreaterThan(0);
    expect(labelsIn(asA.data)).toEqual([]);
    const asAdmin = await t.gql(events, {}, w.admin.token);
    expect(labelsIn(asAdmin.data)).toContain(refund.globalId);
  });

  it('a tag or conversation of another workspace is NOT_FOUND', async () => {
    const mine = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const other = await createTestWorkspace(deps);
    const foreignTag = await makeTag('x', other.workspace.id);
    const foreignConversation = await createConversation(deps, other.channel);
    const myTag = await makeTag('refund');
    const byForeignTag = await t.gql(ConversationLabelDocument, input(mine, foreignTag), w.admin.token);
    expect(byForeignTag.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const onForeign = await t.gql(
      ConversationLabelDocument,
      input(foreignConversation, myTag),
      w.admin.token,
    );
    expect(onForeign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('conversations and trays filter by labels as well as by the customer’s tags', async () => {
    const refund = await makeTag('refund');
    const labelled = await createConversation(deps, w.channel, { assigneeId: null });
    const tagged = await createConversation(deps, w.channel, { assigneeId: null });
    await createConversation(deps, w.channel, { assigneeId: null });
    await t.gql(ConversationLabelDocument, input(labelled, refund), w.admin.token);
    const taggedCustomer = await deps.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ id: tagged.customerId });
    const vip = await tagCustomer(deps, taggedCustomer, 'VIP');
    // A label is not a customer tag, and a customer tag is not a label.
    await tagCustomer(deps, taggedCustomer, 'refund');

    const byLabel = await t.gql(
      LabelledConversationsDocument,
      { filter: { labelIds: [refund.globalId] } },
      w.agentA.token,
    );
    expect(byLabel.data!.conversations.nodes.map((node) => node.id)).toEqual([gid(labelled)]);
    const byTag = await t.gql(
      LabelledConversationsDocument,
      { filter: { tagIds: [vip.globalId] } },
      w.agentA.token,
    );
    expect(byTag.data!.conversations.nodes.map((node) => node.id)).toEqual([gid(tagged)]);
    const both = await t.gql(
      LabelledConversationsDocument,
      { filter: { labelIds: [refund.globalId], tagIds: [vip.globalId] } },
      w.agentA.token,
    );
    expect(both.data!.conversations.totalCount).toBe(0);
    const tray = await t.gql(
      LabelledTrayDocument,
      { filter: { labelIds: [refund.globalId] } },
      w.agentA.token,
    );
    expect(tray.data!.tray.conversations.nodes.map((node) => node.id)).toEqual([gid(labelled)]);

    const other = await createTestWorkspace(deps);
    const foreign = await makeTag('y', other.workspace.id);
    const byForeign = await t.gql(
      LabelledConversationsDocument,
      { filter: { labelIds: [foreign.globalId] } },
      w.admin.token,
    );
    expect(byForeign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
