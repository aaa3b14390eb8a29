import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createChannelAccount, createConversation, createMessage } from '../../testing/factories';
import { type InboundMessageEvent } from '../../channels/channel-adapter';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import {
  ChannelKind,
  Handler,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
} from '../../entities/enums';
import { receiveInboundMessage } from './inbound-message.service';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('receiveInboundMessage', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);
  let page: ChannelAccount;

  beforeEach(async () => {
    page = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.MESSENGER });
  });

  function event(overrides: Partial<InboundMessageEvent> = {}): InboundMessageEvent {
    return {
      kind: 'message',
      accountExternalId: page.externalId,
      externalId: 'mid.1',
      customer: { channelUserId: 'psid-1', name: 'Luis' },
      sentAt: new Date(NOW.getTime() - 1000),
      type: MessageType.TEXT,
      text: 'Hola',
      payload: null,
      replyToExternalId: null,
      echo: false,
      error: null,
      ...overrides,
    };
  }

  const receive = (e: InboundMessageEvent) => receiveInboundMessage(t.app.deps, page, e);

  it('three concurrent deliveries of a new customer’s first message: one conversation, one message', async () => {
    const results = await Promise.all([1, 2, 3].map(() => receive(event())));
    expect(new Set(results.map((result) => result.message!.id)).size).toBe(1);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    const conversations = await deps.dataSource
      .getRepository(Conversation)
      .find({ where: { channelAccountId: page.id } });
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({ unreadCount: 1, handler: Handler.BOT });
  });

  it('an echo of an unknown send is stored once as OUTBOUND from the agents, touching no inbound facts', async () => {
    const conversation = await createConversation(deps, page, { assigneeId: w.agentA.agent.id });
    const customer = await deps.dataSource.query(`SELECT channel_user_id FROM customer WHERE id = $1`, [
      conversation.customerId,
    ]);
    const echo = event({
      echo: true,
      externalId: 'mid.echo',
      customer: { channelUserId: customer[0].channel_user_id },
      sentAt: NOW,
    });
    const first = await receive(echo);
    const again = await receive(echo);
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, message: { id: first.message!.id } });
    expect(first.message).toMatchObject({
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.AGENT,
      status: MessageStatus.SENT,
    });
    expect(first.conversation).toMatchObject({
      id: conversation.id,
      unreadCount: conversation.unreadCount,
      lastInboundAt: conversation.lastInboundAt,
      lastMessageId: first.message!.id,
    });
  });

  it('an echo of our own queued send names it in metadata: no second message, the provider id is kept', async () => {
    const conversation = await createConversation(deps, page, { assigneeId: w.agentA.agent.id });
    const ours = await createMessage(deps, conversation, {
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.AGENT,
      status: MessageStatus.QUEUED,
      externalId: null,
    });
    const result = await receive(
      event({
        echo: true,
        externalId: 'mid.ours',
        payload: { metadata: ours.id },
        customer: { channelUserId: 'x' },
      }),
    );
    expect(result).toMatchObject({ duplicate: true, message: { id: ours.id, externalId: 'mid.ours' } });
    expect(
      await deps.dataSource.getRepository(Message).count({ where: { conversationId: conversation.id } }),
    ).toBe(2);
    // The echo of a send whose provider id is already known is just a duplicate.
    expect((await receive(event({ echo: true, externalId: 'mid.ours' }))).duplicate).toBe(true);
  });

  it('an inbound message the provider could not process is stored FAILED with its error and announced', async () => {
    const error = {
      code: 'INBOUND_UNPROCESSABLE',
      title: 'Message type unknown',
      detail: null,
      providerCode: '131051',
      retryable: false,
    };
    const result = await receive(event({ type: MessageType.UNSUPPORTED, text: null, error }));
    expect(result.message).toMatchObject({ status: MessageStatus.FAILED, error });
    const failed = (await deps.dataSource.query(
      `SELECT payload FROM event_log WHERE workspace_id = $1 AND type = 'MESSAGE_DELIVERY_FAILED'`,
      [w.workspace.id],
    )) as { payload: Record<string, unknown> }[];
    expect(failed.map((row) => row.payload)).toEqual([
      { messageId: result.message!.id, conversationId: result.conversation!.id },
    ]);
  });

  it('an unsend marks the stored message deleted; an unknown one is ignored', async () => {
    const first = await receive(event());
    const unsent = await receive(event({ deleted: true }));
    expect(unsent.message!.payload).toEqual({ deleted: true });
    expect(
      (await deps.dataSource.getRepository(Message).findOneByOrFail({ id: first.message!.id })).payload,
    ).toEqual({
      deleted: true,
    });
    expect(await receive(event({ deleted: true, externalId: 'mid.unknown' }))).toEqual({
      message: null,
      conversation: null,
      duplicate: true,
    });
  });
});
