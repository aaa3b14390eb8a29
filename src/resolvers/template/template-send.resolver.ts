import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { Message } from '../../entities/message.entity';
import { Template } from '../../entities/template.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { localId } from '../find-owned';
import { sendTemplate } from '../../services/message/template-send.service';
import { retryMessage } from '../../services/message/message-status.service';
import { type AuthedContext } from '../../server/context';
import { mutate } from '../mutation-payload';
import { MessageRetryInput, TemplateSendInput } from './template-send.input';
import { MessageRetryPayload, TemplateSendPayload } from './template-send.payload';

@Resolver()
export class TemplateSendResolver {
  @Mutation(() => TemplateSendPayload, {
    description:
      'Sends an APPROVED template (the way to write outside the 24 h window). The conversation moves to OUTGOING until the customer answers; a customer without an open conversation gets a new one.',
  })
  @Access(Allow.write)
  templateSend(@Arg('input', () => TemplateSendInput) input: TemplateSendInput, @Ctx() ctx: AuthedContext) {
    return mutate(TemplateSendPayload, () =>
      sendTemplate(ctx, {
        templateId: localId(input.templateId, Template.name),
        conversationId: input.conversationId ? localId(input.conversationId, Conversation.name) : null,
        customerId: input.customerId ? localId(input.customerId, Customer.name) : null,
        assigneeId: input.assigneeId ? localId(input.assigneeId, Agent.name) : null,
        parameters: {
          ...(input.parameters ?? {}),
          headerMedia: input.parameters?.headerMedia
            ? {
                attachmentId: input.parameters.headerMedia.attachmentId
                  ? localId(input.parameters.headerMedia.attachmentId, 'Attachment')
                  : null,
                link: input.parameters.headerMedia.link ?? null,
              }
            : null,
        },
      }),
    );
  }

  @Mutation(() => MessageRetryPayload, {
    description: 'Sends a failed message again when its error is retryable.',
  })
  @Access(Allow.reply)
  messageRetry(@Arg('input', () => MessageRetryInput) input: MessageRetryInput, @Ctx() ctx: AuthedContext) {
    return mutate(MessageRetryPayload, () => retryMessage(ctx, localId(input.messageId, Message.name)));
  }
}
