import { ChannelAccount } from '../../entities/channel-account.entity';
import { type CustomField } from '../../entities/custom-field.entity';
import { Customer } from '../../entities/customer.entity';
import { ChannelKind } from '../../entities/enums';
import { EventType } from '../../realtime/event-types';
import { type FieldValue, validateFieldValue } from '../custom-field/custom-field-value';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { inTransaction, type UnitOfWork } from '../unit-of-work';
import { customFieldOf, writeFieldValue } from './customer-card.service';
import { emitCustomerEvent } from './customer-events';
import { normalizePhone, phoneDigits } from './phone';

const NAME_MAX = 200;
const EMAIL_MAX = 254;
const CHANNEL_USER_ID_MAX = 200;
/** One @, something on each side, a dot in the domain, no spaces: what a UI can check too. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Merges chain through at most this many survivors (each merge re-points older tombstones). */
const MAX_MERGE_HOPS = 3;

export interface CustomerFieldEntryValue {
  key: string;
  value?: unknown;
}

/** The editable part of a customer; absent leaves a value as it is, null clears it. */
export interface CustomerEditableValues {
  name?: string | null;
  email?: string | null;
  fields?: CustomerFieldEntryValue[] | null;
}

export interface CustomerUpsertValues extends CustomerEditableValues {
  /** Database id of the channel account. */
  channelAccountId: string;
  phone?: string | null;
  channelUserId?: string | null;
}

const invalid = (message: string, field: string[]) =>
  new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, field);

function cleanName(name: string | null): string | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed.length > NAME_MAX)
    throw invalid(`The name is longer than ${NAME_MAX} characters.`, ['input', 'name']);
  return trimmed === '' ? null : trimmed;
}

function cleanEmail(email: string | null): string | null {
  const trimmed = email?.trim() ?? '';
  if (trimmed === '') return null;
  if (trimmed.length > EMAIL_MAX || !EMAIL.test(trimmed)) {
    throw invalid(`"${email}" is not an e-mail address (name@example.com).`, ['input', 'email']);
  }
  return trimmed;
}

interface CheckedEdits {
  name?: string | null;
  email?: string | null;
  fields: { field: CustomField; value: FieldValue | null }[];
}

/** Validates every edit before anything is written: one bad field refuses the whole call. */
async function checkEdits(caller: Caller, input: CustomerEditableValues): Promise<CheckedEdits> {
  const edits: CheckedEdits = { fields: [] };
  if (input.name !== undefined) edits.name = cleanName(input.name);
  if (input.email !== undefined) edits.email = cleanEmail(input.email);
  const seen = new Set<string>();
  for (const [index, entry] of (input.fields ?? []).entries()) {
    const path = ['input', 'fields', String(index)];
    const field = await customFieldOf(caller, entry.key, [...path, 'key']);
    if (seen.has(field.key)) throw invalid(`The field "${field.key}" is given twice.`, [...path, 'key']);
    seen.add(field.key);
    edits.fields.push({ field, value: validateFieldValue(field, entry.value, [...path, 'value']) });
  }
  return edits;
}

/** Writes checked edits on a locked customer; returns what changed (`name`, `email`, `fields.<key>`). */
async function applyEdits(
  uow: UnitOfWork,
  caller: Caller,
  customer: Customer,
  edits: CheckedEdits,
): Promise<string[]> {
  const changed: string[] = [];
  const columns: Partial<Customer> = {};
  if (edits.name !== undefined && edits.name !== customer.name) {
    columns.name = edits.name;
    changed.push('name');
  }
  // Written by a person: the channel's profile name no longer replaces it.
  if (edits.name !== undefined) columns.nameEditedAt = caller.deps.clock.now();
  if (edits.email !== undefined && edits.email !== customer.email) {
    columns.email = edits.email;
    changed.push('email');
  }
  if (Object.keys(columns).length > 0) {
    await uow.manager.update(Customer, { id: customer.id }, columns);
    Object.assign(customer, columns);
  }
  for (const { field, value } of edits.fields) {
    if (await writeFieldValue(uow, customer, field, value)) changed.push(`fields.${field.key}`);
  }
  return changed;
}

/** The customer locked for update (merged ones are NOT_FOUND), for customerUpdate and merges. */
export async function lockCustomer(uow: UnitOfWork, customerId: string): Promise<Customer> {
  const customer = await uow.manager.findOne(Customer, {
    where: { id: customerId, workspaceId: uow.workspaceId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!customer) throw notFound('Customer');
  return customer;
}

/**
 * Edits what agents and partners may change on a customer: name, e-mail and custom fields, in one
 * transaction (one CUSTOMER_UPDATED event naming what changed). The channel header (channel,
 * channel user id, phone, avatar) is not part of the input: it comes from the channel.
 */
export async function updateCustomer(
  caller: Caller,
  input: CustomerEditableValues & { customerId: string },
): Promise<Customer> {
  await ownedRow(caller, Customer, input.customerId);
  const edits = await checkEdits(caller, input);
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const customer = await lockCustomer(uow, input.customerId);
    const changed = await applyEdits(uow, caller, customer, edits);
    if (changed.length > 0) emitCustomerEvent(uow, EventType.CUSTOMER_UPDATED, customer.id, { changed });
    return customer;
  });
}

