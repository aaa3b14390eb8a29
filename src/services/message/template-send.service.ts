import { Agent } from '../../entities/agent.entity';
import { Attachment } from '../../entities/attachment.entity';
import { readableAttachment } from '../media/attachment-visibility';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message } from '../../entities/message.entity';
import { Template } from '../../entities/template.entity';
import {
  ConversationEventType,
  ConversationStatus,
  Handler,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
  TemplateStatus,
  AttachmentStatus,
} from '../../entities/enums';
import { actorOf } from '../../auth/viewer';
import { JobName } from '../../runtime/job-queue';
import { BusinessRuleError, UserErrorCode, notFound } from '../errors';
import { type HistoryEntry, snapshotOf } from '../conversation/conversation-changes';
import { cancelPendingClose, openConversation } from '../conversation/conversation-lifecycle';
import { attachOutboundMessage } from './outbound-message';
import { type Caller } from '../caller';
import { assertMayAct } from '../conversation/conversation-workflow.service';
import { renderTemplate, type TemplateParameters } from '../template/template.service';
import { inTransaction, type UnitOfWork } from '../unit-of-work';

export interface TemplateSendValues {
  templateId: string;
  /** Either an existing conversation… */
  conversationId?: string | null;
  /** …or a customer: their open conversation on the template's channel, or a new OUTGOING one. */
  customerId?: string | null;
  parameters: Omit<TemplateParameters, 'headerMedia'> & {
    /** The header's file: an upload's database id, or a link. */
    headerMedia?: { attachmentId?: string | null; link?: string | null } | null;
  };
  /** For a new conversation started by an API key: who receives the reply (null: the queue). */
  assigneeId?: string | null;
}

export interface TemplateSendResult {
  message: Message;
  conversation: Conversation;
}

/**
 * Sends an APPROVED template — the way to write outside the customer window. The conversation
 * moves to OUTGOING until the customer answers; a customer with no open conversation gets a new one.
 */
