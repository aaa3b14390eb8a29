import { type EntityManager } from 'typeorm';
import { CustomField } from '../../entities/custom-field.entity';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { CustomFieldType } from '../../entities/enums';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { inTransaction } from '../unit-of-work';
import { changesOf, recordAudit } from '../audit/audit.service';
import { AuditAction } from '../../entities/audit-entry.entity';

/** What the audit log shows of a custom field. */
const AUDITED = ['key', 'label', 'type', 'required', 'options', 'position'] as const;
import { headerFieldOf } from './custom-field-value';
import { shown } from '../text-limits';

export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const LABEL_MAX = 100;
const OPTION_MAX = 100;
const OPTIONS_MAX = 200;

export interface CustomFieldCreateValues {
  key: string;
  label: string;
  type: CustomFieldType;
  required?: boolean | null;
  options?: string[] | null;
  position?: number | null;
}

export interface CustomFieldUpdateValues {
  customFieldId: string;
  label?: string | null;
  type?: CustomFieldType | null;
  required?: boolean | null;
  options?: string[] | null;
  position?: number | null;
}

export const invalid = (message: string, field: string) =>
  new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, ['input', field]);

/**
 * Catalog changes of one workspace (fields and tags) run one at a time: uniqueness checks (tag names are unique
 * without regard to case, which the index cannot say) and position renumbering stay exact. An
 * advisory lock, not the workspace row, so event writers of the workspace are not held up.
 */
export async function lockCatalog(manager: EntityManager, workspaceId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('catalog:' || $1))`, [workspaceId]);
}

function checkLabel(label: string): string {
  const trimmed = label.trim();
  if (!trimmed) throw invalid('The label cannot be empty.', 'label');
  if (trimmed.length > LABEL_MAX) throw invalid(`The label is longer than ${LABEL_MAX} characters.`, 'label');
  return trimmed;
}

function checkOptions(type: CustomFieldType, options: string[] | null | undefined): string[] {
  const list = (options ?? []).map((option) => option.trim());
  if (type !== CustomFieldType.SELECT) {
    if (list.length > 0)
      throw invalid(`Only SELECT fields have options; a ${type} field has none.`, 'options');
    return [];
  }
  if (list.length === 0) throw invalid('A SELECT field needs at least one option.', 'options');
  if (list.length > OPTIONS_MAX)
    throw invalid(`A SELECT field has at most ${OPTIONS_MAX} options.`, 'options');
  if (list.some((option) => !option)) throw invalid('Options cannot be empty.', 'options');
  const long = list.find((option) => option.length > OPTION_MAX);
  if (long) throw invalid(`The option "${shown(long)}" is longer than ${OPTION_MAX} characters.`, 'options');
  const seen = new Set<string>();
  for (const option of list) {
    if (seen.has(option))
      throw invalid(`The option "${option}" is listed twice; options are unique.`, 'options');
    seen.add(option);
  }
  return list;
}

function checkPosition(position: number | null | undefined): number | null {
  if (position === null || position === undefined) return null;
  if (!Number.isInteger(position) || position < 0)
    throw invalid('The position is a whole number from 0.', 'position');
  return position;
}

/**
 * Puts `field` at `position` (0 first; past the end means last) and renumbers the workspace's
 * fields 0..n-1, so positions stay dense and ties never decide the order.
 */
async function placeField(
  manager: EntityManager,
  workspaceId: string,
  field: CustomField,
  position: number | null,
): Promise<void> {
  const repository = manager.getRepository(CustomField);
  const all = await repository.find({ where: { workspaceId }, order: { position: 'ASC', key: 'ASC' } });
  const others = all.filter((candidate) => candidate.id !== field.id);
  const current = all.findIndex((candidate) => candidate.id === field.id);
  const index = Math.min(position ?? (current >= 0 ? current : others.length), others.length);
  others.splice(index, 0, field);
  for (const [order, candidate] of others.entries()) {
    const stored = all.find((row) => row.id === candidate.id)?.position;
    if (stored !== order || candidate === field) {
      await repository.update({ id: candidate.id }, { position: order });
    }
    candidate.position = order;
  }
}

export async function createCustomField(
  caller: Caller,
  input: CustomFieldCreateValues,
): Promise<CustomField> {
  const key = input.key.trim();
  if (!FIELD_KEY_PATTERN.test(key)) {
    throw invalid(
      `"${shown(input.key)}" is not a valid key: start with a lower-case letter, then up to 39 lower-case letters, digits or _.`,
      'key',
    );
  }
  if (headerFieldOf(key)) {
    throw invalid(
      `"${key}" is reserved: the customer's ${headerFieldOf(key)} comes from the channel.`,
      'key',
    );
  }
  const label = checkLabel(input.label);
  const options = checkOptions(input.type, input.options);
  const position = checkPosition(input.position);
  const workspaceId = caller.viewer.workspaceId;
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    const { manager } = uow;
    await lockCatalog(manager, workspaceId);
    const repository = manager.getRepository(CustomField);
    if (await repository.exists({ where: { workspaceId, key } })) {
      throw new BusinessRuleError(
        UserErrorCode.DUPLICATE,
        `A custom field with the key "${key}" already exists.`,
        ['input', 'key'],
      );
    }
    const field = await repository.save(
      repository.create({
        workspaceId,
        key,
        label,
        type: input.type,
        required: input.required ?? false,
        options,
        position: 2 ** 31 - 1,
      }),
    );
    await placeField(manager, workspaceId, field, position);
    const changes = changesOf(null, field, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.CUSTOM_FIELD_CREATED,
      targetType: 'CustomField',
      targetId: field.id,
      changes,
    });
    return field;
  });
}

