import { type ConversationFilterValues } from '../../services/conversation-query.service';
import { localId } from '../../services/tenancy';
import { type ConversationFilter } from './conversation-filter.input';

/** Global ids of a filter → database ids (a foreign or malformed id is NOT_FOUND). */
export function filterValues(filter: ConversationFilter | null | undefined): ConversationFilterValues | null {
  if (!filter) return null;
  return {
    ...filter,
    customerId: filter.customerId ? localId(filter.customerId, 'Customer') : null,
    channelAccountId: filter.channelAccountId ? localId(filter.channelAccountId, 'ChannelAccount') : null,
    assigneeId: filter.assigneeId ? localId(filter.assigneeId, 'Agent') : null,
    tagIds: filter.tagIds?.map((id) => localId(id, 'Tag')) ?? null,
  };
}
