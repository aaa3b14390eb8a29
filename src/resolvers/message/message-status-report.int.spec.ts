import { randomUUID } from 'node:crypto';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createMessage,
  createTestApiKey,
  createTestWorkspace,
} from '../../testing/factories';
import { firstSubscriptionResult, headCursor } from '../../testing/fixtures/subscription.fixture';
import { toGlobalId } from '../../entities/global-id';
import {
  ApiKeyScope,
  ChannelKind,
  MessageDirection,
  MessageSender,
  MessageStatus,
} from '../../entities/enums';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { JobName } from '../../runtime/job-queue';

const NOW = new Date('2026-05-04T09:00:00Z');
const MINUTE = 60_000;

const INBOUND = `mutation($input: MessageInboundInput!) { messageInbound(input: $input) {
  conversation { id } message { id type text payload replyTo { id } } userErrors { code field message } } }`;
const SEND = `mutation($input: MessageSendInput!) { messageSend(input: $input) { message { id } userErrors { code } } }`;
const REPORT = `mutation($input: MessageStatusReportInput!) { messageStatusReport(input: $input) {
  changed message { id status readAt error { code title detail retryable } } userErrors { code field message } } }`;
const FAILED_FEED = `subscription($after: String) { messageDeliveryFailed(after: $after) {
  type status previousStatus message { id status error { code title } } } }`;

interface Report {
  changed: boolean;
  message: {
    id: string;
    status: string;
    readAt: string | null;
    error: { code: string; title: string; detail: string | null; retryable: boolean } | null;
  } | null;
  userErrors: { code: string; field: string[] | null }[];
}

/**
 * The partner's side of its API channel: customers' messages in (interactive replies and quotes),
 * and what became of our outbound (messageStatusReport).
 */
