import { Field, ID, ObjectType } from 'type-graphql';
import { CustomField } from '../../entities/custom-field.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of customFieldCreate and customFieldUpdate.' })
export class CustomFieldPayload extends MutationPayload {
  @Field(() => CustomField, { nullable: true, description: 'The field as stored.' })
  customField?: CustomField | null;
}

@ObjectType({ description: 'Result of customFieldDelete.' })
export class CustomFieldDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Id of the deleted field.' })
  deletedCustomFieldId?: string | null;
}
