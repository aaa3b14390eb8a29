import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type AccessRule } from '../../auth/access';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { localId } from '../find-owned';
import { sendMessage } from '../../services/message/message-send.service';
import { receiveApiChannelMessage } from '../../services/message/inbound-message.service';
import { mutate } from '../mutation-payload';
import { MessageSendInput } from './message-send.input';
import { MessageSendPayload } from './message-send.payload';
import {
  MessageInboundInput,
  MessageStatusReportInput,
  MessageStatusReportPayload,
} from './message-inbound.input';
import { reportPartnerStatus } from '../../services/message/message-status.service';
import { MessageInboundPayload } from './message-inbound.payload';

/** Customer messages come from partners' systems, never from agents. */
const PARTNER_WRITERS: AccessRule[] = ['write', 'bot'];

@Resolver()
export class MessageResolver {
  @Mutation(() => MessageSendPayload, {
    description:
      'Answers the customer with text, files (attachmentIds from POST /media) or an interactive message (buttons, a list, a link button). Outside the customer window on Meta channels it is refused with WINDOW_CLOSED: send a template with templateSend.',
  })
  @Access(Allow.reply)
  messageSend(
    @Arg('input', () => MessageSendInput, { description: 'Conversation and text.' }) input: MessageSendInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<MessageSendPayload> {
    return mutate(MessageSendPayload, () =>
      sendMessage(ctx, {
        conversationId: localId(input.conversationId, 'Conversation'),
        text: input.text ?? null,
        attachmentIds: input.attachmentIds?.map((id) => localId(id, 'Attachment')) ?? null,
        interactive: input.interactive ?? null,
        suggestionId: input.suggestionId ? localId(input.suggestionId, 'Suggestion') : null,
        idempotencyKey: input.idempotencyKey ?? null,
        replyToMessageId: input.replyToMessageId ? localId(input.replyToMessageId, 'Message') : null,
      }),
    );
  }

  @Mutation(() => MessageInboundPayload, {
    description:
      'A partner delivers a customer message on an API channel account, with text, files or both; idempotent by externalId. API keys with the write or bot scope.',
  })
  @Access(PARTNER_WRITERS)
  messageInbound(
    @Arg('input', () => MessageInboundInput, { description: 'Customer, message id and text.' })
    input: MessageInboundInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<MessageInboundPayload> {
    return mutate(MessageInboundPayload, () =>
      receiveApiChannelMessage(ctx, {
        channelAccountId: localId(input.channelAccountId, 'ChannelAccount'),
        customerChannelUserId: input.customerChannelUserId,
        customerName: input.customerName ?? null,
        customerPhone: input.customerPhone ?? null,
        externalId: input.externalId,
        text: input.text ?? null,
        sentAt: input.sentAt ?? null,
        attachments: (input.attachments ?? []).map((file) => ({
          uploadId: file.uploadId == null ? null : localId(file.uploadId, 'Attachment'),
          url: file.url ?? null,
          caption: file.caption ?? null,
          fileName: file.fileName ?? null,
          kind: file.kind ?? null,
        })),
        replyTo: input.replyTo ?? null,
        interactiveReply: input.interactiveReply ?? null,
      }),
    );
  }

  @Mutation(() => MessageStatusReportPayload, {
    description:
      'A partner reports what became of one of our outbound messages on its API channel: SENT, DELIVERED, READ or FAILED (with the error agents see on the red triangle). Statuses never move backwards. API keys with the write or bot scope.',
  })
  @Access(PARTNER_WRITERS)
  messageStatusReport(
    @Arg('input', () => MessageStatusReportInput, { description: 'Message, status and error.' })
    input: MessageStatusReportInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<MessageStatusReportPayload> {
    return mutate(MessageStatusReportPayload, () =>
      reportPartnerStatus(ctx, {
        messageId: localId(input.messageId, 'Message'),
        status: input.status,
        error: input.error ?? null,
      }),
    );
  }
}
