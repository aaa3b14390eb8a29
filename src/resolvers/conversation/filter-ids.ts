import { Agent } from '../../entities/agent.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Customer } from '../../entities/customer.entity';
import { Tag } from '../../entities/tag.entity';
import { Team } from '../../entities/team.entity';
import { type ConversationFilterValues } from '../../services/conversation/conversation-query.service';
import { ownedId, ownedIds } from '../find-owned';
import { type AuthedContext } from '../../server/context';
import { type ConversationFilter } from './conversation-filter.input';

/** Global ids of a filter → database ids; an id outside the workspace is NOT_FOUND, not an empty list. */
export async function filterValues(
  ctx: AuthedContext,
  filter: ConversationFilter | null | undefined,
): Promise<ConversationFilterValues | null> {
  if (!filter) return null;
  return {
    ...filter,
    customerId: filter.customerId ? await ownedId(ctx, Customer, filter.customerId) : null,
    channelAccountId: filter.channelAccountId
      ? await ownedId(ctx, ChannelAccount, filter.channelAccountId)
      : null,
    assigneeId: filter.assigneeId ? await ownedId(ctx, Agent, filter.assigneeId) : null,
    teamId: filter.teamId ? await ownedId(ctx, Team, filter.teamId) : null,
    tagIds: filter.tagIds?.length ? await ownedIds(ctx, Tag, filter.tagIds) : null,
    labelIds: filter.labelIds?.length ? await ownedIds(ctx, Tag, filter.labelIds) : null,
  };
}
