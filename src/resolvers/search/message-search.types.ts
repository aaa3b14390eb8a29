import { createUnionType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MessageSender } from '../../entities/enums';
import { Message } from '../../entities/message.entity';
import { Note } from '../../entities/note.entity';
import { ConnectionType } from '../../schema/pagination';
import { SearchHitKind } from '../../services/search/message-search.service';

registerEnumType(SearchHitKind, {
  name: 'SearchHitKind',
  description: 'What a search hit is.',
  valuesConfig: {
    MESSAGE: { description: 'A message, in either direction.' },
    NOTE: { description: 'An internal note.' },
  },
});

export const SearchHitItem = createUnionType({
  name: 'SearchHitItem',
  description: 'The message or note a search hit found.',
  types: () => [Message, Note] as const,
  resolveType: (value) => value.constructor.name,
});

@ObjectType({ description: 'A span of `snippet`, in UTF-16 code units (JavaScript string indices).' })
export class TextRange {
  @Field(() => Int, { description: 'Index of the first code unit.' })
  start: number;

  @Field(() => Int, { description: 'How many code units.' })
  length: number;
}

@ObjectType({ description: 'A message or note that matches a search, with what a result list shows of it.' })
export class MessageSearchHit {
  /** Database ids, resolved through the request's loaders. */
  id: string;
  conversationId: string;
  agentId: string | null;

  @Field(() => SearchHitKind, { description: 'MESSAGE or NOTE.' })
  kind: SearchHitKind;

  @Field(() => MessageSender, {
    description:
      'Who wrote it: the message sender; for a note AGENT, or SYSTEM when written with an API key.',
  })
  sender: MessageSender;

  @Field({ description: 'Channel time of a message, creation time of a note.' })
  at: Date;

  @Field(() => Float, {
    description:
      'Relevance, 0 to 1: how closely the text holds the query as one phrase, accents and case aside. Hits are sorted by it, then newest first.',
  })
  score: number;

  @Field({
    description:
      'Plain text around the first match, at most about 160 characters; "…" marks a cut. Not HTML: escape it, or use `snippetHtml`.',
  })
  snippet: string;

  @Field(() => [TextRange], {
    description: 'Where the query words are in `snippet`, in order, not overlapping.',
  })
  highlights: TextRange[];
}

@ObjectType({ description: 'A page of search hits, best first.' })
export class MessageSearchHitConnection extends ConnectionType(MessageSearchHit) {}
