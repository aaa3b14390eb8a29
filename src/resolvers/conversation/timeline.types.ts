import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { Message } from '../../entities/message.entity';
import { Note } from '../../entities/note.entity';
import { PageInfo } from '../../schema/pagination';
import { type ConnectionShape } from '../../services/paging';
import { type TimelineNode } from '../../loaders/timeline.loader';

export const TimelineItem = createUnionType({
  name: 'TimelineItem',
  description: 'An entry of a conversation timeline: a message, an internal note or a history event.',
  types: () => [Message, Note, ConversationEvent] as const,
  resolveType: (value) => value.constructor.name,
});

@ObjectType({ description: 'An edge to a timeline item.' })
export class TimelineEdge {
  @Field({
    description:
      'Opaque cursor carrying the item’s place (time, kind, id): it stays valid when items are added or removed around it.',
  })
  cursor: string;

  @Field(() => TimelineItem, { description: 'The message, note or event.' })
  node: TimelineNode;
}

@ObjectType({
  description:
    'A page of a conversation timeline: messages (by channel time), notes and history events (by creation), oldest first; at one instant messages come before notes, notes before events.',
})
export class TimelineConnection implements ConnectionShape<TimelineNode> {
  @Field(() => [TimelineEdge], { description: 'The page, oldest first.' })
  edges: TimelineEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits.' })
  pageInfo: PageInfo;

  countTotal: () => Promise<number>;

  @Field(() => [TimelineItem], { description: 'The items of the page, without cursors.' })
  nodes(): TimelineNode[] {
    return this.edges.map((edge) => edge.node);
  }

  @Field(() => Int, { description: 'How many items the timeline holds (one extra count query).' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }
}
