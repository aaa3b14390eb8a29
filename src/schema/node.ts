import { Field, ID, InterfaceType } from 'type-graphql';
import { toGlobalId } from '../entities/global-id';

/** Relay's Node: every object that can be fetched again by its global id. */
@InterfaceType({
  description: 'An object with a global id, fetchable with `node(id:)`.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  /** The database id; the GraphQL `id` is the global id built from it. */
  id: string;

  // Never a plain read: `id` is the getter `globalId`, not the row's `id` (types with simpleResolvers).
  @Field(() => ID, { name: 'id', simple: false, description: 'Global, opaque identifier.' })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}
