import { type EntityManager } from 'typeorm';
import { Tag } from '../../entities/tag.entity';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { inTransaction } from '../unit-of-work';
import { changesOf, recordAudit } from '../audit/audit.service';
import { AuditAction } from '../../entities/audit-entry.entity';

/** What the audit log shows of a tag. */
const AUDITED = ['name', 'color'] as const;
import { invalid, lockCatalog } from '../custom-field/custom-field.service';
import { shown } from '../text-limits';

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
    throw invalid(`"${shown(color)}" is not a colour as #rrggbb, e.g. #22c55e.`, 'color');
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
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    const { manager } = uow;
    await lockCatalog(manager, workspaceId);
    await assertTagNameFree(manager, workspaceId, name);
    const repository = manager.getRepository(Tag);
    const tag = await repository.save(repository.create({ workspaceId, name, ...(color ? { color } : {}) }));
    const changes = changesOf(null, tag, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.TAG_CREATED,
      targetType: 'Tag',
      targetId: tag.id,
      changes,
    });
    return tag;
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
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    const { manager } = uow;
    await lockCatalog(manager, workspaceId);
    const tag = await manager.getRepository(Tag).findOneByOrFail({ id: found.id });
    const before = { ...tag };
    if (name !== null) {
      await assertTagNameFree(manager, workspaceId, name, tag.id);
      tag.name = name;
    }
    if (color !== null) tag.color = color;
    const saved = await manager.getRepository(Tag).save(tag);
    const changes = changesOf(before, saved, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.TAG_UPDATED,
      targetType: 'Tag',
      targetId: tag.id,
      changes,
    });
    return saved;
  });
}

/** Deletes a tag; it comes off every customer (the links cascade). */
export async function deleteTag(caller: Caller, tagId: string): Promise<string> {
  const tag = await ownedRow(caller, Tag, tagId);
  await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    await uow.manager.getRepository(Tag).delete({ id: tag.id, workspaceId: caller.viewer.workspaceId });
    const changes = changesOf(tag, null, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.TAG_DELETED,
      targetType: 'Tag',
      targetId: tag.id,
      changes,
    });
  });
  return tag.globalId;
}
