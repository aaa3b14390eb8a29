import { EventType } from '../../realtime/event-types';
import { type UnitOfWork } from '../unit-of-work';

/**
 * Announces that a campaign's totals may have changed. The event carries only the id: subscribers
 * read the totals when they deliver, so a burst of changes costs one count per subscriber.
 */
export function emitCampaignProgress(uow: UnitOfWork, campaignId: string): void {
  if (
    uow.events.some(
      (event) => event.type === EventType.CAMPAIGN_PROGRESS && event.payload.campaignId === campaignId,
    )
  )
    return;
  uow.emit({
    type: EventType.CAMPAIGN_PROGRESS,
    conversationId: null,
    // Campaign progress is for every agent of the workspace, like the queue.
    assigneeId: null,
    payload: { campaignId },
  });
}

/**
 * A delivery status moved some messages: the campaigns they belong to report progress (their
 * recipients' statuses are read from the messages themselves).
 */
export async function noteCampaignMessagesChanged(uow: UnitOfWork, messageIds: string[]): Promise<void> {
  if (messageIds.length === 0) return;
  const rows = (await uow.manager.query(
    'SELECT DISTINCT campaign_id FROM campaign_recipient WHERE message_id = ANY($1::uuid[])',
    [messageIds],
  )) as { campaign_id: string }[];
  for (const row of rows) emitCampaignProgress(uow, row.campaign_id);
}

/**
 * A customer message in a conversation answers the campaigns whose message reached it before:
 * their recipients become REPLIED (once, at the first answer).
 */
export async function noteCampaignReply(
  uow: UnitOfWork,
  conversationId: string,
  repliedAt: Date,
): Promise<void> {
  const [rows] = (await uow.manager.query(
    `UPDATE campaign_recipient r SET replied_at = $2, updated_at = now()
      WHERE r.conversation_id = $1 AND r.replied_at IS NULL AND r.stage = 'DISPATCHED'
        AND EXISTS (SELECT 1 FROM message m WHERE m.id = r.message_id
                     AND m.status IN ('SENT', 'DELIVERED', 'READ') AND m.sent_at <= $2)
      RETURNING r.campaign_id`,
    [conversationId, repliedAt],
  )) as [{ campaign_id: string }[], number];
  for (const row of rows) emitCampaignProgress(uow, row.campaign_id);
}
