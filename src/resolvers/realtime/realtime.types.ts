import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AiSummary } from '../../entities/ai-summary.entity';
import { Conversation } from '../../entities/conversation.entity';
import { AttachmentStatus, MessageStatus, TrayKind, TrayView } from '../../entities/enums';
import { EventType } from '../../realtime/event-types';
import { PageInfo } from '../../schema/pagination';
import { AgentStatusChange } from '../agent/agent-status.types';

registerEnumType(EventType, {
  name: 'EventType',
  description: 'Kinds of events in the workspace event log (what subscriptions carry and `events` replays).',
});

@ObjectType({ description: 'A conversation moved between trays of one view (or into or out of every tray).' })
export class TrayChange {
  @Field({ description: 'Resume point: pass it as `after` to continue right after this event.' })
  cursor: string;

  @Field(() => Date, { description: 'When the change was committed.' })
  occurredAt: Date;

  /** Resolved only when selected (a field resolver), so a bare feed costs no query per event. */
  conversationId: string;

  @Field(() => TrayView, { description: 'The layout this move belongs to.' })
  view: TrayView;

  @Field(() => TrayKind, { nullable: true, description: 'Tray it left; null when it was in none.' })
  from: TrayKind | null;

  @Field(() => TrayKind, { nullable: true, description: 'Tray it entered; null when it is in none now.' })
  to: TrayKind | null;
}

@ObjectType({ description: 'Something happened to a message: added, status changed, delivery failed.' })
export class MessageEvent {
  @Field({ description: 'Resume point: pass it as `after` to continue right after this event.' })
  cursor: string;

  @Field(() => EventType, {
    description: 'MESSAGE_ADDED, MESSAGE_STATUS_CHANGED or MESSAGE_DELIVERY_FAILED.',
  })
  type: EventType;

  @Field(() => Date, { description: 'When the change was committed.' })
  occurredAt: Date;

  /** `message` and `conversation` are field resolvers over these ids. */
  messageId: string;

  conversationId: string;

  @Field(() => MessageStatus, { nullable: true, description: 'Status the event set (status events only).' })
  status: MessageStatus | null;

  @Field(() => MessageStatus, {
    nullable: true,
    description: 'Status before the event (status events only).',
  })
  previousStatus: MessageStatus | null;
}

@ObjectType('Event', { description: 'One record of the workspace event log, as subscriptions carry it.' })
export class LogEvent {
  @Field({ description: 'Resume point, the same cursor subscriptions hand out.' })
  cursor: string;

  @Field(() => EventType, { description: 'What happened.' })
  type: EventType;

  @Field(() => Date, { description: 'When the change was committed.' })
  occurredAt: Date;

  @Field(() => Conversation, { nullable: true, description: 'The conversation concerned, if any.' })
  conversation: Conversation | null;

  @Field(() => TrayChange, { nullable: true, description: 'The tray move (TRAY_CHANGED).' })
  trayChange: TrayChange | null;

  @Field(() => MessageEvent, { nullable: true, description: 'The message change (MESSAGE_* events).' })
  messageEvent: MessageEvent | null;

  @Field(() => AiSummary, {
    nullable: true,
    description: 'The summary that became ready (AI_SUMMARY_READY).',
  })
  aiSummary: AiSummary | null;

  @Field(() => [String], {
    nullable: true,
    description: 'History lines the change wrote, e.g. ASSIGNED, TRANSFERRED (CONVERSATION_UPDATED).',
  })
  changes: string[] | null;

  @Field(() => AgentStatusChange, {
    nullable: true,
    description: 'The agent status change (AGENT_STATUS_CHANGED).',
  })
  agentStatusChange: AgentStatusChange | null;
}

@ObjectType({ description: 'An edge to an event.' })
export class EventEdge {
  @Field({ description: 'The event cursor.' })
  cursor: string;

  @Field(() => LogEvent, { description: 'The event.' })
  node: LogEvent;
}

@ObjectType({ description: 'A page of the event log, oldest first.' })
export class EventConnection {
  @Field(() => [EventEdge], { description: 'The page, in commit order.' })
  edges: EventEdge[];

