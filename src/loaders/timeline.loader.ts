import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type ConversationEvent } from '../entities/conversation-event.entity';
import { type Message } from '../entities/message.entity';
import { type Note } from '../entities/note.entity';
import { type ConversationReadScope } from '../services/conversation/conversation-visibility';
import {
  planTimelinePage,
  timelineCounts,
  timelinePages,
  TimelineItemKind,
  type TimelineEntry,
  type TimelinePlan,
} from '../services/conversation/timeline.service';
import { type ConnectionShape, type PageRequest } from '../services/paging';

export type TimelineNode = Message | Note | ConversationEvent;

/** Rows by id, one loader per kind (the request's own, so a row read elsewhere is read once). */
export interface TimelineRows {
  message: DataLoader<string, Message | null>;
  note: DataLoader<string, Note | null>;
  event: DataLoader<string, ConversationEvent | null>;
}

interface PageKey {
  conversationId: string;
  page: PageRequest;
  /** The page arguments as JSON: conversations asking for the same page share one statement. */
  group: string;
}

type Page = Omit<ConnectionShape<TimelineNode>, 'countTotal'>;

async function hydrate(rows: TimelineRows, entries: TimelineEntry[]): Promise<Map<string, TimelineNode>> {
  const idsOf = (kind: TimelineItemKind) =>
    entries.filter((entry) => entry.kind === kind).map((entry) => entry.id);
  const loaded = await Promise.all([
    rows.message.loadMany(idsOf(TimelineItemKind.MESSAGE)),
    rows.note.loadMany(idsOf(TimelineItemKind.NOTE)),
    rows.event.loadMany(idsOf(TimelineItemKind.EVENT)),
  ]);
  const found = new Map<string, TimelineNode>();
  for (const row of loaded.flat()) {
    if (row && !(row instanceof Error)) found.set(row.id, row);
  }
  return found;
}

/**
 * `conversation.timeline(...)` for every conversation of a list: one statement per distinct page
 * request for the entries, one per kind for their rows, one for the counts.
 */
export function timelineLoader(dataSource: DataSource, scope: ConversationReadScope, rows: TimelineRows) {
  const pages = new DataLoader<PageKey, Page, string>(
    async (keys) => {
      const plans = keys.map((key): TimelinePlan | Error => {
        try {
          return planTimelinePage(scope.workspaceId, key.conversationId, key.page);
        } catch (error) {
          return error as Error;
        }
      });
      const groups = new Map<string, number[]>();
      keys.forEach((key, index) => {
        if (!(plans[index] instanceof Error))
          groups.set(key.group, [...(groups.get(key.group) ?? []), index]);
      });
      const results = new Map<number, Omit<ConnectionShape<TimelineEntry>, 'countTotal'>>();
      await Promise.all(
        [...groups.values()].map(async (members) => {
          const first = members[0]!;
          const byConversation = await timelinePages(
            dataSource,
            scope,
            [...new Set(members.map((index) => keys[index]!.conversationId))],
            plans[first] as TimelinePlan,
            keys[first]!.page,
          );
          for (const index of members) results.set(index, byConversation.get(keys[index]!.conversationId)!);
        }),
      );
      const nodes = await hydrate(
        rows,
        [...results.values()].flatMap((page) => page.edges.map((edge) => edge.node)),
      );
      return keys.map((_, index): Page | Error => {
        const plan = plans[index]!;
        if (plan instanceof Error) return plan;
        const page = results.get(index)!;
        return {
          pageInfo: page.pageInfo,
          // A row removed between the two reads is left out rather than shown empty.
          edges: page.edges.flatMap((edge) => {
            const node = nodes.get(edge.node.id);
            return node ? [{ cursor: edge.cursor, node }] : [];
          }),
        };
      });
    },
    { cacheKeyFn: (key) => `${key.group}|${key.conversationId}` },
  );
  const counts = new DataLoader<string, number>(async (ids) => {
    const found = await timelineCounts(dataSource, scope, ids);
    return ids.map((id) => found.get(id) ?? 0);
  });
  return {
    async load(conversationId: string, page: PageRequest): Promise<ConnectionShape<TimelineNode>> {
      const { first, after, last, before } = page;
      const group = JSON.stringify([first, after, last, before]);
      const connection = await pages.load({ conversationId, page, group });
      return { ...connection, countTotal: () => counts.load(conversationId) };
    },
  };
}
