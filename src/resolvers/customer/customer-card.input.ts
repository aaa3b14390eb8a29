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

@InputType({ description: 'A custom field value, by key.' })
export class CustomerFieldInput {
  @Field({ description: 'Key of a custom field of the workspace (see `customFields`).' })
  key: string;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The value in the field type, as for customerFieldSet; null clears it.',
  })
  value?: unknown;
}

@InputType({
  description:
    'A customer of a channel account by phone or channel user id: found, or created. Given values are written; absent ones are left as they are.',
})
export class CustomerUpsertInput {
  @Field(() => ID, { description: 'The channel account the customer writes on.' })
  channelAccountId: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Phone in international format (e.g. +34 600 12 34 56), stored as E.164. Alone it finds the account’s customer with this number, or creates one (on WhatsApp its wa_id is the number’s digits).',
  })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The channel’s id of the person (wa_id, PSID, IGSID or your API channel id); wins over phone.',
  })
  channelUserId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name; from now on the channel’s profile name does not replace it.',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email?: string | null;

  @Field(() => [CustomerFieldInput], { nullable: true, description: 'Custom field values to set.' })
  fields?: CustomerFieldInput[] | null;
}

@InputType({
  description:
    'Changes to what agents edit on a customer: absent leaves a value as it is, null clears it. The channel header (channel, channel user id, phone, avatar) is read-only.',
})
export class CustomerUpdateInput {
  @Field(() => ID, { description: 'The customer.' })
  customerId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Name; from now on the channel’s profile name does not replace it.',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email?: string | null;

  @Field(() => [CustomerFieldInput], {
    nullable: true,
    description: 'Custom field values to set or clear, all or none.',
  })
  fields?: CustomerFieldInput[] | null;
}

@InputType({ description: 'Two customers of one channel account that are the same person.' })
export class CustomerMergeInput {
  @Field(() => ID, {
    description: 'The survivor: it keeps its id, identity and values, and receives the rest.',
  })
  into: string;

  @Field(() => ID, { description: 'The customer merged away: its id answers NOT_FOUND afterwards.' })
  from: string;
}
