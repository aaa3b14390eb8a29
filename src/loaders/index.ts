import DataLoader from 'dataloader';
import { In, type DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { Agent } from '../entities/agent.entity';
import { Attachment } from '../entities/attachment.entity';
import { type CampaignRecipientStatus } from '../entities/campaign-recipient.entity';
import { ChannelAccount } from '../entities/channel-account.entity';
import { Customer } from '../entities/customer.entity';
import { type CustomField } from '../entities/custom-field.entity';
import { type CustomerFieldValue } from '../entities/customer-field-value.entity';
import { Message } from '../entities/message.entity';
import { Note } from '../entities/note.entity';
import { ConversationEvent } from '../entities/conversation-event.entity';
import { Tag } from '../entities/tag.entity';
import { Template } from '../entities/template.entity';
import { Conversation } from '../entities/conversation.entity';
import { type Clock } from '../runtime/clock';
import { loadsOf } from '../services/assignment/queue-drain.service';
import {
  RECIPIENT_ORDER,
  recipientsOf,
  totalsOf,
  type CampaignTotalsValues,
} from '../services/campaign/campaign-query.service';
import {
  HISTORY_ORDER,
  conversationsOfCustomers,
  customFieldsOf,
  fieldValuesOfCustomers,
  tagsOfCustomers,
} from '../services/customer/customer-query.service';
import {
  readableConversationSql,
  whereConversationReadable,
  type ConversationReadScope,
} from '../services/conversation/conversation-visibility';
import { isRowId } from '../services/owned-row';
import { pagesByParent } from './pages-by-parent.loader';
import { Team } from '../entities/team.entity';
import { membersOfTeams, openCountsOfAgents, teamsOfAgents } from '../services/team/team-query.service';
import { timelineLoader } from './timeline.loader';
import { labelsOfConversations } from '../services/conversation/conversation-label.service';
import { revisionsOfNotes } from '../services/note/note.service';
import { type NoteRevision } from '../entities/note-revision.entity';
import { type ConversationTimings, timingsOfConversations } from '../services/report/conversation-timings';
import { SlaPolicy } from '../entities/sla-policy.entity';
import { breachCounts } from '../services/sla/sla-policy.service';
import { MessageReaction } from '../entities/message-reaction.entity';
import { unreadCountsOf } from '../services/conversation/read-position';

/**
 * A loader over rows named by a message's channel account and a provider id (its reactions, the
 * message it quotes): one statement per batch, whatever the page.
 */
function byProviderId<V>(
  read: (accounts: string[], externalIds: string[]) => Promise<Map<string, V>>,
  externalIdOf: (message: Message) => string | null,
  empty: () => V,
): DataLoader<Message, V, string> {
  return new DataLoader<Message, V, string>(
    async (messages) => {
      const keyed = messages.filter((message) => externalIdOf(message) !== null);
      const found = keyed.length
        ? await read(
            keyed.map((message) => message.channelAccountId),
            keyed.map((message) => externalIdOf(message)!),
          )
        : new Map<string, V>();
      return messages.map(
        (message) => found.get(providerKey(message.channelAccountId, externalIdOf(message) ?? '')) ?? empty(),
      );
    },
    { cacheKeyFn: (message) => message.id },
  );
}

function providerKey(channelAccountId: string, externalId: string): string {
  return `${channelAccountId}\u0000${externalId}`;
}

/** Loads rows of one workspace by id: the workspace is part of every key's query. */
function byId<T extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  workspaceId: string,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await dataSource
      .getRepository(entity)
      .find({ where: { id: In([...ids]), workspaceId } as never });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** A loader over a read that answers for many ids at once with a map. */
function byMap<V>(read: (ids: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V> {
  return new DataLoader(async (ids) => {
    const found = await read(ids);
    return ids.map((id) => found.get(id)!);
  });
}

/** One read per request of something every row shares. */
function once<V>(read: () => Promise<V>): () => Promise<V> {
  let pending: Promise<V> | null = null;
  return () => {
    pending ??= read().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

/** One loader per distinct extra key (a date range), made on first use. */
function keyed<K, V>(make: (key: K) => DataLoader<string, V>, keyOf: (key: K) => string) {
  const made = new Map<string, DataLoader<string, V>>();
  return (key: K): DataLoader<string, V> => {
    const name = keyOf(key);
    let loader = made.get(name);
    if (!loader) {
      loader = make(key);
      made.set(name, loader);
    }
    return loader;
  };
}

export interface DateRange {
  from: Date | null;
  to: Date | null;
}

const rangeKey = (range: DateRange) => `${range.from?.toISOString() ?? ''}|${range.to?.toISOString() ?? ''}`;

/** Conversations by id that the viewer may read; a hidden one loads as null, like a foreign one. */
function readableConversations(
  dataSource: DataSource,
  scope: ConversationReadScope,
): DataLoader<string, Conversation | null> {
  return new DataLoader(async (ids) => {
    const rule = readableConversationSql(scope, 'c');
    const rows = await dataSource
      .getRepository(Conversation)
      .createQueryBuilder('c')
      .where('c.id = ANY(:ids)', { ids: ids.filter(isRowId) })
      .andWhere(rule.sql, rule.parameters)
      .getMany();
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/**
 * One set per request: relation fields resolve through these, never one query per row. `scope` is
 * the viewer's conversation read rule (its workspace scopes every other loader).
 */
export function createLoaders(
  dataSource: DataSource,
  scope: ConversationReadScope,
  clock: Pick<Clock, 'now'> = { now: () => new Date() },
) {
  const { workspaceId } = scope;
  const message = byId(dataSource, Message, workspaceId);
  const note = byId(dataSource, Note, workspaceId);
  const conversationEvent = byId(dataSource, ConversationEvent, workspaceId);
  const unreadLoaders = new Map<string, DataLoader<string, number>>();
  return {
    agent: byId(dataSource, Agent, workspaceId),
    customer: byId(dataSource, Customer, workspaceId),
    channelAccount: byId(dataSource, ChannelAccount, workspaceId),
    /** Rows of a conversation by id, for what already passed the read rule (a timeline, a search hit). */
    message,
    note,
    conversationEvent,
    timelineByConversation: timelineLoader(dataSource, scope, { message, note, event: conversationEvent }),
    /** A file by id, for what already passed the read rule (an event of its conversation). */
    attachment: byId(dataSource, Attachment, workspaceId),
    /** A message's files: readable with the message (its conversation's rule already applied). */
    attachmentsByMessage: byMap<Attachment[]>(async (ids) => {
      const rows = await dataSource
        .getRepository(Attachment)
        .createQueryBuilder('a')
        .where('a.message_id = ANY(:ids) AND a.workspace_id = :workspaceId', {
          ids: ids.filter(isRowId),
          workspaceId,
        })
        .orderBy('a.position', 'ASC')
        .addOrderBy('a.created_at', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .getMany();
      const byMessage = new Map<string, Attachment[]>(ids.map((id) => [id, []]));
      for (const row of rows) byMessage.get(row.messageId!)?.push(row);
      return byMessage;
    }),
    /** A canned response's files, in its order (the response's own read rule already applied). */
    attachmentsByCannedResponse: byMap<Attachment[]>(async (ids) => {
      const links = (await dataSource.query(
        `SELECT cr.id AS owner, u.id FROM canned_response cr
           CROSS JOIN LATERAL unnest(cr.attachment_ids) WITH ORDINALITY AS u(id, ord)
          WHERE cr.id = ANY($1::uuid[]) AND cr.workspace_id = $2 ORDER BY cr.id, u.ord`,
        [ids.filter(isRowId), workspaceId],
      )) as { owner: string; id: string }[];
      const rows =
        links.length === 0
          ? []
          : await dataSource
              .getRepository(Attachment)
              .find({ where: { id: In([...new Set(links.map((link) => link.id))]), workspaceId } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const byOwner = new Map<string, Attachment[]>(ids.map((id) => [id, []]));
      for (const link of links) {
        const attachment = byId.get(link.id);
        if (attachment) byOwner.get(link.owner)?.push(attachment);
      }
      return byOwner;
    }),
    /** Its reactions (customers' and ours), oldest first; removed ones are not listed. */
    reactionsByMessage: byProviderId<MessageReaction[]>(
      async (accounts, externalIds) => {
        const rows = await dataSource
          .getRepository(MessageReaction)
          .createQueryBuilder('r')
          .where('r.workspace_id = :workspaceId AND r.emoji IS NOT NULL', { workspaceId })
          .andWhere(
            '(r.channel_account_id, r.target_external_id) IN (SELECT * FROM unnest(CAST(:accounts AS uuid[]), CAST(:externalIds AS text[])))',
            { accounts, externalIds },
          )
          .orderBy('r.reacted_at', 'ASC')
          .addOrderBy('r.id', 'ASC')
          .getMany();
        const found = new Map<string, MessageReaction[]>();
        for (const row of rows) {
          const key = providerKey(row.channelAccountId, row.targetExternalId);
          found.set(key, [...(found.get(key) ?? []), row]);
        }
        return found;
      },
      (message) => message.externalId,
      () => [],
    ),
    /** The message a message quotes, under the read rule (it may be of an older conversation). */
    replyToByMessage: byProviderId<Message | null>(
      async (accounts, externalIds) => {
        const query = dataSource
          .getRepository(Message)
          .createQueryBuilder('m')
          .where('m.workspace_id = :workspaceId', { workspaceId })
          .andWhere(
            '(m.channel_account_id, m.external_id) IN (SELECT * FROM unnest(CAST(:accounts AS uuid[]), CAST(:externalIds AS text[])))',
            { accounts, externalIds },
          );
        const rows = await whereConversationReadable(query, scope, 'm').getMany();
        return new Map(rows.map((row) => [providerKey(row.channelAccountId, row.externalId!), row]));
      },
      (message) => message.replyToExternalId,
      () => null,
    ),
    /** Customer messages the agent has not read, per conversation (one statement per page). */
    unreadCountOf: (agentId: string) => {
      let loader = unreadLoaders.get(agentId);
      if (!loader) {
        loader = byMap<number>(async (ids) =>
          unreadCountsOf(dataSource, workspaceId, agentId, ids.filter(isRowId)),
        );
        unreadLoaders.set(agentId, loader);
      }
      return loader;
    },
    conversation: readableConversations(dataSource, scope),
    /**
     * Any conversation of the workspace: only for what an event names, which follows the event
     * log's own visibility (an agent sees the move that takes a conversation away from them).
     */
    conversationOfEvent: byId(dataSource, Conversation, workspaceId),
    template: byId(dataSource, Template, workspaceId),
    tag: byId(dataSource, Tag, workspaceId),
    team: byId(dataSource, Team, workspaceId),
    slaPolicy: byId(dataSource, SlaPolicy, workspaceId),
    slaBreachesByAgent: keyed(
      (range: DateRange) =>
        byMap<number>((ids) => breachCounts(dataSource.manager, workspaceId, 'agent', ids, range)),
      rangeKey,
    ),
    slaBreachesByTeam: keyed(
      (range: DateRange) =>
        byMap<number>((ids) => breachCounts(dataSource.manager, workspaceId, 'team', ids, range)),
      rangeKey,
    ),
    teamsByAgent: byMap<Team[]>((ids) => teamsOfAgents(dataSource, workspaceId, ids)),
    membersByTeam: byMap<Agent[]>((ids) => membersOfTeams(dataSource, workspaceId, ids)),
    openConversationCountByAgent: byMap<number>((ids) => openCountsOfAgents(dataSource, workspaceId, ids)),
    /** What counts against each agent's capacity now (automatic assignment's load). */
    assignmentLoadByAgent: byMap<number>((ids) => loadsOf(dataSource.manager, workspaceId, ids, clock.now())),
    tagsByCustomer: byMap<Tag[]>((ids) => tagsOfCustomers(dataSource, workspaceId, ids)),
    labelsByConversation: byMap<Tag[]>((ids) => labelsOfConversations(dataSource, workspaceId, ids)),
    timingsByConversation: byMap<ConversationTimings>((ids) =>
      timingsOfConversations(dataSource, workspaceId, ids),
    ),
    revisionsByNote: byMap<NoteRevision[]>((ids) => revisionsOfNotes(dataSource, workspaceId, ids)),
    /** The survivor of a merged customer (null for one never merged): for rows that keep a merged id. */
    survivorOf: new DataLoader<string, Customer | null>(async (ids) => {
      const rows = await dataSource.getRepository(Customer).find({
        where: { id: In([...ids]), workspaceId },
        withDeleted: true,
      });
      const survivorIds = rows.flatMap((row) => (row.mergedIntoId ? [row.mergedIntoId] : []));
      const survivors = survivorIds.length
        ? await dataSource.getRepository(Customer).find({ where: { id: In(survivorIds), workspaceId } })
        : [];
      const byId = new Map(survivors.map((row) => [row.id, row]));
      const mergedInto = new Map(rows.map((row) => [row.id, row.mergedIntoId]));
      return ids.map((id) => byId.get(mergedInto.get(id) ?? '') ?? null);
    }),
    fieldValuesByCustomer: byMap<CustomerFieldValue[]>((ids) =>
      fieldValuesOfCustomers(dataSource, workspaceId, ids),
    ),
    customFields: once<CustomField[]>(() => customFieldsOf(dataSource, workspaceId)),
    conversationsByCustomer: pagesByParent({
      rows: (customerIds) => conversationsOfCustomers(dataSource, scope, customerIds),
      partition: { column: 'c.customer_id', parentOf: (conversation) => conversation.customerId },
      order: HISTORY_ORDER,
      workspaceId,
    }),
    totalsByCampaign: byMap<CampaignTotalsValues>((ids) => totalsOf(dataSource, workspaceId, ids)),
    recipientsByCampaign: pagesByParent({
      rows: (campaignIds, status: CampaignRecipientStatus | null) =>
        recipientsOf(dataSource, workspaceId, campaignIds, status),
      partition: { column: 'r.campaign_id', parentOf: (recipient) => recipient.campaignId },
      order: RECIPIENT_ORDER,
      workspaceId,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
