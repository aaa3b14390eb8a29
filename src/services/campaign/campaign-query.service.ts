import { type DataSource, type SelectQueryBuilder } from 'typeorm';
import { Campaign, type CampaignStatus } from '../../entities/campaign.entity';
import { CampaignRecipient, CampaignRecipientStatus } from '../../entities/campaign-recipient.entity';
import { Message } from '../../entities/message.entity';
import { RECIPIENT_STATUS_SQL } from './campaign.service';

/** Newest first. */
export const CAMPAIGN_ORDER = {
  column: 'c.created_at',
  idColumn: 'c.id',
  table: 'campaign',
  tableColumn: 'created_at',
  direction: 'DESC',
} as const;

/** In audience order. */
export const RECIPIENT_ORDER = {
  column: 'r.created_at',
  idColumn: 'r.id',
  table: 'campaign_recipient',
  tableColumn: 'created_at',
  direction: 'ASC',
} as const;

/** A recipient read with its message (the message decides the public status once dispatched). */
export type RecipientWithMessage = CampaignRecipient & { message?: Message | null };

/** The workspace's campaigns, optionally of one status. */
export function campaignsOf(
  dataSource: DataSource,
  workspaceId: string,
  status: CampaignStatus | null,
): SelectQueryBuilder<Campaign> {
  const query = dataSource
    .getRepository(Campaign)
    .createQueryBuilder('c')
    .where('c.workspace_id = :workspaceId', { workspaceId });
  if (status) query.andWhere('c.status = :status', { status });
  return query;
}

/** The recipients of some campaigns of the workspace with their messages, optionally of one public status. */
export function recipientsOf(
  dataSource: DataSource,
  workspaceId: string,
  campaignIds: readonly string[],
  status: CampaignRecipientStatus | null,
): SelectQueryBuilder<RecipientWithMessage> {
  const query = dataSource
    .getRepository(CampaignRecipient)
    .createQueryBuilder('r')
    .leftJoinAndMapOne('r.message', Message, 'm', 'm.id = r.message_id')
    .where('r.campaign_id = ANY(:campaignIds) AND r.workspace_id = :workspaceId', {
      campaignIds: [...campaignIds],
      workspaceId,
    });
  if (status) query.andWhere(`(${RECIPIENT_STATUS_SQL}) = :status`, { status });
  return query;
}

export type CampaignTotalsValues = Record<CampaignRecipientStatus, number> & { total: number };

function emptyTotals(): CampaignTotalsValues {
  const totals = Object.fromEntries(
    Object.values(CampaignRecipientStatus).map((status) => [status, 0]),
  ) as CampaignTotalsValues;
  totals.total = 0;
  return totals;
}

/** Recipients per public status of each campaign, one grouped statement for all of them. */
export async function totalsOf(
  dataSource: DataSource,
  workspaceId: string,
  campaignIds: readonly string[],
): Promise<Map<string, CampaignTotalsValues>> {
  const rows = (await dataSource.query(
    `SELECT r.campaign_id, ${RECIPIENT_STATUS_SQL} AS status, count(*)::int AS count
       FROM campaign_recipient r LEFT JOIN message m ON m.id = r.message_id
      WHERE r.campaign_id = ANY($1::uuid[]) AND r.workspace_id = $2
      GROUP BY 1, 2`,
    [[...campaignIds], workspaceId],
  )) as { campaign_id: string; status: CampaignRecipientStatus; count: number }[];
  const totals = new Map(campaignIds.map((id) => [id, emptyTotals()]));
  for (const row of rows) {
    const campaign = totals.get(row.campaign_id)!;
    campaign[row.status] = row.count;
    campaign.total += row.count;
  }
  return totals;
}
