import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { Access, Allow } from '../../schema/access.decorator';
import { Agent } from '../../entities/agent.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { type EventRecord } from '../../entities/event-record.entity';
import { toGlobalId } from '../../entities/global-id';
import { Message } from '../../entities/message.entity';
import { Note } from '../../entities/note.entity';
import { Attachment } from '../../entities/attachment.entity';
import { type AttachmentStatus } from '../../entities/enums';
import { Tag } from '../../entities/tag.entity';
import { CONVERSATION_VIEW_EVENT_TYPES, CUSTOMER_EVENT_TYPES, EventType } from '../../realtime/event-types';
import { readableConversation } from '../../services/conversation/conversation-visibility';
import { customersMergedInto } from '../../services/customer/customer-query.service';
import { notFound } from '../../services/errors';
import { ownedRow } from '../../services/owned-row';
import { type AuthedContext } from '../../server/context';
import { localId } from '../find-owned';
import { cursorOf, type RecordIterator, subscribeToEvents } from './event-subscription';
import { ConversationUpdate, CustomerUpdate, NoteMentionEvent } from './realtime.types';

type Data<A> = SubscribeResolverData<unknown, A, AuthedContext>;

const AFTER_DESCRIPTION = 'Resume after this event cursor: replay, then live.';

function text(record: EventRecord, key: string): string | null {
  const value = record.payload[key];
  return typeof value === 'string' ? value : null;
}

function strings(record: EventRecord, key: string): string[] | null {
  const value = record.payload[key];
  return Array.isArray(value) ? value.map(String) : null;
}

export function toCustomerUpdate(record: EventRecord): CustomerUpdate {
  const customerId = text(record, 'customerId');
  if (!customerId) throw notFound('Customer');
  const from = text(record, 'fromCustomerId');
  return Object.assign(new CustomerUpdate(), {
    cursor: cursorOf(record),
    type: record.type as EventType,
    occurredAt: record.createdAt,
    customerId,
    tagId: text(record, 'tagId'),
    fieldKey: text(record, 'key'),
    changed: strings(record, record.type === EventType.CUSTOMER_MERGED ? 'taken' : 'changed'),
    mergedCustomerId: from ? toGlobalId(Customer.name, from) : null,
    closedConversationId: text(record, 'closedConversationId'),
  });
}

function toConversationUpdate(record: EventRecord, conversationId: string): ConversationUpdate {
  const noteId = text(record, 'noteId');
  const messageId = record.type === EventType.ATTACHMENT_STATUS_CHANGED ? text(record, 'messageId') : null;
  const customerEvent = CUSTOMER_EVENT_TYPES.has(record.type);
  return Object.assign(new ConversationUpdate(), {
    cursor: cursorOf(record),
    type: record.type as EventType,
    occurredAt: record.createdAt,
    conversationId,
    noteDbId: noteId,
    noteId: noteId ? toGlobalId(Note.name, noteId) : null,
    labelId: text(record, 'labelId'),
    messageDbId: text(record, 'messageId'),
    changes: record.type === EventType.CONVERSATION_UPDATED ? (strings(record, 'events') ?? []) : null,
    customerChange: customerEvent ? toCustomerUpdate(record) : null,
    attachmentDbId: text(record, 'attachmentId'),
    messageId: messageId ? toGlobalId(Message.name, messageId) : null,
    attachmentStatus: text(record, 'status') as AttachmentStatus | null,
  });
}

/**
 * The customers whose changes a conversation's view shows: its customer and those merged into it,
 * followed through merges while the stream runs (a merge moves the conversation to the survivor).
 * The filter sees records in log order, so the set is right for every record it is asked about.
 */
function customerTracker(customerIds: Iterable<string>): (record: EventRecord) => boolean {
  const tracked = new Set(customerIds);
  return (record) => {
    const customerId = text(record, 'customerId');
    const from = text(record, 'fromCustomerId');
    if (record.type === EventType.CUSTOMER_MERGED && from && tracked.has(from) && customerId) {
      tracked.add(customerId);
    }
    return (customerId !== null && tracked.has(customerId)) || (from !== null && tracked.has(from));
  };
}

/** Ends the stream after the record for which `last` holds (a customer merged away). */
class EndingIterator implements AsyncIterableIterator<EventRecord> {
  private ended = false;

