import { Field, ID, ObjectType } from 'type-graphql';
import { Tag } from '../../entities/tag.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of tagCreate and tagUpdate.' })
export class TagPayload extends MutationPayload {
  @Field(() => Tag, { nullable: true, description: 'The tag as stored.' })
  tag?: Tag | null;
}

@ObjectType({ description: 'Result of tagDelete.' })
export class TagDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Id of the deleted tag.' })
  deletedTagId?: string | null;
}
