import { Field, ID, InputType, Int } from 'type-graphql';
import { CustomFieldType } from '../../entities/enums';

@InputType({ description: 'A new custom customer field.' })
export class CustomFieldCreateInput {
  @Field({
    description:
      'Stable machine name: a lower-case letter, then up to 39 lower-case letters, digits or _; unique in ' +
      'the workspace and fixed once created. Header names (name, phone, channel…) are reserved.',
  })
  key: string;

  @Field({ description: 'Label shown to agents (1–100 characters).' })
  label: string;

  @Field(() => CustomFieldType, { description: 'Type values are validated against.' })
  type: CustomFieldType;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether a value, once set, can no longer be cleared. Default false.',
  })
  required?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'SELECT only: the allowed values, at least one, unique.',
  })
  options?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Display position from 0; default last. Other fields shift.',
  })
  position?: number | null;
}

@InputType({ description: 'Changes to a custom field; absent or null leaves a property as it is.' })
export class CustomFieldUpdateInput {
  @Field(() => ID, { description: 'The field.' })
  customFieldId: string;

  @Field(() => String, { nullable: true, description: 'New label.' })
  label?: string | null;

  @Field(() => CustomFieldType, {
    nullable: true,
    description: 'New type; refused with IN_USE once any customer has a value.',
  })
  type?: CustomFieldType | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether a value can no longer be cleared.' })
  required?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'SELECT only: the new options (the whole list); an option in use cannot be removed (IN_USE).',
  })
  options?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'New display position from 0; other fields shift.' })
  position?: number | null;
}

@InputType({ description: 'The custom field to delete, with every value of it.' })
export class CustomFieldDeleteInput {
  @Field(() => ID, { description: 'The field.' })
  customFieldId: string;
}
