import { Customer } from '../../entities/customer.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { CustomerTag } from '../../entities/customer-tag.entity';
import { Tag } from '../../entities/tag.entity';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { headerFieldOf, validateFieldValue, type FieldValue } from '../custom-field/custom-field-value';
import { EventType } from '../../realtime/event-types';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { emitCustomerEvent } from './customer-events';

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
 * they come from the channel and are read-only through the API. A change is a CUSTOMER_FIELD_SET
 * event in the same transaction; setting the value a field already has writes nothing.
 */
export async function setCustomerField(
  caller: Caller,
  input: CustomerFieldSetValues,
): Promise<CustomerFieldSetResult> {
  await ownedRow(caller, Customer, input.customerId);
  const field = await customFieldOf(caller, input.key, ['input', 'key']);
  const value = validateFieldValue(field, input.value, ['input', 'value']);
  const customer = await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const locked = await lockCustomerForChange(uow, input.customerId);
    if (await writeFieldValue(uow, locked, field, value)) {
      emitCustomerEvent(uow, EventType.CUSTOMER_FIELD_SET, locked.id, { key: field.key });
    }
    return locked;
  });
  return { customer, field, value };
}

/**
 * The custom field a key names, for writing a value. Header keys are refused (READ_ONLY_FIELD):
 * the channel header is read-only, and name and e-mail are set with customerUpdate.
 */
export async function customFieldOf(caller: Caller, rawKey: string, path: string[]): Promise<CustomField> {
  const header = headerFieldOf(rawKey);
  if (header) {
    const editable = header === 'name';
    throw new BusinessRuleError(
      UserErrorCode.READ_ONLY_FIELD,
      editable
        ? "The customer's name is not a custom field: set it with customerUpdate."
        : `The customer's ${header} comes from the channel and cannot be changed through the API; ` +
            'custom fields (see customFields) are the ones agents fill.',
      path,
    );
  }
  const key = rawKey.trim();
  const field = await caller.deps.dataSource
    .getRepository(CustomField)
    .findOne({ where: { workspaceId: caller.viewer.workspaceId, key } });
  if (!field) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_FIELD_VALUE,
      `No custom field has the key "${rawKey}"; the customFields query lists the keys of this workspace.`,
      path,
    );
  }
  return field;
}

/**
 * The customer, share-locked for a change of their card: a merge (which locks both customers for
 * update) waits for it or goes first, and a merged customer is NOT_FOUND here.
 */
export async function lockCustomerForChange(uow: UnitOfWork, customerId: string): Promise<Customer> {
  const customer = await uow.manager.findOne(Customer, {
    where: { id: customerId, workspaceId: uow.workspaceId },
    lock: { mode: 'pessimistic_read' },
  });
  if (!customer) throw notFound('Customer');
  return customer;
}

/** Stores (or with null clears) one value; true when it changed. */
export async function writeFieldValue(
  uow: UnitOfWork,
  customer: Customer,
  field: CustomField,
  value: FieldValue | null,
): Promise<boolean> {
  const values = uow.manager.getRepository(CustomerFieldValue);
  if (value === null) {
    return ((await values.delete({ customerId: customer.id, fieldId: field.id })).affected ?? 0) > 0;
  }
  // One statement, so concurrent writers of the same field simply leave the last value.
  const rows = (await uow.manager.query(
    `INSERT INTO customer_field_value (customer_id, field_id, workspace_id, value)
     VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (customer_id, field_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
       WHERE customer_field_value.value IS DISTINCT FROM EXCLUDED.value
     RETURNING 1`,
    [customer.id, field.id, customer.workspaceId, JSON.stringify(value)],
  )) as unknown[];
  return rows.length > 0;
}

/** Puts a tag on a customer (CUSTOMER_TAGGED); tagging twice is harmless and writes nothing. */
export async function tagCustomer(
  caller: Caller,
  input: { customerId: string; tagId: string },
): Promise<{ customer: Customer; tag: Tag }> {
  await ownedRow(caller, Customer, input.customerId);
  const tag = await ownedRow(caller, Tag, input.tagId);
  const customer = await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const customer = await lockCustomerForChange(uow, input.customerId);
    await applyCustomerTag(uow, customer, tag);
    return customer;
  });
  return { customer, tag };
}

/** Tags a customer locked in `uow` (single mutations and macros); false when it already had the tag. */
export async function applyCustomerTag(uow: UnitOfWork, customer: Customer, tag: Tag): Promise<boolean> {
  const inserted = await uow.manager
    .createQueryBuilder()
    .insert()
    .into(CustomerTag)
    .values({ customerId: customer.id, tagId: tag.id, workspaceId: customer.workspaceId })
    .orIgnore()
    .returning('tag_id')
    .execute();
  if ((inserted.raw as unknown[]).length === 0) return false;
  emitCustomerEvent(uow, EventType.CUSTOMER_TAGGED, customer.id, { tagId: tag.id });
  return true;
}

/** Takes a tag off a customer (CUSTOMER_UNTAGGED); untagging a customer without it writes nothing. */
export async function untagCustomer(
  caller: Caller,
  input: { customerId: string; tagId: string },
): Promise<{ customer: Customer; tag: Tag }> {
  await ownedRow(caller, Customer, input.customerId);
  const tag = await ownedRow(caller, Tag, input.tagId);
  const customer = await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const customer = await lockCustomerForChange(uow, input.customerId);
    const deleted = await uow.manager.delete(CustomerTag, { customerId: customer.id, tagId: tag.id });
    if ((deleted.affected ?? 0) > 0) {
      emitCustomerEvent(uow, EventType.CUSTOMER_UNTAGGED, customer.id, { tagId: tag.id });
    }
    return customer;
  });
  return { customer, tag };
}
