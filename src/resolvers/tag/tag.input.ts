import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new tag.' })
export class TagCreateInput {
  @Field({ description: 'Name (1–50 characters), unique in the workspace without regard to case.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Colour as #rrggbb; default #64748b.' })
  color?: string | null;
}

@InputType({ description: 'Changes to a tag; absent or null leaves a property as it is.' })
export class TagUpdateInput {
  @Field(() => ID, { description: 'The tag.' })
  tagId: string;

  @Field(() => String, { nullable: true, description: 'New name, unique without regard to case.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New colour as #rrggbb.' })
  color?: string | null;
}

@InputType({ description: 'The tag to delete; it comes off every customer.' })
export class TagDeleteInput {
  @Field(() => ID, { description: 'The tag.' })
  tagId: string;
}