export async function updateCustomField(
  caller: Caller,
  input: CustomFieldUpdateValues,
): Promise<CustomField> {
  const found = await ownedRow(caller, CustomField, input.customFieldId);
  const workspaceId = caller.viewer.workspaceId;
  const label = input.label == null ? null : checkLabel(input.label);
  const position = checkPosition(input.position);
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    const { manager } = uow;
    await lockCatalog(manager, workspaceId);
    const field = await manager.getRepository(CustomField).findOneByOrFail({ id: found.id });
    const before = { ...field };
    const type = input.type ?? field.type;
    const typeChanges = type !== field.type;
    // Options kept when the type stays SELECT and none are given; dropped when it leaves SELECT.
    const options =
      input.options != null
        ? checkOptions(type, input.options)
        : type === CustomFieldType.SELECT
          ? checkOptions(type, typeChanges ? [] : field.options)
          : [];

    const inUse = await manager.query(
      `SELECT value #>> '{}' AS value, count(*)::int AS count
         FROM customer_field_value WHERE field_id = $1 GROUP BY 1`,
      [field.id],
    );
    const usage = inUse as { value: string; count: number }[];
    const total = usage.reduce((sum, row) => sum + row.count, 0);
    if (typeChanges && total > 0) {
      // Refused rather than converted: a silent conversion would lose or distort agents' data.
      throw new BusinessRuleError(
        UserErrorCode.IN_USE,
        `The type of "${field.key}" cannot change from ${field.type} to ${type}: ${total} customer(s) have a value. ` +
          'Create a new field instead, or clear the values first.',
        ['input', 'type'],
      );
    }
    if (!typeChanges && type === CustomFieldType.SELECT) {
      const removed = usage.filter((row) => !options.includes(row.value));
      if (removed.length > 0) {
        const list = removed.map((row) => `"${row.value}" (${row.count} customer(s))`).join(', ');
        throw new BusinessRuleError(
          UserErrorCode.IN_USE,
          `Options still in use cannot be removed: ${list}. Change those customers' values first.`,
          ['input', 'options'],
        );
      }
    }
    Object.assign(field, {
      type,
      options,
      ...(label !== null ? { label } : {}),
      ...(input.required != null ? { required: input.required } : {}),
    });
    await manager.getRepository(CustomField).save(field);
    if (position !== null) await placeField(manager, workspaceId, field, position);
    const changes = changesOf(before, field, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.CUSTOM_FIELD_UPDATED,
      targetType: 'CustomField',
      targetId: field.id,
      changes,
    });
    return field;
  });
}

/** Deletes a field with every customer's value of it (the values cascade). */
export async function deleteCustomField(caller: Caller, customFieldId: string): Promise<string> {
  const field = await ownedRow(caller, CustomField, customFieldId);
  const workspaceId = caller.viewer.workspaceId;
  await inTransaction(caller.deps, workspaceId, async (uow) => {
    const { manager } = uow;
    await lockCatalog(manager, workspaceId);
    await manager.getRepository(CustomerFieldValue).delete({ fieldId: field.id });
    await manager.getRepository(CustomField).delete({ id: field.id, workspaceId });
    const rest = await manager
      .getRepository(CustomField)
      .find({ where: { workspaceId }, order: { position: 'ASC', key: 'ASC' } });
    for (const [order, row] of rest.entries()) {
      if (row.position !== order)
        await manager.getRepository(CustomField).update({ id: row.id }, { position: order });
    }
    const changes = changesOf(field, null, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.CUSTOM_FIELD_DELETED,
      targetType: 'CustomField',
      targetId: field.id,
      changes,
    });
  });
  return field.globalId;
}