  @Field(() => [LogEvent], { description: 'The events of the page, without edges.' })
  nodes: LogEvent[];

  @Field(() => PageInfo, {
    description:
      'Where this page sits: poll again with `after: endCursor` (also when `hasNextPage` is false, to see what comes next).',
  })
  pageInfo: PageInfo;
}

@ObjectType({
  description: 'A change of a customer: created, edited, a field set, tagged or untagged, merged.',
})
export class CustomerUpdate {
  @Field({ description: 'Resume point: pass it as `after` to continue right after this event.' })
  cursor: string;

  @Field(() => EventType, {
    description:
      'CUSTOMER_CREATED, CUSTOMER_UPDATED, CUSTOMER_FIELD_SET, CUSTOMER_TAGGED, CUSTOMER_UNTAGGED or CUSTOMER_MERGED.',
  })
  type: EventType;

  @Field(() => Date, { description: 'When the change was committed.' })
  occurredAt: Date;

  /** `customer` and `tag` are field resolvers over these ids. */
  customerId: string;

  tagId: string | null;

  @Field(() => String, { nullable: true, description: 'The custom field key (CUSTOMER_FIELD_SET).' })
  fieldKey: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'What changed (CUSTOMER_UPDATED): `name`, `email`, `phone`, `fields.<key>`; for CUSTOMER_MERGED what the survivor took from the merged customer.',
  })
  changed: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The merged customer, which answers NOT_FOUND from now on (CUSTOMER_MERGED).',
  })
  mergedCustomerId: string | null;

  /** The merged customer's conversation closed by the merge (CUSTOMER_MERGED), when there was one. */
  closedConversationId: string | null;
}

@ObjectType({
  description:
    'A change of one conversation as its live view shows it: a workflow change, a note written, edited or deleted, a label, a reaction, or a change of its customer.',
})
export class ConversationUpdate {
  @Field({ description: 'Resume point: pass it as `after` to continue right after this event.' })
  cursor: string;

  @Field(() => EventType, {
    description:
      'CONVERSATION_UPDATED, NOTE_CREATED, NOTE_UPDATED, NOTE_DELETED, LABEL_ADDED, LABEL_REMOVED, ATTACHMENT_STATUS_CHANGED (see `attachment`), MESSAGE_REACTION (see `message`), or a CUSTOMER_* type (see `customerChange`).',
  })
  type: EventType;

  @Field(() => Date, { description: 'When the change was committed.' })
  occurredAt: Date;

  /** `conversation`, `note` and `label` are field resolvers over these ids. */
  conversationId: string;

  noteDbId: string | null;

  labelId: string | null;

  messageDbId: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The note (NOTE_* events), also when it has since been deleted.',
  })
  noteId: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'History lines the change wrote, e.g. ASSIGNED, CLOSED (CONVERSATION_UPDATED).',
  })
  changes: string[] | null;

  @Field(() => CustomerUpdate, {
    nullable: true,
    description: "The change of the conversation's customer (CUSTOMER_* events).",
  })
  customerChange: CustomerUpdate | null;

  /** `attachment` is a field resolver over this id (ATTACHMENT_STATUS_CHANGED). */
  attachmentDbId: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The message whose file changed status (ATTACHMENT_STATUS_CHANGED).',
  })
  messageId: string | null;

  @Field(() => AttachmentStatus, {
    nullable: true,
    description: 'The status the file reached (ATTACHMENT_STATUS_CHANGED): READY, FAILED, or PENDING again.',
  })
  attachmentStatus: AttachmentStatus | null;
}

@ObjectType({ description: 'The viewer was mentioned in a note.' })
export class NoteMentionEvent {
  @Field({ description: 'Resume point: pass it as `after` to continue right after this event.' })
  cursor: string;

  @Field(() => Date, { description: 'When the note was written or edited.' })
  occurredAt: Date;

  /** Field resolvers read these. */
  noteDbId: string;

  conversationId: string;

  mentionedAgentId: string;

  authorId: string | null;
}
