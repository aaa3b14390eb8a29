import {
  CustomerCardDocument,
  CustomerFieldSetDocument,
  CustomFieldCreateDocument,
  CustomFieldDeleteDocument,
  CustomFieldListDocument,
  CustomFieldUpdateDocument,
  type CustomFieldCreateInput,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createCustomer, createTestApiKey, createTestWorkspace } from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope } from '../../entities/enums';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';

describe('custom field catalog (admins)', () => {
  const t = useTestApp();
  const deps = t.factories;
  const w = useWorkspace(t);

  async function create(input: CustomFieldCreateInput, token = w.admin.token) {
    const result = await t.gql(CustomFieldCreateDocument, { input }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.customFieldCreate;
  }
  async function createOk(input: CustomFieldCreateInput) {
    const payload = await create(input);
    expect(payload.userErrors).toEqual([]);
    return payload.customField!;
  }
  async function keysInOrder() {
    const result = await t.gql(CustomFieldListDocument, {}, w.agentA.token);
    return result.data!.customFields.map((field) => `${field.position}:${field.key}`);
  }
  const setValue = (customerId: string, key: string, value: unknown) =>
    t.gql(CustomerFieldSetDocument, { input: { customerId, key, value } }, w.agentA.token);

  it('creates fields of every type, appended in order unless a position is given', async () => {
    const plan = await createOk({ key: 'plan', label: ' Plan ', type: 'SELECT', options: [' basic', 'pro'] });
    expect(plan).toMatchObject({
      key: 'plan',
      label: 'Plan',
      type: 'SELECT',
      options: ['basic', 'pro'],
      required: false,
    });
    await createOk({ key: 'notes', label: 'Notes', type: 'TEXT', required: true });
    await createOk({ key: 'score', label: 'Score', type: 'NUMBER' });
    await createOk({ key: 'renewal', label: 'Renewal', type: 'DATE', position: 0 });
    await createOk({ key: 'vip', label: 'VIP', type: 'BOOLEAN', position: 99 });
    expect(await keysInOrder()).toEqual(['0:renewal', '1:plan', '2:notes', '3:score', '4:vip']);
  });

  it('refuses bad keys, reserved header keys and duplicates', async () => {
    for (const key of ['Plan', '1plan', 'plan-type', '', 'a'.repeat(41), 'día']) {
      const payload = await create({ key, label: 'X', type: 'TEXT' });
      expect(payload.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'key'] }),
      ]);
    }
    expect((await create({ key: 'a'.repeat(40), label: 'X', type: 'TEXT' })).userErrors).toEqual([]);
    for (const key of ['name', 'phone', 'channel', 'channel_user_id', 'avatar_url']) {
      const payload = await create({ key, label: 'X', type: 'TEXT' });
      expect(payload.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'key'] });
      expect(payload.userErrors[0]!.message).toMatch(/reserved.*comes from the channel/);
    }
    await createOk({ key: 'plan', label: 'Plan', type: 'TEXT' });
    const duplicate = await create({ key: 'plan', label: 'Other', type: 'NUMBER' });
    expect(duplicate.userErrors).toEqual([
      expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'key'] }),
    ]);
    expect(duplicate.customField).toBeNull();

    // Keys are unique per workspace, not across workspaces.
    const other = await createTestWorkspace(deps);
    expect(
      (await create({ key: 'plan', label: 'Plan', type: 'TEXT' }, other.admin.token)).userErrors,
    ).toEqual([]);
  });

  it('SELECT needs at least one option, unique and non-empty; other types take none', async () => {
    const cases: [Partial<CustomFieldCreateInput>, RegExp][] = [
      [{ type: 'SELECT' }, /at least one option/],
      [{ type: 'SELECT', options: [] }, /at least one option/],
      [{ type: 'SELECT', options: ['a', 'a'] }, /listed twice/],
      [{ type: 'SELECT', options: ['a', ' '] }, /cannot be empty/],
      [{ type: 'TEXT', options: ['a'] }, /Only SELECT fields have options/],
    ];
    for (const [input, message] of cases) {
      const payload = await create({ key: 'field', label: 'Field', type: 'TEXT', ...input });
      expect(payload.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'options'] });
      expect(payload.userErrors[0]!.message).toMatch(message);
    }
    const blankLabel = await create({ key: 'field', label: '  ', type: 'TEXT' });
    expect(blankLabel.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'label'] });
    const negative = await create({ key: 'field', label: 'F', type: 'TEXT', position: -1 });
    expect(negative.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'position'] });
  });

  it('updates label, required, options and position; the new rules apply to values at once', async () => {
    const a = await createOk({ key: 'a', label: 'A', type: 'TEXT' });
    await createOk({ key: 'b', label: 'B', type: 'TEXT' });
    const plan = await createOk({ key: 'plan', label: 'Plan', type: 'SELECT', options: ['basic'] });

    const updated = await t.gql(
      CustomFieldUpdateDocument,
      {
        input: {
          customFieldId: plan.id,
          label: 'Plan type',
          options: ['basic', 'pro'],
          required: true,
          position: 0,
        },
      },
      w.admin.token,
    );
    expect(updated.data!.customFieldUpdate.userErrors).toEqual([]);
    expect(updated.data!.customFieldUpdate.customField).toMatchObject({
      label: 'Plan type',
      options: ['basic', 'pro'],
      required: true,
      position: 0,
    });
    expect(await keysInOrder()).toEqual(['0:plan', '1:a', '2:b']);

    const moved = await t.gql(
      CustomFieldUpdateDocument,
      { input: { customFieldId: a.id, position: 2 } },
      w.admin.token,
    );
    expect(moved.data!.customFieldUpdate.customField!.position).toBe(2);
    expect(await keysInOrder()).toEqual(['0:plan', '1:b', '2:a']);

    const customer = await createCustomer(deps, w.channel);
    const customerId = toGlobalId('Customer', customer.id);
    expect((await setValue(customerId, 'plan', 'pro')).data!.customerFieldSet.userErrors).toEqual([]);
    expect((await setValue(customerId, 'plan', null)).data!.customerFieldSet.userErrors[0]!.code).toBe(
      'REQUIRED_FIELD',
    );
  });

  it('the type cannot change once values exist (IN_USE); it can while none do', async () => {
    const score = await createOk({ key: 'score', label: 'Score', type: 'NUMBER' });
    const toText = await t.gql(
      CustomFieldUpdateDocument,
      { input: { customFieldId: score.id, type: 'TEXT' } },
      w.admin.token,
    );
    expect(toText.data!.customFieldUpdate.userErrors).toEqual([]);
    expect(toText.data!.customFieldUpdate.customField!.type).toBe('TEXT');

    const customer = await createCustomer(deps, w.channel);
    await setValue(toGlobalId('Customer', customer.id), 'score', 'ten');
    const back = await t.gql(
      CustomFieldUpdateDocument,
      { input: { customFieldId: score.id, type: 'NUMBER' } },
      w.admin.token,
    );
    expect(back.data!.customFieldUpdate.userErrors).toEqual([
      expect.objectContaining({ code: 'IN_USE', field: ['input', 'type'] }),
    ]);
    expect(back.data!.customFieldUpdate.userErrors[0]!.message).toMatch(/1 customer\(s\) have a value/);

    const toSelectWithoutOptions = await t.gql(
      CustomFieldUpdateDocument,
      {
        input: { customFieldId: (await createOk({ key: 'x', label: 'X', type: 'TEXT' })).id, type: 'SELECT' },
      },
      w.admin.token,
    );
    expect(toSelectWithoutOptions.data!.customFieldUpdate.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'options'],
    });
  });

  it('a SELECT option in use cannot be removed (IN_USE); unused ones can', async () => {
    const plan = await createOk({
      key: 'plan',
      label: 'Plan',
      type: 'SELECT',
      options: ['basic', 'pro', 'gold'],
    });
    const customer = await createCustomer(deps, w.channel);
    await setValue(toGlobalId('Customer', customer.id), 'plan', 'pro');

    const removeUsed = await t.gql(
      CustomFieldUpdateDocument,
      { input: { customFieldId: plan.id, options: ['basic'] } },
      w.admin.token,
    );
    expect(removeUsed.data!.customFieldUpdate.userErrors[0]).toMatchObject({
      code: 'IN_USE',
      field: ['input', 'options'],
    });
    expect(removeUsed.data!.customFieldUpdate.userErrors[0]!.message).toMatch(/"pro" \(1 customer\(s\)\)/);

    const removeUnused = await t.gql(
      CustomFieldUpdateDocument,
      { input: { customFieldId: plan.id, options: ['pro', 'basic'] } },
      w.admin.token,
    );
    expect(removeUnused.data!.customFieldUpdate.customField!.options).toEqual(['pro', 'basic']);
  });

  it('delete removes the field and every value of it, and closes the gap in positions', async () => {
    await createOk({ key: 'first', label: 'First', type: 'TEXT' });
    const doomed = await createOk({ key: 'doomed', label: 'Doomed', type: 'TEXT' });
    await createOk({ key: 'last', label: 'Last', type: 'TEXT' });
    const customer = await createCustomer(deps, w.channel);
    await setValue(toGlobalId('Customer', customer.id), 'doomed', 'value');

    const deleted = await t.gql(
      CustomFieldDeleteDocument,
      { input: { customFieldId: doomed.id } },
      w.admin.token,
    );
    expect(deleted.data!.customFieldDelete).toEqual({ userErrors: [], deletedCustomFieldId: doomed.id });
    expect(await keysInOrder()).toEqual(['0:first', '1:last']);
    expect(
      await deps.dataSource.getRepository(CustomerFieldValue).count({ where: { customerId: customer.id } }),
    ).toBe(0);
    const card = await t.gql(
      CustomerCardDocument,
      { id: toGlobalId('Customer', customer.id) },
      w.agentA.token,
    );
    expect(card.data!.customer!.fields.map((entry) => entry.key)).toEqual(['first', 'last']);

    const again = await t.gql(
      CustomFieldDeleteDocument,
      { input: { customFieldId: doomed.id } },
      w.admin.token,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('foreign field ids are NOT_FOUND', async () => {
    const other = await createTestWorkspace(deps);
    const foreign = await create({ key: 'theirs', label: 'Theirs', type: 'TEXT' }, other.admin.token);
    const id = foreign.customField!.id;
    const update = await t.gql(
      CustomFieldUpdateDocument,
      { input: { customFieldId: id, label: 'Mine' } },
      w.admin.token,
    );
    expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const remove = await t.gql(CustomFieldDeleteDocument, { input: { customFieldId: id } }, w.admin.token);
    expect(remove.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('admins and admin keys manage the catalog; agents and other keys are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
    const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
    const byKey = await create({ key: 'by_key', label: 'K', type: 'TEXT' }, adminKey);
    expect(byKey.userErrors).toEqual([]);
    const fieldId = byKey.customField!.id;

    const refused: [string | null, string][] = [
      [w.agentA.token, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE, ApiKeyScope.BOT])).key, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ];
    for (const [token, code] of refused) {
      const created = await t.gql(
        CustomFieldCreateDocument,
        { input: { key: 'x', label: 'X', type: 'TEXT' } },
        token,
      );
      expect(created.errors?.[0]?.extensions?.code).toBe(code);
      const updated = await t.gql(
        CustomFieldUpdateDocument,
        { input: { customFieldId: fieldId, label: 'Y' } },
        token,
      );
      expect(updated.errors?.[0]?.extensions?.code).toBe(code);
      const deleted = await t.gql(CustomFieldDeleteDocument, { input: { customFieldId: fieldId } }, token);
      expect(deleted.errors?.[0]?.extensions?.code).toBe(code);
    }
    const deleted = await t.gql(CustomFieldDeleteDocument, { input: { customFieldId: fieldId } }, adminKey);
    expect(deleted.data!.customFieldDelete.deletedCustomFieldId).toBe(fieldId);
  });
});
