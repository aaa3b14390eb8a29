import {
  CustomerCardDocument,
  CustomerTagDocument,
  TagCreateDocument,
  TagDeleteDocument,
  TagListDocument,
  TagUpdateDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createCustomer, createTestApiKey, createTestWorkspace } from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope } from '../../entities/enums';

describe('tag catalog (admins)', () => {
  const t = useTestApp();
  const deps = t.factories;
  const w = useWorkspace(t);

  async function createTag(name: string, color?: string, token = w.admin.token) {
    const result = await t.gql(TagCreateDocument, { input: { name, color } }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.tagCreate;
  }

  it('creates tags with a colour (or the default) and lists them by name', async () => {
    const vip = await createTag(' VIP ', '#22C55E');
    expect(vip).toEqual({ userErrors: [], tag: { id: expect.any(String), name: 'VIP', color: '#22c55e' } });
    const churn = await createTag('Churn risk');
    expect(churn.tag).toMatchObject({ name: 'Churn risk', color: '#64748b' });
    const list = await t.gql(TagListDocument, {}, w.agentA.token);
    expect(list.data!.tags.map((tag) => tag.name)).toEqual(['Churn risk', 'VIP']);
  });

  it('names are unique without regard to case (DUPLICATE); colours must be #rrggbb; names cannot be blank', async () => {
    await createTag('VIP');
    const duplicate = await createTag('vip');
    expect(duplicate.userErrors).toEqual([
      expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'name'] }),
    ]);
    expect(duplicate.userErrors[0]!.message).toMatch(/"VIP" already exists/);
    for (const color of ['red', '#fff', '#12345g', '22c55e']) {
      const bad = await createTag(`Tag ${color}`, color);
      expect(bad.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'color'] }),
      ]);
    }
    expect((await createTag('   ')).userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'name'],
    });
    expect((await createTag('x'.repeat(51))).userErrors[0]).toMatchObject({ code: 'INVALID_INPUT' });

    const other = await createTestWorkspace(deps);
    expect((await createTag('VIP', undefined, other.admin.token)).userErrors).toEqual([]);
  });

  it('renames and recolours; a rename onto another tag is DUPLICATE, a change of case of its own name is not', async () => {
    const vip = (await createTag('VIP')).tag!;
    await createTag('Gold');
    const renamed = await t.gql(
      TagUpdateDocument,
      { input: { tagId: vip.id, name: 'Vip', color: '#000000' } },
      w.admin.token,
    );
    expect(renamed.data!.tagUpdate).toEqual({
      userErrors: [],
      tag: { id: vip.id, name: 'Vip', color: '#000000' },
    });
    const clash = await t.gql(TagUpdateDocument, { input: { tagId: vip.id, name: 'GOLD' } }, w.admin.token);
    expect(clash.data!.tagUpdate.userErrors[0]).toMatchObject({
      code: 'DUPLICATE',
      field: ['input', 'name'],
    });
    const badColor = await t.gql(
      TagUpdateDocument,
      { input: { tagId: vip.id, color: 'blue' } },
      w.admin.token,
    );
    expect(badColor.data!.tagUpdate.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'color'],
    });
  });

  it('delete takes the tag off every customer', async () => {
    const vip = (await createTag('VIP')).tag!;
    const customer = await createCustomer(deps, w.channel);
    const customerId = toGlobalId('Customer', customer.id);
    await t.gql(CustomerTagDocument, { input: { customerId, tagId: vip.id } }, w.agentA.token);
    const deleted = await t.gql(TagDeleteDocument, { input: { tagId: vip.id } }, w.admin.token);
    expect(deleted.data!.tagDelete).toEqual({ userErrors: [], deletedTagId: vip.id });
    const card = await t.gql(CustomerCardDocument, { id: customerId }, w.agentA.token);
    expect(card.data!.customer!.tags).toEqual([]);
    const again = await t.gql(TagDeleteDocument, { input: { tagId: vip.id } }, w.admin.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('foreign tag ids are NOT_FOUND', async () => {
    const other = await createTestWorkspace(deps);
    const theirs = (await createTag('Theirs', undefined, other.admin.token)).tag!;
    const update = await t.gql(
      TagUpdateDocument,
      { input: { tagId: theirs.id, name: 'Mine' } },
      w.admin.token,
    );
    expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const remove = await t.gql(TagDeleteDocument, { input: { tagId: theirs.id } }, w.admin.token);
    expect(remove.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('admins and admin keys manage tags; agents and other keys are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
    const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
    const tag = (await createTag('By key', undefined, adminKey)).tag!;
    const refused: [string | null, string][] = [
      [w.agentA.token, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE, ApiKeyScope.BOT])).key, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ];
    for (const [token, code] of refused) {
      expect(
        (await t.gql(TagCreateDocument, { input: { name: 'X' } }, token)).errors?.[0]?.extensions?.code,
      ).toBe(code);
      const update = await t.gql(TagUpdateDocument, { input: { tagId: tag.id, name: 'Y' } }, token);
      expect(update.errors?.[0]?.extensions?.code).toBe(code);
      const remove = await t.gql(TagDeleteDocument, { input: { tagId: tag.id } }, token);
      expect(remove.errors?.[0]?.extensions?.code).toBe(code);
    }
    const update = await t.gql(TagUpdateDocument, { input: { tagId: tag.id, color: '#ffffff' } }, adminKey);
    expect(update.data!.tagUpdate.userErrors).toEqual([]);
  });
});
