import { Field, ID, InputType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

/**
 * Sets one custom field value. There is deliberately no way to name a header field here: the
 * customer's name, phone, channel, channel user id and avatar come from the channel.
 */
@InputType({ description: 'A custom field value to set on a customer.' })
export class CustomerFieldSetInput {
  @Field(() => ID, { description: 'The customer.' })
  customerId: string;

  @Field({ description: 'Key of a custom field of the workspace (see `customFields`).' })
  key: string;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'The value in the field type: TEXT a string (≤ 2000 characters), NUMBER a JSON number (not a quoted ' +
      'string), DATE "YYYY-MM-DD", BOOLEAN true/false, SELECT one of the options. Null clears it, ' +
      'unless the field is required.',
  })
  value?: unknown;
}

@InputType({ description: 'A tag to put on, or take off, a customer.' })
export class CustomerTagInput {
  @Field(() => ID, { description: 'The customer.' })
  customerId: string;

  @Field(() => ID, { description: 'The tag (see `tags`).' })
  tagId: string;
}
