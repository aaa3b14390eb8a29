import { type DataSource } from 'typeorm';
import { actorOf } from '../../auth/viewer';
import { type Conversation } from '../../entities/conversation.entity';
import { ConversationLabel } from '../../entities/conversation-label.entity';
import { ConversationEventType } from '../../entities/enums';
import { Tag } from '../../entities/tag.entity';
import { tagsOfOwners } from '../tag/tag-links';
import { EventType } from '../../realtime/event-types';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { appendHistory } from './conversation-changes';
import { refreshSla } from '../sla/sla-clock';
import { assertMayAct, lockConversation } from './conversation-workflow.service';

export interface LabelChange {
  conversation: Conversation;
  label: Tag;
}

/**
 * Puts a workspace tag on a conversation as a label (open or closed, as notes): a history line and
 * a LABEL_ADDED event in the same transaction. Labelling twice changes nothing and writes nothing.
 */
export function labelConversation(
  caller: Caller,
  input: { conversationId: string; tagId: string },
): Promise<LabelChange> {
  return changeLabel(caller, input, 'add');
}

/** Takes a label off; a conversation without it is left as it is, with nothing written. */
export function unlabelConversation(
  caller: Caller,
  input: { conversationId: string; tagId: string },
): Promise<LabelChange> {
  return changeLabel(caller, input, 'remove');
}

async function changeLabel(
  caller: Caller,
  input: { conversationId: string; tagId: string },
  change: 'add' | 'remove',
): Promise<LabelChange> {
  const { deps, viewer } = caller;
  const label = await ownedRow(caller, Tag, input.tagId);
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    // Locked: the history lines of concurrent changes do not interleave.
    const conversation = await lockConversation(uow, input.conversationId);
    await applyLabelChange(caller, uow, conversation, label, change);
    return { conversation, label };
  });
}

/**
 * The label rule on a conversation locked in `uow` (single mutations and macros): false when it
 * already was so, with nothing written.
 */
export async function applyLabelChange(
  caller: Caller,
  uow: UnitOfWork,
  conversation: Conversation,
  label: Tag,
  change: 'add' | 'remove',
): Promise<boolean> {
  const { deps, viewer } = caller;
  assertMayAct(viewer, conversation);
  const changed =
    change === 'add'
      ? (
          (
            await uow.manager
              .createQueryBuilder()
              .insert()
              .into(ConversationLabel)
              .values({
                conversationId: conversation.id,
                tagId: label.id,
                workspaceId: conversation.workspaceId,
              })
              .orIgnore()
              .returning('tag_id')
              .execute()
          ).raw as unknown[]
        ).length > 0
      : ((await uow.manager.delete(ConversationLabel, { conversationId: conversation.id, tagId: label.id }))
          .affected ?? 0) > 0;
  if (!changed) return false;
  await appendHistory(uow, deps.clock, conversation, actorOf(viewer), [
    {
      type: change === 'add' ? ConversationEventType.LABEL_ADDED : ConversationEventType.LABEL_REMOVED,
      data: { tagId: label.globalId, name: label.name },
    },
  ]);
  // Labels are SLA conditions: the policy that applies may change with them.
  await refreshSla(uow, deps.clock.now(), conversation, { answered: false });
  uow.emit({
    type: change === 'add' ? EventType.LABEL_ADDED : EventType.LABEL_REMOVED,
    conversationId: conversation.id,
    assigneeId: conversation.assigneeId,
    payload: { conversationId: conversation.id, labelId: label.id },
  });
  return true;
}

/** The labels of each conversation, by name. */
export function labelsOfConversations(
  dataSource: DataSource,
  workspaceId: string,
  conversationIds: readonly string[],
): Promise<Map<string, Tag[]>> {
  return tagsOfOwners(dataSource, 'conversation', workspaceId, conversationIds);
}
