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
import { MessageDirection, MessageSender, MessageStatus } from '../../entities/enums';

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
      // The last message: an agent's reply that quotes the customer and got a reaction.
      const quoted = await createMessage(deps, conversation, { text: `question ${index}` });
      const reply = await createMessage(deps, conversation, {
        text: `reply ${index}`,
        direction: MessageDirection.OUTBOUND,
        sender: MessageSender.AGENT,
        senderAgentId: index % 2 === 0 ? w.agentA.agent.id : w.agentB.agent.id,
        status: MessageStatus.SENT,
        replyToExternalId: quoted.externalId,
      });
      await deps.dataSource.query(
        `INSERT INTO message_reaction (workspace_id, channel_account_id, target_external_id, reactor_key, emoji, actor, reacted_at)
         VALUES ($1, $2, $3, 'customer:x', '👍', 'CUSTOMER', now())`,
        [w.workspace.id, w.channel.id, reply.externalId],
      );
      await deps.dataSource.query(`UPDATE conversation SET last_message_id = $1 WHERE id = $2`, [
        reply.id,
        conversation.id,
      ]);
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
    // Per-viewer unread counts, the reply's author, its reaction and the quoted message.
    expect(
      edges.filter(
        (edge) =>
          !(
            edge.node.unreadCount === 2 &&
            edge.node.lastMessage?.senderAgent?.name &&
            edge.node.lastMessage.reactions.length === 1 &&
            edge.node.lastMessage.replyTo
          ),
      ),
    ).toEqual([]);

    // This page also asks for the tray count and totalCount: the same number, one statement; the
    // last messages come with the page; unread counts, reply authors, reactions and quoted
    // messages one each.
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(10);
    expect(large.result.data!.tray.count).toBe(large.result.data!.tray.conversations.totalCount);
    const withoutTotal = await countStatements(() =>
      t.gql(
        `query { tray(kind: ACTIVE) { conversations(first: 100) { edges { node { id unreadCount customer { name phone } tags { name } assignee { name } lastMessage { text } } } } } }`,
        {},
        w.admin.token,
      ),
    );
    expect(withoutTotal.result.errors).toBeUndefined();
    // unreadCount is the viewer's: one statement for the page.
    expect(withoutTotal.statements.length).toBeLessThanOrEqual(7);
  });
});
