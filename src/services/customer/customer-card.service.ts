import { Customer } from '../../entities/customer.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { CustomerTag } from '../../entities/customer-tag.entity';
import { Tag } from '../../entities/tag.entity';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { headerFieldOf, validateFieldValue, type FieldValue } from '../custom-field/custom-field-value';

export interface CustomerFieldSetValues {
  customerId: string;
  key: string;
  value?: unknown;
}

export interface CustomerFieldSetResult {
  customer: Customer;
  field: CustomField;
  value: FieldValue | null;
}

/**
 * Sets (or, with null, clears) one custom field value on a customer. Header fields are refused:
 * they come from the channel and are read-only through the API.
 */
export async function setCustomerField(
  caller: Caller,
  input: CustomerFieldSetValues,
): Promise<CustomerFieldSetResult> {
  const customer = await ownedRow(caller, Customer, input.customerId);
  const header = headerFieldOf(input.key);
  if (header) {
    throw new BusinessRuleError(
      UserErrorCode.READ_ONLY_FIELD,
      `The customer's ${header} comes from the channel and cannot be changed through the API; ` +
        'custom fields (see customFields) are the ones agents fill.',
      ['input', 'key'],
    );
  }
  const key = input.key.trim();
  const field = await caller.deps.dataSource
    .getRepository(CustomField)
    .findOne({ where: { workspaceId: caller.viewer.workspaceId, key } });
  if (!field) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_FIELD_VALUE,
      `No custom field has the key "${input.key}"; the customFields query lists the keys of this workspace.`,
      ['input', 'key'],
    );
  }
  const value = validateFieldValue(field, input.value, ['input', 'value']);
  const values = caller.deps.dataSource.getRepository(CustomerFieldValue);
  if (value === null) {
    await values.delete({ customerId: customer.id, fieldId: field.id });
  } else {
    // Upsert: concurrent writers of the same field simply leave the last value.
    await values.upsert(
      {
        customerId: customer.id,
        fieldId: field.id,
        workspaceId: customer.workspaceId,
        value: value as never,
      },
      ['customerId', 'fieldId'],
    );
  }
  return { customer, field, value };
}

/** Puts a tag on a customer; tagging twice is harmless. */
export async function tagCustomer(
  caller: Caller,
  input: { customerId: string; tagId: string },
): Promise<{ customer: Customer; tag: Tag }> {
  const customer = await ownedRow(caller, Customer, input.customerId);
  const tag = await ownedRow(caller, Tag, input.tagId);
  await caller.deps.dataSource
    .createQueryBuilder()
    .insert()
    .into(CustomerTag)
    .values({ customerId: customer.id, tagId: tag.id, workspaceId: customer.workspaceId })
    .orIgnore()
    .execute();
  return { customer, tag };
}

/** Takes a tag off a customer; untagging a customer without it is harmless. */
export async function untagCustomer(
  caller: Caller,
  input: { customerId: string; tagId: string },
): Promise<{ customer: Customer; tag: Tag }> {
  const customer = await ownedRow(caller, Customer, input.customerId);
  const tag = await ownedRow(caller, Tag, input.tagId);
  await caller.deps.dataSource.getRepository(CustomerTag).delete({ customerId: customer.id, tagId: tag.id });
  return { customer, tag };
}