export async function sendTemplate(caller: Caller, input: TemplateSendValues): Promise<TemplateSendResult> {
  const { deps, viewer } = caller;
  if (!input.conversationId === !input.customerId) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'Give either conversationId or customerId.', [
      'input',
      'conversationId',
    ]);
  }
  const template = await deps.dataSource
    .getRepository(Template)
    .findOne({ where: { id: input.templateId, workspaceId: viewer.workspaceId } });
  if (!template) throw notFound('Template');
  if (template.status !== TemplateStatus.APPROVED) {
    throw new BusinessRuleError(
      UserErrorCode.TEMPLATE_NOT_APPROVED,
      `Template ${template.name} is ${template.status}; only APPROVED templates can be sent.`,
      ['input', 'templateId'],
    );
  }
  const headerMedia = input.parameters.headerMedia;
  const headerAttachment = headerMedia?.attachmentId
    ? await readableAttachment(caller, headerMedia.attachmentId)
    : null;
  const rendered = renderTemplate(template, {
    ...input.parameters,
    headerMedia: headerMedia ? { attachment: headerAttachment, link: headerMedia.link ?? null } : null,
  });

  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    if (headerAttachment) await assertUnsentReady(uow, headerAttachment.id);
    const now = deps.clock.now();
    const self = viewer.principal.kind === 'agent' ? viewer.principal.agent.id : null;
    const entries: HistoryEntry[] = [];
    let conversation = input.conversationId
      ? await uow.manager.findOne(Conversation, {
          where: { id: input.conversationId, workspaceId: viewer.workspaceId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (input.conversationId && !conversation) throw notFound('Conversation');
    const customerId = conversation?.customerId ?? input.customerId!;
    if (conversation && conversation.status === ConversationStatus.CLOSED) conversation = null;
    let created = false;
    if (!conversation) {
      const customer = await uow.manager.findOne(Customer, {
        where: { id: customerId, workspaceId: viewer.workspaceId },
      });
      if (!customer) throw notFound('Customer');
      if (customer.channelAccountId !== template.channelAccountId) throw otherAccount('customer');
      ({ conversation, created } = await openConversation(uow, customer, async () => ({
        handler: Handler.AGENT,
        assigneeId: await activeAssignee(uow, input.assigneeId ?? self),
        handedOffAt: now,
        lastActivityAt: now,
      })));
    }
    if (conversation.channelAccountId !== template.channelAccountId) throw otherAccount('conversation');

    const before = created ? null : snapshotOf(conversation);
    if (created) {
      entries.push({
        type: ConversationEventType.CREATED,
        toAgentId: conversation.assigneeId,
        data: { byTemplate: true },
      });
    } else {
      if (conversation.handler === Handler.BOT && self) {
        throw new BusinessRuleError(
          UserErrorCode.HANDLED_BY_BOT,
          'The bot holds this conversation: hand it off with conversationHandoff first.',
        );
      }
      assertMayAct(viewer, conversation);
      // Writing to a closing conversation brings it back to the agents.
      const reopened = cancelPendingClose(conversation, { byTemplate: true });
      if (reopened) entries.push(reopened);
      if (conversation.assigneeId === null && self) {
        conversation.assigneeId = self;
        conversation.handedOffAt = now;
        entries.push({ type: ConversationEventType.TAKEN, toAgentId: self, data: { byTemplate: true } });
      }
    }

    const message = await uow.manager.save(
      uow.manager.create(Message, {
        workspaceId: viewer.workspaceId,
        conversationId: conversation.id,
        channelAccountId: conversation.channelAccountId,
        direction: MessageDirection.OUTBOUND,
        sender: MessageSender.AGENT,
        senderAgentId: self,
        type: MessageType.TEMPLATE,
        text: rendered.text,
        payload: {
          template: { name: template.name, language: template.language, components: rendered.components },
          ...(rendered.headerUpload ? { templateMedia: rendered.headerUpload } : {}),
        },
        status: MessageStatus.QUEUED,
        sentAt: now,
        templateId: template.id,
      }),
    );
    if (headerAttachment) {
      await uow.manager.update(
        Attachment,
        { id: headerAttachment.id },
        { messageId: message.id, conversationId: conversation.id },
      );
    }
    conversation.outgoingSince = now;
    conversation.firstAgentReplyAt ??= now;
    const saved = await attachOutboundMessage(
      uow,
      { clock: deps.clock, visibleDays: viewer.workspace.visibleDays },
      { conversation, before, actor: actorOf(viewer), entries, message },
    );
    await uow.enqueue(
      JobName.MESSAGE_SEND,
      { messageId: message.id },
      { singletonKey: `message-send:${message.id}` },
    );
    return { message, conversation: saved };
  });
}

/** The header's upload, locked: READY and not sent with another message. */
async function assertUnsentReady(uow: UnitOfWork, attachmentId: string): Promise<void> {
  const attachment = await uow.manager.findOneOrFail(Attachment, {
    where: { id: attachmentId, workspaceId: uow.workspaceId },
    lock: { mode: 'pessimistic_write' },
  });
  const field = ['input', 'parameters', 'headerMedia', 'attachmentId'];
  if (attachment.messageId !== null) {
    throw new BusinessRuleError(
      UserErrorCode.ATTACHMENT_NOT_SENDABLE,
      `${attachment.fileName ?? 'The attachment'} was already sent with another message: upload it again to send it again.`,
      field,
    );
  }
  if (attachment.status !== AttachmentStatus.READY) {
    throw new BusinessRuleError(
      UserErrorCode.ATTACHMENT_NOT_SENDABLE,
      `${attachment.fileName ?? 'The attachment'} is ${attachment.status}: only READY uploads can be sent.`,
      field,
    );
  }
}

function otherAccount(of: 'conversation' | 'customer'): BusinessRuleError {
  return new BusinessRuleError(
    UserErrorCode.INVALID_INPUT,
    `The template belongs to another channel account than the ${of}.`,
    ['input', 'templateId'],
  );
}

/** Who receives the reply in a conversation the template starts: an active agent, or the queue. */
async function activeAssignee(uow: UnitOfWork, assigneeId: string | null): Promise<string | null> {
  if (!assigneeId) return null;
  const agent = await uow.manager.findOne(Agent, { where: { id: assigneeId, workspaceId: uow.workspaceId } });
  if (!agent) throw notFound('Agent');
  if (!agent.active) {
    throw new BusinessRuleError(UserErrorCode.AGENT_INACTIVE, `${agent.name} is deactivated.`, [
      'input',
      'assigneeId',
    ]);
  }
  return agent.id;
}
