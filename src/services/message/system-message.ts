import { type Conversation } from '../../entities/conversation.entity';
import { MessageDirection, MessageSender, MessageStatus, MessageType } from '../../entities/enums';
import { Message } from '../../entities/message.entity';
import { JobName } from '../../runtime/job-queue';
import { type UnitOfWork } from '../unit-of-work';

/**
 * A message Omnitray writes itself (out-of-office reply, CSAT survey and its thanks), stored on the
 * conversation and queued like any send, in the caller's unit: it goes out once the unit commits.
 */
export async function queueSystemMessage(
  uow: UnitOfWork,
  conversation: Pick<Conversation, 'id' | 'workspaceId' | 'channelAccountId'>,
  content: { type: MessageType; text: string; payload: Record<string, unknown> | null },
  now: Date,
): Promise<Message> {
  const message = await uow.manager.save(
    uow.manager.create(Message, {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      channelAccountId: conversation.channelAccountId,
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.SYSTEM,
      senderAgentId: null,
      type: content.type,
      text: content.text,
      payload: content.payload as never,
      externalId: null,
      status: MessageStatus.QUEUED,
      sentAt: now,
    }),
  );
  await uow.enqueue(
    JobName.MESSAGE_SEND,
    { messageId: message.id },
    { singletonKey: `message-send:${message.id}` },
  );
  return message;
}
