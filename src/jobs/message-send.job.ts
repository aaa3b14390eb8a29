import { adapterFor } from '../channels/channel-registry';
import { type OutboundMessage } from '../channels/channel-adapter';
import { ChannelAccount } from '../entities/channel-account.entity';
import { Conversation } from '../entities/conversation.entity';
import { Customer } from '../entities/customer.entity';
import { Message, type MessageError } from '../entities/message.entity';
import { MessageStatus, MessageType } from '../entities/enums';
import { credentialsOf } from '../services/channel-account/channel-account.service';
import { changeMessageStatus } from '../services/message/message-status.service';
import { inTransaction } from '../services/unit-of-work';
import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';

export const MAX_SEND_ATTEMPTS = 6;

function backoffMs(attempt: number, retryAfterMs: number | undefined): number {
  return Math.max(retryAfterMs ?? 0, Math.min(2 ** attempt * 1000, 5 * 60_000));
}

function outboundOf(message: Message, customer: Customer): OutboundMessage {
  const payload = message.payload ?? {};
  if (message.type === MessageType.TEMPLATE) {
    const template = payload.template as OutboundMessage['template'];
    return {
      to: customer.channelUserId,
      type: 'template',
      template,
      replyToExternalId: message.replyToExternalId,
    };
  }
  return {
    to: customer.channelUserId,
    type: 'text',
    text: message.text ?? '',
    replyToExternalId: message.replyToExternalId,
    humanAgentTag: payload.tag === 'HUMAN_AGENT',
    metadata: message.id,
  };
}

/**
 * Sends one QUEUED message through its channel. Re-reads everything and returns early when the
 * message is no longer QUEUED, so a second run sends nothing. Retryable failures (rate limits,
 * transient errors) come back later with backoff; permanent ones mark the message FAILED.
 */
export async function runMessageSend(deps: AppDeps, job: JobData<JobName.MESSAGE_SEND>): Promise<void> {
  const message = await deps.dataSource
    .getRepository(Message)
    .findOne({ where: { id: job.messageId, workspaceId: job.workspaceId } });
  if (!message || message.status !== MessageStatus.QUEUED) return;
  const [conversation, account] = await Promise.all([
    deps.dataSource.getRepository(Conversation).findOneByOrFail({ id: message.conversationId }),
    deps.dataSource.getRepository(ChannelAccount).findOneByOrFail({ id: message.channelAccountId }),
  ]);
  const customer = await deps.dataSource
    .getRepository(Customer)
    .findOneByOrFail({ id: conversation.customerId });
  const result = await adapterFor(account.kind).send(
    outboundOf(message, customer),
    credentialsOf(deps, account),
  );

  const attempt = job.attempt ?? 1;
  const retry = !result.ok && result.error.retryable && attempt < MAX_SEND_ATTEMPTS;
  await inTransaction(deps, job.workspaceId, async (uow) => {
    const current = await uow.manager.findOne(Message, {
      where: { id: message.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current || current.status !== MessageStatus.QUEUED) return;
    if (result.ok) {
      await changeMessageStatus(uow, current, MessageStatus.SENT, null, { externalId: result.externalId });
      return;
    }
    if (retry) {
      const error: MessageError = result.error;
      await uow.manager.update(
        Message,
        { id: current.id },
        { payload: { ...(current.payload ?? {}), lastSendError: error, attempts: attempt } },
      );
      await uow.enqueue(
        JobName.MESSAGE_SEND,
        { messageId: current.id, attempt: attempt + 1 },
        { startAfter: new Date(Date.now() + backoffMs(attempt, result.retryAfterMs)), retryLimit: 2 },
      );
      return;
    }
    await changeMessageStatus(uow, current, MessageStatus.FAILED, result.error);
  });
}

export function registerMessageSendJob(deps: AppDeps): void {
  deps.jobs.register(JobName.MESSAGE_SEND, (job) => runMessageSend(deps, job), { batchSize: 10 });
}
