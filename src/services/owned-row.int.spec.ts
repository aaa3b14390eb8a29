import { Tag } from '../entities/tag.entity';
import { toGlobalId } from '../entities/global-id';
import { useTestApp } from '../testing/test-lifecycle';
import { createCustomer, createTestWorkspace, tagCustomer } from '../testing/factories';
import { type Caller } from './caller';
import { AccessError, AccessErrorCode } from './errors';
import { ownedRow, ownedRowOrNull } from './owned-row';

/** Services read tenant rows by database id, only inside the caller's workspace. */
describe('ownedRow', () => {
  const t = useTestApp();

  async function workspaceWithTag(name: string): Promise<{ caller: Caller; tag: Tag }> {
    const deps = t.factories;
    const w = await createTestWorkspace(deps);
    const tag = await tagCustomer(deps, await createCustomer(deps, w.channel), name);
    const viewer = {
      workspace: w.workspace,
      workspaceId: w.workspace.id,
      principal: { kind: 'agent' as const, agent: w.admin.agent },
    };
    return { caller: { deps: t.app.deps, viewer }, tag };
  }

  const notFound = { code: AccessErrorCode.NOT_FOUND, message: 'Tag not found.' };

  it("reads the caller's own row by its database id", async () => {
    const { caller, tag } = await workspaceWithTag('VIP');
    await expect(ownedRow(caller, Tag, tag.id)).resolves.toMatchObject({ id: tag.id, name: 'VIP' });
  });

  it("treats another workspace's row exactly like a missing one", async () => {
    const mine = await workspaceWithTag('Mine');
    const theirs = await workspaceWithTag('Theirs');
    await expect(ownedRowOrNull(mine.caller, Tag, theirs.tag.id)).resolves.toBeNull();
    await expect(ownedRow(mine.caller, Tag, theirs.tag.id)).rejects.toMatchObject(notFound);
    await expect(ownedRow(mine.caller, Tag, '6f1c2a3b-0000-4000-8000-000000000000')).rejects.toMatchObject(
      notFound,
    );
  });

  it('answers NOT_FOUND, not a database error, for a malformed id', async () => {
    const { caller, tag } = await workspaceWithTag('VIP');
    for (const id of ['', 'nope', `${tag.id}x`, toGlobalId('Tag', tag.id)]) {
      const error = await ownedRow(caller, Tag, id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AccessError);
      expect(error).toMatchObject(notFound);
    }
  });
});
