import {
  CustomerCardDocument,
  CustomerFieldSetDocument,
  CustomerTagDocument,
  CustomerUntagDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createCustomer,
  createCustomField,
  createTestApiKey,
  createTestWorkspace,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, CustomFieldType } from '../../entities/enums';
import { type Customer } from '../../entities/customer.entity';
import { Tag } from '../../entities/tag.entity';

describe('customer card: custom field values and tags', () => {
  const t = useTestApp();
  const deps = t.factories;
  const w = useWorkspace(t);
  let customer: Customer;
  let customerId: string;

  beforeEach(async () => {
    customer = await createCustomer(deps, w.channel, { name: 'Ana Channel' });
    customerId = toGlobalId('Customer', customer.id);
    await createCustomField(deps, w.workspace.id, { key: 'notes', type: CustomFieldType.TEXT });
    await createCustomField(deps, w.workspace.id, { key: 'score', type: CustomFieldType.NUMBER });
    await createCustomField(deps, w.workspace.id, { key: 'renewal', type: CustomFieldType.DATE });
    await createCustomField(deps, w.workspace.id, { key: 'vip', type: CustomFieldType.BOOLEAN });
    await createCustomField(deps, w.workspace.id, {
      key: 'plan',
      label: 'Plan',
      type: CustomFieldType.SELECT,
      options: ['basic', 'pro'],
    });
    await createCustomField(deps, w.workspace.id, {
      key: 'document',
      label: 'Document',
      type: CustomFieldType.TEXT,
      required: true,
    });
  });

  const setField = (key: string, value: unknown, token = w.agentA.token) =>
    t.gql(CustomerFieldSetDocument, { input: { customerId, key, value } }, token);

  async function storedValue(key: string) {
    const card = await t.gql(CustomerCardDocument, { id: customerId }, w.agentA.token);
    expect(card.errors).toBeUndefined();
    return card.data!.customer!.fields.find((entry) => entry.key === key)?.value ?? null;
  }

  const valid: [string, string, unknown, unknown][] = [
    ['TEXT', 'notes', 'Prefers mornings', 'Prefers mornings'],
    ['TEXT (trimmed)', 'notes', '  spaced  ', 'spaced'],
    ['TEXT at the 2000-character limit', 'notes', 'x'.repeat(2000), 'x'.repeat(2000)],
    ['NUMBER integer', 'score', 42, 42],
    ['NUMBER decimal and negative', 'score', -3.5, -3.5],
    ['DATE', 'renewal', '2026-03-31', '2026-03-31'],
    ['DATE on a leap day', 'renewal', '2028-02-29', '2028-02-29'],
    ['BOOLEAN true', 'vip', true, true],
    ['BOOLEAN false', 'vip', false, false],
    ['SELECT option', 'plan', 'pro', 'pro'],
  ];
  it.each(valid)('stores a valid %s value', async (_label, key, value, stored) => {
    const result = await setField(key, value);
    expect(result.errors).toBeUndefined();
    expect(result.data!.customerFieldSet.userErrors).toEqual([]);
    expect(result.data!.customerFieldSet.fieldValue).toMatchObject({ key, value: stored });
    expect(result.data!.customerFieldSet.customer!.fields.find((entry) => entry.key === key)!.value).toEqual(
      stored,
    );
    expect(await storedValue(key)).toEqual(stored);
  });

  const invalid: [string, string, unknown, RegExp][] = [
    ['TEXT given a number', 'notes', 12, /expects a text \(TEXT\)/],
    ['TEXT over 2000 characters', 'notes', 'x'.repeat(2001), /at most 2000 characters/],
    ['NUMBER given a numeric string', 'score', '42', /JSON number \(NUMBER\)/],
    ['NUMBER given a boolean', 'score', true, /NUMBER/],
    ['NUMBER given an object', 'score', { amount: 1 }, /NUMBER/],
    ['DATE in another format', 'renewal', '31/03/2026', /YYYY-MM-DD \(DATE\)/],
    ['DATE that does not exist', 'renewal', '2026-02-30', /YYYY-MM-DD \(DATE\)/],
    ['DATE with a time', 'renewal', '2026-03-31T10:00:00Z', /DATE/],
    ['BOOLEAN given a string', 'vip', 'true', /true or false \(BOOLEAN\)/],
    ['SELECT not among the options', 'plan', 'gold', /one of "basic", "pro" \(SELECT\)/],
    ['SELECT in another case', 'plan', 'PRO', /SELECT/],
    ['SELECT given a list', 'plan', ['pro'], /SELECT/],
  ];
  it.each(invalid)(
    'refuses %s with INVALID_FIELD_VALUE naming the type',
    async (_label, key, value, message) => {
      const result = await setField(key, value);
      expect(result.errors).toBeUndefined();
      const [error] = result.data!.customerFieldSet.userErrors;
      expect(error).toMatchObject({ code: 'INVALID_FIELD_VALUE', field: ['input', 'value'] });
      expect(error!.message).toMatch(message);
      expect(result.data!.customerFieldSet.customer).toBeNull();
      expect(await storedValue(key)).toBeNull();
    },
  );

  it('null (or an empty text) clears an optional value', async () => {
    await setField('score', 7);
    const cleared = await setField('score', null);
    expect(cleared.data!.customerFieldSet.userErrors).toEqual([]);
    expect(cleared.data!.customerFieldSet.fieldValue!.value).toBeNull();
    expect(await storedValue('score')).toBeNull();

    await setField('notes', 'hello');
    await setField('notes', '   ');
    expect(await storedValue('notes')).toBeNull();
  });

  it('a required field takes values but cannot be cleared (REQUIRED_FIELD)', async () => {
    expect((await setField('document', 'CC 123')).data!.customerFieldSet.userErrors).toEqual([]);
    for (const empty of [null, '']) {
      const result = await setField('document', empty);
      expect(result.data!.customerFieldSet.userErrors).toEqual([
        expect.objectContaining({ code: 'REQUIRED_FIELD', field: ['input', 'value'] }),
      ]);
    }
    expect(await storedValue('document')).toBe('CC 123');
  });

  it('an unknown key is INVALID_FIELD_VALUE on the key path', async () => {
    const result = await setField('shoe_size', 42);
    expect(result.data!.customerFieldSet.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_FIELD_VALUE', field: ['input', 'key'] }),
    ]);
    expect(result.data!.customerFieldSet.userErrors[0]!.message).toMatch(
      /No custom field has the key "shoe_size"/,
    );
  });

  it.each(['name', 'phone', 'channelUserId', 'channel_user_id', 'avatarUrl', 'channel', 'Name'])(
    'the header field %s is read-only: READ_ONLY_FIELD, and the name stays',
    async (key) => {
      const result = await setField(key, 'Someone Else');
      expect(result.errors).toBeUndefined();
      const [error] = result.data!.customerFieldSet.userErrors;
      expect(error).toMatchObject({ code: 'READ_ONLY_FIELD', field: ['input', 'key'] });
      // The name is edited with customerUpdate; the rest of the header comes from the channel.
      expect(error!.message).toMatch(
        key.toLowerCase() === 'name' ? /set it with customerUpdate/ : /comes from the channel/,
      );
      const card = await t.gql(CustomerCardDocument, { id: customerId }, w.agentA.token);
      expect(card.data!.customer).toMatchObject({ name: 'Ana Channel', phone: customer.phone });
    },
  );

  it('the input has no header fields: trying to send a name is refused by GraphQL itself', async () => {
    const result = await t.gql(
      `mutation { customerFieldSet(input: { customerId: "${customerId}", key: "notes", value: "x", name: "Someone Else" }) { userErrors { code } } }`,
      {},
      w.agentA.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/"name" is not defined by type "CustomerFieldSetInput"/);
    const card = await t.gql(CustomerCardDocument, { id: customerId }, w.agentA.token);
    expect(card.data!.customer!.name).toBe('Ana Channel');
  });

  it('customerTag and customerUntag are idempotent', async () => {
    const tag = await deps.dataSource.getRepository(Tag).save({ workspaceId: w.workspace.id, name: 'VIP' });
    const input = { customerId, tagId: toGlobalId('Tag', tag.id) };
    for (let round = 0; round < 2; round++) {
      const tagged = await t.gql(CustomerTagDocument, { input }, w.agentA.token);
      expect(tagged.data!.customerTag.userErrors).toEqual([]);
      expect(tagged.data!.customerTag.customer!.tags.map((each) => each.name)).toEqual(['VIP']);
      expect(tagged.data!.customerTag.tag!.id).toBe(input.tagId);
    }
    for (let round = 0; round < 2; round++) {
      const untagged = await t.gql(CustomerUntagDocument, { input }, w.agentA.token);
      expect(untagged.data!.customerUntag.userErrors).toEqual([]);
      expect(untagged.data!.customerUntag.customer!.tags).toEqual([]);
    }
  });

  it('foreign or unknown customers and tags are NOT_FOUND', async () => {
    const other = await createTestWorkspace(deps);
    const foreignCustomer = await createCustomer(deps, other.channel);
    const foreignTag = await deps.dataSource
      .getRepository(Tag)
      .save({ workspaceId: other.workspace.id, name: 'X' });
    const ownTag = await deps.dataSource
      .getRepository(Tag)
      .save({ workspaceId: w.workspace.id, name: 'Own' });

    const foreignSet = await t.gql(
      CustomerFieldSetDocument,
      { input: { customerId: toGlobalId('Customer', foreignCustomer.id), key: 'notes', value: 'x' } },
      w.agentA.token,
    );
    expect(foreignSet.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const garbage = await t.gql(
      CustomerFieldSetDocument,
      { input: { customerId: 'not-an-id', key: 'notes', value: 'x' } },
      w.agentA.token,
    );
    expect(garbage.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const foreignTagging = await t.gql(
      CustomerTagDocument,
      { input: { customerId, tagId: toGlobalId('Tag', foreignTag.id) } },
      w.agentA.token,
    );
    expect(foreignTagging.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const foreignCustomerTagging = await t.gql(
      CustomerUntagDocument,
      {
        input: {
          customerId: toGlobalId('Customer', foreignCustomer.id),
          tagId: toGlobalId('Tag', ownTag.id),
        },
      },
      w.agentA.token,
    );
    expect(foreignCustomerTagging.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('agents, admins and write (or admin) keys may edit the card; read and bot keys are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
    const tag = await deps.dataSource.getRepository(Tag).save({ workspaceId: w.workspace.id, name: 'VIP' });
    const tagInput = { customerId, tagId: toGlobalId('Tag', tag.id) };
    const allowed = [
      w.agentA.token,
      w.admin.token,
      (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key,
      (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key,
    ];
    for (const token of allowed) {
      expect((await setField('score', 1, token)).data!.customerFieldSet.userErrors).toEqual([]);
      expect(
        (await t.gql(CustomerTagDocument, { input: tagInput }, token)).data!.customerTag.userErrors,
      ).toEqual([]);
      expect((await t.gql(CustomerUntagDocument, { input: tagInput }, token)).errors).toBeUndefined();
    }
    for (const scopes of [[ApiKeyScope.READ], [ApiKeyScope.BOT]]) {
      const { key } = await createTestApiKey(deps, w.workspace.id, scopes);
      expect((await setField('score', 1, key)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(CustomerTagDocument, { input: tagInput }, key)).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect(
        (await t.gql(CustomerUntagDocument, { input: tagInput }, key)).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    }
    expect((await setField('score', 1, '')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(CustomerTagDocument, { input: tagInput })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