/** Who a customerUpsert names on an account: the channel user id to create, or an existing customer. */
interface Identity {
  channelUserId: string;
  phone: string | null;
}

function identityOf(account: ChannelAccount, input: CustomerUpsertValues): Identity {
  const rawPhone = input.phone?.trim() ?? '';
  const phone = rawPhone === '' ? null : normalizePhone(rawPhone);
  if (rawPhone !== '' && phone === null) {
    throw invalid(
      `"${input.phone}" is not an international phone number: write it with its country code, e.g. +34600123456.`,
      ['input', 'phone'],
    );
  }
  const channelUserId = input.channelUserId?.trim() ?? '';
  if (channelUserId.length > CHANNEL_USER_ID_MAX) {
    throw invalid(`The channel user id is longer than ${CHANNEL_USER_ID_MAX} characters.`, [
      'input',
      'channelUserId',
    ]);
  }
  if (channelUserId !== '') return { channelUserId, phone };
  if (phone === null) throw invalid('Give the customer’s phone or channelUserId.', ['input', 'phone']);
  switch (account.kind) {
    case ChannelKind.WHATSAPP:
      // WhatsApp knows a person by their number: the wa_id is its digits.
      return { channelUserId: phoneDigits(phone), phone };
    case ChannelKind.API:
      return { channelUserId: phone, phone };
    case ChannelKind.MESSENGER:
    case ChannelKind.INSTAGRAM:
      throw invalid(`${account.kind} knows people by a page-scoped id, not by phone: give channelUserId.`, [
        'input',
        'channelUserId',
      ]);
  }
}

/**
 * The customer of a channel account by phone or channel user id, created when there is none, with
 * the given name, e-mail and fields (validated before anything is written, applied in the same
 * transaction). A phone alone finds the account's customer with that number first. The identity of
 * a merged customer leads to the survivor. Events: CUSTOMER_CREATED, or CUSTOMER_UPDATED when an
 * existing customer changed.
 */
export async function upsertCustomer(
  caller: Caller,
  input: CustomerUpsertValues,
): Promise<{ customer: Customer; created: boolean }> {
  const account = await ownedRow(caller, ChannelAccount, input.channelAccountId);
  const identity = identityOf(account, input);
  const edits = await checkEdits(caller, input);
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const { manager } = uow;
    const byPhone =
      !input.channelUserId?.trim() && identity.phone
        ? await manager.findOne(Customer, {
            where: { channelAccountId: account.id, phone: identity.phone },
            order: { createdAt: 'ASC' },
          })
        : null;
    let createdId: string | null = null;
    if (!byPhone) {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Customer)
        .values({
          workspaceId: account.workspaceId,
          channelAccountId: account.id,
          channel: account.kind,
          channelUserId: identity.channelUserId,
          phone: identity.phone,
        })
        .orIgnore()
        .returning('id')
        .execute();
      createdId = (inserted.raw as { id: string }[])[0]?.id ?? null;
    }
    let customer = await manager.findOneOrFail(Customer, {
      where: byPhone
        ? { id: byPhone.id }
        : { channelAccountId: account.id, channelUserId: identity.channelUserId },
      withDeleted: true,
      lock: { mode: 'pessimistic_write' },
    });
    for (let hop = 0; customer.mergedIntoId !== null; hop += 1) {
      if (hop >= MAX_MERGE_HOPS) throw new Error(`Customer ${customer.id} merges through too many survivors`);
      customer = await manager.findOneOrFail(Customer, {
        where: { id: customer.mergedIntoId },
        withDeleted: true,
        lock: { mode: 'pessimistic_write' },
      });
    }
    const created = createdId !== null && customer.id === createdId;
    const changed: string[] = [];
    if (!created && identity.phone && customer.phone !== identity.phone) {
      if (customer.phone !== null) {
        throw new BusinessRuleError(
          UserErrorCode.READ_ONLY_FIELD,
          `This customer's phone is ${customer.phone}, from the channel; it cannot be changed through the API.`,
          ['input', 'phone'],
        );
      }
      await manager.update(Customer, { id: customer.id }, { phone: identity.phone });
      customer.phone = identity.phone;
      changed.push('phone');
    }
    changed.push(...(await applyEdits(uow, caller, customer, edits)));
    if (created) emitCustomerEvent(uow, EventType.CUSTOMER_CREATED, customer.id);
    else if (changed.length > 0) emitCustomerEvent(uow, EventType.CUSTOMER_UPDATED, customer.id, { changed });
    return { customer, created };
  });
}
