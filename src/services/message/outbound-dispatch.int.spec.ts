import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createConversation,
  createMessage,
  enqueuedJobs,
} from '../../testing/factories';
import { FakeGraphApi } from '../../testing/fake-graph-api';
import { type SendResult } from '../../channels/channel-adapter';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { type Conversation } from '../../entities/conversation.entity';
import { Message } from '../../entities/message.entity';
import { MessageDirection, MessageSender, MessageStatus } from '../../entities/enums';
import { JobName } from '../../runtime/job-queue';
import { inTransaction } from '../unit-of-work';
import { retryDelayMs, SEND_ATTEMPT_LIMIT, settleSend, type SendPolicy } from './outbound-dispatch';

const NOW = new Date('2026-03-10T12:00:00Z');

const rateLimited = {
  status: 400,
  body: { error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429 } },
};

const unanswered: SendResult = {
  ok: false,
  error: {
    code: 'TRANSIENT',
    title: 'The provider did not answer in time',
    detail: 'The operation was aborted due to timeout',
    providerCode: null,
    retryable: true,
  },
};

describe('retryDelayMs', () => {
  it('doubles from 2 s per attempt up to 5 minutes, unless the provider asks for longer', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt))).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000,
    ]);
    expect(retryDelayMs(20)).toBe(5 * 60_000);
    expect(retryDelayMs(1, 30_000)).toBe(30_000);
    expect(retryDelayMs(3, 1_000)).toBe(8_000);
  });
});

describe('outbound dispatch of a queued message', () => {
  const graph = new FakeGraphApi();
  beforeAll(() => graph.start());
  afterAll(() => graph.stop());
  const t = useTestApp({ now: NOW });
  const deps = t.factories;
  const w = useWorkspace(t);
  let account: ChannelAccount;
  let conversation: Conversation;

  beforeEach(async () => {
    account = await createChannelAccount(deps, w.workspace.id, { apiBaseUrl: graph.url });
    conversation = await createConversation(deps, account, { assigneeId: w.agentA.agent.id });
  });

  const queued = () =>
    createMessage(deps, conversation, {
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.AGENT,
      text: '¿Te ayudo con algo más?',
      externalId: null,
      status: MessageStatus.QUEUED,
    });

  const reload = (message: Message) =>
    deps.dataSource.getRepository(Message).findOneByOrFail({ id: message.id });

  const run = (message: Message, attempt?: number) =>
    t.app.deps.jobs.runNow(JobName.MESSAGE_SEND, {
      workspaceId: w.workspace.id,
      messageId: message.id,
      ...(attempt ? { attempt } : {}),
    });

  const toThisNumber = (request: { path: string }) => request.path.endsWith(`${account.externalId}/messages`);

  it('a rate-limited send comes back as the next attempt after the backoff, noting the error', async () => {
    const message = await queued();
    graph.failNext(toThisNumber, rateLimited);
    const before = Date.now();
    await run(message);

    expect(await reload(message)).toMatchObject({
      status: MessageStatus.QUEUED,
      payload: { lastSendError: { code: 'RATE_LIMITED', providerCode: '130429' }, attempts: 1 },
    });
    const jobs = await enqueuedJobs(deps, JobName.MESSAGE_SEND, { messageId: message.id });
    expect(jobs.map((job) => job.data)).toEqual([
      { messageId: message.id, attempt: 2, workspaceId: w.workspace.id },
    ]);
    expect(jobs[0]!.startAfter.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(1) - 1_000);

    await run(message, 2);
    expect(await reload(message)).toMatchObject({
      status: MessageStatus.SENT,
      externalId: expect.any(String),
    });
    expect(graph.requestsTo(toThisNumber)).toHaveLength(2);
  });

  it('the last allowed attempt that is refused fails the message with the provider error', async () => {
    const message = await queued();
    graph.failNext(toThisNumber, rateLimited);
    await run(message, SEND_ATTEMPT_LIMIT);
    expect(await reload(message)).toMatchObject({
      status: MessageStatus.FAILED,
      error: { code: 'RATE_LIMITED', retryable: true },
    });
    expect(await enqueuedJobs(deps, JobName.MESSAGE_SEND, { messageId: message.id })).toEqual([]);
  });

  it('a message no longer QUEUED is not sent again', async () => {
    const message = await queued();
    await run(message);
    await run(message);
    expect(graph.requestsTo(toThisNumber)).toHaveLength(1);
    expect(await reload(message)).toMatchObject({ status: MessageStatus.SENT });
  });

  async function settle(result: SendResult, policy: SendPolicy) {
    const message = await queued();
    const settled = await inTransaction(t.app.deps, w.workspace.id, async (uow) => {
      const locked = await uow.manager.findOneOrFail(Message, {
        where: { id: message.id },
        lock: { mode: 'pessimistic_write' },
      });
      return settleSend(uow, locked, result, policy);
    });
    return { settled, message: await reload(message) };
  }

  it('a send without an answer is retried only when the policy resends unanswered sends', async () => {
    const resent = await settle(unanswered, { attempt: 1, resendUnanswered: true });
    expect(resent.settled).toEqual({ status: 'RETRY', delayMs: retryDelayMs(1) });
    expect(resent.message.status).toBe(MessageStatus.QUEUED);

    const kept = await settle(unanswered, { attempt: 1, resendUnanswered: false });
    expect(kept.settled).toEqual({ status: 'FAILED' });
    expect(kept.message).toMatchObject({ status: MessageStatus.FAILED, error: { code: 'TRANSIENT' } });
  });

  it('a refusal that is not retryable fails at once, whatever attempts are left', async () => {
    const { settled, message } = await settle(
      {
        ok: false,
        error: {
          code: 'UNDELIVERABLE',
          title: 'Message undeliverable',
          detail: null,
          providerCode: '131026',
          retryable: false,
        },
      },
      { attempt: 1, resendUnanswered: true },
    );
    expect(settled).toEqual({ status: 'FAILED' });
    expect(message).toMatchObject({ status: MessageStatus.FAILED, error: { code: 'UNDELIVERABLE' } });
  });
});