describe('messageStatusReport and interactive replies on the API channel', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  let api: ChannelAccount;
  let partnerKey: string;

  beforeEach(async () => {
    api = await createChannelAccount(t.factories, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
    partnerKey = (await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.WRITE])).key;
  });

  async function gql<T>(query: string, variables: Record<string, unknown>, token = partnerKey): Promise<T> {
    const result = await t.gql(query, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  async function inbound(input: Record<string, unknown>) {
    t.clock.advance(MINUTE);
    const { messageInbound } = await gql<{
      messageInbound: {
        message: {
          id: string;
          type: string;
          text: string | null;
          payload: Record<string, unknown> | null;
          replyTo: { id: string } | null;
        } | null;
        conversation: { id: string } | null;
        userErrors: { code: string; field: string[] }[];
      };
    }>(INBOUND, {
      input: {
        channelAccountId: toGlobalId('ChannelAccount', api.id),
        customerChannelUserId: 'crm-42',
        externalId: `in-${randomUUID()}`,
        sentAt: t.clock.now().toISOString(),
        ...input,
      },
    });
    return messageInbound;
  }

  async function reply(conversationId: string, text: string): Promise<string> {
    t.clock.advance(MINUTE);
    const sent = await gql<{ messageSend: { message: { id: string } } }>(
      SEND,
      { input: { conversationId, text } },
      w.admin.token,
    );
    await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
    return sent.messageSend.message.id;
  }

  const report = async (input: Record<string, unknown>) =>
    (await gql<{ messageStatusReport: Report }>(REPORT, { input })).messageStatusReport;

  it('statuses only move forward, READ sets readAt once, and a FAILED report reaches the red-triangle feed', async () => {
    const first = await inbound({ text: '¿Tienen envío?' });
    const conversationId = first.conversation!.id;
    const ours = await reply(conversationId, 'Sí, gratis desde 30 €');

    expect(await report({ messageId: ours, status: 'DELIVERED' })).toMatchObject({
      changed: true,
      message: { status: 'DELIVERED', readAt: null },
    });
    t.clock.advance(MINUTE);
    const readAt = t.clock.now().toISOString();
    expect(await report({ messageId: ours, status: 'READ' })).toMatchObject({
      changed: true,
      message: { status: 'READ', readAt },
    });
    // A late DELIVERED, a repeated READ and a FAILED after the read change nothing.
    t.clock.advance(MINUTE);
    for (const status of ['DELIVERED', 'READ', 'SENT']) {
      expect(await report({ messageId: ours, status })).toEqual({
        changed: false,
        message: { id: ours, status: 'READ', readAt, error: null },
        userErrors: [],
      });
    }
    expect(
      await report({ messageId: ours, status: 'FAILED', error: { title: 'Recipient unreachable' } }),
    ).toMatchObject({ changed: false, message: { status: 'READ', readAt, error: null } });

    // A second answer fails on the partner's side: it reaches the red-triangle feed.
    const after = await headCursor(t.app.deps, w.workspace.id);
    const lost = await reply(conversationId, '¿Te ayudo con algo más?');
    const missingTitle = await report({ messageId: lost, status: 'FAILED' });
    expect(missingTitle.userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'error', 'title'] },
    ]);
    const failed = await report({
      messageId: lost,
      status: 'FAILED',
      error: { code: 'USER_BLOCKED', title: 'The customer blocked the number', detail: 'Blocked in the CRM' },
    });
    expect(failed).toMatchObject({
      changed: true,
      message: {
        status: 'FAILED',
        readAt: null,
        error: { code: 'USER_BLOCKED', title: 'The customer blocked the number', retryable: false },
      },
    });
    // Nothing moves a failed message on: not even a DELIVERED that arrives after.
    expect(await report({ messageId: lost, status: 'DELIVERED' })).toMatchObject({
      changed: false,
      message: { status: 'FAILED' },
    });
    const feed = await firstSubscriptionResult(await t.wsUrl(), w.admin.token, FAILED_FEED, { after });
    expect(feed.data).toEqual({
      messageDeliveryFailed: {
        type: 'MESSAGE_DELIVERY_FAILED',
        status: 'FAILED',
        previousStatus: 'SENT',
        message: {
          id: lost,
          status: 'FAILED',
          error: { code: 'USER_BLOCKED', title: 'The customer blocked the number' },
        },
      },
    });
  });

  it('an unknown or foreign message is NOT_FOUND; inbound messages and other channels’ are refused', async () => {
    const first = await inbound({ text: 'Hola' });
    const unknown = await t.gql(
      REPORT,
      { input: { messageId: toGlobalId('Message', randomUUID()), status: 'READ' } },
      partnerKey,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const other = await createTestWorkspace(t.factories);
    const otherApi = await createChannelAccount(t.factories, other.workspace.id, { kind: ChannelKind.API });
    const otherConversation = await createConversation(t.factories, otherApi);
    const theirs = await createMessage(t.factories, otherConversation, {
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.AGENT,
      status: MessageStatus.SENT,
    });
    const foreign = await t.gql(
      REPORT,
      { input: { messageId: toGlobalId('Message', theirs.id), status: 'READ' } },
      partnerKey,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect((await report({ messageId: first.message!.id, status: 'READ' })).userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'messageId'] },
    ]);
    // Meta reports the statuses of its own channels.
    const whatsApp = await createMessage(t.factories, await createConversation(t.factories, w.channel), {
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.AGENT,
      status: MessageStatus.SENT,
    });
    expect(w.channel.kind).toBe(ChannelKind.WHATSAPP);
    expect(
      (await report({ messageId: toGlobalId('Message', whatsApp.id), status: 'READ' })).userErrors,
    ).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'messageId'] }]);
    expect((await report({ messageId: first.message!.id, status: 'QUEUED' })).userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'status'] },
    ]);
  });

  it('messageInbound takes a tap on a button or a list row, and a quote of our message', async () => {
    const first = await inbound({ text: 'Quiero cambiar mi cita' });
    const conversationId = first.conversation!.id;
    const ours = await reply(conversationId, 'Elige un día');
    const [{ external_id: oursExternal }] = (await t.app.deps.dataSource.query(
      `SELECT external_id FROM message WHERE id = $1`,
      [Buffer.from(ours, 'base64url').toString().split(':')[1]],
    )) as { external_id: string }[];

    const button = await inbound({
      text: null,
      interactiveReply: { kind: 'BUTTON', id: 'confirm', title: 'Confirmar' },
    });
    expect(button).toMatchObject({
      userErrors: [],
      message: {
        type: 'INTERACTIVE',
        payload: {
          interactive: { type: 'button_reply', button_reply: { id: 'confirm', title: 'Confirmar' } },
        },
      },
    });
    const row = await inbound({
      interactiveReply: { kind: 'LIST', id: 'tue', title: 'Martes', description: 'Por la tarde' },
      replyTo: oursExternal,
    });
    expect(row).toMatchObject({
      userErrors: [],
      conversation: { id: conversationId },
      message: {
        replyTo: { id: ours },
        payload: {
          interactive: {
            type: 'list_reply',
            list_reply: { id: 'tue', title: 'Martes', description: 'Por la tarde' },
          },
        },
      },
    });
    const tooLong = await inbound({ interactiveReply: { kind: 'BUTTON', id: 'x', title: 'y'.repeat(25) } });
    expect(tooLong.userErrors).toMatchObject([{ code: 'INVALID_INPUT' }]);
  });
});