  constructor(
    private readonly source: RecordIterator,
    private readonly last: (record: EventRecord) => boolean,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<EventRecord, undefined>> {
    if (this.ended) return this.source.return();
    const result = await this.source.next();
    if (!result.done && this.last(result.value)) this.ended = true;
    return result;
  }

  return(): Promise<IteratorResult<EventRecord, undefined>> {
    return this.source.return();
  }

  throw(error?: unknown): Promise<IteratorResult<EventRecord, undefined>> {
    return this.source.throw(error);
  }
}

interface ConversationArgs {
  conversationId: string;
  after?: string | null;
}

interface CustomerArgs {
  customerId: string;
  after?: string | null;
}

/**
 * What a live inbox shows besides messages (those stay on messageAdded/messageStatusChanged):
 * changes of one conversation, of one customer, and the viewer's mentions. Each is a filtered view
 * of the event log, resumable with `after`, under the viewer's visibility.
 */
@Resolver()
export class LiveUpdatesResolver {
  @Subscription(() => ConversationUpdate, {
    description:
      'Changes of one conversation as its view shows them: workflow changes (CONVERSATION_UPDATED), notes written, edited or deleted, labels, files of its messages changing status (ATTACHMENT_STATUS_CHANGED), and changes of its customer (tags, fields, name, merge). Agents follow conversations they may read; after a transfer away they stop receiving its changes.',
    subscribe: async ({ args, context }: Data<ConversationArgs>) => {
      const conversation = await readableConversation(context, localId(args.conversationId, 'Conversation'));
      const merged = await customersMergedInto(
        context.deps.dataSource,
        context.viewer.workspaceId,
        conversation.customerId,
      );
      const ofCustomer = customerTracker([conversation.customerId, ...merged]);
      return subscribeToEvents(context, {
        types: [...CONVERSATION_VIEW_EVENT_TYPES, ...CUSTOMER_EVENT_TYPES] as EventType[],
        after: args.after,
        where: (record) =>
          CUSTOMER_EVENT_TYPES.has(record.type)
            ? ofCustomer(record)
            : record.conversationId === conversation.id,
      });
    },
  })
  @Access(Allow.read)
  conversationUpdated(
    @Root() record: EventRecord,
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after: string | null,
  ): ConversationUpdate {
    return toConversationUpdate(record, localId(conversationId, 'Conversation'));
  }

  @Subscription(() => CustomerUpdate, {
    description:
      'Changes of one customer: created, name/e-mail/fields edited, a field set, tagged, untagged, merged. When this customer is merged into another, CUSTOMER_MERGED (with the survivor as `customer`) is the last event: subscribe to the survivor.',
    subscribe: async ({ args, context }: Data<CustomerArgs>) => {
      const customer = await ownedRow(context, Customer, localId(args.customerId, Customer.name));
      const mergedAway = (record: EventRecord) =>
        record.type === EventType.CUSTOMER_MERGED && text(record, 'fromCustomerId') === customer.id;
      const stream = await subscribeToEvents(context, {
        types: [...CUSTOMER_EVENT_TYPES] as EventType[],
        after: args.after,
        where: (record) => text(record, 'customerId') === customer.id || mergedAway(record),
      });
      return new EndingIterator(stream, mergedAway);
    },
  })
  @Access(Allow.read)
  customerUpdated(
    @Root() record: EventRecord,
    @Arg('customerId', () => ID, { description: 'The customer.' }) _customerId: string,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after: string | null,
  ): CustomerUpdate {
    return toCustomerUpdate(record);
  }

