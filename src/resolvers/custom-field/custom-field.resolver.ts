import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { CustomField } from '../../entities/custom-field.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';
import {
  createCustomField,
  deleteCustomField,
  updateCustomField,
} from '../../services/custom-field/custom-field.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import { CustomFieldCreateInput, CustomFieldDeleteInput, CustomFieldUpdateInput } from './custom-field.input';
import { CustomFieldDeletePayload, CustomFieldPayload } from './custom-field.payload';

@Resolver(() => CustomField)
export class CustomFieldResolver {
  @Query(() => [CustomField], { description: 'Custom customer fields, in display order.' })
  @Access(Allow.read)
  customFields(@Ctx() ctx: AuthedContext): Promise<CustomField[]> {
    return ctx.deps.dataSource
      .getRepository(CustomField)
      .find({ where: { workspaceId: ctx.viewer.workspaceId }, order: { position: 'ASC', key: 'ASC' } });
  }

  @Mutation(() => CustomFieldPayload, { description: 'Defines a custom customer field (admins).' })
  @Access(Allow.admin)
  customFieldCreate(
    @Arg('input', () => CustomFieldCreateInput, { description: 'The field.' }) input: CustomFieldCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomFieldPayload> {
    return mutate(CustomFieldPayload, async () => ({ customField: await createCustomField(ctx, input) }));
  }

  @Mutation(() => CustomFieldPayload, { description: 'Changes a custom field (admins); the key is fixed.' })
  @Access(Allow.admin)
  customFieldUpdate(
    @Arg('input', () => CustomFieldUpdateInput, { description: 'The changes.' })
    input: CustomFieldUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomFieldPayload> {
    return mutate(CustomFieldPayload, async () => ({
      customField: await updateCustomField(ctx, {
        ...input,
        customFieldId: localId(input.customFieldId, CustomField.name),
      }),
    }));
  }

  @Mutation(() => CustomFieldDeletePayload, {
    description: "Deletes a custom field and every customer's value of it (admins).",
  })
  @Access(Allow.admin)
  customFieldDelete(
    @Arg('input', () => CustomFieldDeleteInput, { description: 'The field.' }) input: CustomFieldDeleteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<CustomFieldDeletePayload> {
    return mutate(CustomFieldDeletePayload, async () => ({
      deletedCustomFieldId: await deleteCustomField(ctx, localId(input.customFieldId, CustomField.name)),
    }));
  }
}
