import { type EntityManager } from 'typeorm';
import { Tag } from '../../entities/tag.entity';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { invalid, lockCatalog } from '../custom-field/custom-field.service';

const TAG_NAME_MAX = 50;
const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;

function checkTagName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('The tag name cannot be empty.', 'name');
  if (trimmed.length > TAG_NAME_MAX)
    throw invalid(`The tag name is longer than ${TAG_NAME_MAX} characters.`, 'name');
  return trimmed;
}

function checkColor(color: string): string {
  const trimmed = color.trim();
  if (!COLOR_PATTERN.test(trimmed))
    throw invalid(`"${color}" is not a colour as #rrggbb, e.g. #22c55e.`, 'color');
  return trimmed.toLowerCase();
}

async function assertTagNameFree(
  manager: EntityManager,
  workspaceId: string,
  name: string,
  exceptId?: string,
) {
  const query = manager
    .getRepository(Tag)
    .createQueryBuilder('t')
    .where('t.workspace_id = :workspaceId AND lower(t.name) = lower(:name)', { workspaceId, name });
  if (exceptId) query.andWhere('t.id <> :exceptId', { exceptId });
  const existing = await query.getOne();
  if (existing) {
    throw new BusinessRuleError(
      UserErrorCode.DUPLICATE,
      `A tag named "${existing.name}" already exists (tag names ignore case).`,
      ['input', 'name'],
    );
  }
}

export async function createTag(
  caller: Caller,
  input: { name: string; color?: string | null },
): Promise<Tag> {
  const name = checkTagName(input.name);
  const color = input.color == null ? undefined : checkColor(input.color);
  const workspaceId = caller.viewer.workspaceId;
  return caller.deps.dataSource.transaction(async (manager) => {
    await lockCatalog(manager, workspaceId);
    await assertTagNameFree(manager, workspaceId, name);
    const repository = manager.getRepository(Tag);
    return repository.save(repository.create({ workspaceId, name, ...(color ? { color } : {}) }));
  });
}

export async function updateTag(
  caller: Caller,
  input: { tagId: string; name?: string | null; color?: string | null },
): Promise<Tag> {
  const found = await ownedRow(caller, Tag, input.tagId);
  const name = input.name == null ? null : checkTagName(input.name);
  const color = input.color == null ? null : checkColor(input.color);
  const workspaceId = caller.viewer.workspaceId;
  return caller.deps.dataSource.transaction(async (manager) => {
    await lockCatalog(manager, workspaceId);
    const tag = await manager.getRepository(Tag).findOneByOrFail({ id: found.id });
    if (name !== null) {
      await assertTagNameFree(manager, workspaceId, name, tag.id);
      tag.name = name;
    }
    if (color !== null) tag.color = color;
    return manager.getRepository(Tag).save(tag);
  });
}

/** Deletes a tag; it comes off every customer (the links cascade). */
export async function deleteTag(caller: Caller, tagId: string): Promise<string> {
  const tag = await ownedRow(caller, Tag, tagId);
  await caller.deps.dataSource
    .getRepository(Tag)
    .delete({ id: tag.id, workspaceId: caller.viewer.workspaceId });
  return tag.globalId;
}