  @Subscription(() => NoteMentionEvent, {
    description:
      'Notes that mention the viewer (`@[Name](agentId)`), as they are written or edited to add the mention. Agents and admins get their own mentions; API keys every mention of the workspace.',
    subscribe: ({ args, context }: Data<{ after?: string | null }>) => {
      const { principal } = context.viewer;
      const self = principal.kind === 'agent' ? principal.agent.id : null;
      return subscribeToEvents(context, {
        types: [EventType.NOTE_MENTION],
        after: args.after,
        where: (record) => self === null || text(record, 'mentionedAgentId') === self,
      });
    },
  })
  @Access(Allow.read)
  agentMentioned(
    @Root() record: EventRecord,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after: string | null,
  ): NoteMentionEvent {
    const noteId = text(record, 'noteId');
    const mentionedAgentId = text(record, 'mentionedAgentId');
    if (!noteId || !mentionedAgentId || !record.conversationId) throw notFound('Note');
    return Object.assign(new NoteMentionEvent(), {
      cursor: cursorOf(record),
      occurredAt: record.createdAt,
      noteDbId: noteId,
      conversationId: record.conversationId,
      mentionedAgentId,
      authorId: text(record, 'authorId'),
    });
  }
}

async function conversationOf(ctx: AuthedContext, id: string): Promise<Conversation> {
  const conversation = await ctx.loaders.conversationOfEvent.load(id);
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

@Resolver(() => ConversationUpdate)
export class ConversationUpdateResolver {
  @FieldResolver(() => Conversation, { description: 'The conversation as it is now.' })
  conversation(@Root() update: ConversationUpdate, @Ctx() ctx: AuthedContext): Promise<Conversation> {
    return conversationOf(ctx, update.conversationId);
  }

  @FieldResolver(() => Note, {
    nullable: true,
    description: 'The note as it is now (NOTE_* events); null once deleted.',
  })
  note(@Root() update: ConversationUpdate, @Ctx() ctx: AuthedContext): Promise<Note | null> | null {
    return update.noteDbId ? ctx.loaders.note.load(update.noteDbId) : null;
  }

  @FieldResolver(() => Tag, {
    nullable: true,
    description: 'The label put on or taken off (LABEL_* events); null if the tag was deleted since.',
  })
  label(@Root() update: ConversationUpdate, @Ctx() ctx: AuthedContext): Promise<Tag | null> | null {
    return update.labelId ? ctx.loaders.tag.load(update.labelId) : null;
  }

  @FieldResolver(() => Message, {
    nullable: true,
    description:
      'The message concerned, as it is now: reacted to (MESSAGE_REACTION, with its `reactions`) or unsent by the customer.',
  })
  message(@Root() update: ConversationUpdate, @Ctx() ctx: AuthedContext): Promise<Message | null> | null {
    return update.messageDbId ? ctx.loaders.message.load(update.messageDbId) : null;
  }

  @FieldResolver(() => Attachment, {
    nullable: true,
    description: 'The file as it is now (ATTACHMENT_STATUS_CHANGED): its status, error and download URL.',
  })
  attachment(
    @Root() update: ConversationUpdate,
    @Ctx() ctx: AuthedContext,
  ): Promise<Attachment | null> | null {
    return update.attachmentDbId ? ctx.loaders.attachment.load(update.attachmentDbId) : null;
  }
}

@Resolver(() => CustomerUpdate)
export class CustomerUpdateResolver {
  @FieldResolver(() => Customer, {
    description: 'The customer as it is now (the survivor, for a customer since merged into another).',
  })
  async customer(@Root() update: CustomerUpdate, @Ctx() ctx: AuthedContext): Promise<Customer> {
    const customer =
      (await ctx.loaders.customer.load(update.customerId)) ??
      (await ctx.loaders.survivorOf.load(update.customerId));
    if (!customer) throw notFound('Customer');
    return customer;
  }

  @FieldResolver(() => Tag, {
    nullable: true,
    description: 'The tag put on or taken off (CUSTOMER_TAGGED, CUSTOMER_UNTAGGED).',
  })
  tag(@Root() update: CustomerUpdate, @Ctx() ctx: AuthedContext): Promise<Tag | null> | null {
    return update.tagId ? ctx.loaders.tag.load(update.tagId) : null;
  }

  @FieldResolver(() => Conversation, {
    nullable: true,
    description:
      'The merged customer’s open conversation that the merge closed, the survivor having one open (CUSTOMER_MERGED).',
  })
  closedConversation(
    @Root() update: CustomerUpdate,
    @Ctx() ctx: AuthedContext,
  ): Promise<Conversation | null> | null {
    // Under the read rule: a customer event reaches every agent, the conversation may not.
    return update.closedConversationId ? ctx.loaders.conversation.load(update.closedConversationId) : null;
  }
}

@Resolver(() => NoteMentionEvent)
export class NoteMentionEventResolver {
  @FieldResolver(() => Note, { nullable: true, description: 'The note as it is now; null once deleted.' })
  note(@Root() mention: NoteMentionEvent, @Ctx() ctx: AuthedContext): Promise<Note | null> {
    return ctx.loaders.note.load(mention.noteDbId);
  }

  @FieldResolver(() => Conversation, { description: 'The conversation of the note.' })
  conversation(@Root() mention: NoteMentionEvent, @Ctx() ctx: AuthedContext): Promise<Conversation> {
    return conversationOf(ctx, mention.conversationId);
  }

  @FieldResolver(() => Agent, { description: 'The agent mentioned.' })
  async mentionedAgent(@Root() mention: NoteMentionEvent, @Ctx() ctx: AuthedContext): Promise<Agent> {
    const agent = await ctx.loaders.agent.load(mention.mentionedAgentId);
    if (!agent) throw notFound('Agent');
    return agent;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'Who wrote the mention; null for API keys.' })
  author(@Root() mention: NoteMentionEvent, @Ctx() ctx: AuthedContext): Promise<Agent | null> | null {
    return mention.authorId ? ctx.loaders.agent.load(mention.authorId) : null;
  }
}
