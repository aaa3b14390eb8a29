import { type EventRecord } from '../../entities/event-record.entity';
import { encodeEventCursor } from '../../realtime/event-log';
import { toGlobalId } from '../../entities/global-id';

/** Payload keys holding database ids, and the GraphQL type whose global id replaces them. */
const ID_TYPES: Record<string, string> = {
  conversationId: 'Conversation',
  messageId: 'Message',
  aiSummaryId: 'AiSummary',
  noteId: 'Note',
  assigneeId: 'Agent',
  previousAssigneeId: 'Agent',
  agentId: 'Agent',
  teamId: 'Team',
  previousTeamId: 'Team',
  customerId: 'Customer',
  fromCustomerId: 'Customer',
  closedConversationId: 'Conversation',
  labelId: 'Tag',
  tagId: 'Tag',
  mentionedAgentId: 'Agent',
  authorId: 'Agent',
  templateId: 'Template',
  channelAccountId: 'ChannelAccount',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event's data as partners see it: ids are the global ids the GraphQL API takes. */
export function webhookEventData(record: EventRecord): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const source: Record<string, unknown> = { ...record.payload };
  if (source.conversationId === undefined && record.conversationId)
    source.conversationId = record.conversationId;
  for (const [key, value] of Object.entries(source)) {
    const type = ID_TYPES[key];
    data[key] = type && typeof value === 'string' && UUID.test(value) ? toGlobalId(type, value) : value;
  }
  return data;
}

/** The JSON body of a delivery; `id` is the delivery's global id, the same on every attempt. */
export function webhookBody(deliveryId: string, record: EventRecord): string {
  return JSON.stringify({
    id: toGlobalId('WebhookDelivery', deliveryId),
    type: record.type,
    createdAt: new Date(record.createdAt).toISOString(),
    cursor: encodeEventCursor(record.workspaceId, record.seq),
    workspaceId: toGlobalId('Workspace', record.workspaceId),
    data: webhookEventData(record),
  });
}
