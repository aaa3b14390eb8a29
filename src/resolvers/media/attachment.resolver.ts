import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Attachment } from '../../entities/attachment.entity';
import { AttachmentStatus, MessageDirection } from '../../entities/enums';
import { Message } from '../../entities/message.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import { readableAttachment } from '../../services/media/attachment-visibility';
import { signMediaPath } from '../../services/media/media-url';
import { partsOf } from '../../services/message/outbound-parts';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { retryAttachment } from '../../services/media/inbound-media.service';
import { AttachmentRetryInput, AttachmentRetryPayload } from './attachment-retry.input';

@Resolver(() => Attachment)
export class AttachmentResolver {
  @Query(() => Attachment, {
    nullable: true,
    description:
      'An attachment by id (NOT_FOUND when it does not exist in your workspace, when its conversation is hidden from you, or when it is an upload not yet sent by someone else and you are not an admin).',
  })
  @Access(Allow.read)
  attachment(@Arg('id', () => ID) id: string, @Ctx() ctx: AuthedContext): Promise<Attachment> {
    return readableAttachment(ctx, localId(id, 'Attachment'));
  }

  @Mutation(() => AttachmentRetryPayload, {
    description:
      'Downloads a FAILED file of a customer message again (the provider answered an error: an expired media id, a 404, a checksum mismatch): it is PENDING until the copy ends READY or FAILED, each change pushed as ATTACHMENT_STATUS_CHANGED. Anything else is ATTACHMENT_NOT_RETRYABLE.',
  })
  @Access(Allow.write)
  attachmentRetry(
    @Arg('input', () => AttachmentRetryInput, { description: 'The attachment.' }) input: AttachmentRetryInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AttachmentRetryPayload> {
    return mutate(AttachmentRetryPayload, async () => ({
      attachment: await retryAttachment(ctx, localId(input.attachmentId, 'Attachment')),
    }));
  }

  @FieldResolver(() => Date, { description: 'When it was uploaded or received.' })
  createdAt(@Root() attachment: Attachment): Date {
    return attachment.createdAt;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Where to download the bytes: a signed URL served by Omnitray (GET /media/:id?expires=…&signature=…), valid MEDIA_URL_TTL_SECONDS (5 minutes by default) and needing no Authorization header; ask again for a fresh one. Supports Range requests. Null unless READY.',
  })
  url(@Root() attachment: Attachment, @Ctx() ctx: AuthedContext): string | null {
    if (attachment.status !== AttachmentStatus.READY) return null;
    const origin = ctx.deps.config.publicUrl ?? ctx.origin ?? '';
    return `${origin}${signMediaPath(ctx.deps, attachment.id).path}`;
  }

  @FieldResolver(() => Message, {
    nullable: true,
    description: 'The message it was sent or received with; null for an upload not yet sent.',
  })
  async message(@Root() attachment: Attachment, @Ctx() ctx: AuthedContext): Promise<Message | null> {
    return attachment.messageId ? ctx.loaders.message.load(attachment.messageId) : null;
  }
}

@Resolver(() => Message)
export class MessageAttachmentsResolver {
  @FieldResolver(() => [Attachment], {
    description: 'Its files (images, audio, video, documents, stickers), in order.',
  })
  async attachments(@Root() message: Message, @Ctx() ctx: AuthedContext): Promise<Attachment[]> {
    const attachments = await ctx.loaders.attachmentsByMessage.load(message.id);
    // A message we sent lists its files in the order they were given (and went out).
    const order = (partsOf(message) ?? []).flatMap((part) =>
      part.kind === 'media' ? [part.attachmentId] : [],
    );
    if (order.length === 0) return attachments;
    const rank = (attachment: Attachment) => {
      const index = order.indexOf(attachment.id);
      return index < 0 ? order.length : index;
    };
    return [...attachments].sort((a, b) => rank(a) - rank(b));
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description:
      "The buttons, list or link button we sent (`{ header, body, footer, buttons | list | ctaUrl }`), for an outbound INTERACTIVE message; null otherwise (a customer's tap is in `payload`).",
  })
  interactive(@Root() message: Message): Record<string, unknown> | null {
    if (message.direction !== MessageDirection.OUTBOUND) return null;
    const interactive = message.payload?.interactive;
    return interactive && typeof interactive === 'object' ? (interactive as Record<string, unknown>) : null;
  }
}
