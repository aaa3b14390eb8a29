import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { type ConnectionShape, type PageInfoShape, type PageRequest } from '../services/paging';

/** The page arguments of every connection; checked and applied by `services/paging`. */
@ArgsType()
export class PageArgs implements PageRequest {
  @Field(() => Int, { nullable: true, description: 'Forward page size, 1–100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to read forward from.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Backward page size, 1–100.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to read backward from.' })
  before?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
export class PageInfo implements PageInfoShape {
  @Field({ description: 'More items exist after `endCursor`.' })
  hasNextPage: boolean;

  @Field({ description: 'More items exist before `startCursor`.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page.' })
  endCursor: string | null;
}

/** Builds `XConnection` and `XEdge` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An edge to a ${name}.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this edge.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType()
  abstract class Connection implements ConnectionShape<T> {
    @Field(() => [EdgeType], { description: 'The page, in order.' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page sits.' })
    pageInfo: PageInfo;

    countTotal: () => Promise<number>;

    @Field(() => [nodeType], { description: 'The nodes of the page, without cursors.' })
    nodes(): T[] {
      return this.edges.map((edge) => edge.node);
    }

    @Field(() => Int, { description: 'How many items match in all (one extra count query).' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return Connection;
}
